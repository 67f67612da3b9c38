// Composition root: builds MLPrep's services and registers everything. Nothing else lives here.
import { partCount } from './core/catalog/types';
import { unlockedParts } from './core/progress/progress';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './commands';
import { EventProgressStore, PROGRESS_KEY } from './adapters/progressStore';
import { PythonWorkerPool } from './adapters/pythonWorkerPool';
import { DiskPackSnapshots } from './adapters/packSnapshotFiles';
import { CatalogService } from './features/catalogService';
import { registerDashboard } from './features/dashboard';
import { registerDesignSessions } from './features/designSession';
import { registerEnvironmentCommands } from './features/environment/environmentCommands';
import { registerRestrictedModeNotice } from './features/environment/restrictedMode';
import { PLAN_KEY, PlanStore, registerPlanCommands } from './features/plan/planStore';
import { registerProgressCommands } from './features/progressCommands';
import { MockInterviewService, registerMockCommands } from './features/mock/mockInterview';
import { FullLoopService, registerFullLoopCommands } from './features/loop/fullLoop';
import { ProblemTimer } from './features/runner/problemTimer';
import { registerRunCommands } from './features/runner/runCommands';
import { ResultViews } from './features/runner/resultViews';
import { HiddenTestController } from './features/runner/testController';
import { RunPipeline } from './features/runner/runPipeline';
import { WorkerStatus } from './features/runner/workerStatus';
import { CONTENT_SCHEME, ProblemContentProvider, registerScaffoldCommands, resumePendingStart } from './features/scaffold/scaffoldCommands';
import { ModuleCheck } from './features/scaffold/moduleCheck';
import { ProblemTreeProvider } from './features/tree/problemTree';
import { PracticeFrameworks } from './features/scaffold/practiceFrameworks';
import { registerTheory } from './features/theory';
import { TheoryService } from './features/theory/theoryService';
import { registerStories } from './features/stories';
import { StoryService } from './features/stories/storyService';
import { currentPlanSummary } from './features/plan/planInputs';
import { registerViewCommands } from './features/tree/viewCommands';
import { TrustGate } from './services/trustGate';
import { MissingModuleNotices } from './core/runner/missingNotices';
import { WalkthroughContext } from './features/walkthrough/walkthroughContext';

