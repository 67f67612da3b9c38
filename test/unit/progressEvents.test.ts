import { describe, expect, it } from 'vitest';
import { ProgressLog } from '../../src/adapters/progressLog';
import { compact, derive, migrationEvent, union, type StoredEvent } from '../../src/core/progress/events';
import { problemState } from '../../src/core/progress/progress';
import { MemoryDisk, MemoryLogFs } from './helpers/memoryLogFs';

const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
};
let seq = 0;
const ev = (w: string, n: number, at: number, fields: Record<string, unknown>): StoredEvent => ({ id: `id-${w}-${n}-${seq++}`, w, n, at, kind: 'run', ...fields });
const run = (w: string, n: number, at: number, p: string, passed: number, total: number, counts = true) => ev(w, n, at, { kind: 'run', p, passed, total, counts });

describe('progress events: counting rules', () => {
  it('an attempt is a run that reached the tests; errored runs are counted apart and never solve or count toward the solve', () => {
    const p = derive([
      run('w', 1, 10, 'k', 0, 0, false), // syntax error
      run('w', 2, 20, 'k', 1, 3),
      run('w', 3, 30, 'k', 0, 0, false), // import error
      run('w', 4, 40, 'k', 3, 3),
    ]);
    expect(p.problems.k).toMatchObject({ attempts: 2, errors: 2, solvedAt: 40, attemptsToSolve: 2, startedAt: 10, solveMs: 30 });
    expect(p.history?.filter((h) => h.kind === 'run').length).toBe(2);
    const onlyErrors = derive([run('w', 1, 10, 'x', 0, 0, false)]);
    expect(onlyErrors.problems.x).toMatchObject({ attempts: 0, errors: 1 });
    expect(problemState(onlyErrors.problems.x)).toBe('new'); // not attempts: it stays new (ATTEMPTS_RULE)
  });

  it('a design prompt is solved only from an average self-score of 3.0/4; below that it is practised', () => {
    const d = (n: number, at: number, score: number) => ev('w', n, at, { kind: 'design', p: 'feed', score });
    const practised = derive([d(1, 10, 2.5), d(2, 20, 2.9)]).problems.feed;
    expect(practised).toMatchObject({ sessions: 2, bestScore: 2.9 });
    expect(practised.solvedAt).toBeUndefined();
    expect(problemState(practised)).toBe('practised');
    const solved = derive([d(1, 10, 2.5), d(2, 20, 2.9), d(3, 30, 3.0), d(4, 40, 3.8)]).problems.feed;
    expect(solved).toMatchObject({ sessions: 4, bestScore: 3.8, solvedAt: 30, attemptsToSolve: 3 });
    expect(problemState(solved)).toBe('solved');
  });

  it('a reset wins over older events whatever order they arrive in; later events count again', () => {
    const events = [
      run('a', 1, 10, 'k', 3, 3),
      run('a', 2, 20, 'k', 1, 3),
      { id: 'r', w: 'b', n: 1, at: 25, kind: 'reset', scope: 'k' },
      run('a', 3, 30, 'k', 2, 3),
      run('a', 4, 40, 'other', 1, 3),
    ];
    const want = derive(events);
    expect(want.problems.k).toMatchObject({ attempts: 1, lastRun: { passed: 2, total: 3, at: 30 } });
    expect(want.problems.k.solvedAt).toBeUndefined();
    expect(want.problems.other.attempts).toBe(1);
    expect(derive([...events].reverse())).toEqual(want);
    expect(derive([...events, ...events])).toEqual(want);
    // The calendar keeps the days of a reset problem (as before); a reset of everything does not.
    expect(want.history?.filter((h) => h.id === 'k' && h.kind === 'run').length).toBe(3);
    const all = derive([...events, { id: 'r2', w: 'b', n: 2, at: 35, kind: 'reset', scope: '*' }]);
    expect(all.problems).toEqual({ other: all.problems.other });
    expect(all.history?.every((h) => h.at > 35)).toBe(true);
  });

  it('compaction never changes the derived record and merges converge whatever was compacted where', () => {
    const a = [run('a', 1, 10, 'k', 1, 3), run('a', 2, 12, 'k', 3, 3), ev('a', 3, 14, { kind: 'design', p: 'd', score: 3.2, sections: { data: 3 } }), run('a', 4, 16, 'k', 2, 3)];
    const b = [run('b', 1, 11, 'k', 0, 0, false), { id: 'rb', w: 'b', n: 2, at: 13, kind: 'reset', scope: 'k' } as StoredEvent, run('b', 3, 15, 'j', 1, 1)];
    const want = derive([...a, ...b]);
    const onlyA = compact([...a, ...b.slice(0, 1)]); // a window that saw a and b's first event compacts
    const onlyB = compact(b);
    expect(derive(union(onlyA.values(), b).values())).toEqual(want);
    expect(derive(union(onlyB.values(), onlyA.values()).values())).toEqual(want);
    expect(derive(union(onlyA.values(), onlyB.values(), a, b).values())).toEqual(want);
    expect(derive(compact(union(onlyA.values(), onlyB.values()).values()).values())).toEqual(want);
    // Summaries of the same prefix are identical wherever they are built (same id, same content).
    const s1 = [...compact(a).values()];
    const s2 = [...compact([...compact(a.slice(0, 2)).values(), ...a.slice(2)]).values()];
    expect(JSON.stringify(s1)).toBe(JSON.stringify(s2));
  });
});

