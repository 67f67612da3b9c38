// The worker pool the extension runs every save through, against the real harness and Python.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PythonUnavailableError, PythonWorkerPool, WorkerDeadlineError, type PoolStatus } from '../../src/adapters/pythonWorkerPool';

const root = path.resolve(__dirname, '..', '..');
const harness = path.join(root, 'src', 'python', 'mlprep_harness.py');
const problem = path.join(root, 'test', 'fixtures', 'harness', 'problems', 'plain');
const solution = (name: string) => path.join(root, 'test', 'fixtures', 'harness', 'solutions', `${name}.py`);
const fixture = (name: string) => path.join(root, 'test', 'fixtures', 'pipeline', `${name}.py`);
const python = process.env.MLPREP_TEST_PYTHON ?? 'python3';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('PythonWorkerPool', () => {
  const pool = new PythonWorkerPool({ harnessPath: harness, deadlineMarginMs: 1500, cancelGraceMs: 1500 });
  afterAll(() => pool.dispose());

  it('runs suites through one long-lived worker (the same process across runs)', async () => {
    const a = await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    expect(a.status).toBe('ok');
    expect(a.summary.passed).toBe(a.summary.total);
    const first = await pool.warm(python);
    const b = await pool.run(python, { problemDir: problem, solution: solution('plain_wrong'), timeoutSeconds: 10 });
    expect(b.summary.failed).toBeGreaterThan(0);
    const second = await pool.warm(python);
    expect(second.pid).toBe(first.pid);
    expect(alive(first.pid)).toBe(true);
  });

  it('streams each finished test to onTest before the report (contract 5)', async () => {
    const seen: { index: number; total: number; name: string }[] = [];
    let started: string[] | undefined;
    const r = await pool.run(python, { problemDir: problem, solution: solution('plain_wrong'), timeoutSeconds: 10 }, {
      onStarted: (m) => { started = m.tests; },
      onTest: (m) => seen.push({ index: m.index, total: m.total, name: m.test.name }),
    });
    expect(seen.map((t) => t.index)).toEqual(r.tests.map((_, i) => i));
    expect(seen.every((t) => t.total === r.summary.total)).toBe(true);
    expect(seen.map((t) => t.name)).toEqual(r.tests.map((t) => t.name));
    expect(started).toEqual(r.tests.map((t) => t.name));
  });

  it('restart() gives a fresh worker (so the pid check above would catch a restart)', async () => {
    const before = await pool.warm(python);
    await pool.restart();
    expect(alive(before.pid)).toBe(false);
    const r = await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    expect(r.status).toBe('ok');
    expect((await pool.warm(python)).pid).not.toBe(before.pid);
  });

  it('keys workers by the resolved executable: a bare name and its absolute path share a worker', async () => {
    const resolved = await pool.resolve(python);
    expect(path.isAbsolute(resolved)).toBe(true);
    const viaName = await pool.warm(python);
    const viaPath = await pool.warm(resolved);
    expect(viaPath.pid).toBe(viaName.pid);
    // The interpreter the worker says it runs (behind a pyenv shim, say) reuses that worker too.
    const viaExecutable = await pool.warm(viaName.python.executable);
    expect(viaExecutable.pid).toBe(viaName.pid);
    expect(pool.status().workers).toBe(1);
  });

  it('runs for the same worker queue: two runs at once both get their own result', async () => {
    const slow = pool.run(python, { problemDir: problem, solution: fixture('plain_slow'), timeoutSeconds: 10 });
    const wrong = pool.run(python, { problemDir: problem, solution: solution('plain_wrong'), timeoutSeconds: 10 });
    const [s, w] = await Promise.all([slow, wrong]);
    expect(s.status).toBe('ok');
    expect(s.summary.passed).toBe(s.summary.total);
    expect(w.status).toBe('ok');
    expect(w.summary.failed).toBeGreaterThan(0);
  });

  it('an aborted signal cancels a running run at once, and a queued run never starts', async () => {
    const ac = new AbortController();
    const queuedAc = new AbortController();
    const p = pool.run(python, { problemDir: problem, solution: solution('plain_loop'), timeoutSeconds: 30 }, { signal: ac.signal });
    const queued = pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 }, { signal: queuedAc.signal });
    queuedAc.abort();
    expect((await queued).status).toBe('cancelled');
    setTimeout(() => ac.abort(), 200);
    expect((await p).status).toBe('cancelled');
  });

  it('times out an endless loop and keeps working afterwards', async () => {
    const r = await pool.run(python, { problemDir: problem, solution: solution('plain_loop'), timeoutSeconds: 1 });
    expect(r.status).toBe('timeout');
    const next = await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    expect(next.status).toBe('ok');
  });

  it('a solution that stops the worker (SIGSTOP) hits the deadline; the worker is replaced and the next run works', async () => {
    const before = await pool.warm(python);
    const states: PoolStatus['state'][] = [];
    const sub = pool.onDidChangeStatus((s) => states.push(s.state));
    const t0 = Date.now();
    const err = await pool.run(python, { problemDir: problem, solution: fixture('plain_sigstop'), timeoutSeconds: 1 }).then(() => undefined, (e: Error) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(WorkerDeadlineError);
    // Deadline = 1 s limit + 1.5 s margin; allow scheduling slack but not "never".
    expect(took).toBeGreaterThanOrEqual(2500);
    expect(took).toBeLessThan(2500 + 3000);
    // Killed, not left stopped.
    for (let i = 0; i < 50 && alive(before.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(before.pid)).toBe(false);
    const next = await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    expect(next.status).toBe('ok');
    expect((await pool.warm(python)).pid).not.toBe(before.pid);
    sub.dispose();
    expect(states).toContain('running');
    expect(states).toContain('stopped');
  });

  it('a cancel the stopped worker cannot answer still settles as cancelled', async () => {
    const ac = new AbortController();
    const p = pool.run(python, { problemDir: problem, solution: fixture('plain_sigstop'), timeoutSeconds: 30 }, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    ac.abort();
    const r = await p;
    expect(r.status).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(1500 + 2000);
    expect((await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 })).status).toBe('ok');
  });

  it('names an interpreter that cannot be started', async () => {
    await expect(pool.run('/nonexistent/python9', { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 5 }))
      .rejects.toBeInstanceOf(PythonUnavailableError);
  });
});

describe('PythonWorkerPool lifecycle', () => {
  it('stops an idle worker after idleMs', async () => {
    const pool = new PythonWorkerPool({ harnessPath: harness, idleMs: 300 });
    try {
      const w = await pool.warm(python);
      expect(pool.status().state).toBe('ready');
      for (let i = 0; i < 60 && alive(w.pid); i++) await new Promise((r) => setTimeout(r, 50));
      expect(alive(w.pid)).toBe(false);
      expect(pool.status().state).toBe('stopped');
    } finally {
      await pool.dispose();
    }
  });

  it('keeps at most maxWorkers: a third interpreter stops the least recently used idle worker', async () => {
    const pool = new PythonWorkerPool({ harnessPath: harness, maxWorkers: 1 });
    try {
      const a = await pool.warm('/usr/bin/python3');
      const other = await pool.resolve(python) === await pool.resolve('/usr/bin/python3') ? undefined : python;
      if (!other) return; // only one distinct interpreter on this machine
      const b = await pool.warm(other);
      expect(b.pid).not.toBe(a.pid);
      for (let i = 0; i < 60 && alive(a.pid); i++) await new Promise((r) => setTimeout(r, 50));
      expect(alive(a.pid)).toBe(false);
      expect(pool.status().workers).toBe(1);
    } finally {
      await pool.dispose();
    }
  });
});
