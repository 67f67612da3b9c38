// One long-lived harness worker (`mlprep_harness.py serve`) per interpreter, started on the first
// run and restarted if it dies. No `vscode` import: the benchmark drives the same code path.
import { randomUUID } from 'node:crypto';
import { spawnPythonWorker, type PythonWorker } from './pythonProcess';
import type { PythonInfo, Report, Suite, WorkerMessage } from '../core/runner/report';

export interface RunRequest {
  problemDir: string;
  solution: string;
  suite?: Suite;
  timeoutSeconds: number;
  memoryMb?: number;
}

/** The interpreter could not be started at all (not installed, wrong path). */
export class PythonUnavailableError extends Error {
  constructor(readonly python: string, detail: string) {
    super(`Could not start the Python interpreter "${python}": ${detail}`);
    this.name = 'PythonUnavailableError';
  }
}

interface Pending {
  resolve: (r: Report) => void;
  reject: (e: Error) => void;
}

interface Entry {
  worker: PythonWorker;
  ready: Promise<{ python: PythonInfo; fork: boolean }>;
  pending: Map<string, Pending>;
}

export interface WorkerPoolOptions {
  harnessPath: string;
  /** Diagnostics for the log: worker stderr, restarts. */
  log?: (message: string) => void;
  /** How long a fresh worker may take to import numpy/pandas and say ready. */
  startTimeoutMs?: number;
}

export class PythonWorkerPool {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Starts (or reuses) the worker for `python`; resolves with its interpreter info. */
  async warm(python: string): Promise<{ python: PythonInfo; fork: boolean }> {
    return this.entry(python).ready;
  }

  /**
   * Runs one suite. A second run on the same interpreter cancels the first (its promise resolves
   * with a "cancelled" report); aborting `signal` cancels this run.
   */
  async run(python: string, request: RunRequest, signal?: AbortSignal): Promise<Report> {
    if (this.disposed) throw new Error('worker pool disposed');
    let entry = this.entry(python);
    try {
      await entry.ready;
    } catch (e) {
      // A worker that died before ready (e.g. killed while idle) gets one fresh start.
      if (e instanceof PythonUnavailableError) throw e;
      this.drop(python, entry);
      entry = this.entry(python);
      await entry.ready;
    }
    const id = randomUUID();
    return new Promise<Report>((resolve, reject) => {
      const onAbort = () => entry.worker.send({ type: 'cancel', id });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      entry.pending.set(id, {
        resolve: (r) => { settle(); resolve(r); },
        reject: (e) => { settle(); reject(e); },
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      const sent = entry.worker.send({ type: 'run', id, ...request, suite: request.suite ?? 'hidden' });
      if (!sent) {
        entry.pending.delete(id);
        settle();
        reject(new Error('the Python worker is not running'));
      }
    });
  }

  private entry(python: string): Entry {
    const existing = this.entries.get(python);
    if (existing && !existing.worker.exit) return existing;
    const worker = spawnPythonWorker({
      python,
      args: [this.options.harnessPath, 'serve'],
      env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    const pending = new Map<string, Pending>();
    let readyResolve!: (v: { python: PythonInfo; fork: boolean }) => void;
    let readyReject!: (e: Error) => void;
    const ready = new Promise<{ python: PythonInfo; fork: boolean }>((res, rej) => { readyResolve = res; readyReject = rej; });
    ready.catch(() => undefined);
    const startTimer = setTimeout(() => {
      readyReject(new Error(`the Python worker (${python}) did not start within ${(this.options.startTimeoutMs ?? 30_000) / 1000} s`));
      void worker.dispose();
    }, this.options.startTimeoutMs ?? 30_000);
    worker.onMessage((m: WorkerMessage) => {
      if (m.type === 'ready') {
        clearTimeout(startTimer);
        readyResolve({ python: m.python, fork: m.fork });
      } else if (m.type === 'report' && m.id !== null) {
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m.report);
      } else if (m.type === 'error') {
        if (m.id !== null) {
          const p = pending.get(m.id);
          pending.delete(m.id);
          p?.reject(new Error(`Python worker: ${m.message}`));
        } else {
          this.options.log?.(`worker error: ${m.message}`);
        }
      }
    });
    worker.onStderr((text) => this.options.log?.(`[worker ${python}] ${text.trimEnd()}`));
    worker.onExit((exit) => {
      clearTimeout(startTimer);
      const why = exit.spawnError
        ? new PythonUnavailableError(python, exit.spawnError)
        : new Error(`the Python worker (${python}) exited (${exit.signal ?? `code ${exit.exitCode}`})`);
      readyReject(why);
      for (const p of pending.values()) p.reject(why);
      pending.clear();
      if (!this.disposed && !exit.spawnError) this.options.log?.(`${why.message}; it restarts on the next run`);
    });
    const entry: Entry = { worker, ready, pending };
    this.entries.set(python, entry);
    return entry;
  }

  private drop(python: string, entry: Entry): void {
    if (this.entries.get(python) === entry) this.entries.delete(python);
    void entry.worker.dispose();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.worker.dispose()));
  }
}
