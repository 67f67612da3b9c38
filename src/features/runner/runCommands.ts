// "Run Hidden Tests" (palette, tree, editor title) and the run on save. Both only ask the pipeline
// for a run; what a save does depends on mlprep.runOnSave and on why the file was saved.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { saveRunsTests } from '../../core/settings';
import { readSettings } from '../../adapters/settings';
import type { CatalogService } from '../catalogService';
import { problemIdOf, solutionUriFor } from '../scaffold/practiceFolder';
import type { HiddenTestController } from './testController';
import type { RunOutcome, RunPipeline } from './runPipeline';

/**
 * Registers the Run command (resolves with the run's outcome, or undefined when no run could be
 * asked for) and the save handlers.
 */
export function registerRunCommands(catalog: CatalogService, pipeline: RunPipeline, tests: HiddenTestController): vscode.Disposable[] {
  const runTests = async (arg?: unknown): Promise<RunOutcome | undefined> => {
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
    return pipeline.request(problem, 'command', { solution });
  };

  // Why each document is being saved: VS Code tells onWillSave (Manual vs AfterDelay/FocusOut/
  // WindowChange), not onDidSave. Explicit saves are Manual, as format-on-save uses them.
  const saveReasons = new Map<string, vscode.TextDocumentSaveReason>();

  return [
    vscode.commands.registerCommand(Commands.runTests, runTests),
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (problemIdOf(e.document.uri)) saveReasons.set(e.document.uri.toString(), e.reason);
    }),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      const key = doc.uri.toString();
      const reason = saveReasons.get(key);
      saveReasons.delete(key);
      const id = problemIdOf(doc.uri);
      if (!id || pipeline.madeThisSave(doc)) return;
      // A save whose reason we never heard counts as explicit (an extension or API save).
      const explicit = reason === undefined || reason === vscode.TextDocumentSaveReason.Manual;
      const continuous = tests.continuousFor(id);
      if (!continuous && !saveRunsTests(readSettings(doc.uri).runOnSave, explicit)) return;
      const problem = await catalog.problem(id);
      if (!problem) return;
      await pipeline.request(problem, explicit ? (continuous ? 'continuous' : 'save') : 'autosave', {
        solution: doc.uri,
        ...(continuous ? { explorer: { request: continuous } } : {}),
      });
    }),
  ];
}
