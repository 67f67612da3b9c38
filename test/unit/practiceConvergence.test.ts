// Theory reviews and behavioural rehearsals in the convergent progress record (issue 13,
// "Everywhere"): both are 'review' events with ids (a rehearsal is keyed by its question id), so
// two windows' logs merge by union and lose nothing in any order, through compaction, an export
// and an import, and the study plan's week counts the same from either window.
import { describe, expect, it } from 'vitest';
import { ProgressLog } from '../../src/adapters/progressLog';
import { planStatus } from '../../src/core/plan/studyPlan';
import { compact, derive, union, type StoredEvent } from '../../src/core/progress/events';
import { MemoryDisk, MemoryLogFs } from './helpers/memoryLogFs';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 26, 10); // Thursday 26 November 2026, 10:00 UTC

let seq = 0;
const ev = (w: string, n: number, at: number, fields: Record<string, unknown>): StoredEvent => ({ id: `${w}-${n}-${++seq}`, w, n, at, kind: 'review', ...fields });

/** Window A reviews theory cards; window B rehearses behavioural questions and reviews one card too. */
function twoWindows(): { a: StoredEvent[]; b: StoredEvent[] } {
  const a = [
    ev('A', 1, T0, { p: 'l1-vs-l2', rating: 3, points: [0, 1], secs: 120 }),
    ev('A', 2, T0 + 60_000, { p: 'dropout', rating: 1, points: [], secs: 150 }),
    ev('A', 3, T0 + DAY, { p: 'dropout', rating: 3, points: [2], secs: 110 }),
  ];
  const b = [
    ev('B', 1, T0 + 30_000, { p: 'bq-own-unowned-problem', rating: 3, points: [], secs: 155 }),
    ev('B', 2, T0 + 90_000, { p: 'l1-vs-l2', rating: 2, points: [1], secs: 170 }),
    ev('B', 3, T0 + 2 * DAY, { p: 'bq-fail-missed-launch', rating: 4, points: [], secs: 140 }),
  ];
  return { a, b };
}

/** A deterministic permutation. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('theory reviews and rehearsals in the convergent record', () => {
  it('two windows’ events merge by union: every review and rehearsal is kept, in any order, compacted or not', () => {
    const { a, b } = twoWindows();
    const expected = derive([...a, ...b]).reviews!;
    expect(Object.keys(expected).sort()).toEqual(['bq-fail-missed-launch', 'bq-own-unowned-problem', 'dropout', 'l1-vs-l2']);
    expect(expected['l1-vs-l2'].map((r) => r.rating)).toEqual([3, 2]); // one from each window, in time order
    expect(expected.dropout).toHaveLength(2);
    for (let seed = 1; seed <= 20; seed++) {
      const merged = union(shuffled(b, seed), shuffled(a, seed + 100), a.slice(0, seed % 3)); // duplicates too
      expect(derive(merged.values()).reviews).toEqual(expected);
      // A compacted log (each window summarised) derives the same.
      expect(derive(compact(union(a, b).values()).values()).reviews).toEqual(expected);
      expect(derive(union(compact(a).values(), b).values()).reviews).toEqual(expected);
    }
  });

  it('an exported record brings rehearsals back on import, and merging it twice counts each once', () => {
    const { a, b } = twoWindows();
    const exported = JSON.parse(JSON.stringify({ exportedBy: 'MLPrep', ...derive([...a, ...b]) }));
    const fresh = derive([{ id: 'imp', at: T0 + 5 * DAY, kind: 'import', mode: 'merge', record: exported }]);
    expect(fresh.reviews).toEqual(derive([...a, ...b]).reviews);
    const twice = derive([
      ...b, { id: 'imp1', at: T0 + 5 * DAY, kind: 'import', mode: 'merge', record: exported },
      { id: 'imp2', at: T0 + 6 * DAY, kind: 'import', mode: 'merge', record: exported },
    ]);
    expect(twice.reviews?.['bq-own-unowned-problem']).toHaveLength(1);
    expect(twice.reviews?.['l1-vs-l2']).toHaveLength(2);
  });

  it('resetting a question removes its rehearsals only; later ones count again', () => {
    const { a, b } = twoWindows();
    const reset: StoredEvent = { id: 'x1', w: 'A', n: 4, at: T0 + 3 * DAY, kind: 'reset', scope: 'bq-own-unowned-problem' };
    const later = ev('B', 4, T0 + 4 * DAY, { p: 'bq-own-unowned-problem', rating: 2, points: [], secs: 90 });
    const p = derive(shuffled([...a, ...b, reset, later], 7));
    expect(p.reviews?.['bq-own-unowned-problem']?.map((r) => r.rating)).toEqual([2]);
    expect(p.reviews?.['bq-fail-missed-launch']).toHaveLength(1);
    expect(p.reviews?.['l1-vs-l2']).toHaveLength(2);
  });

  it('two windows on one folder: each sees the other’s reviews and rehearsals, and the plan week counts the same', async () => {
    const disk = new MemoryDisk();
    let clock = T0;
    const open = (w: string) => new ProgressLog({
      dir: '/g/progress', windowId: w, host: 'h', pid: w === 'w1' ? 1 : 2, fs: new MemoryLogFs(disk),
      synced: { get: () => undefined, set: async () => undefined }, isAlive: () => true,
      newId: (() => { let i = 0; return () => `${w}-${i++}`; })(), now: () => clock, hash: (s) => String(s.length), report: () => undefined,
    });
    const w1 = open('w1');
    const w2 = open('w2');
    await w1.record({ kind: 'review', p: 'l1-vs-l2', rating: 3, points: [0], secs: 100 });
    await w2.record({ kind: 'review', p: 'bq-own-unowned-problem', rating: 3, points: [], secs: 160 });
    clock += DAY;
    await w2.record({ kind: 'review', p: 'dropout', rating: 4, points: [1], secs: 80 });
    await w1.record({ kind: 'review', p: 'bq-fail-missed-launch', rating: 2, points: [], secs: 175 });
    await w1.refresh();
    await w2.refresh();
    expect(w1.get().reviews).toEqual(w2.get().reviews);
    expect(Object.keys(w1.get().reviews ?? {}).sort()).toEqual(['bq-fail-missed-launch', 'bq-own-unowned-problem', 'dropout', 'l1-vs-l2']);
    const practice = (reviews: ReturnType<typeof w1.get>['reviews']) => ({
      reviews, cardIds: new Set(['l1-vs-l2', 'dropout']),
      questionCompetency: new Map([['bq-own-unowned-problem', 'ownership'], ['bq-fail-missed-launch', 'failure']]),
    });
    const plan = { weeks: 4 as const, startDay: '2026-11-26' };
    const one = planStatus(plan, [], '2026-11-27', 'UTC', practice(w1.get().reviews)).done;
    expect(one).toMatchObject({ theory: 2, behavioural: 2, competencies: ['failure', 'ownership'] });
    expect(planStatus(plan, [], '2026-11-27', 'UTC', practice(w2.get().reviews)).done).toEqual(one);
  });
});
