// `MLPrep: Start Design Session` — with a prompt id (tree item, link) or a quick pick of the prompts.
import * as vscode from 'vscode';
import type { DesignPrompt } from '../../core/catalog/types';
import type { ProgressStore } from '../../adapters/progressStore';
import type { DesignPanel } from './designPanel';
import type { DesignSessionManager } from './sessionManager';

/** A prompt id from the command's argument: a string, or a tree element carrying one. */
function idFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { id?: unknown; entry?: { id?: unknown } };
    if (typeof o.entry?.id === 'string') return o.entry.id;
    if (typeof o.id === 'string') return o.id;
  }
  return undefined;
}

export async function startDesignSession(
  manager: DesignSessionManager,
  deps: { catalog: () => Promise<{ designPrompts: DesignPrompt[] }>; progress: ProgressStore },
  arg?: unknown,
): Promise<DesignPanel | undefined> {
  const prompts = (await deps.catalog()).designPrompts;
  const id = idFrom(arg);
  let prompt = id ? prompts.find((p) => p.id === id) : undefined;
  if (id && !prompt) {
    void vscode.window.showWarningMessage(`MLPrep: there is no design prompt "${id}".`);
    return undefined;
  }
  if (!prompt) {
    if (!prompts.length) {
      void vscode.window.showInformationMessage('MLPrep: no system-design prompts are loaded.');
      return undefined;
    }
    const progress = deps.progress.get().problems;
    const picked = await vscode.window.showQuickPick(
      prompts.map((p) => {
        const best = progress[p.id]?.bestScore;
        return {
          label: p.title,
          description: `${p.difficulty} · ${p.minutes} min${best !== undefined ? ` · best ${best.toFixed(1)}/4` : ''}`,
          detail: p.companies.length ? `Asked at ${p.companies.join(', ')}` : undefined,
          prompt: p,
        };
      }),
      { title: 'Start Design Session', placeHolder: 'Pick a system-design prompt', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
    );
    prompt = picked?.prompt;
  }
  return prompt ? manager.open(prompt) : undefined;
}
