// The timed ML system-design whiteboard: commands, the panel serializer, and (under tests only)
// a hook that drives a panel through its real message path.
import * as vscode from 'vscode';
import { Commands, TestCommands } from '../../commands';
import type { DesignPrompt } from '../../core/catalog/types';
import { DESIGN_VIEW_TYPE } from '../../core/design/protocol';
import type { ProgressStore } from '../../adapters/progressStore';
import type { DesignCompletion } from './designPanel';
import { DesignSessionManager, type DesignPhaseChange } from './sessionManager';
import { askInterviewer } from './askInterviewer';
import { registerDesignTestHooks } from './testHooks';
import { startDesignSession } from './startDesignSession';

export interface DesignSessionDeps {
  log: vscode.LogOutputChannel;
  catalog: () => Promise<{ designPrompts: DesignPrompt[] }>;
  progress: ProgressStore;
}

/** Design sessions as the mock interview uses them. */
export interface DesignSessions {
  /**
   * The mock's design round: the session in `sessionDir` when given and still there (reopened
   * with its clock as saved, also after its tab was closed or a reload), else a fresh session of
   * the prompt, clock started, 45 or 60 minutes (nearest to `minutes`). Resolves to the session
   * folder, for the mock to keep; undefined if none could be opened.
   */
  startForMock(promptId: string, minutes: number, sessionDir?: string): Promise<string | undefined>;
  readonly onDidComplete: vscode.Event<DesignCompletion>;
  /** A session's phase changed: Finish (→ 'assessing': its clock stopped), Back to the board (→ 'working'), recorded (→ 'done'). */
  readonly onDidChangePhase: vscode.Event<DesignPhaseChange>;
}

export function registerDesignSessions(context: vscode.ExtensionContext, deps: DesignSessionDeps): DesignSessions {
  const manager = new DesignSessionManager({ ...deps, extensionUri: context.extensionUri });
  const onActive = (action: 'next' | 'previous' | 'toggle') => () => {
    const panel = manager.active();
    if (panel) panel.act({ type: 'timer', action });
    else void vscode.window.showInformationMessage('MLPrep: no design session is open.');
  };
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(DESIGN_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
    // Resolves to the session folder (plain data: command results may be serialised).
    vscode.commands.registerCommand(Commands.startDesignSession, async (arg?: unknown) => {
      const panel = await startDesignSession(manager, deps, arg);
      return panel ? { sessionDir: panel.sessionDir } : undefined;
    }),
    vscode.commands.registerCommand(Commands.designNextSection, onActive('next')),
    vscode.commands.registerCommand(Commands.designPreviousSection, onActive('previous')),
    vscode.commands.registerCommand(Commands.designTogglePause, onActive('toggle')),
    vscode.commands.registerCommand(Commands.designResumeClock, onActive('toggle')),
    // Resolves to { fact, question, answer } (plain data) or undefined.
    vscode.commands.registerCommand(Commands.designAskInterviewer, () => askInterviewer(manager.active())),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerDesignTestHooks(TestCommands.designTestHooks, manager, context.extensionUri));
  }
  return {
    async startForMock(promptId, minutes, sessionDir) {
      const prompt = (await deps.catalog()).designPrompts.find((p) => p.id === promptId);
      if (!prompt) throw new Error(`no design prompt "${promptId}"`);
      if (sessionDir) {
        const own = await manager.reopen(prompt, sessionDir);
        if (own) {
          own.reveal();
          return own.sessionDir;
        }
      }
      // A mock saved before it kept its folder: its round may still be open.
      const open = !sessionDir && manager.all().find((p) => p.prompt.id === promptId && p.store.session.phase !== 'done');
      if (open) {
        open.reveal();
        return open.sessionDir;
      }
      return (await manager.openFresh(prompt, minutes > 52 ? 60 : 45))?.sessionDir;
    },
    onDidComplete: manager.onDidComplete,
    onDidChangePhase: manager.onDidChangePhase,
  };
}
