// "Run Hidden Tests" (palette, tree, editor title) and the run on save.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { readSettings } from '../../adapters/settings';
import type { CatalogService } from '../catalogService';
import { problemIdOf, solutionUriFor } from '../scaffold/practiceFolder';
import type { HiddenTestController } from './testController';
import type { TestRunService } from './testRunService';

export function registerRunCommands(catalog: CatalogService, runner: TestRunService, tests: HiddenTestController): vscode.Disposable[] {
  const runTests = async (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const id = typeof arg === 'string' ? arg : (arg as { entry?: { id: string } } | undefined)?.entry?.id ?? (uri && problemIdOf(uri));
    const problem = id ? await catalog.problem(id) : undefined;
    if (!problem) {
      void vscode.window.showInformationMessage('MLPrep: open a problem’s solution.py (or pick a problem in the Problems view) to run its hidden tests.');
      return undefined;
    }
    const solution = (uri && problemIdOf(uri) === problem.id ? uri : undefined) ?? (await solutionUriFor(problem.id, { mustExist: true }));
    if (!solution) {
      void vscode.window.showInformationMessage(`MLPrep: “${problem.title}” is not started yet.`, 'Start Problem').then((a) => {
        if (a) void vscode.commands.executeCommand(Commands.startProblem, problem.id);
      });
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === solution.toString());
    if (doc?.isDirty) {
      await doc.save();
      if (readSettings(solution).runOnSave) return undefined; // the save runs them
    }
    await tests.itemFor(problem, solution);
    return runner.run(problem, solution);
  };

  return [
    vscode.commands.registerCommand(Commands.runTests, runTests),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      const id = problemIdOf(doc.uri);
      if (!id || !readSettings(doc.uri).runOnSave) return;
      const problem = await catalog.problem(id);
      if (!problem) return;
      await tests.itemFor(problem, doc.uri);
      await runner.run(problem, doc.uri);
    }),
  ];
}
