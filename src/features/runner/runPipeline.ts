// The one way a problem's hidden tests run. Every trigger (a save, the Run command, the Test
// Explorer's run and continuous-run profiles, a mock interview's finish) calls `request`.
// Per problem a newer run supersedes an older one; runs of different problems queue (none is
// dropped); every started run ends with exactly one RunOutcome, which every view renders (status
// bar, Test Explorer, diagnostics, output channel; the tree through the progress store).
import * as vscode from 'vscode';
import { partCount, type CodingProblem } from '../../core/catalog/types';
import { problemState, unlockedParts } from '../../core/progress/progress';
import { partsPassed, type Report, type TestResult } from '../../core/runner/report';
import { deriveOutcome, type OutcomeSummary, type RunEnd } from '../../core/runner/runOutcome';
import { RunScheduler, type RunReason, type ScheduledRun, type SchedulerEffect } from '../../core/runner/runScheduler';
import { findEntryLine } from '../../core/runner/presentReport';
import { PythonUnavailableError, WorkerDeadlineError, type PythonWorkerPool } from '../../adapters/pythonWorkerPool';
import type { ProgressStore } from '../../adapters/progressStore';
import { readSettings } from '../../adapters/settings';
import type { TrustGate } from '../../services/trustGate';
import { practiceFramework, solutionUriFor } from '../scaffold/practiceFolder';
import { chooseInterpreter } from './interpreter';

export type { RunReason } from '../../core/runner/runScheduler';

/** Where the Test Explorer shows a run: inside a TestRun the profile created, or a new one for this request. */
export type ExplorerTarget = { run: vscode.TestRun } | { request: vscode.TestRunRequest };

export interface RunStart {
  seq: number;
  problem: CodingProblem;
  solution: vscode.Uri;
  reason: RunReason;
  explorer?: ExplorerTarget;
  /** performance.now() when the run left the queue: the one duration of the run counts from here. */
  startedAt: number;
  /** Parts whose tests this run covers (1 + the unlocked follow-ups; contract F). */
  parts: number;
}

/** One finished test of a running suite (streamed, contract 3). */
export interface RunTestEvent {
  seq: number;
  problem: CodingProblem;
  test: TestResult;
  /** Tests finished so far, tests in the suite. */
  done: number;
  total: number;
  failing: number;
}

export interface RunOutcome {
  seq: number;
  problem: CodingProblem;
  solution: vscode.Uri;
  reason: RunReason;
  explorer?: ExplorerTarget;
  /** What every view shows: kind, headline, counts, whether it counted as an attempt. */
  summary: OutcomeSummary;
  /** The harness's report, when it answered. */
  report?: Report;
  /** The run's one duration: from leaving the queue to this outcome, in ms. Shown everywhere. */
  wallMs: number;
  /** The interpreter that ran it (or was last tried). */
  python?: string;
  newlySolved: boolean;
  /** The solution's text as it was run ('' if unread), read once for every view. */
  source: string;
  /** 1-based line of the entry function's `def` (for failure locations). */
  entryLine: number | undefined;
  /**
   * A problem with follow-ups (contract F): parts the run covered (1..run), how many passed in a
   * row from part 1, and the follow-up parts (2, 3, ...) this run passed for the first time.
   * Absent for a problem without follow-ups.
   */
  parts?: PartsOutcome;
}

export interface PartsOutcome {
  /** Parts of the problem (1 + follow-ups). */
  count: number;
  /** Parts whose tests ran (the unlocked ones). */
  run: number;
  /** Parts passed in a row from part 1 in this run. */
  passed: number;
  /** Follow-up parts passed for the first time by this run. */
  newlyPassed: number[];
  /** The part this run unlocked (passing the one before), if any. */
  unlocked?: number;
}

/** What the status bar shows for a problem right now. */
export type ProblemRunState =
  | { kind: 'queued' }
  | { kind: 'running'; done: number; total: number | undefined; failing: number; startedAt: number }
  | { kind: 'done'; outcome: RunOutcome };

