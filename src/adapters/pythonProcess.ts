// The single place that starts Python. No `vscode` import, so node scripts use it too.
//
//   runPython(...)          one process, collected output, timeout / AbortSignal.
//   spawnPythonWorker(...)  a long-lived `mlprep_harness.py serve` speaking JSON lines.
//
// Always an args array (never a shell), PYTHONUTF8=1 and PYTHONDONTWRITEBYTECODE=1. Stopping a
// process = SIGTERM to its process group, then SIGKILL after a grace period (POSIX: the child is
// started as a group leader so whatever it spawned goes too; Windows: the process itself).
import { spawn, type ChildProcess } from 'node:child_process';
import { parseWorkerMessage, type WorkerMessage, type WorkerRequest } from '../core/runner/report';

export interface Disposable {
  dispose(): void;
}

export interface RunPythonOptions {
  /** Interpreter path or command name (resolved through PATH). */
  python: string;
  args: readonly string[];
  cwd?: string;
  /** Merged over process.env; a key set to undefined removes that variable. */
  env?: Record<string, string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Written to the process's stdin, which is then closed (closed at once when absent). */
  stdin?: string | Uint8Array;
  /** Per stream; the rest is dropped and `stdoutTruncated`/`stderrTruncated` set. Default 16 MiB. */
  maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL. Default 2000 ms. */
  killGraceMs?: number;
}

export interface RunPythonResult {
  /** null when the process was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  /** Set when the interpreter could not be started at all (e.g. "spawn python3 ENOENT"). */
  spawnError?: string;
}

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
const DEFAULT_GRACE_MS = 2000;
/** After exit, how long to wait for stdio to close (a grandchild may hold the pipes open). */
const CLOSE_WAIT_MS = 500;
const isWindows = process.platform === 'win32';

function pythonEnv(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  env.PYTHONUTF8 = '1';
  env.PYTHONDONTWRITEBYTECODE = '1';
  return env;
}

function startPython(python: string, args: readonly string[], cwd: string | undefined, env: Record<string, string | undefined> | undefined): ChildProcess {
  return spawn(python, [...args], {
    cwd,
    env: pythonEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
    // POSIX: a new process group (pid = pgid) so a kill reaches the whole tree.
    detached: !isWindows,
    windowsHide: true,
  });
}

function signalTree(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (!isWindows) {
    try {
      process.kill(-child.pid, sig);
      return;
    } catch {
      // group already gone, or not a leader: fall back to the process itself
    }
  }
  try {
    child.kill(sig);
  } catch {
    // already exited
  }
}

/** SIGTERM now, SIGKILL after `graceMs` unless the process has exited. Returns a canceller for the timer. */
function terminate(child: ChildProcess, graceMs: number): () => void {
  signalTree(child, 'SIGTERM');
  const timer = setTimeout(() => signalTree(child, 'SIGKILL'), graceMs);
  timer.unref?.();
  return () => clearTimeout(timer);
}

class BoundedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (room <= 0) {
      this.truncated = this.truncated || chunk.length > 0;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(part);
    this.size += part.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Runs Python to completion. Never rejects: failures to start are reported in `spawnError`. */
export function runPython(options: RunPythonOptions): Promise<RunPythonResult> {
  const started = Date.now();
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const graceMs = options.killGraceMs ?? DEFAULT_GRACE_MS;
  const empty = (extra: Partial<RunPythonResult>): RunPythonResult => ({
    exitCode: null, signal: null, stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false,
    timedOut: false, cancelled: false, durationMs: Date.now() - started, ...extra,
  });
  if (options.signal?.aborted) return Promise.resolve(empty({ cancelled: true }));

  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = startPython(options.python, options.args, options.cwd, options.env);
    } catch (e) {
      resolve(empty({ spawnError: (e as Error).message }));
      return;
    }
    const out = new BoundedBuffer(maxOutput);
    const err = new BoundedBuffer(maxOutput);
    let timedOut = false;
    let cancelled = false;
    let spawnError: string | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    let cancelKill: (() => void) | undefined;
    let closeTimer: NodeJS.Timeout | undefined;

    const settle = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      if (closeTimer) clearTimeout(closeTimer);
      cancelKill?.();
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout: out.text(),
        stderr: err.text(),
        stdoutTruncated: out.truncated,
        stderrTruncated: err.truncated,
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
        ...(spawnError !== undefined ? { spawnError } : {}),
      });
    };
    const stop = (): void => {
      if (!cancelKill) cancelKill = terminate(child, graceMs);
    };
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    const timeout = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);

    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (c: Buffer) => out.add(c));
    child.stderr?.on('data', (c: Buffer) => err.add(c));
    child.on('error', (e) => {
      // spawn failure (ENOENT, EACCES): no exit event may follow
      spawnError = `could not start ${options.python}: ${e.message}`;
      settle();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // still wait for 'close' so the last output is read, but not forever
      closeTimer = setTimeout(settle, CLOSE_WAIT_MS);
    });
    child.on('close', (code, signal) => {
      exit ??= { code, signal };
      settle();
    });
    child.stdin?.on('error', () => undefined); // EPIPE when the process exits without reading
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    else child.stdin?.end();
  });
}

