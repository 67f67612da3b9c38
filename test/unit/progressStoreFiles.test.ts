// The progress store's file logic on a REAL temp folder, two windows = two ProgressLog instances
// on one folder (what two VS Code windows of one user share: globalStorageUri). Each window also
// gets its own cached copy of the synced globalState key, as each extension host has.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressLog, nodeLogFs } from '../../src/adapters/progressLog';
import { emptyProgress, mergeProgress, problemState, recordRun, type Progress } from '../../src/core/progress/progress';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A globalState key as an extension host sees it: its own cached copy; writes go to the shared disk value. */
function sharedKey() {
  const disk = { value: undefined as unknown };
  return {
    disk,
    window: () => {
      let cache = disk.value;
      return { get: () => cache, set: async (v: unknown) => { cache = v; disk.value = v; } };
    },
  };
}

function openWindow(dir: string, windowId: string, synced: { get(): unknown; set(v: unknown): Promise<void> }, reports: string[] = []) {
  return new ProgressLog({
    dir, windowId, host: os.hostname(), pid: process.pid, fs: nodeLogFs, synced,
    isAlive: () => true, newId: randomUUID, now: Date.now, hash: (s) => String(s.length), report: (_l, m) => reports.push(m),
  });
}

const solved = (p: Progress) => Object.values(p.problems).filter((e) => problemState(e) === 'solved').length;

describe('progress store files: two windows on one real folder', () => {
  it('before (v1 read-merge-write on globalState): two windows each recording 25 solves keep 25 of 50', async () => {
    // The algorithm of the v1 store (main f80a0d6, GlobalStateProgressStore.update): read the key,
    // merge with this window's copy, apply, write. Each window reads its own extension host's
    // cached copy of the key, and there is no compare-and-swap.
    const key = sharedKey();
    const windows = [key.window(), key.window()].map((m) => ({ m, current: emptyProgress() }));
    const update = async (w: (typeof windows)[number], id: string, at: number) => {
      const stored = (w.m.get() as Progress | undefined) ?? emptyProgress();
      const base = mergeProgress(stored, w.current);
      w.current = recordRun(base, id, { passed: 1, total: 1 }, at).progress;
      await w.m.set(w.current);
    };
    for (let i = 0; i < 25; i++) await Promise.all([update(windows[0], `a${i}`, 2 * i), update(windows[1], `b${i}`, 2 * i + 1)]);
    const kept = solved(key.disk.value as Progress);
    expect(kept).toBe(25); // the failure this issue measured
  });

  it('before (v1): Reset in window A, then any run in window B brings every removed entry back', async () => {
    const key = sharedKey();
    const a = { m: key.window(), current: emptyProgress() };
    const b = { m: key.window(), current: emptyProgress() };
    const update = async (w: typeof a, fn: (p: Progress) => Progress) => {
      const stored = (w.m.get() as Progress | undefined) ?? emptyProgress();
      w.current = fn(mergeProgress(stored, w.current));
      await w.m.set(w.current);
    };
    for (let i = 0; i < 10; i++) await update(b, (p) => recordRun(p, `p${i}`, { passed: 1, total: 1 }, i).progress);
    // Window A resets everything (v1: Import > Replace writes the new record over the key).
    a.current = emptyProgress();
    await a.m.set(a.current);
    expect(Object.keys((key.disk.value as Progress).problems)).toHaveLength(0);
    // Window B runs one more problem: its merge of its in-memory copy resurrects all ten.
    await update(b, (p) => recordRun(p, 'new', { passed: 0, total: 1 }, 99).progress);
    expect(Object.keys((key.disk.value as Progress).problems).filter((id) => id !== 'new')).toHaveLength(10);
  });

  it('now: two windows each recording 25 solves at once keep 50 of 50, in both windows and in the synced key', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mlprep-progress-'));
    dirs.push(dir);
    const key = sharedKey();
    const a = openWindow(dir, 'a', key.window());
    const b = openWindow(dir, 'b', key.window());
    for (let i = 0; i < 25; i++) {
      await Promise.all([
        a.record({ kind: 'run', p: `a${i}`, passed: 1, total: 1, counts: true }),
        b.record({ kind: 'run', p: `b${i}`, passed: 1, total: 1, counts: true }),
        i % 7 === 3 ? a.compactAndPublish() : Promise.resolve(),
        i % 5 === 2 ? b.compactAndPublish() : Promise.resolve(),
      ]);
    }
    await a.refresh();
    await b.refresh();
    expect(solved(a.get())).toBe(50);
    expect(b.get()).toEqual(a.get());
    await a.compactAndPublish();
    await b.compactAndPublish();
    const later = openWindow(dir, 'c', key.window());
    await later.refresh();
    expect(solved(later.get())).toBe(50);
    // The synced copy (another machine's only view) has all 50 too.
    const elsewhere = openWindow(mkdtempSync(path.join(os.tmpdir(), 'mlprep-progress-m2-')), 'm2', { get: () => key.disk.value, set: async () => undefined });
    dirs.push((elsewhere as unknown as { o: { dir: string } }).o.dir);
    await elsewhere.refresh();
    expect(solved(elsewhere.get())).toBe(50);
  });

  it('now: a reset in window A, then runs in window B: nothing resurrects; later runs count again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mlprep-progress-'));
    dirs.push(dir);
    const key = sharedKey();
    const a = openWindow(dir, 'a', key.window());
    const b = openWindow(dir, 'b', key.window());
    for (const id of ['kmeans', 'pca', 'softmax']) await b.record({ kind: 'run', p: id, passed: 2, total: 2, counts: true });
    await b.record({ kind: 'run', p: 'kmeans', passed: 1, total: 2, counts: true });
    await a.refresh();
    expect(a.get().problems.kmeans.attempts).toBe(2);
    await a.record({ kind: 'reset', scope: 'kmeans' });
    await a.compactAndPublish();
    // B never re-read since; its next run must not bring kmeans back.
    await b.record({ kind: 'run', p: 'pca', passed: 2, total: 2, counts: true });
    expect(b.get().problems.kmeans).toBeUndefined();
    await b.compactAndPublish();
    await a.refresh();
    expect(a.get().problems.kmeans).toBeUndefined();
    expect(a.get().problems.pca.attempts).toBe(2);
    // Reset everything in B, then one run in A: only that run is left anywhere.
    await b.record({ kind: 'reset', scope: '*' });
    await a.record({ kind: 'run', p: 'kmeans', passed: 0, total: 2, counts: true });
    await b.refresh();
    for (const w of [a, b]) {
      expect(Object.keys(w.get().problems)).toEqual(['kmeans']);
      expect(w.get().problems.kmeans.attempts).toBe(1);
    }
    await a.compactAndPublish();
    const fresh = openWindow(dir, 'c', key.window());
    await fresh.refresh();
    expect(fresh.get()).toEqual(a.get());
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
