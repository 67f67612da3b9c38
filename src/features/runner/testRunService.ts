// Runs a problem's hidden tests through the worker pool: picks the interpreter, cancels stale runs,
// records progress, and tells the result views. One instance, built in extension.ts.
import * as vscode from 'vscode';
import type { CodingProblem } from '../../core/catalog/types';
import type { Report } from '../../core/runner/report';
import { formatMinutes } from '../../core/tree/problemList';
import { PythonUnavailableError, type PythonWorkerPool } from '../../adapters/pythonWorkerPool';
import type { ProgressStore } from '../../adapters/progressStore';
import type { TrustGate } from '../../services/trustGate';
import { readSettings } from '../../adapters/settings';
import { installCommand } from '../../core/runner/interpreterInfo';
import { findEntryLine } from '../../core/runner/presentReport';
import { Commands } from '../../commands';
import { installInTerminal } from '../environment/environmentCommands';
import { chooseInterpreter } from './interpreter';

export interface RunOutcome {
  problem: CodingProblem;
  solution: vscode.Uri;
  report: Report;
  /** Save (or command) to report, measured here. */
  wallMs: number;
  python: string;
  newlySolved: boolean;
  /** The solution's text as it was run ('' if it could not be read), read once for every view. */
  source: string;
  /** 1-based line of the entry function's `def` in it (for failure locations). */
  entryLine: number | undefined;
}

/** Statuses that count as an attempt of the problem. */
/** Runs that reached the tests: attempts. */
const COUNTS_AS_ATTEMPT = new Set<Report['status']>(['ok', 'timeout', 'crashed']);
/** Runs that never reached them (syntax/import error, missing module): counted apart as errors. */
const COUNTS_AS_ERROR = new Set<Report['status']>(['import-error', 'missing-dependency']);
const MEMORY_MB = 2048;

