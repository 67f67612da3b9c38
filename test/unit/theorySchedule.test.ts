import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, type Grade } from 'ts-fsrs';
import { compact, derive, type StoredEvent } from '../../src/core/progress/events';
import { ProgressLog } from '../../src/adapters/progressLog';
import { dayKey } from '../../src/core/plan/days';
import { THEORY_FSRS_PARAMS, cardSchedule, previewIntervals, theoryQueue, theoryScheduler } from '../../src/core/theory/schedule';
import type { TheoryCard } from '../../src/core/theory/types';
import { MemoryDisk, MemoryLogFs } from './helpers/memoryLogFs';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 10); // 10:00 UTC
const utcDay = (ms: number) => dayKey(ms, 'UTC');

let seq = 0;
const review = (p: string, at: number, rating: 1 | 2 | 3 | 4, w = 'a', extra: Partial<StoredEvent> = {}): StoredEvent =>
  ({ id: `r${++seq}`, w, n: seq, at, kind: 'review', p, rating, points: [0, 2], secs: 95, ...extra });
const reset = (scope: string, at: number, w = 'a'): StoredEvent => ({ id: `x${++seq}`, w, n: seq, at, kind: 'reset', scope });

const cards = (...ids: string[]): TheoryCard[] => ids.map((id) => ({
  id, topic: id.includes(':') ? id.split(':')[0] : 'reg', level: 'L4', question: 'q', answer: 'a', keyPoints: ['a', 'b', 'c'], weakAnswers: ['w'], followUp: 'f', related: [], seconds: 150, source: 'builtin', file: '/x.yaml',
}));

/** A deterministic shuffle (the test must not depend on Math.random). */
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

describe('theory reviews in the progress record', () => {
  it('derive keeps each card\'s reviews oldest first, with rating, points ticked and seconds used', () => {
    const p = derive([review('l1', T0 + DAY, 3), review('l1', T0, 1), review('dropout', T0 + 5, 4, 'b')]);
    expect(p.reviews).toEqual({
      dropout: [{ at: T0 + 5, rating: 4, points: [0, 2], secs: 95 }],
      l1: [{ at: T0, rating: 1, points: [0, 2], secs: 95 }, { at: T0 + DAY, rating: 3, points: [0, 2], secs: 95 }],
    });
    expect(derive([]).reviews).toBeUndefined(); // records without reviews keep their old shape
  });

  it('replay is order-independent: any arrival order and any compaction of two windows give the same schedule', () => {
    const a = [review('l1', T0, 3, 'a'), review('l1', T0 + 3 * DAY, 2, 'a'), review('ridge', T0 + 1000, 1, 'a')];
    const b = [review('l1', T0 + 9 * DAY, 3, 'b'), review('ridge', T0 + DAY, 3, 'b'), review('l1', T0 + 20 * DAY, 4, 'b')];
    const all = [...a, ...b];
    const s = theoryScheduler();
    const expected = ['l1', 'ridge'].map((id) => cardSchedule(derive(all).reviews?.[id], s));
    for (let seed = 1; seed <= 20; seed++) {
      const order = shuffled(all, seed);
      const merged = seed % 2 ? order : [...compact(order).values()];
      const got = ['l1', 'ridge'].map((id) => cardSchedule(derive(merged).reviews?.[id], s));
      expect(got.map(({ fsrsCard: _c, ...x }) => x)).toEqual(expected.map(({ fsrsCard: _c, ...x }) => x));
    }
    expect(expected[0].reviews).toBe(4);
  });

  it('due dates follow ts-fsrs: the same reviews fed to ts-fsrs directly give the same due date', () => {
    const ratings: Grade[] = [3, 3, 1, 3, 4];
    const times = [T0, T0 + 3 * DAY, T0 + 10 * DAY, T0 + 11 * DAY, T0 + 15 * DAY];
    const events = ratings.map((r, i) => review('l1', times[i], r as 1 | 2 | 3 | 4));
    const ours = cardSchedule(derive(shuffled(events, 7)).reviews!.l1, theoryScheduler());
    const ref = fsrs(THEORY_FSRS_PARAMS);
    let c = createEmptyCard(new Date(times[0]));
    ratings.forEach((r, i) => (c = ref.next(c, new Date(times[i]), r).card));
    expect(ours.due).toBe(c.due.getTime());
    expect(ours.stability).toBe(c.stability);
    expect(ours.lapses).toBe(1);
    expect(ours.status).toBe('review');
    // Good on a new card is days away (no same-day learning steps), Again is the next day.
    const fresh = previewIntervals(cardSchedule(undefined, theoryScheduler()), T0, theoryScheduler());
    expect(fresh[1] - T0).toBe(DAY);
    expect(fresh[3] - T0).toBeGreaterThanOrEqual(2 * DAY);
    expect(fresh[1] < fresh[2] && fresh[2] < fresh[3] && fresh[3] < fresh[4]).toBe(true);
  });

  it('a reset of the card removes its reviews (a tombstone: older reviews never come back, later ones count)', () => {
    const before = [review('l1', T0, 3), review('l1', T0 + 3 * DAY, 3), review('ridge', T0, 2)];
    const tomb = reset('l1', T0 + 4 * DAY, 'b');
    const after = review('l1', T0 + 5 * DAY, 1);
    for (const seed of [1, 2, 3]) {
      const p = derive(shuffled([...before, tomb, after], seed));
      expect(p.reviews?.l1).toEqual([{ at: T0 + 5 * DAY, rating: 1, points: [0, 2], secs: 95 }]);
      expect(p.reviews?.ridge).toHaveLength(1);
    }
    expect(derive([...before, reset('*', T0 + 4 * DAY)]).reviews).toBeUndefined();
    expect(derive([...before, { id: 'imp', at: T0 + 4 * DAY, kind: 'import', mode: 'replace', record: { problems: {} } }]).reviews).toBeUndefined();
  });

  it('an exported record brings its reviews back on import (merge is a union; replace starts from them)', () => {
    const exported = JSON.parse(JSON.stringify(derive([review('l1', T0, 3), review('l1', T0 + 3 * DAY, 2), review('ridge', T0, 1)])));
    const merged = derive([review('l1', T0, 3), review('other', T0, 4), { id: 'imp1', at: T0 + 5 * DAY, kind: 'import', mode: 'merge', record: exported }]);
    expect(merged.reviews?.l1).toEqual(exported.reviews.l1); // the review held on both sides counts once
    expect(merged.reviews?.other).toHaveLength(1);
    const replaced = derive([review('other', T0, 4), { id: 'imp2', at: T0 + 5 * DAY, kind: 'import', mode: 'replace', record: { ...exported, reviews: { ...exported.reviews, bad: [{ at: 'x', rating: 9 }] } } }]);
    expect(replaced.reviews).toEqual(exported.reviews);
  });

  it('ignores malformed review events (no card, rating out of range)', () => {
    const p = derive([review('l1', T0, 3), { id: 'bad1', at: T0, kind: 'review', rating: 3 }, { id: 'bad2', at: T0, kind: 'review', p: 'l1', rating: 5 }]);
    expect(p.reviews?.l1).toHaveLength(1);
  });

  it('two windows on one folder record reviews and converge on the same schedule', async () => {
    const disk = new MemoryDisk();
    let clock = T0;
    const open = (w: string) => new ProgressLog({
      dir: '/g/progress', windowId: w, host: 'h', pid: w === 'w1' ? 1 : 2, fs: new MemoryLogFs(disk),
      synced: { get: () => undefined, set: async () => undefined }, isAlive: () => true,
      newId: (() => { let i = 0; return () => `${w}-${i++}`; })(), now: () => clock, hash: (s) => String(s.length), report: () => undefined,
    });
    const w1 = open('w1');
    const w2 = open('w2');
    await w1.record({ kind: 'review', p: 'l1', rating: 3, points: [0], secs: 100 });
    clock += 4 * DAY;
    await w2.record({ kind: 'review', p: 'l1', rating: 2, points: [], secs: 150 });
    await w1.refresh();
    await w2.refresh();
    const s = theoryScheduler();
    const one = cardSchedule(w1.get().reviews?.l1, s);
    expect(one.reviews).toBe(2);
    expect(cardSchedule(w2.get().reviews?.l1, s).due).toBe(one.due);
  });
});

