// Long-lived harness workers (`mlprep_harness.py serve`), one per resolved interpreter, started on
// the first run (or a pre-warm) and restarted if they die. No `vscode` import: the benchmark drives
// the same code path.
//
// - One run at a time per worker: the worker treats a new request as a reason to interrupt the
//   current run, so runs for the same worker queue here and none is dropped. Superseding a stale
//   run is the caller's decision (abort its signal).
// - Keyed by the resolved executable: `python3` and `/usr/bin/python3` share one worker; a virtual
//   environment's python keeps its own path (its symlink target is the base interpreter, which
//   would lose the venv's packages).
// - Idle workers are stopped after `idleMs` (default 10 min); at most `maxWorkers` (default 2) live.
// - Each run has a deadline of its own (time limit + `deadlineMarginMs`): a worker that stops
//   answering (SIGSTOP, a wedged pipe) is killed and replaced, and the run rejects with
//   WorkerDeadlineError. A cancel that gets no answer within `cancelGraceMs` does the same.
import { randomUUID } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { spawnPythonWorker, type PythonWorker } from './pythonProcess';
import type { PythonInfo, Report, Suite, WorkerMessage } from '../core/runner/report';

/** A streamed per-test message (contract 3). */
export type WorkerTestMessage = Extract<WorkerMessage, { type: 'test' }>;
/** The suite's test names, sent once they are known (contract 3). */
export type WorkerStartedMessage = Extract<WorkerMessage, { type: 'started' }>;

/** Extra patience for a PyTorch run: the worker imports torch once, outside the run's time limit. */
export const TORCH_IMPORT_MARGIN_MS = 30_000;

export interface RunRequest {
  problemDir: string;
  solution: string;
  suite?: Suite;
  timeoutSeconds: number;
  memoryMb?: number;
  /** What the solution is written in (default numpy); see WorkerRequest. */
  framework?: 'numpy' | 'pytorch';
}

/** Per-run options (shared contract 5). */
export interface RunOptions {
  /** Aborting cancels the run: queued, it never starts; running, the worker kills it. Either way it resolves with a "cancelled" report. */
  signal?: AbortSignal;
  /** Each streamed `test` message of this run, as it arrives. */
  onTest?: (message: WorkerTestMessage) => void;
  /** The suite's test names, once the worker knows them. */
  onStarted?: (message: WorkerStartedMessage) => void;
}

/** The interpreter could not be started at all (not installed, wrong path). */
export class PythonUnavailableError extends Error {
  constructor(readonly python: string, detail: string) {
    super(`Could not start the Python interpreter "${python}": ${detail}`);
    this.name = 'PythonUnavailableError';
  }
}

/** The worker gave no report within the run's deadline; it has been killed (the next run starts a fresh one). */
export class WorkerDeadlineError extends Error {
  constructor(readonly deadlineMs: number, readonly testsSeen: number, readonly phase: 'run' | 'cancel') {
    super(phase === 'run'
      ? `the Python worker gave no result within ${(deadlineMs / 1000).toFixed(1)} s (time limit plus margin) and was stopped`
      : `the Python worker did not answer a cancel within ${(deadlineMs / 1000).toFixed(1)} s and was stopped`);
    this.name = 'WorkerDeadlineError';
  }
}

export type WorkerState = 'stopped' | 'starting' | 'ready' | 'running';

/** What the status item shows: the state of the most recently used worker. */
export interface PoolStatus {
  state: WorkerState;
  /** Resolved executable of that worker. */
  python?: string;
  pid?: number;
  /** Interpreter info once ready. */
  info?: PythonInfo;
  /** Why the last worker stopped, when it did not stop by itself (deadline, exit, eviction). */
  note?: string;
  /** Live workers. */
  workers: number;
}

export interface WorkerPoolOptions {
  harnessPath: string;
  /** Diagnostics for the log: worker stderr, restarts. */
  log?: (message: string) => void;
  /** How long a fresh worker may take to import numpy/pandas and say ready. Default 30 s. */
  startTimeoutMs?: number;
  /** Added to a run's time limit for its deadline on this side. Default 5000 ms. */
  deadlineMarginMs?: number;
  /** How long a cancelled run may take to report. Default 3000 ms. */
  cancelGraceMs?: number;
  /** An idle worker is stopped after this long. Default 10 min. */
  idleMs?: number;
  /** At most this many workers live; the least recently used idle one goes first. Default 2. */
  maxWorkers?: number;
}

interface Job {
  id: string;
  request: RunRequest;
  options: RunOptions;
  resolve: (r: Report) => void;
  reject: (e: Error) => void;
  testsSeen: number;
  /** Times this run was handed to a fresh worker after its worker went away before running it. */
  retries: number;
  timer?: ReturnType<typeof setTimeout>;
  cancelSent?: boolean;
  detach?: () => void;
}

