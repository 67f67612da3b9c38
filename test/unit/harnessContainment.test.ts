// The judge's boundary (threat model in src/python/mlprep_harness/__init__.py and the README):
// accidents are contained, deliberate tampering is not prevented. Both sides are pinned here so
// that a change to either shows up as a failing test.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnPythonWorker } from '../../src/adapters/pythonProcess';
import { type Report, type WorkerMessage } from '../../src/core/runner/report';
import { FIXTURES, HARNESS, PYTHON, harnessRun, problemDir, solutionFile } from './helpers/harnessRun';

const isLinux = process.platform === 'linux';

const status = (r: Report, name: string): string | undefined => r.tests.find((t) => t.name === name)?.status;

/** Alive and not a zombie (a zombie is dead but still listed until its parent reaps it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pids of `pids` still alive after waiting up to `ms` for them to exit. */
async function aliveAfter(pids: number[], ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    alive = alive.filter(isAlive);
  }
  return alive;
}

const pidsIn = (stdout: string): number[] => {
  const m = /^pids ([\d ]+)$/m.exec(stdout);
  return m ? m[1].trim().split(' ').map(Number) : [];
};

describe.skipIf(!isLinux)('contained: accidents', () => {
  it('kills processes started in a new session, holding the output pipe, or double-forked (run mode)', async () => {
    const r = await harnessRun('plain', 'plain_escape');
    expect(r.status).toBe('ok');
    expect(r.summary.passed).toBe(3);
    const pids = pidsIn(r.stdout);
    expect(pids).toHaveLength(3);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('kills them in the long-lived worker too; the worker keeps only its spare test child', async () => {
    const worker = spawnPythonWorker({ python: PYTHON, args: [HARNESS, 'serve'], killGraceMs: 1000 });
    try {
      const report = new Promise<Report>((resolve) => {
        worker.onMessage((m: WorkerMessage) => {
          if (m.type === 'ready') worker.send({ type: 'run', id: 'x', problemDir: problemDir('plain'), solution: solutionFile('plain_bomb') });
          if (m.type === 'report') resolve(m.report);
        });
      });
      const r = await report;
      expect(r.summary.passed).toBe(3);
      const pids = pidsIn(r.stdout);
      expect(pids).toHaveLength(40);
      // SIGKILLed before the report is sent, reaped right after it (before any next run): a
      // killed process may need a moment to finish exiting on a loaded machine
      expect(await aliveAfter(pids, 2000)).toEqual([]);
      // after a report the worker forks the next run's child in advance: that one, nothing else
      const children = readFileSync(`/proc/${worker.pid}/task/${worker.pid}/children`, 'utf8').trim().split(' ').filter(Boolean);
      expect(children.length).toBeLessThanOrEqual(1);
    } finally {
      await worker.dispose();
    }
  });

  it('forks the next test child while idle, and that child goes with the worker', async () => {
    const worker = spawnPythonWorker({ python: PYTHON, args: [HARNESS, 'serve'], killGraceMs: 1000 });
    let spare = 0;
    try {
      await new Promise<void>((resolve) => worker.onMessage((m: WorkerMessage) => m.type === 'ready' && resolve()));
      const deadline = Date.now() + 5000;
      while (!spare && Date.now() < deadline) {
        spare = Number(readFileSync(`/proc/${worker.pid}/task/${worker.pid}/children`, 'utf8').trim().split(' ')[0] || 0);
        if (!spare) await new Promise((r) => setTimeout(r, 20));
      }
      expect(spare).toBeGreaterThan(0);
      expect(isAlive(spare)).toBe(true);
    } finally {
      await worker.dispose();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(spare)).toBe(false);
  });

  it('limits file size (EFBIG, not a full disk) and the process count, and sets the timing cache', async () => {
    const r = await harnessRun('plain', 'plain_limits', { extra: ['--timing-cache', path.join(FIXTURES, '..', '..', '..', 'out', 'timing-cache-test')] });
    const t = r.tests.find((x) => x.name === 'test_second')!;
    expect(t.status).toBe('error');
    expect(t.message).toMatch(/^OSError: \[Errno 27\] File too large/);
    expect(r.stdout).toContain(`fsize ${512 * 1024 * 1024}`);
    const nproc = Number(/^nproc (-?\d+)/m.exec(r.stdout)![1]);
    if (process.getuid?.() === 0) {
      // Linux does not enforce RLIMIT_NPROC for root; the harness leaves it alone (documented)
      expect(nproc).not.toBeLessThan(0);
    } else {
      expect(nproc).toBeGreaterThan(256);
      expect(nproc).toBeLessThan(1_000_000);
    }
    expect(r.stdout).toMatch(/^timing .*timing-cache-test$/m);
  });
});

describe('timing cache for relative-speed checks', () => {
  it('defaults MLPREP_TIMING_CACHE to $XDG_CACHE_HOME/mlprep/timing, and creates it', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'mlprep-xdg-'));
    try {
      const r = await harnessRun('plain', 'plain_limits', { env: { MLPREP_TIMING_CACHE: undefined, XDG_CACHE_HOME: cache } });
      const dir = path.join(cache, 'mlprep', 'timing');
      expect(r.stdout).toContain(`timing ${dir}\n`);
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('says where: timeouts and floods', () => {
  it('names the solution line an infinite loop was running', async () => {
    const r = await harnessRun('plain', 'plain_loop', { extra: ['--timeout', '1'] });
    expect(r.status).toBe('timeout');
    const t = r.tests.find((x) => x.name === 'test_second')!;
    expect(t.status).toBe('timeout');
    // `while a == 2:` / `pass` are lines 2-3 of plain_loop.py
    expect(t.location?.file).toBe(solutionFile('plain_loop'));
    expect([2, 3]).toContain(t.location?.line);
    expect(t.message).toMatch(/at plain_loop\.py line [23]/);
    expect(r.error!.location).toEqual(t.location);
    expect(r.error!.message).toMatch(/the code was running:\n {2}plain_loop\.py:[23] in add: (while a == 2:|pass)/);
  });

  it('says how many lines were printed when output was truncated, and that printing may be why it timed out', async () => {
    const r = await harnessRun('plain', 'plain_print_flood', { extra: ['--timeout', '3'] });
    expect(r.status).toBe('timeout');
    expect(r.output?.stdout).toMatchObject({ lines: 200_000, truncated: true });
    expect(r.stdout).toContain('200,000 lines printed in all');
    expect(r.error!.message).toContain('it printed 200,000 lines');
    expect(r.error!.message).toContain('printing that much can itself use up the time limit');
    expect(r.tests.find((x) => x.name === 'test_second')!.message).toContain('printed 200,000 lines');
  });

  it('does not blame printing when nothing was truncated', async () => {
    const r = await harnessRun('plain', 'plain_loop', { extra: ['--timeout', '1'] });
    expect(r.output?.stdout).toEqual({ lines: 0, bytes: 0, truncated: false });
    expect(r.error!.message).not.toContain('printed');
  });
});

describe('NOT prevented: deliberate tampering (out of scope, as in pytest)', () => {
  it("reading the calling test's frame passes a test with the expected value", async () => {
    const r = await harnessRun('tamper', 'tamper_frame');
    expect(status(r, 'test_answer')).toBe('passed');
  });

  it('patching numpy.testing makes a wrong solution pass', async () => {
    const r = await harnessRun('arrays', 'arrays_patch_testing');
    expect(r.summary).toMatchObject({ passed: 2, total: 2 });
  });

  it('writing a forged result to the inherited result pipe is believed', async () => {
    const r = await harnessRun('tamper', 'tamper_pipe');
    expect(status(r, 'test_never_passes')).toBe('passed');
    // the test that was running when the forgery happened has no verdict of its own
    expect(status(r, 'test_answer')).toBe('error');
  });

  it('printing fake results is NOT believed (results travel on their own pipe)', async () => {
    const r = await harnessRun('plain', 'plain_fake_json');
    expect(r.summary.passed).toBe(0);
  });
});
