// Runs the real harness (the package src/python/mlprep_harness/, through its launcher) through the real spawn point against the
// fixture problems and solutions in test/fixtures/harness/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPython, spawnPythonWorker, type PythonWorker } from '../../src/adapters/pythonProcess';
import { type Report, type TestResult, type WorkerMessage } from '../../src/core/runner/report';
import { HARNESS, PYTHON, harnessRun, problemDir, solutionFile } from './helpers/harnessRun';
import { torchPython } from './helpers/torchPython';

const SYSTEM_PYTHON = '/usr/bin/python3'; // numpy 1.x + pandas on the CI image, when present

const byName = (report: Report): Record<string, TestResult> => Object.fromEntries(report.tests.map((t) => [t.name, t]));
const statuses = (report: Report): string[] => report.tests.map((t) => `${t.name}:${t.status}`);

describe('harness run mode', () => {
  it('passes a correct solution, in definition order, with captured prints', async () => {
    const r = await harnessRun('plain', 'plain_pass');
    expect(r.status).toBe('ok');
    expect(statuses(r)).toEqual(['test_first:passed', 'test_second:passed', 'test_third:passed']);
    expect(r.stdout).toBe('debug: adding 1 2\ndebug: adding 2 2\ndebug: adding -1 1\n');
    expect(r.python.executable).toMatch(/python/);
    expect(r.suite).toBe('hidden');
  });

  it('runs the examples suite when asked', async () => {
    const r = await harnessRun('plain', 'plain_pass', { extra: ['--suite', 'examples'] });
    expect(r.suite).toBe('examples');
    expect(statuses(r)).toEqual(['test_example:passed']);
  });

  it('reports a failed assertion with its message', async () => {
    const r = await harnessRun('plain', 'plain_wrong');
    expect(r.status).toBe('ok');
    expect(byName(r).test_second).toMatchObject({ status: 'failed', message: 'add(2, 2) should be 4, got 5' });
    expect(r.summary).toMatchObject({ passed: 2, failed: 1, total: 3 });
  });

  it('describes a numpy assert_allclose failure from the values: count, worst element, errors, tolerance', async () => {
    const r = await harnessRun('arrays', 'arrays_wrong');
    const t = byName(r).test_vector;
    expect(t.status).toBe('failed');
    expect(t.message.split('\n')).toEqual([
      'scale([1, 2, 3], 2) is wrong',
      '1 of 3 elements differ (shape (3,)); tolerance rtol=1e-07, atol=0',
      'worst at [2]: actual 7.0, expected 6.0; abs err 1, rel err 0.17',
    ]);
    expect(t.actual).toBe('[2.0, 4.0, 7.0]');
    expect(t.expected).toBe('[2.0, 4.0, 6.0]');
    // a 100 000-element hidden input is never dumped
    const big = byName(r).test_big_input_is_not_dumped;
    expect(big.status).toBe('failed');
    expect(big.message).toContain('1 of 100,000 elements differ (shape (100000,))');
    expect(big.message).toContain('worst at [99999]: actual 299998.0, expected 299997.0');
    expect(big.actual).toBe('[0.0, 3.0, 6.0, ..., 299991.0, 299994.0, 299998.0]');
    expect(big.message.length).toBeLessThanOrEqual(2000);
  });

  for (const python of [PYTHON, ...(existsSync(SYSTEM_PYTHON) ? [SYSTEM_PYTHON] : [])]) {
    it(`shows a scalar mismatch as plain numbers with the digits that differ (${python})`, async () => {
      const r = await harnessRun('numeric', 'numeric_wrong', { python });
      const b = byName(r);
      expect(b.test_scalar).toMatchObject({ status: 'failed', actual: '0.6380671', expected: '0.6380683' });
      expect(b.test_scalar.message).toBe('AUC differs from the pairwise definition\n' +
        'actual 0.6380671, expected 0.6380683: abs err 1.2e-06, rel err 1.9e-06; tolerance rtol=1e-07, atol=0');
      // a 0-d array result reads the same as a float, never array(0.638067)
      expect(b.test_zero_d).toMatchObject({ status: 'failed', actual: '0.6380671', expected: '0.6380683' });
      expect(b.test_matrix.message).toContain('2 of 6 elements differ (shape (2, 3)); tolerance rtol=1e-05, atol=1e-08');
      expect(b.test_matrix.message).toContain('worst at [1, 2]: actual 6.5, expected 6.0; abs err 0.5, rel err 0.083');
      expect(b.test_matrix.actual).toBe('[[1.0, 2.0, 3.1],\n [4.0, 5.0, 6.5]]');
      expect(b.test_shape.message).toContain('shape mismatch: actual has shape (1, 1), expected shape (2,)');
      expect(b.test_labels).toMatchObject({ status: 'failed', actual: '[0, 1, 1, 0]', expected: '[0, 1, 2, 0]' });
      expect(b.test_labels.message).toContain('1 of 4 elements differ (shape (4,)); tolerance exact equality');
      expect(b.test_almost.message).toContain('tolerance decimal=7 (abs err < 1.5e-07)');
      expect(b.test_nan.message).toContain('worst at [1]: actual nan, expected 2.0; nan where a number was expected');
      // plain asserts: operands re-evaluated in the test's frame, never a call into the solution
      expect(b.test_plain_equal).toMatchObject({ actual: '0.6380671', expected: '0.6380683' });
      expect(b.test_plain_equal.message).toBe('assertion failed: assert got == 0.6380683\n' +
        'actual 0.6380671, expected 0.6380683: abs err 1.2e-06, rel err 1.9e-06; tolerance exact equality');
      expect(b.test_plain_abs.message).toContain('; tolerance abs err < 1e-09');
      expect(b.test_plain_isclose.message).toContain('; tolerance rel_tol=1e-09, abs_tol=0');
      expect(b.test_plain_lists).toMatchObject({ message: expect.stringContaining('worst at [2]: actual 1, expected 2'), actual: '[0, 1, 1, 0]' });
      expect(b.test_plain_call_not_reevaluated).toMatchObject({ status: 'failed', message: 'auc() is called once, not again to describe the failure' });
      expect(b.test_plain_call_not_reevaluated.actual).toBeUndefined();
      // not numeric: numpy's own text, split as before
      expect(b.test_strings.status).toBe('failed');
      expect(b.test_strings.actual).toContain('a');
    });
  }

  it.skipIf(!existsSync(SYSTEM_PYTHON))('describes the same failure from the values on numpy 1.x (/usr/bin/python3)', async () => {
    const r = await harnessRun('arrays', 'arrays_wrong', { python: SYSTEM_PYTHON });
    const t = byName(r).test_vector;
    expect(t).toMatchObject({ status: 'failed', actual: '[2.0, 4.0, 7.0]', expected: '[2.0, 4.0, 6.0]' });
    expect(t.message).toContain('worst at [2]: actual 7.0, expected 6.0; abs err 1, rel err 0.17');
    expect(t.message).not.toMatch(/^ ?x:/m);
  });

  it('locates an exception at the deepest frame inside the solution', async () => {
    const r = await harnessRun('plain', 'plain_raises');
    const t = byName(r).test_second;
    expect(t.status).toBe('error');
    expect(t.message.split('\n')[0]).toBe('ZeroDivisionError: division by zero');
    expect(t.message).toContain('plain_raises.py:7 in add');
    expect(t.location).toMatchObject({ file: solutionFile('plain_raises'), line: 2 });
    expect(r.summary).toMatchObject({ passed: 2, errors: 1 });
  });

  it('reports a syntax error with line and column, every test skipped', async () => {
    const r = await harnessRun('plain', 'plain_syntax');
    expect(r.status).toBe('import-error');
    expect(r.error).toMatchObject({ kind: 'syntax-error', location: { file: solutionFile('plain_syntax'), line: 1, column: 14 } });
    expect(r.error!.message).toMatch(/^SyntaxError: /);
    expect(r.summary).toMatchObject({ skipped: 3, total: 3, passed: 0 });
  });

  it('reports an exception raised while importing the solution', async () => {
    const r = await harnessRun('plain', 'plain_import_error');
    expect(r.status).toBe('import-error');
    expect(r.error).toMatchObject({ kind: 'exception', location: { file: solutionFile('plain_import_error'), line: 2 } });
    expect(r.error!.message).toContain("KeyError: 'beta'");
  });

  it('says which function the tests needed when the solution lacks it', async () => {
    const r = await harnessRun('plain', 'plain_missing_entry');
    expect(r.status).toBe('import-error');
    expect(r.error).toMatchObject({ kind: 'missing-entry', message: 'plain_missing_entry.py does not define `add` (the tests import it)' });
  });

  it('turns sys.exit() in the solution into a test error, and goes on', async () => {
    const r = await harnessRun('plain', 'plain_sys_exit');
    expect(r.status).toBe('ok');
    expect(statuses(r)).toEqual(['test_first:passed', 'test_second:error', 'test_third:passed']);
    expect(byName(r).test_second.message).toMatch(/^SystemExit: the code called sys\.exit\(3\)/);
    expect(byName(r).test_second.location?.line).toBe(6);
  });

  it('reports os._exit() as a crash of the running test, never a pass', async () => {
    const r = await harnessRun('plain', 'plain_os_exit');
    expect(r.status).toBe('crashed');
    expect(statuses(r)).toEqual(['test_first:passed', 'test_second:error', 'test_third:skipped']);
    expect(r.error).toMatchObject({ kind: 'crashed', exitCode: 0 });
    expect(r.error!.message).toContain('while running test_second');
  });

  it('stops an infinite loop at the time limit, keeping finished results', async () => {
    const r = await harnessRun('plain', 'plain_loop', { extra: ['--timeout', '1.5'] });
    expect(r.status).toBe('timeout');
    expect(statuses(r)).toEqual(['test_first:passed', 'test_second:timeout', 'test_third:skipped']);
    expect(r.durationMs).toBeGreaterThanOrEqual(1500);
    expect(r.durationMs).toBeLessThan(5000);
    expect(r.error!.message).toContain('while running test_second');
  });

  it('reports a 10 GB allocation as a MemoryError (or a crash), not a pass', async () => {
    for (const [problem, solution, test] of [['plain', 'plain_memory', 'test_second'], ['arrays', 'arrays_memory', 'test_vector']]) {
      const r = await harnessRun(problem, solution);
      const t = byName(r)[test];
      if (r.status === 'crashed') {
        expect(t.status).toBe('error');
      } else {
        expect(t.status).toBe('error');
        expect(t.message).toMatch(/^MemoryError: .*memory limit/);
        expect(t.location?.file).toBe(solutionFile(solution));
      }
    }
  });

  it('reports a segfault as crashed, naming the signal and the line', async () => {
    const r = await harnessRun('plain', 'plain_segfault');
    expect(r.status).toBe('crashed');
    expect(r.error).toMatchObject({ kind: 'crashed', signal: 'SIGSEGV' });
    expect(r.error!.message).toMatch(/killed by SIGSEGV.*while running test_second/);
    expect(statuses(r)).toEqual(['test_first:passed', 'test_second:error', 'test_third:skipped']);
    expect(byName(r).test_second.location).toMatchObject({ file: solutionFile('plain_segfault'), line: 6 });
  });

  it('is not fooled by a solution printing fake results', async () => {
    const r = await harnessRun('plain', 'plain_fake_json');
    expect(r.status).toBe('ok');
    expect(r.summary).toMatchObject({ passed: 0, failed: 3, total: 3 });
    expect(r.stdout).toContain('"status": "passed"');
    expect(r.stderr).toContain('{"t": "done"}');
  });

  it('truncates a flood of output, keeping head and tail', async () => {
    const r = await harnessRun('plain', 'plain_noisy');
    expect(r.status).toBe('ok');
    expect(r.stdout.length).toBeLessThan(20_000);
    expect(r.stdout.startsWith('line 0 of noisy output\n')).toBe(true);
    expect(r.stdout).toMatch(/bytes of output omitted/);
    expect(r.stdout.trimEnd().endsWith('line 49999 of noisy output')).toBe(true);
  });

  it('names a missing required module', async () => {
    const r = await harnessRun('needs-missing', 'plain_pass');
    expect(r.status).toBe('missing-dependency');
    expect(r.error!.modules).toEqual(['mlprep_no_such_module_xyz']);
    expect(r.error!.installCommand).toMatch(/ -m pip install mlprep_no_such_module_xyz/);
    expect(r.error!.message).toContain(r.python.executable);
    expect(r.tests.map((t) => t.status)).toEqual(['skipped']);
  });

  it('names missing numpy and pandas with the interpreter and an install command', async () => {
    // -S: no site-packages, so neither numpy nor pandas can be imported
    const r = await harnessRun('arrays', 'arrays_pass', { pythonFlags: ['-S'] });
    expect(r.status).toBe('missing-dependency');
    expect(r.error!.modules).toEqual(['numpy']);
    expect(r.error!.installCommand).toBe(`${r.python.executable} -m pip install numpy pandas`);
    expect(r.error!.message).toContain(`not installed for ${r.python.executable}`);
  });

  describe('frameworks (a PyTorch variant judged by the same hidden tests)', () => {
    const TORCH = torchPython();
    const run = (solution: string, extra: string[], python?: string): Promise<Report> => harnessRun('frameworks', solution, { python, extra });

    it('a NumPy run never imports torch, even where it is installed', async () => {
      for (const python of [PYTHON, ...(TORCH ? [TORCH] : [])]) {
        const r = await run('frameworks_numpy', [], python);
        expect(statuses(r)).toEqual(['test_scale_returns_numpy:passed', 'test_in_place_change_is_seen:passed', 'test_class_methods_take_and_return_numpy:passed', 'test_torch_loaded_under_pytorch:passed']);
        expect(r.stdout).toBe('framework: numpy; torch loaded: False\n');
        const ex = await run('frameworks_numpy', ['--suite', 'examples'], python);
        expect(statuses(ex)).toEqual(['test_example_numpy:passed']);
      }
    });

    it.skipIf(!TORCH)('a PyTorch run gets tensors, gives NumPy back to the tests, and runs the PyTorch examples', async () => {
      const r = await run('frameworks_torch', ['--framework', 'pytorch'], TORCH);
      expect(r.stdout).toBe('framework: pytorch; torch loaded: True\n');
      expect(r.status).toBe('ok');
      expect(r.summary).toMatchObject({ passed: 4, total: 4 });
      const ex = await run('frameworks_torch', ['--framework', 'pytorch', '--suite', 'examples'], TORCH);
      expect(statuses(ex)).toEqual(['test_example_pytorch:passed']);
      // the same tensor solution judged as NumPy fails (its assert names the ndarray it got)
      const wrong = await run('frameworks_torch', [], TORCH);
      expect(byName(wrong).test_scale_returns_numpy).toMatchObject({ status: 'error' });
      expect(byName(wrong).test_scale_returns_numpy.message).toContain('expected a tensor, got ndarray');
    });

    it('a PyTorch run without torch says so, with the CPU install command, and runs nothing', async () => {
      const probe = await runPython({ python: PYTHON, args: ['-c', 'import importlib.util as u; print(u.find_spec("torch") is None)'], timeoutMs: 30_000 });
      if (probe.stdout.trim() !== 'True') return; // this interpreter has torch: nothing to show here
      const r = await run('frameworks_torch', ['--framework', 'pytorch']);
      expect(r.status).toBe('missing-dependency');
      expect(r.error!.modules).toEqual(['torch']);
      expect(r.error!.installCommand).toBe(`${r.python.executable} -m pip install torch --index-url https://download.pytorch.org/whl/cpu`);
      expect(r.error!.message).toMatch(/^The PyTorch variant of this problem needs torch, which is not installed for /);
      expect(r.error!.message).toContain('the CPU build is enough');
      expect(r.tests.map((t) => t.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    });

    it('rejects an unknown framework', async () => {
      const r = await runPython({ python: PYTHON, args: [HARNESS, 'run', '--problem-dir', problemDir('frameworks'), '--solution', solutionFile('frameworks_numpy'), '--framework', 'jax'], timeoutMs: 30_000 });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/--framework/);
    });
  });

  it('works the same without fork (the spawned child used on Windows)', async () => {
    const env = { MLPREP_HARNESS_NO_FORK: '1' };
    const ok = await harnessRun('plain', 'plain_raises', { env });
    expect(statuses(ok)).toEqual(['test_first:passed', 'test_second:error', 'test_third:passed']);
    expect(ok.tests[1].location?.line).toBe(2);
    const loop = await harnessRun('plain', 'plain_loop', { env, extra: ['--timeout', '2'] });
    expect(loop.status).toBe('timeout');
    expect(statuses(loop)).toEqual(['test_first:passed', 'test_second:timeout', 'test_third:skipped']);
  });

  it('rejects bad arguments with exit code 2', async () => {
    const r = await runPython({ python: PYTHON, args: [HARNESS, 'run', '--problem-dir', problemDir('plain')], timeoutMs: 30_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--solution/);
  });
});

// ---------------------------------------------------------------------------- serve mode

class WorkerProbe {
  readonly worker: PythonWorker;
  private readonly queue: WorkerMessage[] = [];
  private waiter: (() => void) | undefined;

  constructor(env?: Record<string, string | undefined>, python = PYTHON) {
    this.worker = spawnPythonWorker({ python, args: [HARNESS, 'serve'], env, killGraceMs: 1000 });
    this.worker.onMessage((m) => {
      this.queue.push(m);
      this.waiter?.();
    });
  }

  async next(timeoutMs = 20_000): Promise<WorkerMessage> {
    const deadline = Date.now() + timeoutMs;
    while (!this.queue.length) {
      if (Date.now() > deadline) throw new Error('no message from the worker');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.queue.shift()!;
  }

  /** The report of run `id`, skipping the run's streamed `started`/`test` messages. */
  async report(id: string, timeoutMs?: number): Promise<Report> {
    let m = await this.next(timeoutMs);
    while ((m.type === 'started' || m.type === 'test') && m.id === id) m = await this.next(timeoutMs);
    if (m.type !== 'report' || m.id !== id) throw new Error(`expected the report of ${id}, got ${JSON.stringify(m).slice(0, 200)}`);
    return m.report;
  }

  run(id: string, problem: string, solution: string, extra: Record<string, unknown> = {}): void {
    this.worker.send({ type: 'run', id, problemDir: problemDir(problem), solution: solutionFile(solution), ...extra });
  }
}

describe('harness serve mode', () => {
  let probe: WorkerProbe | undefined;
  afterEach(async () => {
    await probe?.worker.dispose();
    probe = undefined;
  });

  it('says ready, runs, answers pings and survives a crashed run', async () => {
    probe = new WorkerProbe();
    const ready = await probe.next(30_000);
    expect(ready).toMatchObject({ type: 'ready', protocol: 1, fork: true });
    if (ready.type !== 'ready') throw new Error('unreachable');
    expect(ready.pid).toBe(probe.worker.pid);

    probe.run('a', 'plain', 'plain_pass');
    const a = await probe.report('a');
    expect(a.summary).toMatchObject({ passed: 3, total: 3 });

    probe.run('b', 'plain', 'plain_segfault');
    expect((await probe.report('b')).status).toBe('crashed');
    probe.run('c', 'arrays', 'arrays_pass');
    expect((await probe.report('c')).summary).toMatchObject({ passed: 2, total: 2 });
    expect(probe.worker.exit).toBeUndefined();

    probe.worker.send({ type: 'ping' });
    expect(await probe.next()).toEqual({ type: 'pong' });
  });

  it('takes the framework per run: NumPy without torch, then PyTorch (torch imported then, once)', async () => {
    const TORCH = torchPython();
    probe = new WorkerProbe(undefined, TORCH ?? PYTHON);
    expect(await probe.next(30_000)).toMatchObject({ type: 'ready' });
    probe.run('np', 'frameworks', 'frameworks_numpy');
    const np = await probe.report('np');
    expect(np.summary).toMatchObject({ passed: 4, total: 4 });
    expect(np.stdout).toBe('framework: numpy; torch loaded: False\n');
    probe.run('bad', 'frameworks', 'frameworks_numpy', { framework: 'jax' });
    const bad = await probe.report('bad');
    expect(bad.status).toBe('harness-error');
    expect(bad.error!.message).toContain('framework must be numpy or pytorch');
    probe.run('pt', 'frameworks', 'frameworks_torch', { framework: 'pytorch', suite: 'examples' });
    const pt = await probe.report('pt');
    if (!TORCH) {
      expect(pt.status).toBe('missing-dependency');
      return;
    }
    expect(statuses(pt)).toEqual(['test_example_pytorch:passed']);
    probe.run('pt2', 'frameworks', 'frameworks_torch', { framework: 'pytorch' });
    const pt2 = await probe.report('pt2');
    expect(pt2.summary).toMatchObject({ passed: 4, total: 4 });
    expect(pt2.stdout).toBe('framework: pytorch; torch loaded: True\n');
  });

  it.skipIf(!torchPython())('runs the follow-up parts of a PyTorch solution as PyTorch (the request names both)', async () => {
    probe = new WorkerProbe(undefined, torchPython()!);
    expect(await probe.next(30_000)).toMatchObject({ type: 'ready' });
    const softmax = path.resolve(__dirname, '../../problems/ml-algorithms/softmax');
    probe.worker.send({ type: 'run', id: 'parts', problemDir: softmax, solution: path.join(softmax, 'followups/backward/solution_pytorch.py'),
      suite: 'hidden', framework: 'pytorch', followUps: ['log-softmax', 'backward'] });
    const r = await probe.report('parts', 90_000);   // imports torch first
    expect(r.status).toBe('ok');
    expect(r.partSummaries!.map((x) => [x.part, x.total > 0 && x.passed === x.total])).toEqual([[1, true], [2, true], [3, true]]);
  }, 120_000);

  it('describes numeric failures from the values in the forked child too (numpy preloaded)', async () => {
    probe = new WorkerProbe();
    expect(await probe.next(30_000)).toMatchObject({ type: 'ready', fork: true });
    probe.run('n', 'numeric', 'numeric_wrong');
    const tests = byName(await probe.report('n'));
    expect(tests.test_scalar).toMatchObject({ actual: '0.6380671', expected: '0.6380683' });
    expect(tests.test_labels.message).toContain('worst at [2]: actual 1, expected 2');
    expect(tests.test_plain_equal).toMatchObject({ actual: '0.6380671', expected: '0.6380683' });
  });

  it('cancels a running child at once and keeps finished results', async () => {
    probe = new WorkerProbe();
    await probe.next(30_000);
    probe.run('loop', 'plain', 'plain_loop', { timeoutSeconds: 60 });
    await new Promise((r) => setTimeout(r, 400));
    probe.worker.send({ type: 'ping' }); // stdin is read while the child runs
    const streamed: WorkerMessage[] = [];
    let m = await probe.next(2000);
    while (m.type !== 'pong') {
      streamed.push(m);
      m = await probe.next(2000);
    }
    // the first test had finished and was streamed before the pong
    expect(streamed.map((x) => x.type)).toEqual(['started', 'test']);
    const t0 = Date.now();
    probe.worker.send({ type: 'cancel', id: 'loop' });
    const r = await probe.report('loop');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.status).toBe('cancelled');
    expect(statuses(r)).toEqual(['test_first:passed', 'test_second:skipped', 'test_third:skipped']);
    // and the worker still works
    probe.run('after', 'plain', 'plain_pass');
    expect((await probe.report('after')).status).toBe('ok');
  });

  it('a new run request cancels the one in progress', async () => {
    probe = new WorkerProbe();
    await probe.next(30_000);
    probe.run('old', 'plain', 'plain_loop', { timeoutSeconds: 60 });
    await new Promise((r) => setTimeout(r, 300));
    probe.run('new', 'plain', 'plain_wrong');
    expect((await probe.report('old')).status).toBe('cancelled');
    expect((await probe.report('new')).summary).toMatchObject({ passed: 2, failed: 1 });
  });

  it('answers malformed requests without dying', async () => {
    probe = new WorkerProbe();
    await probe.next(30_000);
    probe.worker.send({ type: 'run', id: 'bad' } as never);
    const r = await probe.report('bad');
    expect(r.status).toBe('harness-error');
    expect(r.error!.message).toMatch(/problemDir/);
    probe.worker.send({ type: 'launch' } as never);
    expect(await probe.next()).toMatchObject({ type: 'error', message: "unknown request type 'launch'" });
  });

  it('dispose stops a worker in the middle of a run', async () => {
    probe = new WorkerProbe();
    await probe.next(30_000);
    probe.run('loop', 'plain', 'plain_loop', { timeoutSeconds: 60 });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const exit = await probe.worker.dispose();
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(exit.spawnError).toBeUndefined();
    expect(probe.worker.exit).toBeDefined();
    expect(probe.worker.send({ type: 'ping' })).toBe(false);
  });
});

// ---------------------------------------------------------------------------- the spawn point itself

describe('runPython', () => {
  const isAlive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    // a killed process whose new parent has not reaped it yet is a zombie: dead, but still listed
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  };

  it('sets PYTHONUTF8 and PYTHONDONTWRITEBYTECODE, passes stdin, no shell', async () => {
    const r = await runPython({
      python: PYTHON,
      args: ['-c', 'import os, sys; print(os.environ["PYTHONUTF8"], os.environ["PYTHONDONTWRITEBYTECODE"], sys.stdin.read(), sys.argv[1])', '$HOME; echo hi'],
      stdin: 'from-stdin',
      timeoutMs: 30_000,
    });
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, cancelled: false });
    expect(r.stdout.trim()).toBe('1 1 from-stdin $HOME; echo hi');
  });

  it('on timeout kills the whole process group', async () => {
    const code = 'import subprocess, sys, time\np = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])\nprint(p.pid, flush=True)\ntime.sleep(60)';
    const r = await runPython({ python: PYTHON, args: ['-c', code], timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGTERM');
    const grandchild = Number.parseInt(r.stdout.trim(), 10);
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 200));
    expect(isAlive(grandchild)).toBe(false);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const code = 'import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint("ready", flush=True)\ntime.sleep(60)';
    const r = await runPython({ python: PYTHON, args: ['-c', code], timeoutMs: 1000, killGraceMs: 300 });
    expect(r).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('cancels through an AbortSignal', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 500);
    const r = await runPython({ python: PYTHON, args: ['-c', 'import time; time.sleep(60)'], timeoutMs: 30_000, signal: ac.signal });
    expect(r).toMatchObject({ cancelled: true, timedOut: false });
    expect(r.durationMs).toBeLessThan(5000);
    const pre = await runPython({ python: PYTHON, args: ['-c', 'print(1)'], timeoutMs: 30_000, signal: ac.signal });
    expect(pre).toMatchObject({ cancelled: true, exitCode: null });
  });

  it('caps output', async () => {
    const r = await runPython({ python: PYTHON, args: ['-c', 'print("x" * 100000)'], timeoutMs: 30_000, maxOutputBytes: 1000 });
    expect(r.stdout.length).toBe(1000);
    expect(r.stdoutTruncated).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it('reports an interpreter that does not exist instead of throwing', async () => {
    const r = await runPython({ python: '/nonexistent/python3', args: ['-c', 'pass'], timeoutMs: 5000 });
    expect(r.spawnError).toMatch(/ENOENT/);
    expect(r.exitCode).toBeNull();
  });
});