export interface RequestOptions {
  /** Default: the scaffolded solution.py of the problem. */
  solution?: vscode.Uri;
  /** Cancels this run (the Test Explorer's stop button). */
  token?: vscode.CancellationToken;
  explorer?: ExplorerTarget;
}

interface Pending {
  run: ScheduledRun;
  problem: CodingProblem;
  solution: vscode.Uri;
  explorer?: ExplorerTarget;
  controller: AbortController;
  cancelWhy: 'superseded' | 'user' | 'shutdown' | undefined;
  resolve: (o: RunOutcome) => void;
  live?: { done: number; total: number | undefined; failing: number; startedAt: number };
  /** Parts whose suites the run asked for (1 + unlocked follow-ups). */
  partsRun?: number;
}

const MEMORY_MB = 2048;
/** How long a run waits for a save of its solution that is already under way. */
const SAVE_WAIT_MS = 5000;

export class RunPipeline implements vscode.Disposable {
  private readonly scheduler = new RunScheduler(1);
  private readonly pending = new Map<number, Pending>();
  private readonly latest = new Map<string, RunOutcome>();
  private readonly started = new vscode.EventEmitter<RunStart>();
  private readonly tested = new vscode.EventEmitter<RunTestEvent>();
  private readonly finished = new vscode.EventEmitter<RunOutcome>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidStart = this.started.event;
  readonly onDidTest = this.tested.event;
  readonly onDidFinish = this.finished.event;
  /** Fires with a problem id whenever `stateOf(id)` may have changed. */
  readonly onDidChangeState = this.changed.event;
  /** Interpreter that last worked per configured choice, so a missing python3 is not retried each save. */
  private readonly working = new Map<string, string>();
  private disposed = false;
  /** Saves that belong to a requested run, by document: at that version, until then (ms since epoch). */
  private readonly ownSaves = new Map<string, { version: number; until: number }>();
  /** Saves under way (between onWillSave and onDidSave), by document. */
  private readonly saving = new Map<string, Promise<void>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly pool: PythonWorkerPool,
    private readonly progress: ProgressStore,
    private readonly trust: TrustGate,
    private readonly log: vscode.LogOutputChannel,
    /**
     * Where the harness caches reference timings (contract 4's MLPREP_TIMING_CACHE): a folder under
     * the extension's global storage, so the cache is per machine (the harness keys entries by
     * interpreter) and goes with the extension's storage. Undefined: the harness's own default.
     */
    readonly timingCacheDir?: string,
  ) {
    const ended = new Map<string, () => void>();
    this.subscriptions = [
      vscode.workspace.onWillSaveTextDocument((e) => {
        const key = e.document.uri.toString();
        if (!this.saving.has(key)) this.saving.set(key, new Promise<void>((resolve) => ended.set(key, resolve)));
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const key = d.uri.toString();
        ended.get(key)?.();
        ended.delete(key);
        this.saving.delete(key);
      }),
    ];
  }

  /**
   * Asks for a run of `problem`'s hidden tests. Resolves with the run's one outcome (a superseded
   * or cancelled run resolves as "cancelled"). Resolves undefined, having told the user why, when
   * no run could be asked for: Restricted Mode, or the problem is not started (no solution.py).
   */
  async request(problem: CodingProblem, reason: RunReason, options: RequestOptions = {}): Promise<RunOutcome | undefined> {
    // A save (or a continuous run) in Restricted Mode warns once per window, then only logs: the
    // user did not ask for a run each time they saved. The Run command and Test Explorer always say why.
    const automatic = reason === 'save' || reason === 'autosave' || reason === 'continuous';
    if (this.disposed || !this.trust.allow('Running the hidden tests', { once: automatic })) return undefined;
    const solution = options.solution ?? (await solutionUriFor(problem.id, { mustExist: true }));
    if (!solution) return undefined;
    // The tests run the file on disk: unsaved edits are saved first, and a save already under way
    // (the Test Explorer saves before a run) is waited for. That save's own run-on-save would be a
    // second run of the same code, so the save handler is told it was ours.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === solution.toString());
    const key = solution.toString();
    // Any save of this version in the next moments (ours, or the Test Explorer's save-before-run)
    // belongs to this run.
    if (doc) this.ownSaves.set(key, { version: doc.version, until: Date.now() + SAVE_WAIT_MS });
    if (doc && (this.saving.has(key) || doc.isDirty)) {
      if (doc.isDirty) await doc.save();
      // Our save can return while another save of the file (the Test Explorer saves before a run)
      // is still writing: wait until the file holds what the editor shows.
      await onDisk(doc, SAVE_WAIT_MS);
    }
    return new Promise<RunOutcome>((resolve) => {
      const { run, effects } = this.scheduler.request(problem.id, reason);
      const p: Pending = { run, problem, solution, explorer: options.explorer, controller: new AbortController(), cancelWhy: undefined, resolve };
      this.pending.set(run.seq, p);
      const sub = options.token?.onCancellationRequested(() => this.apply(this.scheduler.cancel(run.seq)));
      const done = p.resolve;
      p.resolve = (o) => { sub?.dispose(); done(o); };
      this.changed.fire(problem.id);
      this.apply(effects);
    });
  }

  /**
   * True when this save belongs to a run `request` already asked for (it saved the file, or the
   * Test Explorer did just before the run). Matched by document version and a few seconds' window,
   * so a stale entry never swallows a later save.
   */
  madeThisSave(doc: vscode.TextDocument): boolean {
    const key = doc.uri.toString();
    const own = this.ownSaves.get(key);
    if (!own) return false;
    this.ownSaves.delete(key);
    return own.version === doc.version && Date.now() <= own.until;
  }

  /** What to show for `problemId` now: queued, running (with live counts), the last outcome, or nothing. */
  stateOf(problemId: string): ProblemRunState | undefined {
    const mine = [...this.pending.values()].filter((p) => p.problem.id === problemId);
    const running = mine.find((p) => p.live);
    if (running?.live) return { kind: 'running', ...running.live };
    if (mine.length) return { kind: 'queued' };
    const last = this.latest.get(problemId);
    return last ? { kind: 'done', outcome: last } : undefined;
  }

  isRunning(problemId: string): boolean {
    return [...this.pending.values()].some((p) => p.problem.id === problemId);
  }

  /** Forgets last outcomes that `stale` says no longer hold (e.g. "missing pandas" after another interpreter was chosen). */
  clearOutcomes(stale: (o: RunOutcome) => boolean): void {
    for (const [id, o] of [...this.latest]) {
      if (stale(o)) {
        this.latest.delete(id);
        this.changed.fire(id);
      }
    }
  }

  private apply(effects: SchedulerEffect[]): void {
    for (const e of effects) {
      const p = this.pending.get(e.run.seq);
      if (!p) continue;
      if (e.kind === 'start') void this.execute(p);
      else if (e.kind === 'cancel') {
        p.cancelWhy = this.disposed ? 'shutdown' : e.supersededBy !== undefined ? 'superseded' : 'user';
        p.controller.abort();
      } else {
        // Never started: it ends here, as cancelled, without touching the views.
        this.pending.delete(p.run.seq);
        const why = this.disposed ? 'shutdown' : e.supersededBy !== undefined ? 'superseded' : 'user';
        p.resolve(this.outcomeOf(p, { kind: 'cancelled', why }, 0, undefined, '', undefined, false));
        this.changed.fire(p.problem.id);
      }
    }
  }

  private async execute(p: Pending): Promise<void> {
    const startedAt = performance.now();
    p.live = { done: 0, total: undefined, failing: 0, startedAt };
    // The unlocked parts run together: a follow-up that breaks part 1 shows it (contract F).
    p.partsRun = unlockedParts(this.progress.get().problems[p.problem.id], partCount(p.problem));
    this.started.fire({ seq: p.run.seq, problem: p.problem, solution: p.solution, reason: p.run.reason, explorer: p.explorer, startedAt, parts: p.partsRun });
    this.changed.fire(p.problem.id);
    let end: RunEnd;
    let python: string | undefined;
    try {
      ({ end, python } = await this.runTests(p));
    } catch (e) {
      end = { kind: 'worker-failed', message: (e as Error).message };
    }
    if (end.kind === 'report' && end.report.status === 'cancelled') end = { kind: 'cancelled', why: p.cancelWhy ?? 'user' };
    if (p.controller.signal.aborted && end.kind !== 'report') end = { kind: 'cancelled', why: p.cancelWhy ?? 'user' };
    const wallMs = performance.now() - startedAt;
    let outcome: RunOutcome;
    try {
      outcome = await this.complete(p, end, wallMs, python);
    } catch (e) {
      this.log.error(`recording the run of ${p.problem.id} failed: ${(e as Error).stack ?? e}`);
      outcome = this.outcomeOf(p, end, wallMs, python, '', undefined, false);
    }
    this.pending.delete(p.run.seq);
    if (outcome.summary.kind !== 'cancelled' || !this.isRunning(p.problem.id)) this.latest.set(p.problem.id, outcome);
    this.finished.fire(outcome);
    this.changed.fire(p.problem.id);
    p.resolve(outcome);
    this.apply(this.scheduler.settled(p.run.seq));
  }

  private async runTests(p: Pending): Promise<{ end: RunEnd; python?: string }> {
    const choice = await chooseInterpreter(this.trust, p.solution);
    if (!choice) return { end: { kind: 'cancelled', why: 'user' } }; // Restricted Mode: the gate has said why
    const key = choice.candidates.join('\0');
    const candidates = this.working.has(key) ? [this.working.get(key)!] : choice.candidates;
    let lastError: Error | undefined;
    // the practice folder's choice (.mlprep.json), read at every run: a PyTorch solution is judged as one
    const framework = await practiceFramework(p.problem, vscode.Uri.joinPath(p.solution, '..'));
    const followUps = p.problem.followUps.slice(0, (p.partsRun ?? 1) - 1).map((f) => f.id);
    for (const python of candidates) {
      if (p.controller.signal.aborted) return { end: { kind: 'cancelled', why: p.cancelWhy ?? 'user' }, python };
      try {
        const report = await this.pool.run(python, {
          problemDir: p.problem.dir,
          solution: p.solution.fsPath,
          suite: 'hidden',
          ...(framework === 'pytorch' ? { framework } : {}),
          ...(followUps.length ? { followUps } : {}),
          timeoutSeconds: readSettings(p.solution).testTimeoutSeconds,
          memoryMb: MEMORY_MB,
          ...(this.timingCacheDir ? { timingCacheDir: this.timingCacheDir } : {}),
        }, {
          signal: p.controller.signal,
          onStarted: (m) => {
            if (p.live) p.live.total = m.tests.length;
            this.changed.fire(p.problem.id);
          },
          onTest: (m) => {
            if (!p.live) return;
            p.live.done = m.index + 1;
            p.live.total = m.total;
            if (m.test.status !== 'passed' && m.test.status !== 'skipped') p.live.failing += 1;
            this.tested.fire({ seq: p.run.seq, problem: p.problem, test: m.test, done: p.live.done, total: m.total, failing: p.live.failing });
            this.changed.fire(p.problem.id);
          },
        });
        this.working.set(key, python);
        return { end: { kind: 'report', report }, python };
      } catch (e) {
        lastError = e as Error;
        if (e instanceof WorkerDeadlineError) {
          this.log.error(`${p.problem.id}: ${e.message}`);
          return { end: { kind: 'worker-deadline', deadlineMs: e.deadlineMs, testsSeen: e.testsSeen }, python };
        }
        if (!(e instanceof PythonUnavailableError)) {
          this.log.error(`${p.problem.id}: the test run failed: ${lastError.stack ?? lastError.message}`);
          return { end: { kind: 'worker-failed', message: `The test run failed: ${lastError.message}` }, python };
        }
      }
    }
    this.working.delete(key);
    this.log.error(`no interpreter (${choice.source}): tried ${candidates.join(', ')}: ${lastError?.message}`);
    return { end: { kind: 'no-interpreter', tried: candidates, detail: lastError?.message ?? 'unknown error' }, python: candidates[candidates.length - 1] };
  }

  private async complete(p: Pending, end: RunEnd, wallMs: number, python: string | undefined): Promise<RunOutcome> {
    const summary = deriveOutcome(end, p.run.reason);
    let newlySolved = false;
    let parts: PartsOutcome | undefined;
    // The store hears about every run that reached the harness; only attempts count as attempts.
    if (end.kind === 'report' && end.report.status !== 'cancelled') {
      newlySolved = await recordInProgress(this.progress, p.problem.id, { passed: summary.passed, total: summary.total, countsAsAttempt: summary.countsAsAttempt });
      if (p.problem.followUps.length) parts = await recordParts(this.progress, p.problem.id, partCount(p.problem), p.partsRun ?? 1, end.report, newlySolved);
    } else if (end.kind === 'worker-deadline' && summary.countsAsAttempt) {
      newlySolved = await recordInProgress(this.progress, p.problem.id, { passed: 0, total: summary.total, countsAsAttempt: true });
    }
    let source = '';
    try {
      source = (await vscode.workspace.openTextDocument(p.solution)).getText();
    } catch {
      source = ''; // deleted meanwhile: results still show, without locations
    }
    const outcome = this.outcomeOf(p, end, wallMs, python, source, findEntryLine(source, p.problem.entry), newlySolved, summary);
    return parts ? { ...outcome, parts } : outcome;
  }

  private outcomeOf(p: Pending, end: RunEnd, wallMs: number, python: string | undefined, source: string, entryLine: number | undefined, newlySolved: boolean, summary = deriveOutcome(end, p.run.reason)): RunOutcome {
    return {
      seq: p.run.seq, problem: p.problem, solution: p.solution, reason: p.run.reason, explorer: p.explorer,
      summary, ...(end.kind === 'report' ? { report: end.report } : {}), wallMs, python, newlySolved, source, entryLine,
    };
  }

  dispose(): void {
    this.disposed = true;
    this.subscriptions.forEach((d) => d.dispose());
    this.apply(this.scheduler.cancelAll());
    this.started.dispose();
    this.tested.dispose();
    this.finished.dispose();
    this.changed.dispose();
  }
}