interface Entry {
  key: string;
  worker: PythonWorker;
  ready: Promise<ReadyInfo>;
  info?: ReadyInfo;
  current?: Job;
  queue: Job[];
  lastUsed: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export interface ReadyInfo {
  python: PythonInfo;
  fork: boolean;
  /** The worker process's pid (from its ready message). */
  pid: number;
}

export class PythonWorkerPool {
  private readonly entries = new Map<string, Entry>();
  /** Canonical path of the interpreter a worker reported (sys.executable) -> that worker's key. */
  private readonly aliases = new Map<string, string>();
  private readonly listeners = new Set<(s: PoolStatus) => void>();
  private focus: string | undefined;
  private note: string | undefined;
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Calls `listener` on every change of `status()`. Returns an unsubscribe function. */
  onDidChangeStatus(listener: (s: PoolStatus) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  status(): PoolStatus {
    const e = this.focus ? this.entries.get(this.focus) : undefined;
    const workers = this.entries.size;
    if (!e) return { state: 'stopped', workers, ...(this.focus ? { python: this.focus } : {}), ...(this.note ? { note: this.note } : {}) };
    const state: WorkerState = e.current ? 'running' : e.info ? 'ready' : 'starting';
    return { state, python: e.key, pid: e.info?.pid ?? e.worker.pid, ...(e.info ? { info: e.info.python } : {}), workers };
  }

  /**
   * The key a worker is filed under: the absolute path of `python` (PATH looked up for a bare
   * name) with symlinks resolved, except that a virtual environment's interpreter keeps its own
   * path; a launcher (pyenv shim) whose worker reported the interpreter it runs maps to that
   * worker. Unresolvable names come back unchanged (starting them then fails with ENOENT).
   */
  async resolve(python: string): Promise<string> {
    const found = python.includes('/') || python.includes('\\') ? path.resolve(python) : await onPath(python);
    if (!found) return python;
    const key = await canonical(found);
    // A launcher (a pyenv shim, a wrapper script) is known by what its worker reported it runs.
    const alias = this.aliases.get(key);
    return alias && this.entries.has(alias) ? alias : key;
  }

  /** Starts (or reuses) the worker for `python`; resolves with its interpreter info and pid. */
  async warm(python: string): Promise<ReadyInfo> {
    if (this.disposed) throw new Error('worker pool disposed');
    const e = this.entry(await this.resolve(python));
    this.touch(e);
    return e.ready;
  }

  /**
   * Runs one suite on the worker for `python`. Runs for the same worker queue; a run whose
   * `signal` aborts resolves with a "cancelled" report. Rejects with PythonUnavailableError when
   * the interpreter cannot start, WorkerDeadlineError when the worker stopped answering, Error
   * when it died mid-run.
   */
  async run(python: string, request: RunRequest, options: RunOptions | AbortSignal = {}): Promise<Report> {
    if (this.disposed) throw new Error('worker pool disposed');
    const opts: RunOptions = isAbortSignal(options) ? { signal: options } : options;
    const key = await this.resolve(python);
    return new Promise<Report>((resolve, reject) => {
      const job: Job = { id: randomUUID(), request, options: opts, resolve, reject, testsSeen: 0, retries: 0 };
      const onAbort = () => this.cancel(job);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      job.detach = () => opts.signal?.removeEventListener('abort', onAbort);
      const entry = this.entry(key);
      entry.queue.push(job);
      this.touch(entry);
      if (opts.signal?.aborted) this.cancel(job);
      else void this.pump(entry);
    });
  }

  /** Stops every worker; the next run (or warm) starts a fresh one. Running runs reject. */
  async restart(): Promise<void> {
    const all = [...this.entries.values()];
    this.note = 'restarted';
    await Promise.all(all.map((e) => this.drop(e, 'the worker was restarted', 'kill')));
  }

  private async pump(entry: Entry): Promise<void> {
    if (entry.current || !entry.queue.length) return;
    try {
      await entry.ready;
    } catch {
      return; // the worker's exit hands its queued runs on (see onExit)
    }
    if (entry.current || !entry.queue.length || this.entries.get(entry.key) !== entry) return;
    const job = entry.queue.shift()!;
    entry.current = job;
    this.clearIdle(entry);
    // A worker's first PyTorch run imports torch before the run's own clock starts (seconds on a cold disk).
    const torchImportMs = job.request.framework === 'pytorch' ? TORCH_IMPORT_MARGIN_MS : 0;
    const deadlineMs = job.request.timeoutSeconds * 1000 + (this.options.deadlineMarginMs ?? 5000) + torchImportMs;
    job.timer = setTimeout(() => {
      this.options.log?.(`run ${job.id}: no report within ${deadlineMs} ms; killing worker ${entry.worker.pid}`);
      void this.drop(entry, `stopped answering during a run (no result within ${(deadlineMs / 1000).toFixed(1)} s)`, 'kill', new WorkerDeadlineError(deadlineMs, job.testsSeen, 'run'));
    }, deadlineMs);
    const sent = entry.worker.send({ type: 'run', id: job.id, ...job.request, suite: job.request.suite ?? 'hidden' });
    this.emit();
    if (!sent) void this.drop(entry, 'was not running', 'kill', new Error('the Python worker is not running'));
  }

  /** Runs that were waiting for a worker that went away: one fresh worker gets them, once. */
  private requeue(key: string, jobs: Job[], why: Error): void {
    const retry: Job[] = [];
    for (const j of jobs) {
      if (this.disposed || why instanceof PythonUnavailableError || j.retries >= 1) this.settle(j, this.disposed ? cancelledReport(j.request, undefined) : why);
      else {
        j.retries += 1;
        retry.push(j);
      }
    }
    if (!retry.length) return;
    const fresh = this.entry(key);
    fresh.queue.push(...retry);
    void this.pump(fresh);
  }

  private cancel(job: Job): void {
    for (const entry of this.entries.values()) {
      const at = entry.queue.indexOf(job);
      if (at >= 0) {
        entry.queue.splice(at, 1);
        this.settle(job, cancelledReport(job.request, entry.info?.python));
        this.scheduleIdle(entry);
        return;
      }
      if (entry.current === job && !job.cancelSent) {
        job.cancelSent = true;
        entry.worker.send({ type: 'cancel', id: job.id });
        const grace = this.options.cancelGraceMs ?? 3000;
        clearTimeout(job.timer);
        job.timer = setTimeout(() => {
          this.options.log?.(`run ${job.id}: cancel not answered within ${grace} ms; killing worker ${entry.worker.pid}`);
          // The run was cancelled: it ends as cancelled, and the worker is replaced.
          void this.drop(entry, `did not answer a cancel within ${(grace / 1000).toFixed(1)} s`, 'kill', cancelledReport(job.request, entry.info?.python));
        }, grace);
        return;
      }
    }
  }

  private entry(key: string): Entry {
    const existing = this.entries.get(key);
    if (existing && !existing.worker.exit) return existing;
    if (existing) this.forget(existing);
    this.makeRoom();
    const worker = spawnPythonWorker({
      python: key,
      args: [this.options.harnessPath, 'serve'],
      env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    let readyResolve!: (v: ReadyInfo) => void;
    let readyReject!: (e: Error) => void;
    const ready = new Promise<ReadyInfo>((res, rej) => { readyResolve = res; readyReject = rej; });
    ready.catch(() => undefined);
    const entry: Entry = { key, worker, ready, queue: [], lastUsed: Date.now() };
    const startMs = this.options.startTimeoutMs ?? 30_000;
    const startTimer = setTimeout(() => {
      readyReject(new Error(`the Python worker (${key}) did not start within ${startMs / 1000} s`));
      void worker.kill();
    }, startMs);
    worker.onMessage((m) => {
      if (m.type === 'ready') {
        clearTimeout(startTimer);
        const info: ReadyInfo = { python: m.python, fork: m.fork, pid: m.pid };
        // Filed under the interpreter it runs too (before anyone hears it is ready).
        void canonical(m.python.executable).then((real) => {
          if (real !== key) this.aliases.set(real, key);
          entry.info = info;
          readyResolve(info);
          this.scheduleIdle(entry);
          this.emit();
        });
        return;
      }
      const job = entry.current;
      if (m.type === 'test' || m.type === 'started') {
        if (!job || m.id !== job.id) return;
        if (m.type === 'test') {
          job.testsSeen += 1;
          job.options.onTest?.(m);
        } else {
          job.options.onStarted?.(m);
        }
      } else if (m.type === 'report' && m.id !== null) {
        if (job && m.id === job.id) this.finish(entry, job, m.report);
      } else if (m.type === 'error') {
        if (job && m.id === job.id) this.finish(entry, job, new Error(`Python worker: ${m.message}`));
        else this.options.log?.(`worker error: ${m.message}`);
      }
    });
    worker.onStderr((text) => this.options.log?.(`[worker ${key}] ${text.trimEnd()}`));
    worker.onExit((exit) => {
      clearTimeout(startTimer);
      const why = exit.spawnError
        ? new PythonUnavailableError(key, exit.spawnError)
        : new Error(`the Python worker (${key}) exited (${exit.signal ?? `code ${exit.exitCode}`})`);
      readyReject(why);
      const job = entry.current;
      entry.current = undefined;
      if (job) this.settle(job, job.cancelSent ? cancelledReport(job.request, entry.info?.python) : why);
      if (this.entries.get(key) === entry) {
        this.forget(entry);
        if (!this.disposed && !exit.spawnError) {
          this.note = `exited (${exit.signal ?? `code ${exit.exitCode}`})`;
          this.options.log?.(`${why.message}; it restarts on the next run`);
        }
      }
      this.requeue(key, entry.queue.splice(0), why);
      this.emit();
    });
    this.entries.set(key, entry);
    this.focus = key;
    this.note = undefined;
    this.emit();
    return entry;
  }

  private finish(entry: Entry, job: Job, result: Report | Error): void {
    if (entry.current !== job) return;
    entry.current = undefined;
    this.settle(job, result);
    this.touch(entry);
    this.emit();
    void this.pump(entry);
  }

  private settle(job: Job, result: Report | Error): void {
    clearTimeout(job.timer);
    job.detach?.();
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
  }

  /** Kills (or stops) a worker; its current run ends with `result` (default: an Error saying why). */
  private async drop(entry: Entry, why: string, how: 'kill' | 'dispose', result?: Report | Error): Promise<void> {
    const job = entry.current;
    entry.current = undefined;
    if (job) this.settle(job, result ?? new Error(`the Python worker ${why}`));
    const queued = entry.queue.splice(0);
    this.forget(entry);
    this.note = why;
    this.options.log?.(`worker ${entry.key} (pid ${entry.worker.pid}) ${why}`);
    this.emit();
    const exited = how === 'kill' ? entry.worker.kill() : entry.worker.dispose();
    this.requeue(entry.key, queued, new Error(`the Python worker ${why}`));
    await exited;
  }

  private forget(entry: Entry): void {
    this.clearIdle(entry);
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
  }

  private touch(entry: Entry): void {
    entry.lastUsed = Date.now();
    this.focus = entry.key;
    this.scheduleIdle(entry);
  }

  private scheduleIdle(entry: Entry): void {
    this.clearIdle(entry);
    // Idle = started and doing nothing; a worker still importing numpy is not idle.
    if (entry.current || entry.queue.length || !entry.info) return;
    const idleMs = this.options.idleMs ?? 10 * 60_000;
    entry.idleTimer = setTimeout(() => {
      if (entry.current || entry.queue.length || this.entries.get(entry.key) !== entry) return;
      void this.drop(entry, `was idle for ${Math.round(idleMs / 60_000) || (idleMs / 1000).toFixed(0) + ' s'}${idleMs >= 60_000 ? ' min' : ''}`, 'dispose');
    }, idleMs);
    entry.idleTimer.unref?.();
  }

  private clearIdle(entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
  }

  /** Before starting another worker: stop the least recently used idle ones beyond the limit. */
  private makeRoom(): void {
    const max = Math.max(1, this.options.maxWorkers ?? 2);
    const idle = [...this.entries.values()].filter((e) => !e.current && !e.queue.length).sort((a, b) => a.lastUsed - b.lastUsed);
    while (this.entries.size >= max && idle.length) void this.drop(idle.shift()!, 'was stopped to keep at most ' + max + ' workers', 'dispose');
  }

  private emit(): void {
    const s = this.status();
    for (const l of [...this.listeners]) {
      try {
        l(s);
      } catch {
        // a listener's bug must not break the pool
      }
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const e of all) {
      this.clearIdle(e);
      for (const j of [e.current, ...e.queue]) if (j) this.settle(j, cancelledReport(j.request, e.info?.python));
      e.current = undefined;
      e.queue = [];
    }
    this.listeners.clear();
    await Promise.all(all.map((e) => e.worker.dispose()));
  }
}

function isAbortSignal(v: unknown): v is AbortSignal {
  return typeof v === 'object' && v !== null && 'aborted' in v && typeof (v as AbortSignal).addEventListener === 'function';
}

/** `p` with symlinks resolved, except a virtual environment's interpreter, which keeps its path. */
async function canonical(p: string): Promise<string> {
  try {
    const dir = path.dirname(p);
    if (await exists(path.join(dir, 'pyvenv.cfg')) || await exists(path.join(dir, '..', 'pyvenv.cfg'))) return p;
    return await fs.realpath(p);
  } catch {
    return p;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

async function onPath(name: string): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';').concat('') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        await fs.access(candidate, fsConstants.X_OK);
        const st = await fs.stat(candidate);
        if (st.isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The report of a run that was cancelled before (or without) the worker answering. */
function cancelledReport(request: RunRequest, python: PythonInfo | undefined): Report {
  return {
    version: 1,
    suite: request.suite ?? 'hidden',
    status: 'cancelled',
    summary: { passed: 0, failed: 0, errors: 0, timeouts: 0, skipped: 0, total: 0 },
    durationMs: 0,
    tests: [],
    stdout: '',
    stderr: '',
    error: { kind: 'cancelled', message: 'the run was cancelled' },
    python: python ?? { executable: '', version: '', numpy: null, pandas: null },
  };
}