describe('progress events: migration and data from newer versions', () => {
  const v1 = {
    version: 1,
    problems: {
      kmeans: { attempts: 7, startedAt: 1000, solvedAt: 5000, attemptsToSolve: 3, solveMs: 4000, lastRun: { passed: 5, total: 5, at: 9000 }, gaveUp: true, confidence: 'high' },
      pca: { attempts: 2, lastRun: { passed: 1, total: 4, at: 3000 } },
      'design-feed': { attempts: 0, sessions: 2, bestScore: 2.5, solvedAt: 7000, startedAt: 6000 },
      'design-ads': { attempts: 0, sessions: 1, bestScore: 3.5, solvedAt: 8000, startedAt: 7500 },
    },
    history: [{ at: 1000, id: 'kmeans', kind: 'start' }, { at: 5000, id: 'kmeans', kind: 'solve' }, { at: 5500, id: 'kmeans', kind: 'futureKind', mood: 'good' }],
    futureTopLevel: { x: 1 },
  };

  it('migrates the v1 record with exact counts; the record stays verbatim in the event; design rule applied', () => {
    const m = migrationEvent(v1, hash);
    expect(m.at).toBe(9000);
    expect(migrationEvent(JSON.parse(JSON.stringify(v1)), hash).id).toBe(m.id); // two windows migrating write one event
    const p = derive([m]);
    expect(p.problems.kmeans).toEqual({ attempts: 7, startedAt: 1000, solvedAt: 5000, attemptsToSolve: 3, solveMs: 4000, lastRun: { passed: 5, total: 5, at: 9000 }, gaveUp: true });
    expect(p.problems.pca).toEqual({ attempts: 2, lastRun: { passed: 1, total: 4, at: 3000 } });
    expect(problemState(p.problems['design-feed'])).toBe('practised');
    expect(problemState(p.problems['design-ads'])).toBe('solved');
    expect(p.history?.map((h) => h.kind)).toEqual(['start', 'solve']);
    expect((m.record as typeof v1).problems.kmeans.confidence).toBe('high');
    expect((m.record as typeof v1).history[2]).toEqual({ at: 5500, id: 'kmeans', kind: 'futureKind', mood: 'good' });
    // Later runs add to the migrated counts.
    const after = derive([m, run('w', 1, 10_000, 'kmeans', 1, 5), run('w', 2, 10_001, 'pca', 4, 4)]);
    expect(after.problems.kmeans.attempts).toBe(8);
    expect(after.problems.pca).toMatchObject({ attempts: 3, solvedAt: 10_001, attemptsToSolve: 3 });
  });

  it('ProgressLog migrates the v1 key, backs it up, and the synced key then holds it verbatim inside format 2', async () => {
    const disk = new MemoryDisk();
    const slot = { value: v1 as unknown };
    const reports: string[] = [];
    const log = new ProgressLog({
      dir: '/g/progress', windowId: 'w1', host: 'h', pid: 1, fs: new MemoryLogFs(disk), synced: { get: () => slot.value, set: async (v) => void (slot.value = JSON.parse(JSON.stringify(v))) },
      isAlive: () => true, newId: () => `id${seq++}`, now: () => 20_000, hash, report: (_l, m) => reports.push(m),
    });
    await log.refresh();
    await log.compactAndPublish();
    expect(log.get().problems.kmeans.attempts).toBe(7);
    expect([...disk.files.keys()].some((f) => f.startsWith('/g/progress/backups/progress-v1-'))).toBe(true);
    expect(reports.some((r) => /new format/.test(r))).toBe(true);
    const stored = slot.value as { version: number; events: StoredEvent[]; problems: Record<string, unknown> };
    expect(stored.version).toBe(2);
    expect(stored.events.find((e) => e.kind === 'import')?.record).toEqual(v1);
    expect(stored.problems.kmeans).toMatchObject({ attempts: 7 }); // what an older MLPrep shows read-only
    // A second window migrating the same key at the same time adds nothing new.
    const other = derive([...stored.events, migrationEvent(v1, hash)]);
    expect(other).toEqual(log.get());
  });

  it('unknown event kinds and unknown fields are kept and written back unchanged (raw, compacted and synced)', async () => {
    const disk = new MemoryDisk();
    const future = { id: 'f1', w: 'old', n: 1, at: 5, kind: 'flashcard', p: 'kmeans', deck: { cards: 3 } };
    const runWithField = { id: 'f2', w: 'old', n: 2, at: 6, kind: 'run', p: 'kmeans', passed: 2, total: 2, counts: true, gpu: 'A100' };
    disk.files.set('/g/progress/events.h.999.old.jsonl', `${JSON.stringify(future)}\n${JSON.stringify(runWithField)}\n`);
    const slot = { value: undefined as unknown };
    const log = new ProgressLog({
      dir: '/g/progress', windowId: 'w2', host: 'h', pid: 2, fs: new MemoryLogFs(disk), synced: { get: () => slot.value, set: async (v) => void (slot.value = JSON.parse(JSON.stringify(v))) },
      isAlive: (_h, pid) => pid !== 999, newId: () => `id${seq++}`, now: () => 100, hash, report: () => undefined,
    });
    await log.refresh();
    expect(log.get().problems.kmeans).toMatchObject({ attempts: 1, solvedAt: 6 });
    await log.compactAndPublish(); // compacts, then deletes the dead window's file it fully covers
    expect(disk.files.has('/g/progress/events.h.999.old.jsonl')).toBe(false);
    const fresh = new ProgressLog({
      dir: '/g/progress', windowId: 'w3', host: 'h', pid: 3, fs: new MemoryLogFs(disk), synced: { get: () => undefined, set: async () => undefined },
      isAlive: () => true, newId: () => `id${seq++}`, now: () => 200, hash, report: () => undefined,
    });
    await fresh.refresh();
    const summary = fresh.events().find((e) => e.kind === 'summary') as StoredEvent & { ev: unknown[] };
    expect(summary.ev).toEqual([[5, 1, { kind: 'flashcard', p: 'kmeans', deck: { cards: 3 } }], [1, 1, { kind: 'run', p: 'kmeans', passed: 2, total: 2, counts: true, gpu: 'A100' }]]);
    expect(fresh.get()).toEqual(log.get());
    expect(JSON.stringify(slot.value)).toContain('"deck":{"cards":3}');
  });

  it('a torn last line of a crashed window and a corrupt snapshot are backed up and reported, never dropped', async () => {
    const disk = new MemoryDisk();
    const good = { id: 'g1', w: 'dead', n: 1, at: 5, kind: 'run', p: 'k', passed: 1, total: 1, counts: true };
    disk.files.set('/g/progress/events.h.999.dead.jsonl', `${JSON.stringify(good)}\n{"id":"g2","w":"dead","n":2,"at":6,"ki`);
    disk.files.set('/g/progress/snapshot.h.998.gone.json', '{"format":2,"events":[{"id":');
    const reports: string[] = [];
    const log = new ProgressLog({
      dir: '/g/progress', windowId: 'w4', host: 'h', pid: 4, fs: new MemoryLogFs(disk), synced: { get: () => undefined, set: async () => undefined },
      isAlive: (_h, pid) => pid < 990, newId: () => `id${seq++}`, now: () => 100, hash, report: (_l, m) => reports.push(m),
    });
    await log.refresh();
    await log.refresh(); // reported once
    expect(log.get().problems.k.attempts).toBe(1);
    expect(reports.filter((r) => /torn by a crash/.test(r))).toHaveLength(1);
    expect(reports.filter((r) => /unreadable snapshot/.test(r))).toHaveLength(1);
    const backups = [...disk.files.keys()].filter((f) => f.includes('/backups/'));
    expect(backups.map((f) => disk.files.get(f))).toEqual(expect.arrayContaining(['{"id":"g2","w":"dead","n":2,"at":6,"ki', '{"format":2,"events":[{"id":']));
    await log.compactAndPublish();
    expect(disk.files.has('/g/progress/snapshot.h.998.gone.json')).toBe(true); // unreadable: left where it is
  });
});

