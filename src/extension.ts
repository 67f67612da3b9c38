// Composition root: builds MLPrep's services and registers everything. Nothing else lives here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './commands';
import { GlobalStateProgressStore, PROGRESS_KEY } from './adapters/progressStore';
import { PythonWorkerPool } from './adapters/pythonWorkerPool';
import { readSettings } from './adapters/settings';
import { CatalogService } from './features/catalogService';
import { registerDashboard } from './features/dashboard';
import { registerDesignSessions } from './features/designSession';
import { registerEnvironmentCommands } from './features/environment/environmentCommands';
import { PLAN_KEY, PlanStore, registerPlanCommands } from './features/plan/planStore';
import { registerProgressCommands } from './features/progressCommands';
import { ProblemTimer } from './features/runner/problemTimer';
import { ResultViews } from './features/runner/resultViews';
import { HiddenTestController } from './features/runner/testController';
import { TestRunService } from './features/runner/testRunService';
import { problemIdOf, solutionUriFor } from './features/scaffold/practiceFolder';
import { CONTENT_SCHEME, ProblemContentProvider, registerScaffoldCommands, resumePendingStart } from './features/scaffold/scaffoldCommands';
import { ProblemTreeProvider } from './features/tree/problemTree';
import { registerViewCommands } from './features/tree/viewCommands';

export interface MLPrepApi {
  /** Wall time spent in activate(), for tests and the log. */
  readonly activationMs: number;
  /** Services, for the integration tests. */
  readonly services: {
    catalog: CatalogService;
    progress: GlobalStateProgressStore;
    runner: TestRunService;
    tree: ProblemTreeProvider;
    tests: HiddenTestController;
    results: ResultViews;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<MLPrepApi> {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('MLPrep', { log: true });
  context.subscriptions.push(log);

  const progress = await GlobalStateProgressStore.open(context, (level, message, file) => {
    log[level === 'info' ? 'info' : 'warn'](`${message}${file ? ` Backup: ${file.fsPath}` : ''}`);
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(message, ...(file ? ['Open Backup'] : [])).then((a) => {
      if (a && file) void vscode.window.showTextDocument(file);
    });
  });
  // Progress and the study plan follow the user to other machines through Settings Sync.
  context.globalState.setKeysForSync([PROGRESS_KEY, PLAN_KEY]);
  const plans = new PlanStore(context.globalState);
  const catalog = new CatalogService(path.join(context.extensionPath, 'problems'), log);
  // The worker starts on the first run, not here: activation loads no Python.
  const pool = new PythonWorkerPool({ harnessPath: path.join(context.extensionPath, 'dist', 'python', 'mlprep_harness.py'), log: (m) => log.debug(m) });
  const runner = new TestRunService(pool, progress, log);
  const results = new ResultViews(runner);
  const tests = new HiddenTestController(catalog, runner);
  const tree = new ProblemTreeProvider(catalog, progress, context.globalState, plans);
  const problemsView = vscode.window.createTreeView('mlprep.problems', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(problemsView);
  context.subscriptions.push(progress, plans, catalog, runner, results, tests, tree, problemsView, { dispose: () => void pool.dispose() });
  context.subscriptions.push(new ProblemTimer(catalog, progress));

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
      void vscode.window.showInformationMessage(`MLPrep: “${problem.title}” is not started yet.`, 'Start Problem').then((a) => a && vscode.commands.executeCommand(Commands.startProblem, problem.id));
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

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CONTENT_SCHEME, new ProblemContentProvider(catalog)),
    ...registerScaffoldCommands({ catalog, progress, globalState: context.globalState, log, onStarted: (p, uri) => void tests.itemFor(p, uri) }),
    ...registerViewCommands(tree, catalog),
    ...registerProgressCommands(progress),
    ...registerPlanCommands(plans),
    ...registerEnvironmentCommands(context.extensionPath),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.commands.registerCommand(Commands.showTestOutput, () => results.output.show(true)),
    vscode.commands.registerCommand(Commands.refresh, () => catalog.reload()),
    vscode.commands.registerCommand(Commands.runTests, runTests),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      const id = problemIdOf(doc.uri);
      if (!id || !readSettings(doc.uri).runOnSave) return;
      const problem = await catalog.problem(id);
      if (!problem) return;
      await tests.itemFor(problem, doc.uri);
      await runner.run(problem, doc.uri);
    }),
  );
  registerDesignSessions(context, { log, catalog: () => catalog.get(), progress });
  registerDashboard(context, { catalog, progress, log });
  void resumePendingStart(context.globalState);

  const activationMs = performance.now() - t0;
  log.info(`MLPrep ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, services: { catalog, progress, runner, tree, tests, results } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