// ---------------------------------------------------------------------------- worker

export interface SpawnPythonWorkerOptions {
  python: string;
  /** e.g. [harnessPath, 'serve'] */
  args: readonly string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Between SIGTERM and SIGKILL on dispose. Default 2000 ms. */
  killGraceMs?: number;
  /** A stdout line longer than this is dropped (reported through onStderr). Default 64 MiB. */
  maxLineBytes?: number;
}

export interface WorkerExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: string;
}

/** A long-lived harness `serve` process. Messages are validated with parseWorkerMessage. */
export interface PythonWorker extends Disposable {
  readonly pid: number | undefined;
  /** Set once the process has exited (or failed to start). */
  readonly exit: WorkerExit | undefined;
  /** Writes one JSON line; false when the worker is gone. */
  send(request: WorkerRequest): boolean;
  onMessage(listener: (message: WorkerMessage) => void): Disposable;
  /** stderr text, plus notes about malformed protocol lines. For the log. */
  onStderr(listener: (text: string) => void): Disposable;
  /** Called once; immediately if the worker has already exited. */
  onExit(listener: (exit: WorkerExit) => void): Disposable;
  /** Stops the worker (closes stdin, SIGTERM, SIGKILL after the grace period); resolves on exit. */
  dispose(): Promise<WorkerExit>;
  /** SIGKILL to the worker's process group at once (a stopped or hung worker cannot honour SIGTERM); resolves on exit. */
  kill(): Promise<WorkerExit>;
}

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): Disposable {
    this.set.add(listener);
    return { dispose: () => this.set.delete(listener) };
  }
  emit(value: T): void {
    for (const l of [...this.set]) {
      try {
        l(value);
      } catch {
        // a listener's bug must not break the stream for the others
      }
    }
  }
}

export function spawnPythonWorker(options: SpawnPythonWorkerOptions): PythonWorker {
  const graceMs = options.killGraceMs ?? DEFAULT_GRACE_MS;
  const maxLine = options.maxLineBytes ?? 64 * 1024 * 1024;
  const messages = new Listeners<WorkerMessage>();
  const stderr = new Listeners<string>();
  const exits = new Listeners<WorkerExit>();
  let exit: WorkerExit | undefined;
  let spawnError: string | undefined;
  let exitPromise: Promise<WorkerExit> | undefined;
  let cancelKill: (() => void) | undefined;

  const child = startPython(options.python, options.args, options.cwd, options.env);
  const finished = new Promise<WorkerExit>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (exit) return;
      exit = { exitCode: code, signal, ...(spawnError !== undefined ? { spawnError } : {}) };
      cancelKill?.();
      exits.emit(exit);
      resolve(exit);
    };
    child.on('error', (e) => {
      spawnError ??= `could not start ${options.python}: ${e.message}`;
      if (child.pid === undefined) done(null, null);
    });
    child.on('exit', (code, signal) => done(code, signal));
  });

  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (!line) continue;
      let message: WorkerMessage;
      try {
        message = parseWorkerMessage(JSON.parse(line));
      } catch (e) {
        stderr.emit(`[mlprep worker] ignored a malformed message (${(e as Error).message}): ${line.slice(0, 200)}\n`);
        continue;
      }
      messages.emit(message);
    }
    if (pending.length > maxLine) {
      stderr.emit(`[mlprep worker] dropped a ${pending.length}-character line without newline\n`);
      pending = '';
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => stderr.emit(chunk));
  child.stdin?.on('error', () => undefined); // EPIPE after the worker died: exit is reported separately

  const worker: PythonWorker = {
    get pid() {
      return child.pid;
    },
    get exit() {
      return exit;
    },
    send(request: WorkerRequest): boolean {
      if (exit || !child.stdin || child.stdin.destroyed || child.stdin.writableEnded) return false;
      child.stdin.write(`${JSON.stringify(request)}\n`);
      return true;
    },
    onMessage: (listener) => messages.add(listener),
    onStderr: (listener) => stderr.add(listener),
    onExit(listener) {
      if (exit) {
        const e = exit;
        queueMicrotask(() => listener(e));
        return { dispose: () => undefined };
      }
      return exits.add(listener);
    },
    dispose(): Promise<WorkerExit> {
      if (exitPromise) return exitPromise;
      if (!exit) {
        // EOF alone makes the worker kill its running child and exit; the signals make sure.
        if (child.stdin && !child.stdin.writableEnded) child.stdin.end(`${JSON.stringify({ type: 'shutdown' })}\n`);
        cancelKill = terminate(child, graceMs);
      }
      exitPromise = finished;
      return exitPromise;
    },
    kill(): Promise<WorkerExit> {
      if (!exit) {
        if (child.stdin && !child.stdin.writableEnded) child.stdin.end();
        signalTree(child, 'SIGKILL');
      }
      exitPromise = finished;
      return exitPromise;
    },
  };
  return worker;
}
