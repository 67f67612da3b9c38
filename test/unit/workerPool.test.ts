// The worker pool the extension runs every save through, against the real harness and Python.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PythonUnavailableError, PythonWorkerPool } from '../../src/adapters/pythonWorkerPool';

const root = path.resolve(__dirname, '..', '..');
const harness = path.join(root, 'src', 'python', 'mlprep_harness.py');
const problem = path.join(root, 'test', 'fixtures', 'harness', 'problems', 'plain');
const solution = (name: string) => path.join(root, 'test', 'fixtures', 'harness', 'solutions', `${name}.py`);
const python = process.env.MLPREP_TEST_PYTHON ?? 'python3';

describe('PythonWorkerPool', () => {
  const pool = new PythonWorkerPool({ harnessPath: harness });
  afterAll(() => pool.dispose());

  it('runs a suite through one long-lived worker', async () => {
    const a = await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    expect(a.status).toBe('ok');
    expect(a.summary.passed).toBe(a.summary.total);
    const pid = (await pool.warm(python)).python.executable;
    const b = await pool.run(python, { problemDir: problem, solution: solution('plain_wrong'), timeoutSeconds: 10 });
    expect(b.summary.failed).toBeGreaterThan(0);
    expect((await pool.warm(python)).python.executable).toBe(pid);
  });

  it('a newer run cancels the stale one (quick successive saves)', async () => {
    const stale = pool.run(python, { problemDir: problem, solution: solution('plain_loop'), timeoutSeconds: 30 });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const fresh = pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    const [s, f] = await Promise.all([stale, fresh]);
    expect(s.status).toBe('cancelled');
    expect(f.status).toBe('ok');
    expect(f.summary.passed).toBe(f.summary.total);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('an aborted signal cancels the run at once', async () => {
    const ac = new AbortController();
    const p = pool.run(python, { problemDir: problem, solution: solution('plain_loop'), timeoutSeconds: 30 }, ac.signal);
    setTimeout(() => ac.abort(), 200);
    expect((await p).status).toBe('cancelled');
  });

  it('times out an endless loop and keeps working afterwards', async () => {
    const r = await pool.run(python, { problemDir: problem, solution: solution('plain_loop'), timeoutSeconds: 1 });
    expect(r.status).toBe('timeout');
    const next = await pool.run(python, { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 10 });
    expect(next.status).toBe('ok');
  });

  it('names an interpreter that cannot be started', async () => {
    await expect(pool.run('/nonexistent/python9', { problemDir: problem, solution: solution('plain_pass'), timeoutSeconds: 5 }))
      .rejects.toBeInstanceOf(PythonUnavailableError);
  });
});
