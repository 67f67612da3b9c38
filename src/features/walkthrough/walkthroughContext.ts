// Sets the walkthrough's context keys (src/core/progress/walkthrough.ts) at activation and
// whenever progress, settings or the design folder change.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { WALKTHROUGH_KEYS, WALKTHROUGH_STEPS, walkthroughFacts, type WalkthroughFacts } from '../../core/progress/walkthrough';
import { readSettings } from '../../adapters/settings';
import type { ProgressStore } from '../../adapters/progressStore';
import { practiceRoot } from '../scaffold/practiceFolder';

export class WalkthroughContext implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** The facts last set (for tests). */
  facts: WalkthroughFacts | undefined;
  private pending: Promise<void> = Promise.resolve();
  /** Design session folders seen on disk; once one exists the step is done, so the folder is not read again. */
  private designFolders = 0;

  /**
   * `walkthroughId`: "<extension id>#<walkthrough id>", whose steps are ticked directly too.
   */
  constructor(private readonly progress: ProgressStore, private readonly walkthroughId: string, private readonly log?: (message: string) => void) {
    this.disposables.push(
      progress.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlprep')) void this.refresh();
      }),
      // A design panel (from the command, the tree or a mock) opens as a tab.
      vscode.window.tabGroups.onDidChangeTabs(() => {
        if (this.designFolders === 0) void this.refresh();
      }),
    );
    void this.refresh();
  }

  /** Recomputes and sets the keys; resolves once they are set. */
  refresh(): Promise<void> {
    this.pending = this.pending.then(async () => {
      const inspected = vscode.workspace.getConfiguration('mlprep').inspect<string>('pythonPath');
      const facts = walkthroughFacts(this.progress.get(), {
        pythonPath: [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue],
        designFolders: this.designFolders || (this.designFolders = await designFolderCount()),
      });
      for (const k of Object.keys(WALKTHROUGH_KEYS) as (keyof WalkthroughFacts)[]) {
        if (facts[k] === this.facts?.[k]) continue;
        await vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[k], facts[k]);
        // The workbench ignores an onContext completion event whose key was already true when it
        // registered the walkthrough (it registers lazily, often when the page opens), so the step
        // is also marked done directly. Internal command: if it is missing, the context keys remain.
        if (facts[k]) await Promise.resolve(vscode.commands.executeCommand('welcome.markStepComplete', `${this.walkthroughId}#${WALKTHROUGH_STEPS[k]}`)).catch(() => undefined);
      }
      if (JSON.stringify(facts) !== JSON.stringify(this.facts)) this.log?.(`walkthrough context: ${JSON.stringify(facts)}`);
      this.facts = facts;
    }).catch((e: unknown) => this.log?.(`walkthrough context not set: ${String(e)}`));
    return this.pending;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

async function designFolderCount(): Promise<number> {
  const root = practiceRoot();
  if (!root) return 0;
  const dir = path.join(root.uri.fsPath, ...readSettings(root.uri).practiceFolder.split('/'), 'design');
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).length;
}
