// Composition root: builds MLPrep's services and registers everything. Nothing else lives here.
import * as vscode from 'vscode';
import { Commands } from './commands';

export interface MLPrepApi {
  /** Wall time spent in activate(), for tests and the log. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): MLPrepApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('MLPrep', { log: true });
  context.subscriptions.push(log);

  const problemsView = vscode.window.createTreeView('mlprep.problems', {
    treeDataProvider: { getChildren: () => [], getTreeItem: (e: vscode.TreeItem) => e },
    showCollapseAll: true,
  });
  context.subscriptions.push(
    problemsView,
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.commands.registerCommand(Commands.refresh, () => log.info('reload requested')),
  );

  const activationMs = performance.now() - t0;
  log.info(`MLPrep ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
