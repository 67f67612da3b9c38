// Progress written from two windows at once, in the real extension host. Window 1 is the
// extension's own store (its file watcher, its command).
// - "progress across two windows": window 2 is a second ProgressLog opened by this suite on the
//   same globalStorage folder with its own copy of the synced key (the code a second window runs,
//   in this process, with its own window id).
// - "progress across two real windows": window 2 is a second browser page on the same code-server
//   and workspace, driven by the runner (test/host/secondWindow.mjs) through its command palette;
//   it gets its own extension host process, which the test checks (another pid writes the events).
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands } from '../../../src/commands';
import { ProgressLog, nodeLogFs, processAlive } from '../../../src/adapters/progressLog';
import { problemState, type Progress } from '../../../src/core/progress/progress';
import { askSecondWindow, secondWindowAvailable } from '../secondWindow';

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

/** Resolves when `pred` holds for the store's view, waiting for its own change events (no manual refresh). */
function until(store: MLPrepApi['services']['progress'], pred: (p: Progress) => boolean, what: string, ms = 15_000): Promise<void> {
  if (pred(store.get())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`window 1 never saw: ${what}`)); }, ms);
    const sub = store.onDidChange((p) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('progress across two windows', function () {
  this.timeout(120_000);
  const P = (n: string) => `two-windows-${n}`;
  let one: MLPrepApi['services']['progress'];
  let two: ProgressLog;

  before(async () => {
    one = (await api()).services.progress;
    let cached: unknown; // window 2's own copy of the synced key
    two = new ProgressLog({
      dir: one.dir, windowId: `suite${Date.now().toString(36)}`, host: os.hostname(), pid: process.pid, fs: nodeLogFs,
      synced: { get: () => cached, set: async (v) => void (cached = v) },
      isAlive: processAlive, newId: randomUUID, now: Date.now, hash: (s) => `${s.length}`, report: () => undefined,
    });
    await two.refresh();
  });

  it('solves in one window, a reset in the other, runs in both: window 1 follows on its own; nothing comes back', async () => {
    await one.recordRun(P('a'), { passed: 3, total: 3, countsAsAttempt: true });
    await one.recordRun(P('b'), { passed: 1, total: 3, countsAsAttempt: true });
    await one.recordRun(P('b'), { passed: 3, total: 3, countsAsAttempt: true });
    await two.refresh();
    assert.equal(problemState(two.get().problems[P('a')]), 'solved');
    assert.equal(two.get().problems[P('b')]?.attemptsToSolve, 2);

    await two.record({ kind: 'reset', scope: P('a') });
    await two.record({ kind: 'run', p: P('b'), passed: 0, total: 3, counts: true });
    await two.record({ kind: 'run', p: P('b'), passed: 0, total: 0, counts: false }); // a syntax error: counted apart
    // Window 1 learns of it through its watcher / change events, without being asked.
    // All three events, not just the first two: the watcher can fire between window 2's appends.
    await until(one, (p) => p.problems[P('a')] === undefined && p.problems[P('b')]?.attempts === 3 && p.problems[P('b')]?.errors === 1, 'the reset and the runs of window 2');
    assert.equal(one.get().problems[P('b')]?.errors, 1);
    assert.equal(problemState(one.get().problems[P('b')]), 'solved');

    // A run in window 1 on the reset problem starts it afresh: the old solve does not come back.
    await one.recordRun(P('a'), { passed: 1, total: 3, countsAsAttempt: true });
    await two.refresh();
    for (const p of [one.get(), two.get()]) {
      assert.deepEqual(p.problems[P('a')] && { attempts: p.problems[P('a')].attempts, solved: p.problems[P('a')].solvedAt !== undefined }, { attempts: 1, solved: false });
    }
    assert.deepEqual(two.get().problems, one.get().problems);
  });

  it('both windows recording 25 solves at once: 50 of 50 in each', async () => {
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 25; i++) {
      jobs.push(one.recordRun(P(`one-${i}`), { passed: 1, total: 1, countsAsAttempt: true }));
      jobs.push(two.record({ kind: 'run', p: P(`two-${i}`), passed: 1, total: 1, counts: true }));
    }
    await Promise.all(jobs);
    const count = (p: Progress) => Object.keys(p.problems).filter((id) => /^two-windows-(one|two)-/.test(id) && problemState(p.problems[id]) === 'solved').length;
    await until(one, (p) => count(p) === 50, '50 solves');
    await two.refresh();
    assert.equal(count(two.get()), 50);
  });

  it('Reset All Progress (the command) in window 1, then a run in window 2: only that run is left, in both', async () => {
    await vscode.commands.executeCommand(Commands.resetAllProgress, 'confirmed');
    assert.deepEqual(one.get().problems, {});
    await two.record({ kind: 'run', p: P('after'), passed: 2, total: 2, counts: true });
    await until(one, (p) => !!p.problems[P('after')], 'the run after the reset');
    assert.deepEqual(Object.keys(one.get().problems), [P('after')]);
    assert.deepEqual(two.get().problems, one.get().problems);
    await two.compactAndPublish();
    await one.flush();
  });
});