describe('theory queue', () => {
  const deck = cards('c1', 'c2', 'c3', 'c4', 'c5');
  const opts = (now: number, newPerDay = 2) => ({ now, newPerDay, dayOf: utcDay });

  it('introduces new cards at the daily limit, in deck order, counting those started today', () => {
    expect(theoryQueue(deck, {}, opts(T0)).due.map((c) => c.id)).toEqual(['c1', 'c2']);
    const reviews = derive([review('c1', T0 - 3600_000, 3)]).reviews;
    const q = theoryQueue(deck, reviews, opts(T0));
    expect(q.newToday).toBe(1);
    expect(q.due.map((c) => c.id)).toEqual(['c2']); // one new card left for today; c1 is not due again today
    expect(q.reviewedToday).toBe(1);
    expect(theoryQueue(deck, reviews, opts(T0, 0)).due).toEqual([]);
  });

  it('new cards take turns across topics (each topic\'s first, then each one\'s second), file order within a topic', () => {
    const twoTopics = cards('bias:b1', 'bias:b2', 'bias:b3', 'reg:r1', 'reg:r2', 'opt:o1');
    expect(theoryQueue(twoTopics, {}, opts(T0, 5)).due.map((c) => c.id)).toEqual(['bias:b1', 'reg:r1', 'opt:o1', 'bias:b2', 'reg:r2']);
  });

  it('a reviewed card comes back on the day its FSRS due date falls, before the new cards, most overdue first', () => {
    const reviews = derive([review('c3', T0, 1), review('c4', T0, 3)]).reviews!;
    const s = theoryScheduler();
    const dueC3 = cardSchedule(reviews.c3, s).due!;
    const dueC4 = cardSchedule(reviews.c4, s).due!;
    expect(dueC3).toBe(T0 + DAY); // Again: the next day
    const later = Math.max(dueC3, dueC4) + DAY;
    const q = theoryQueue(deck, reviews, opts(later));
    expect(q.due.map((c) => c.id)).toEqual(['c3', 'c4', 'c1', 'c2']);
    expect(q.dueNew).toBe(2);
    // The evening before c3's due date it is not due yet; early the same day it is.
    expect(theoryQueue(deck, reviews, opts(T0 + 13 * 3600_000)).due.map((c) => c.id)).not.toContain('c3');
    expect(theoryQueue(deck, reviews, opts(Date.UTC(2026, 11, 2, 0, 30))).due.map((c) => c.id)[0]).toBe('c3');
    expect(theoryQueue(deck, reviews, opts(T0)).nextDue).toBe(Math.min(dueC3, dueC4));
  });
});