export class TestRunService implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();
  private readonly started = new vscode.EventEmitter<{ problem: CodingProblem; solution: vscode.Uri }>();
  private readonly finished = new vscode.EventEmitter<RunOutcome>();
  readonly onDidStart = this.started.event;
  readonly onDidFinish = this.finished.event;
  /** Interpreter that last worked per configured choice, so a missing python3 is not retried each save. */
  private readonly working = new Map<string, string>();
  private readonly warnedMissing = new Set<string>();

  constructor(
    private readonly pool: PythonWorkerPool,
    private readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly gate: TrustGate,
  ) {}

  isRunning(problemId: string): boolean {
    return this.running.has(problemId);
  }

  /**
   * Runs the hidden tests of `problem` against `solution`. Resolves undefined when the run was
   * superseded by a newer one, cancelled, or could not start (the user has been told why).
   */
  async run(problem: CodingProblem, solution: vscode.Uri, token?: vscode.CancellationToken): Promise<RunOutcome | undefined> {
    if (!this.gate.allow('Running the hidden tests')) return undefined;
    this.running.get(problem.id)?.abort();
    const controller = new AbortController();
    this.running.set(problem.id, controller);
    const sub = token?.onCancellationRequested(() => controller.abort());
    const t0 = performance.now();
    this.started.fire({ problem, solution });
    try {
      const choice = await chooseInterpreter(this.gate, solution);
      if (!choice) return undefined;
      const key = choice.candidates.join('\0');
      const candidates = this.working.has(key) ? [this.working.get(key)!] : choice.candidates;
      let lastError: Error | undefined;
      for (const python of candidates) {
        try {
          const report = await this.pool.run(python, {
            problemDir: problem.dir,
            solution: solution.fsPath,
            suite: 'hidden',
            timeoutSeconds: readSettings(solution).testTimeoutSeconds,
            memoryMb: MEMORY_MB,
          }, controller.signal);
          this.working.set(key, python);
          const wallMs = performance.now() - t0;
          if (this.running.get(problem.id) !== controller || report.status === 'cancelled') return undefined;
          return await this.complete(problem, solution, report, wallMs, python);
        } catch (e) {
          lastError = e as Error;
          if (!(e instanceof PythonUnavailableError)) break;
        }
      }
      this.reportStartFailure(choice.source, candidates, lastError);
      return undefined;
    } finally {
      sub?.dispose();
      if (this.running.get(problem.id) === controller) this.running.delete(problem.id);
    }
  }

  private async complete(problem: CodingProblem, solution: vscode.Uri, report: Report, wallMs: number, python: string): Promise<RunOutcome> {
    let newlySolved = false;
    if (COUNTS_AS_ATTEMPT.has(report.status) || COUNTS_AS_ERROR.has(report.status)) {
      // Only a run that reached the tests is an attempt; the others are counted apart.
      const solvedBefore = this.progress.get().problems[problem.id]?.solvedAt !== undefined;
      await this.progress.recordRun(problem.id, { passed: report.status === 'ok' ? report.summary.passed : 0, total: report.summary.total, countsAsAttempt: COUNTS_AS_ATTEMPT.has(report.status) });
      newlySolved = !solvedBefore && this.progress.get().problems[problem.id]?.solvedAt !== undefined;
    }
    if (report.status === 'missing-dependency') this.reportMissing(report, python);
    let source = '';
    try {
      source = (await vscode.workspace.openTextDocument(solution)).getText();
    } catch {
      source = ''; // deleted meanwhile: results still show, without locations
    }
    const outcome: RunOutcome = { problem, solution, report, wallMs, python, newlySolved, source, entryLine: findEntryLine(source, problem.entry) };
    this.finished.fire(outcome);
    if (newlySolved) {
      const p = this.progress.get().problems[problem.id];
      const took = p?.solveMs !== undefined ? ` in ${formatMinutes(p.solveMs)}` : '';
      const attempts = p?.attemptsToSolve ?? 1;
      void vscode.window.showInformationMessage(`Solved “${problem.title}”${took} (${attempts} attempt${attempts === 1 ? '' : 's'}). All ${report.summary.total} hidden tests pass.`);
    }
    return outcome;
  }

  private reportMissing(report: Report, python: string): void {
    const modules = report.error?.modules ?? [];
    const key = `${python}:${modules.join(',')}`;
    if (this.warnedMissing.has(key)) return;
    this.warnedMissing.add(key);
    const info = { executable: report.python.executable || python, version: report.python.version, numpy: modules.includes('numpy') ? null : report.python.numpy ?? '?', pandas: modules.includes('pandas') ? null : report.python.pandas ?? '?' };
    const cmd = modules.every((m) => m === 'numpy' || m === 'pandas')
      ? installCommand(info, process.platform) ?? report.error?.installCommand ?? `${python} -m pip install ${modules.join(' ')}`
      : report.error?.installCommand ?? `${python} -m pip install ${modules.join(' ')}`;
    void vscode.window.showErrorMessage(
      `MLPrep: ${modules.join(' and ') || 'a required module'} ${modules.length > 1 ? 'are' : 'is'} not installed for ${report.python.executable || python}. Install with: ${cmd}`,
      'Install in Terminal', 'Choose Interpreter',
    ).then((a) => {
      if (a === 'Install in Terminal') installInTerminal(this.gate, cmd);
      else if (a === 'Choose Interpreter') void vscode.commands.executeCommand(Commands.selectInterpreter);
    });
  }

  private reportStartFailure(source: string, candidates: string[], error: Error | undefined): void {
    const what = error instanceof PythonUnavailableError
      ? `could not find a Python interpreter (tried ${candidates.join(', ')}).`
      : `the test run failed: ${error?.message ?? 'unknown error'}`;
    this.log.error(`run failed (${source}): ${error?.stack ?? error?.message}`);
    void vscode.window.showErrorMessage(`MLPrep: ${what} Set mlprep.pythonPath to a Python 3 with numpy (and pandas).`, 'Open Setting', 'Show Log')
      .then((a) => {
        if (a === 'Open Setting') void vscode.commands.executeCommand('workbench.action.openSettings', 'mlprep.pythonPath');
        if (a === 'Show Log') this.log.show();
      });
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    this.started.dispose();
    this.finished.dispose();
  }
}