describe('progress across two real windows (a second page, its own extension host)', function () {
  this.timeout(400_000);
  const PROBLEM = 'log-loss';
  const P = (n: string) => `two-real-windows-${n}`;
  let one: MLPrepApi['services']['progress'];

  /** Pids of the extension hosts whose event files mention `text`. */
  function writers(text: string): number[] {
    return fs.readdirSync(one.dir).filter((f) => f.startsWith('events.') && fs.readFileSync(path.join(one.dir, f), 'utf8').includes(text))
      .map((f) => Number(f.split('.')[2]));
  }

  before(async function () {
    if (!secondWindowAvailable()) this.skip(); // only the code-server runner opens a second page
    one = (await api()).services.progress;
  });

  it('solves in window 1, a run and Reset All in window 2, runs in both: the record is what the user expects', async () => {
    await vscode.commands.executeCommand(Commands.startProblem, PROBLEM); // the starter: its tests fail
    await one.recordRun(P('x'), { passed: 2, total: 2, countsAsAttempt: true });
    await one.recordRun(P('y'), { passed: 2, total: 2, countsAsAttempt: true });
    const file = `ml-interview/${PROBLEM}/solution.py`;

    // A run in window 2: window 1 sees it through its watcher; another process wrote it.
    await askSecondWindow([{ open: file }, { palette: 'MLPrep: Run Hidden Tests' }]);
    await until(one, (p) => (p.problems[PROBLEM]?.attempts ?? 0) >= 1, 'the run of window 2', 120_000);
    const others = writers(`"p":"${PROBLEM}"`).filter((pid) => pid !== process.pid);
    assert.ok(others.length > 0, `no other extension host wrote the run (writers: ${writers(`"p":"${PROBLEM}"`).join(', ')}; this host: ${process.pid})`);

    // Reset All in window 2 (its command and its modal): window 1 follows.
    await askSecondWindow([{ palette: 'MLPrep: Reset All Progress' }, { confirm: 'Reset All Progress' }]);
    await until(one, (p) => Object.keys(p.problems).length === 0, 'the reset of window 2', 60_000);

    // Runs in both after the reset: only they count; the old solves never come back.
    await one.recordRun(P('y'), { passed: 0, total: 2, countsAsAttempt: true });
    await askSecondWindow([{ palette: 'MLPrep: Run Hidden Tests' }]);
    await until(one, (p) => p.problems[PROBLEM]?.attempts === 1, 'the run of window 2 after the reset', 120_000);
    await one.refresh();
    const p = one.get();
    assert.deepEqual(Object.keys(p.problems).sort(), [PROBLEM, P('y')].sort());
    assert.equal(p.problems[P('y')].attempts, 1);
    assert.equal(p.problems[P('y')].solvedAt, undefined);
    assert.equal(p.problems[PROBLEM].attempts, 1);
  });
});
