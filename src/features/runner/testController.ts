// Test Explorer: one item per scaffolded problem, one child per hidden test. Every run, whoever asked
// for it, is shown from the pipeline's events: started, each streamed test, the one outcome.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodingProblem } from '../../core/catalog/types';
import { diffTitle, testNamesIn, truncationNote } from '../../core/runner/presentReport';
import type { TestResult } from '../../core/runner/report';
import type { CatalogService } from '../catalogService';
import type { OutcomeKind } from '../../core/runner/runOutcome';
import type { RunOutcome, RunPipeline, RunStart, RunTestEvent } from './runPipeline';
import { solutionUriFor } from '../scaffold/practiceFolder';

export class HiddenTestController implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('mlprep', 'MLPrep hidden tests');
  private readonly disposables: vscode.Disposable[] = [this.controller];
  /** TestRuns of runs in progress, by pipeline run seq; `own` = created here (so ended here). */
  private readonly live = new Map<number, LiveRun>();
  /** Continuous runs: the Test Explorer request to file each save's run under, per problem ('*' = all). */
  private readonly continuous = new Map<string, vscode.TestRunRequest>();
  private readonly published = new vscode.EventEmitter<PublishedResults>();
  /** What was reported to the Test Explorer for a run (tests observe the real TestRun calls through it). */
  readonly onDidPublish = this.published.event;

  constructor(
    private readonly catalog: CatalogService,
    private readonly pipeline: RunPipeline,
  ) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = () => this.discover();
    const profile = this.controller.createRunProfile('Run hidden tests', vscode.TestRunProfileKind.Run, (req, token) => this.runFromExplorer(req, token), true);
    profile.supportsContinuousRun = true;
    // Every run, whoever asked for it, is shown from the pipeline's events: one path, no echo.
    this.disposables.push(
      pipeline.onDidStart((s) => void this.started(s)),
      pipeline.onDidTest((t) => this.tested(t)),
      pipeline.onDidFinish((o) => this.finished(o)),
    );
  }

  /** Items for every scaffolded problem in the workspace's practice folders. */
  async discover(): Promise<void> {
    const catalog = await this.catalog.get();
    for (const problem of catalog.problems) {
      const uri = await solutionUriFor(problem.id, { mustExist: true });
      if (uri) await this.itemFor(problem, uri);
    }
  }

  async itemFor(problem: CodingProblem, solution: vscode.Uri): Promise<vscode.TestItem> {
    let item = this.controller.items.get(problem.id);
    if (!item || item.uri?.toString() !== solution.toString()) {
      item = this.controller.createTestItem(problem.id, problem.title, solution);
      item.description = `${problem.difficulty} · hidden tests`;
      this.controller.items.add(item);
    }
    if (item.children.size === 0) {
      const source = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(problem.files.testHidden))).toString('utf8');
      item.children.replace(testNamesIn(source).map((n) => this.child(item!, n)));
    }
    return item;
  }

  /** The continuous-run request a save of `problemId` belongs to, if the user turned continuous run on for it. */
  continuousFor(problemId: string): vscode.TestRunRequest | undefined {
    return this.continuous.get(problemId) ?? this.continuous.get('*');
  }

  private child(parent: vscode.TestItem, name: string): vscode.TestItem {
    const c = this.controller.createTestItem(`${parent.id}/${name}`, humanise(name), parent.uri);
    c.description = name;
    return c;
  }

  private roots(request: vscode.TestRunRequest): Map<string, vscode.TestItem> {
    const roots = new Map<string, vscode.TestItem>();
    const include = request.include ?? [...gather(this.controller.items)];
    for (const it of include) {
      const root = it.parent ?? it;
      if (!request.exclude?.includes(root)) roots.set(root.id, root);
    }
    return roots;
  }

  private async runFromExplorer(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    if (request.continuous) {
      // Continuous run: each later save of these problems runs them (see runCommands), until stopped.
      const ids = request.include ? [...this.roots(request).keys()] : ['*'];
      for (const id of ids) this.continuous.set(id, request);
      await new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()));
      for (const id of ids) if (this.continuous.get(id) === request) this.continuous.delete(id);
      return;
    }
    const run = this.controller.createTestRun(request, 'MLPrep hidden tests', true);
    try {
      // Problems queue in the pipeline; each publishes into this one TestRun as it finishes.
      await Promise.all([...this.roots(request).values()].map(async (root) => {
        const problem = await this.catalog.problem(root.id);
        const outcome = problem && root.uri ? await this.pipeline.request(problem, 'explorer', { solution: root.uri, token, explorer: { run } }) : undefined;
        if (!outcome) {
          run.skipped(root);
          root.children.forEach((c) => run.skipped(c));
        }
      }));
    } finally {
      run.end();
    }
  }

  private async started(s: RunStart): Promise<void> {
    // Registered before the await below: streamed tests and the outcome that arrive while the item
    // is resolved (the first run reads the test file) wait in `early` / `finishedEarly`.
    const entry: LiveRun = { own: !(s.explorer && 'run' in s.explorer), seen: new Set<string>() };
    this.live.set(s.seq, entry);
    const root = await this.itemFor(s.problem, s.solution);
    const run = s.explorer && 'run' in s.explorer ? s.explorer.run
      : this.controller.createTestRun(s.explorer && 'request' in s.explorer ? s.explorer.request : new vscode.TestRunRequest([root]), `${s.problem.title} (${s.reason})`, true);
    entry.root = root;
    entry.run = run;
    run.started(root);
    root.children.forEach((c) => run.started(c));
    for (const t of this.early.get(s.seq) ?? []) this.tested(t);
    this.early.delete(s.seq);
    const o = this.finishedEarly.get(s.seq);
    if (o) {
      this.finishedEarly.delete(s.seq);
      this.finished(o);
    }
  }

  /** Events that arrived while the item was being resolved (the first run reads the test file). */
  private readonly early = new Map<number, RunTestEvent[]>();
  private readonly finishedEarly = new Map<number, RunOutcome>();

  private tested(t: RunTestEvent): void {
    const e = this.live.get(t.seq);
    if (!e) return;
    if (!e.root || !e.run) {
      this.early.set(t.seq, [...(this.early.get(t.seq) ?? []), t]);
      return;
    }
    const child = this.childFor(e.root, t.test.name);
    e.seen.add(child.id);
    const solution = e.root.uri!;
    this.publishTest(e.run, child, t.test, solution, new vscode.Location(solution, new vscode.Position(0, 0)));
  }

  private finished(o: RunOutcome): void {
    const e = this.live.get(o.seq);
    if (!e) return; // never started (superseded while queued)
    if (!e.root || !e.run) {
      this.finishedEarly.set(o.seq, o);
      return;
    }
    this.live.delete(o.seq);
    try {
      this.publish(e.run, e.root, o);
    } finally {
      if (e.own) e.run.end();
    }
  }

  private childFor(root: vscode.TestItem, name: string): vscode.TestItem {
    let child = root.children.get(`${root.id}/${name}`);
    if (!child) {
      child = this.child(root, name);
      root.children.add(child);
    }
    return child;
  }

  private publish(run: vscode.TestRun, root: vscode.TestItem, o: RunOutcome): void {
    const { report, solution } = o;
    const entryLoc = new vscode.Location(solution, new vscode.Position(Math.max(0, (o.entryLine ?? 1) - 1), 0));
    const seen = new Set<string>();
    const results: PublishedResults = { problemId: root.id, passed: [], failed: [], errored: [], skipped: [], kind: o.summary.kind };
    if (o.summary.kind === 'cancelled') {
      root.children.forEach((c) => run.skipped(c));
      run.skipped(root);
      results.skipped.push(root.id);
      this.published.fire(results);
      return;
    }
    for (const t of report?.tests ?? []) {
      const child = this.childFor(root, t.name);
      seen.add(child.id);
      // The final report is the source of truth: it re-states (and locates) what streamed live.
      this.publishTest(run, child, t, solution, entryLoc);
      (t.status === 'passed' ? results.passed : t.status === 'failed' ? results.failed : t.status === 'skipped' ? results.skipped : results.errored).push(t.name);
    }
    const k = o.summary.kind;
    if (k === 'passed') run.passed(root, o.wallMs);
    else if (k === 'failed') run.failed(root, new vscode.TestMessage(`${o.summary.headline} (${o.problem.title})${o.summary.detail ? `\n\n${o.summary.detail}` : ''}`), o.wallMs);
    else {
      const error = report && report.status !== 'ok' ? report.error : undefined;
      const note = report && truncationNote(report);
      const text = error
        ? `${k === 'timed-out' ? `${o.summary.headline}\n\n` : ''}${error.message}${error.installCommand ? `\n\nInstall with: ${error.installCommand}` : ''}${note ? `\n\n${note}` : ''}`
        : `${o.summary.headline}: ${o.summary.detail}`;
      const msg = new vscode.TestMessage(text);
      msg.location = error?.location && samePath(error.location.file, solution.fsPath)
        ? new vscode.Location(solution, new vscode.Position(error.location.line - 1, Math.max(0, error.location.column - 1)))
        : entryLoc;
      root.children.forEach((c) => { if (!seen.has(c.id)) run.errored(c, msg); });
      run.errored(root, msg, o.wallMs);
      results.errored.push(root.id);
    }
    this.published.fire(results);
  }

  private publishTest(run: vscode.TestRun, item: vscode.TestItem, t: TestResult, solution: vscode.Uri, entryLoc: vscode.Location): void {
    const loc = t.location && samePath(t.location.file, solution.fsPath)
      ? new vscode.Location(solution, new vscode.Position(t.location.line - 1, Math.max(0, t.location.column - 1)))
      : entryLoc;
    const message = () => {
      const m = t.expected !== undefined && t.actual !== undefined
        ? vscode.TestMessage.diff(diffTitle(t.message) || 'values differ', t.expected, t.actual)
        : new vscode.TestMessage(t.message || t.status);
      m.location = loc;
      return m;
    };
    switch (t.status) {
      case 'passed': run.passed(item, t.durationMs); break;
      case 'failed': run.failed(item, message(), t.durationMs); break;
      case 'error': run.errored(item, message(), t.durationMs); break;
      case 'timeout': {
        const m = new vscode.TestMessage(t.message || 'timed out');
        m.location = loc;
        run.errored(item, m, t.durationMs);
        break;
      }
      case 'skipped': run.skipped(item); break;
    }
  }

  dispose(): void {
    this.published.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

interface LiveRun {
  run?: vscode.TestRun;
  root?: vscode.TestItem;
  /** Created for this run (so ended here), not the Test Explorer profile's own TestRun. */
  own: boolean;
  seen: Set<string>;
}

export interface PublishedResults {
  problemId: string;
  kind: OutcomeKind;
  passed: string[];
  failed: string[];
  errored: string[];
  skipped: string[];
}

function* gather(items: vscode.TestItemCollection): Iterable<vscode.TestItem> {
  const all: vscode.TestItem[] = [];
  items.forEach((i) => all.push(i));
  yield* all;
}

function humanise(testName: string): string {
  const s = testName.replace(/^test_/, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function samePath(a: string, b: string): boolean {
  const n = (p: string) => path.normalize(p).replace(/^([a-z]):/i, (_, d: string) => `${d.toLowerCase()}:`);
  return n(a) === n(b);
}