describe('progress events: solve timing after a reset (TIMING_RULE)', () => {
  const start = (w: string, n: number, at: number, p: string, fresh?: boolean) => ev(w, n, at, { kind: 'start', p, ...(fresh ? { fresh: true } : {}) });
  const reset = (w: string, n: number, at: number, scope: string) => ev(w, n, at, { kind: 'reset', scope });
  const MIN = 60_000;

  it('a start after Reset All on code from before is not timed: solved, but no solve time', () => {
    const p = derive([
      start('a', 1, 0, 'k', true),
      run('a', 2, 30 * MIN, 'k', 3, 3), // solved in 30 min
      reset('b', 1, 40 * MIN, '*'), // another window resets everything
      start('a', 3, 50 * MIN, 'k'), // merely reopening the old solution
      run('a', 4, 50 * MIN + 1000, 'k', 3, 3), // solved "in 1 s"
    ]);
    expect(p.problems.k).toMatchObject({ attempts: 1, solvedAt: 50 * MIN + 1000, untimed: true });
    expect(p.problems.k.solveMs).toBeUndefined();
    expect(problemState(p.problems.k)).toBe('solved');
  });

  it('also without a start event (first run after a one-problem reset), and only for problems that had been started', () => {
    const p = derive([
      start('a', 1, 0, 'k', true),
      reset('a', 2, 10, 'k'),
      reset('a', 3, 11, 'never-started'),
      run('a', 4, 20, 'k', 2, 2),
      start('a', 5, 30, 'never-started'),
      run('a', 6, 90, 'never-started', 1, 1),
    ]);
    expect(p.problems.k.solveMs).toBeUndefined();
    expect(p.problems.k.untimed).toBe(true);
    expect(p.problems['never-started']).toMatchObject({ solveMs: 60 });
    expect(p.problems['never-started'].untimed).toBeUndefined();
  });

  it('fresh starter code after the reset restarts the clock and times the solve', () => {
    const p = derive([
      start('a', 1, 0, 'k', true),
      reset('b', 1, 10, '*'),
      start('a', 2, 20, 'k'), // untimed re-open
      start('a', 3, 100, 'k', true), // Reset to Starter
      run('a', 4, 400, 'k', 2, 2),
    ]);
    expect(p.problems.k).toMatchObject({ startedAt: 100, solveMs: 300 });
    expect(p.problems.k.untimed).toBeUndefined();
    // A fresh start straight after the reset is timed too.
    const q = derive([start('a', 1, 0, 'k', true), reset('a', 2, 10, 'k'), start('a', 3, 20, 'k', true), run('a', 4, 50, 'k', 1, 1)]);
    expect(q.problems.k).toMatchObject({ startedAt: 20, solveMs: 30 });
  });

  it('the rule survives compaction (the fresh flag is kept)', () => {
    const events = [start('a', 1, 0, 'k', true), reset('a', 2, 10, '*'), start('a', 3, 20, 'k', true), run('a', 4, 50, 'k', 1, 1)];
    const packed = [...compact(events).values()];
    expect(packed.some((e) => e.kind === 'summary')).toBe(true);
    expect(derive(packed)).toEqual(derive(events));
  });
});
