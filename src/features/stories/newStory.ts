// "MLPrep: New Behavioural Story": asks a title and the competencies, writes
// `<practice folder>/stories/<title-stem>.md` from the template and opens it. Writing a Markdown
// file the user asked for starts no process and reads no workspace-chosen interpreter or pack, so
// it is not behind the trust gate (src/services/trustGate.ts) and works in Restricted Mode too.
import * as vscode from 'vscode';
import { storyFileStem, storyTemplate } from '../../core/stories/storyFile';
import type { StoryService } from './storyService';

/** Arguments a caller (the dashboard, the rehearsal, tests) may pass to skip the prompts. */
export interface NewStoryArgs {
  title?: string;
  competencies?: string[];
}

export function parseNewStoryArgs(v: unknown): NewStoryArgs {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  return {
    title: typeof o.title === 'string' && o.title.trim() ? o.title.trim() : undefined,
    competencies: Array.isArray(o.competencies) ? o.competencies.filter((c): c is string => typeof c === 'string') : undefined,
  };
}

/** Creates a story; returns its file, or undefined when cancelled or there is no workspace folder. */
export async function newStory(stories: StoryService, args: NewStoryArgs = {}): Promise<vscode.Uri | undefined> {
  const dir = stories.storiesDir();
  if (!dir) {
    void vscode.window.showWarningMessage('MLPrep: open a folder first; stories are saved in its practice folder (stories/*.md).');
    return undefined;
  }
  const title = args.title ?? (await vscode.window.showInputBox({
    title: 'New Behavioural Story', prompt: 'A short title you will recognise, e.g. "Cut ranking latency before launch"',
    validateInput: (v) => (v.trim() ? undefined : 'Give the story a title'),
  }))?.trim();
  if (!title) return undefined;
  let competencies = args.competencies;
  if (!competencies) {
    const bank = await stories.bank();
    const picked = await vscode.window.showQuickPick(
      bank.competencies.map((c) => ({ label: c.title, description: c.id, detail: c.summary, id: c.id })),
      { title: 'Competencies this story shows (pick one to three)', canPickMany: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    competencies = picked.map((p) => p.id);
  }
  const stem = storyFileStem(title);
  let uri = vscode.Uri.joinPath(dir, `${stem}.md`);
  for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(dir, `${stem}-${n}.md`);
  await vscode.workspace.fs.createDirectory(dir);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(storyTemplate({ title, competencies })));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  // The caret on the Situation's hint line, ready to type.
  const at = doc.getText().split('\n').findIndex((l) => l.startsWith('## Situation'));
  if (at >= 0) editor.selection = new vscode.Selection(at + 1, 0, at + 1, 0);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