export interface MLPrepApi {
  /** Wall time spent in activate(), for tests and the log. */
  readonly activationMs: number;
  /** Services, for the integration tests. */
  readonly services: {
    catalog: CatalogService;
    progress: EventProgressStore;
    runner: RunPipeline;
    worker: WorkerStatus;
    pool: PythonWorkerPool;
    tree: ProblemTreeProvider;
    tests: HiddenTestController;
    results: ResultViews;
    mock: MockInterviewService;
    loop: FullLoopService;
    gate: TrustGate;
    moduleCheck: ModuleCheck;
    walkthrough: WalkthroughContext;
    timer: ProblemTimer;
    theory: TheoryService;
    stories: StoryService;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<MLPrepApi> {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('MLPrep', { log: true });
  context.subscriptions.push(log);

  const progress = await EventProgressStore.open(context, (level, message, file) => {
    log[level === 'info' ? 'info' : 'warn'](`${message}${file ? ` Backup: ${file.fsPath}` : ''}`);
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(message, ...(file ? ['Open Backup'] : [])).then((a) => {
      if (a && file) void vscode.window.showTextDocument(file);
    });
  });
  const progressMs = performance.now() - t0;
  // Progress and the study plan follow the user to other machines through Settings Sync.
  context.globalState.setKeysForSync([PROGRESS_KEY, PLAN_KEY]);
  const plans = new PlanStore(context.globalState);
  // The one trust gate: everything that starts Python or reads a workspace-chosen interpreter or pack asks it.
  const gate = new TrustGate((m) => log.info(m));
  context.subscriptions.push(gate);
  // Saved loads of the packs: the built-in one's shipped in dist/snapshots (sizes compared in an
  // installed extension, times too in a checkout), the others saved in global storage.
  const snapshots = new DiskPackSnapshots({
    cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'pack-snapshots').fsPath,
    shipped: { packDir: path.join(context.extensionPath, 'problems'), snapshotDir: path.join(context.extensionPath, 'dist', 'snapshots'), times: context.extensionMode !== vscode.ExtensionMode.Production },
    buildFile: path.join(context.extensionPath, 'dist', 'extension.js'),
    log,
  });
  const catalog = new CatalogService(path.join(context.extensionPath, 'problems'), log, gate, snapshots);
  // The worker starts on the first run, not here: activation loads no Python.
  const pool = new PythonWorkerPool({ harnessPath: path.join(context.extensionPath, 'dist', 'python', 'mlprep_harness.py'), log: (m) => log.debug(m) });
  const runner = new RunPipeline(pool, progress, gate, log, vscode.Uri.joinPath(context.globalStorageUri, 'timing-cache').fsPath);
  const missingNotices = new MissingModuleNotices();
  // Closures: the tree and the mock are built below; the solved notification runs only later.
  const theory = new TheoryService(catalog, progress, log);
  const results = new ResultViews(runner, catalog, progress, gate, missingNotices, {
    nextInDrill: (id) => tree.nextInDrill(id), assistanceHidden: () => assistanceHidden(),
    relatedTheory: async (id) => (await theory.related(id)).map((c) => c.id),
    cardQuestions: async (ids) => Promise.all(ids.map(async (id) => (await theory.card(id))?.question ?? id)),
  }, context.workspaceState);
  const tests = new HiddenTestController(catalog, runner, (p) => unlockedParts(progress.get().problems[p.id], partCount(p)));
  const worker = new WorkerStatus(pool, runner, gate, log);
  const tree = new ProblemTreeProvider(catalog, progress, context.globalState, plans);
  const problemsView = vscode.window.createTreeView('mlprep.problems', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(problemsView);
  tree.setTheory(theory);
  const practiceFrameworks = new PracticeFrameworks(catalog);
  tree.setFrameworks(practiceFrameworks);
  context.subscriptions.push(practiceFrameworks);
  context.subscriptions.push(...registerRestrictedModeNotice(gate, tree));
  context.subscriptions.push(theory, progress, plans, catalog, runner, results, tests, worker, tree, problemsView, { dispose: () => void pool.dispose() });
  const walkthrough = new WalkthroughContext(progress, `${context.extension.id}#gettingStarted`, (m) => log.info(m));
  context.subscriptions.push(walkthrough);

  const design = registerDesignSessions(context, { log, catalog: () => catalog.get(), progress });
  const mock = new MockInterviewService(context.globalState, catalog, progress, runner, design, gate);
  const stories = new StoryService(catalog, theory, progress, log);
  // The full-loop mock: its card rounds open in the theory panel, registered below.
  const loop = new FullLoopService({
    state: context.globalState, workspaceState: context.workspaceState, catalog, progress, runner, design, theory, stories, log, gate,
    cards: () => theoryUi, mockRunning: () => mock.hidesAssistance(),
  });
  mock.busy = () => (loop.hidesAssistance() ? 'A full-loop mock is running.' : undefined);
  const assistanceHidden = () => mock.hidesAssistance() || loop.hidesAssistance();
  const assistanceChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(loop, assistanceChanged, mock.onDidChange(() => assistanceChanged.fire()), loop.onDidChange(() => assistanceChanged.fire()));
  const contentProvider = new ProblemContentProvider(catalog, assistanceHidden, assistanceChanged.event, progress);
  // One clock during a mock or a full loop: the problem's own timer hides for their problem.
  const timer = new ProblemTimer(catalog, progress, () => (mock.hidesAssistance() ? mock.current()?.codingId : loop.codingProblem()), assistanceChanged.event);
  const moduleCheck = new ModuleCheck(path.join(context.extensionPath, 'dist', 'python', 'mlprep_harness.py'), gate, missingNotices);
  mock.missingModules = (modules) => moduleCheck.missing(modules);
  context.subscriptions.push(
    mock,
    timer,
    contentProvider,
    vscode.workspace.registerTextDocumentContentProvider(CONTENT_SCHEME, contentProvider),
    moduleCheck,
    ...registerScaffoldCommands({ catalog, progress, globalState: context.globalState, log, onStarted: (p, uri) => void tests.itemFor(p, uri), assistanceHidden,
      onReset: (p) => {
        // The status bar and the Test Explorer described the code just replaced: forget it.
        runner.clearOutcomes((o) => o.problem.id === p.id);
        void results.forget(p.id);
        const item = tests.controller.items.get(p.id);
        if (item) tests.controller.invalidateTestResults(item);
      }, checkModules: (p, uri, framework) => moduleCheck.check(p, uri, framework), startedFramework: (id) => practiceFrameworks.get(id) }),
    ...registerRunCommands(catalog, runner, tests),
    ...registerMockCommands(mock),
    ...registerFullLoopCommands(loop),
    ...registerViewCommands(tree, catalog, problemsView),
    ...registerProgressCommands(progress, vscode.Uri.joinPath(context.globalStorageUri, 'progress', 'backups')),
    ...registerPlanCommands(plans),
    ...registerEnvironmentCommands({ extensionPath: context.extensionPath, gate }),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.commands.registerCommand(Commands.showTestOutput, () => results.output.show(true)),
    vscode.commands.registerCommand(Commands.refresh, () => catalog.reload()),
  );
  context.subscriptions.push(stories, ...registerStories(stories, context.workspaceState, context.extensionMode === vscode.ExtensionMode.Test).disposables);
  tree.setStories(stories);
  registerDashboard(context, { catalog, progress, log, theory, stories, plan: { summary: () => currentPlanSummary(plans, progress, { theory, stories }), onDidChange: plans.onDidChange } });
  const theoryUi = registerTheory(context, { theory, catalog, log, round: () => (loop.cardRound.current() ? loop.cardRound : undefined) });
  void resumePendingStart(context.globalState);
  // Read the catalogue, the theory deck and the question bank once activation is done (files only, no Python), so
  // the Problems view (its Theory group and Today's drill), usually opened a moment later, has them ready instead of reading them
  // while the user waits.
  const warm = setTimeout(() => void catalog.get().then(() => theory.deck()).then(() => stories.bank()).catch((e: unknown) => log.warn(`warming the catalogue failed: ${String(e)}`)), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(warm) });

  const activationMs = performance.now() - t0;
  log.info(`MLPrep ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms (progress record read in ${progressMs.toFixed(1)} ms)`);
  return { activationMs, services: { catalog, progress, runner, tree, tests, results, mock, loop, gate, worker, pool, moduleCheck, walkthrough, timer, theory, stories } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
