// Test Explorer: one item per scaffolded problem, one child per hidden test. Runs started from the
// Test Explorer and runs started by a save both publish their results here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodingProblem } from '../../core/catalog/types';
import { testNamesIn } from '../../core/runner/presentReport';
import type { TestResult } from '../../core/runner/report';
import type { CatalogService } from '../catalogService';
import type { RunOutcome, TestRunService } from './testRunService';
import { solutionUriFor } from '../scaffold/practiceFolder';

export class HiddenTestController implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('mlprep', 'MLPrep hidden tests');
  private readonly disposables: vscode.Disposable[] = [this.controller];


  /** Runs started from the Test Explorer publish themselves; on-save runs get a TestRun here. */
  private readonly explorerRuns = new Set<string>();
  private readonly published = new vscode.EventEmitter<PublishedResults>();
  /** What was reported to the Test Explorer for a run (tests observe the real TestRun calls through it). */
  readonly onDidPublish = this.published.event;

  constructor(
    private readonly catalog: CatalogService,
    private readonly runner: TestRunService,
  ) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile('Run hidden tests', vscode.TestRunProfileKind.Run, (req, token) => this.runFromExplorer(req, token), true);
    this.disposables.push(runner.onDidFinish((o) => {
      if (!this.explorerRuns.has(o.problem.id)) this.publishStandalone(o);
    }));
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

  private child(parent: vscode.TestItem, name: string): vscode.TestItem {
    const c = this.controller.createTestItem(`${parent.id}/${name}`, humanise(name), parent.uri);
    c.description = name;
    return c;
  }

  private async runFromExplorer(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const roots = new Map<string, vscode.TestItem>();
    const include = request.include ?? [...gather(this.controller.items)];
    for (const it of include) {
      const root = it.parent ?? it;
      if (!request.exclude?.includes(root)) roots.set(root.id, root);
    }
    const run = this.controller.createTestRun(request, 'MLPrep hidden tests', true);
    try {
      for (const root of roots.values()) {
        if (token.isCancellationRequested) break;
        const problem = await this.catalog.problem(root.id);
        if (!problem || !root.uri) {
          run.skipped(root);
          continue;
        }
        run.started(root);
        root.children.forEach((c) => run.started(c));
        this.explorerRuns.add(problem.id);
        try {
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === root.uri!.toString());
          if (doc?.isDirty) await doc.save();
          const outcome = await this.runner.run(problem, root.uri, token);
          if (outcome) await this.publish(run, root, outcome);
          else {
            run.skipped(root);
            root.children.forEach((c) => run.skipped(c));
          }
        } finally {
          this.explorerRuns.delete(problem.id);
        }
      }
    } finally {
      run.end();
    }
  }

  private async publishStandalone(o: RunOutcome): Promise<void> {
    const item = await this.itemFor(o.problem, o.solution);
    const run = this.controller.createTestRun(new vscode.TestRunRequest([item]), `${o.problem.title} (on save)`, true);
    try {
      await this.publish(run, item, o);
    } finally {
      run.end();
    }
  }

  private async publish(run: vscode.TestRun, root: vscode.TestItem, o: RunOutcome): Promise<void> {
    const { report, solution } = o;
    const entryLoc = new vscode.Location(solution, new vscode.Position(Math.max(0, (o.entryLine ?? 1) - 1), 0));
    const seen = new Set<string>();
    const results: PublishedResults = { problemId: root.id, passed: [], failed: [], errored: [], skipped: [] };
    for (const t of report.tests) {
      let child = root.children.get(`${root.id}/${t.name}`);
      if (!child) {
        child = this.child(root, t.name);
        root.children.add(child);
      }
      seen.add(child.id);
      this.publishTest(run, child, t, solution, entryLoc);
      (t.status === 'passed' ? results.passed : t.status === 'failed' ? results.failed : t.status === 'skipped' ? results.skipped : results.errored).push(t.name);
    }
    if (report.status !== 'ok' && report.error) {
      const msg = new vscode.TestMessage(`${report.error.message}${report.error.installCommand ? `\n\nInstall with: ${report.error.installCommand}` : ''}`);
      msg.location = report.error.location && samePath(report.error.location.file, solution.fsPath)
        ? new vscode.Location(solution, new vscode.Position(report.error.location.line - 1, Math.max(0, report.error.location.column - 1)))
        : entryLoc;
      root.children.forEach((c) => { if (!seen.has(c.id)) run.errored(c, msg); });
      run.errored(root, msg, report.durationMs);
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
        ? vscode.TestMessage.diff(t.message || 'values differ', t.expected, t.actual)
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

export interface PublishedResults {
  problemId: string;
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