/** Resolves once `doc`'s file holds the document's text, or after `timeoutMs`. */
async function onDisk(doc: vscode.TextDocument, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const bytes = await vscode.workspace.fs.readFile(doc.uri);
      if (Buffer.from(bytes).toString('utf8') === doc.getText()) return;
    } catch {
      return; // unreadable: the run reports it
    }
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Records the follow-up parts a run passed for the first time (contract F: part k passes when
 * every test of parts 1..k passed) and says which part, if any, the run unlocked.
 */
async function recordParts(progress: ProgressStore, id: string, count: number, run: number, report: Report, newlySolved: boolean): Promise<PartsOutcome> {
  const passed = Math.min(partsPassed(report), run);
  const before = progress.get().problems[id]?.parts ?? {};
  const newlyPassed: number[] = [];
  for (let k = 2; k <= passed; k++) {
    if (before[String(k)] !== undefined) continue;
    await progress.recordPart(id, k);
    newlyPassed.push(k);
  }
  // Passing the last unlocked part unlocks the next one (part 1's first solve unlocks part 2).
  const justPassedLast = passed === run && (run === 1 ? newlySolved : newlyPassed.includes(run));
  const unlocked = justPassedLast && run < count ? run + 1 : undefined;
  return { count, run, passed, newlyPassed, ...(unlocked ? { unlocked } : {}) };
}

/**
 * Records a run in the progress store (contract 2); returns whether it solved the problem for the
 * first time (for the one-off notification).
 */
async function recordInProgress(progress: ProgressStore, id: string, run: { passed: number; total: number; countsAsAttempt: boolean }): Promise<boolean> {
  const solvedBefore = problemState(progress.get().problems[id]) === 'solved';
  await progress.recordRun(id, run);
  return !solvedBefore && problemState(progress.get().problems[id]) === 'solved';
}
