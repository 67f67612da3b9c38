// Test Explorer: one item per scaffolded problem, one child per hidden test. Every run, whoever asked
// for it, is shown from the pipeline's events: started, each streamed test, the one outcome.
//
// Only hidden tests get a state. VS Code counts every item whose own state a run set (its summary
// "12/12 tests passed" sums them: LiveTestResult.counts), and derives a parent's icon from its
// children anyway; so the problem's item and a follow-up's part group never get one of their own
// (that counted them as tests: 13/13 for 12 hidden tests). What was said about them (the run's
// headline, "Part 2: 4/6 tests passed") goes to the run's output, attached to that item.
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
    /** Parts unlocked for a problem (contract F): its items group the tests of parts 1..k. */
    private readonly unlocked: (problem: CodingProblem) => number = () => 1,
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
      if (uri) await this.itemFor(problem, uri, this.unlocked(problem));
    }
  }

  /**
   * The problem's item. A problem with follow-ups groups its tests by part ("Part 2: <title>"),
   * one group per unlocked part (`parts`); part 1's test ids stay `<id>/<test>` either way.
   */
  async itemFor(problem: CodingProblem, solution: vscode.Uri, parts = 1): Promise<vscode.TestItem> {
    let item = this.controller.items.get(problem.id);
    if (!item || item.uri?.toString() !== solution.toString()) {
      item = this.controller.createTestItem(problem.id, problem.title, solution);
      this.controller.items.add(item);
    }
    const total = 1 + problem.followUps.length;
    item.description = total > 1 ? `${problem.difficulty} · part ${Math.min(parts, total)} of ${total} · hidden tests` : `${problem.difficulty} · hidden tests`;
    const root = item;
    const names = async (file: string) => testNamesIn(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8'));
    if (total === 1) {
      if (root.children.size === 0) root.children.replace((await names(problem.files.testHidden)).map((n) => this.child(root, n, root.id)));
      return root;
    }
    const wanted = Math.min(Math.max(1, parts), total);
    const have = [...gather(root.children)].filter((c) => c.id.startsWith(`${root.id}#part`)).length;
    if (have !== wanted) {
      const groups: vscode.TestItem[] = [];
      for (let k = 1; k <= wanted; k++) {
        const existing = root.children.get(`${root.id}#part${k}`);
        if (existing) {
          groups.push(existing);
          continue;
        }
        const title = k === 1 ? problem.title : problem.followUps[k - 2].title;
        const group = this.controller.createTestItem(`${root.id}#part${k}`, `Part ${k}: ${title}`, solution);
        group.description = k === 1 ? 'the original question' : 'follow-up';
        group.sortText = String(k).padStart(2, '0');
        const file = k === 1 ? problem.files.testHidden : problem.parts[k - 2].files.testHidden;
        group.children.replace((await names(file)).map((n) => this.child(group, n, k === 1 ? root.id : `${root.id}/p${k}`)));
        groups.push(group);
      }
      root.children.replace(groups);
    }
    return root;
  }

  /** The continuous-run request a save of `problemId` belongs to, if the user turned continuous run on for it. */
  continuousFor(problemId: string): vscode.TestRunRequest | undefined {
    return this.continuous.get(problemId) ?? this.continuous.get('*');
  }

  private child(parent: vscode.TestItem, name: string, idPrefix = parent.id): vscode.TestItem {
    const c = this.controller.createTestItem(`${idPrefix}/${name}`, humanise(name), parent.uri);
    c.description = name;
    return c;
  }

  /** The group of part `part` under a problem's item, or the item itself when it has no groups. */
  private groupFor(root: vscode.TestItem, part: number): vscode.TestItem {
    return root.children.get(`${root.id}#part${part}`) ?? root;
  }

  private roots(request: vscode.TestRunRequest): Map<string, vscode.TestItem> {
    const roots = new Map<string, vscode.TestItem>();
    const include = request.include ?? [...gather(this.controller.items)];
    for (const it of include) {
      let root = it;
      while (root.parent) root = root.parent;
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
          const tests = leaves(root);
          // Nothing known about its tests (never resolved): the problem itself is all there is to mark.
          for (const c of tests.length ? tests : [root]) this.mark(run, c, 'skipped');
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
    const root = await this.itemFor(s.problem, s.solution, s.parts);
    const run = s.explorer && 'run' in s.explorer ? s.explorer.run
      : this.controller.createTestRun(s.explorer && 'request' in s.explorer ? s.explorer.request : new vscode.TestRunRequest([root]), `${s.problem.title} (${s.reason})`, true);
    entry.root = root;
    entry.run = run;
    for (const c of leaves(root)) this.mark(run, c, 'started');
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
    const child = this.childFor(e.root, t.test.name, t.test.part ?? 1);
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

  private childFor(root: vscode.TestItem, name: string, part = 1): vscode.TestItem {
    const parent = this.groupFor(root, part);
    const id = part === 1 ? `${root.id}/${name}` : `${root.id}/p${part}/${name}`;
    let child = parent.children.get(id);
    if (!child) {
      child = this.child(parent, name, id.slice(0, id.length - name.length - 1));
      parent.children.add(child);
    }
    return child;
  }

  private publish(run: vscode.TestRun, root: vscode.TestItem, o: RunOutcome): void {
    const { report, solution } = o;
    const entryLoc = new vscode.Location(solution, new vscode.Position(Math.max(0, (o.entryLine ?? 1) - 1), 0));
    const seen = new Set<string>();
    const results: PublishedResults = { problemId: root.id, passed: [], failed: [], errored: [], skipped: [], kind: o.summary.kind, failingParts: [] };
    if (o.summary.kind === 'cancelled') {
      for (const c of leaves(root)) this.mark(run, c, 'skipped');
      results.skipped.push(root.id);
      results.states = this.statesOf(run, root);
      this.published.fire(results);
      return;
    }
    const byPart = new Map<number, { passed: number; total: number }>();
    const k = o.summary.kind;
    const broken = k !== 'passed' && k !== 'failed';
    for (const t of report?.tests ?? []) {
      // A run that broke (a syntax error, a timeout…) lists the tests it never ran as skipped:
      // they are errored below with the reason, which a skipped test would not show.
      if (broken && t.status === 'skipped') continue;
      const part = t.part ?? 1;
      const child = this.childFor(root, t.name, part);
      seen.add(child.id);
      const tally = byPart.get(part) ?? byPart.set(part, { passed: 0, total: 0 }).get(part)!;
      tally.total += 1;
      if (t.status === 'passed') tally.passed += 1;
      // The final report is the source of truth: it re-states (and locates) what streamed live.
      this.publishTest(run, child, t, solution, entryLoc);
      (t.status === 'passed' ? results.passed : t.status === 'failed' ? results.failed : t.status === 'skipped' ? results.skipped : results.errored).push(t.name);
    }
    // Part groups take their icon from their tests; their tally goes to the output ("Part 2: 4/6 tests passed").
    for (const [part, tally] of [...byPart].sort((a, b) => a[0] - b[0])) {
      const group = this.groupFor(root, part);
      if (group === root) continue;
      if (!(tally.passed === tally.total && tally.total > 0)) results.failingParts.push(part);
      run.appendOutput(`${group.label}: ${tally.passed}/${tally.total} tests passed\r\n`, undefined, group);
    }
    if (!broken) {
      run.appendOutput(`${o.summary.headline} (${o.problem.title})${o.summary.detail ? `\r\n${o.summary.detail.replace(/\r?\n/g, '\r\n')}` : ''}\r\n`, undefined, root);
    } else {
      const error = report && report.status !== 'ok' ? report.error : undefined;
      const note = report && truncationNote(report);
      const text = error
        ? `${k === 'timed-out' ? `${o.summary.headline}\n\n` : ''}${error.message}${error.installCommand ? `\n\nInstall with: ${error.installCommand}` : ''}${note ? `\n\n${note}` : ''}`
        : `${o.summary.headline}: ${o.summary.detail}`;
      const msg = new vscode.TestMessage(text);
      msg.location = error?.location && samePath(error.location.file, solution.fsPath)
        ? new vscode.Location(solution, new vscode.Position(error.location.line - 1, Math.max(0, error.location.column - 1)))
        : entryLoc;
      const unseen = leaves(root).filter((c) => !seen.has(c.id));
      // No test ran (no Python, a syntax error...): each test carries the reason. With no test
      // item at all (a test file that could not be read), the problem's item does.
      for (const c of unseen.length || seen.size ? unseen : [root]) this.mark(run, c, 'errored', msg);
      run.appendOutput(`${text.replace(/\r?\n/g, '\r\n')}\r\n`, undefined, root);
      results.errored.push(root.id);
    }
    results.states = this.statesOf(run, root);
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
      case 'passed': this.mark(run, item, 'passed', undefined, t.durationMs); break;
      case 'failed': this.mark(run, item, 'failed', message(), t.durationMs); break;
      case 'error': this.mark(run, item, 'errored', message(), t.durationMs); break;
      case 'timeout': {
        const m = new vscode.TestMessage(t.message || 'timed out');
        m.location = loc;
        this.mark(run, item, 'errored', m, t.durationMs);
        break;
      }
      case 'skipped': this.mark(run, item, 'skipped'); break;
    }
  }

  /** The state each item was last given in each run (what VS Code counts), for onDidPublish. */
  private readonly states = new WeakMap<vscode.TestRun, Map<string, ItemState>>();

  /** The one place a state is given to an item: every call to the TestRun goes through here. */
  private mark(run: vscode.TestRun, item: vscode.TestItem, state: ItemState, message?: vscode.TestMessage, durationMs?: number): void {
    const log = this.states.get(run) ?? this.states.set(run, new Map()).get(run)!;
    log.set(item.id, state);
    switch (state) {
      case 'started': run.started(item); break;
      case 'passed': run.passed(item, durationMs); break;
      case 'failed': run.failed(item, message ?? new vscode.TestMessage('failed'), durationMs); break;
      case 'errored': run.errored(item, message ?? new vscode.TestMessage('error'), durationMs); break;
      case 'skipped': run.skipped(item); break;
    }
  }

  /** The states given in `run` to `root` and the items under it. */
  private statesOf(run: vscode.TestRun, root: vscode.TestItem): Record<string, ItemState> {
    const out: Record<string, ItemState> = {};
    for (const [id, s] of this.states.get(run) ?? []) if (id === root.id || id.startsWith(`${root.id}/`) || id.startsWith(`${root.id}#`)) out[id] = s;
    return out;
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

/** A state given to a test item in a run ('started' = running; VS Code counts the others). */
export type ItemState = 'started' | 'passed' | 'failed' | 'errored' | 'skipped';

export interface PublishedResults {
  problemId: string;
  kind: OutcomeKind;
  passed: string[];
  failed: string[];
  errored: string[];
  skipped: string[];
  /** Parts (of a problem with follow-ups) with at least one test not passing, in order. */
  failingParts: number[];
  /**
   * Every item of this problem given a state in the run, by item id, with the last state given:
   * what the Test Explorer's summary counts (only hidden tests may appear here).
   */
  states?: Record<string, ItemState>;
}

function* gather(items: vscode.TestItemCollection): Iterable<vscode.TestItem> {
  const all: vscode.TestItem[] = [];
  items.forEach((i) => all.push(i));
  yield* all;
}

/** The test items under `root` (its tests, or its part groups' tests). */
function leaves(root: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  root.children.forEach((c) => {
    if (c.children.size) c.children.forEach((l) => out.push(l));
    else out.push(c);
  });
  return out;
}

function humanise(testName: string): string {
  const s = testName.replace(/^test_/, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function samePath(a: string, b: string): boolean {
  const n = (p: string) => path.normalize(p).replace(/^([a-z]):/i, (_, d: string) => `${d.toLowerCase()}:`);
  return n(a) === n(b);
}
