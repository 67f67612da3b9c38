import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/plan/days';
import {
  hashString, ladderDifficulty, reviewEase, reviewInterval, reviewSchedule, seededRandom, todaysDrill, type DrillInput,
} from '../../src/core/plan/recommend';
import { emptyProgress, recordDesignSession, recordGiveUp, recordRun, recordStart, resetProblem, type Progress } from '../../src/core/progress/progress';
import type { Difficulty, ListedProblem } from '../../src/core/tree/problemList';

const problem = (id: string, category: string, difficulty: Difficulty, kind: 'coding' | 'design' = 'coding'): ListedProblem => ({
  id, title: id, category, difficulty, tags: [], companies: [], minutes: 30, kind,
});

const CATALOG: ListedProblem[] = [
  problem('ml-e1', 'ml-algorithms', 'easy'), problem('ml-e2', 'ml-algorithms', 'easy'), problem('ml-m1', 'ml-algorithms', 'medium'),
  problem('ml-m2', 'ml-algorithms', 'medium'), problem('ml-h1', 'ml-algorithms', 'hard'),
  problem('me-e1', 'metrics', 'easy'), problem('me-e2', 'metrics', 'easy'), problem('me-m1', 'metrics', 'medium'),
  problem('me-m2', 'metrics', 'medium'), problem('me-h1', 'metrics', 'hard'),
  problem('dm-e1', 'data-manipulation', 'easy'), problem('dm-m1', 'data-manipulation', 'medium'), problem('dm-m2', 'data-manipulation', 'medium'),
  problem('dm-h1', 'data-manipulation', 'hard'),
  problem('pr-e1', 'production', 'easy'), problem('pr-m1', 'production', 'medium'), problem('pr-h1', 'production', 'hard'),
  problem('sd-m1', 'system-design', 'medium', 'design'), problem('sd-m2', 'system-design', 'medium', 'design'),
  problem('sd-h1', 'system-design', 'hard', 'design'), problem('sd-h2', 'system-design', 'hard', 'design'),
];
const byId = new Map(CATALOG.map((p) => [p.id, p]));

/** Noon UTC on `day` (plus `minutes`). */
const at = (day: string, minutes = 0) => Date.parse(`${day}T12:00:00Z`) + minutes * 60_000;

/** Starts `id` and runs it `attempts` times on `day`, the last run passing. */
function solve(p: Progress, id: string, day: string, attempts = 1): Progress {
  let out = recordStart(p, id, at(day));
  for (let i = 1; i < attempts; i++) out = recordRun(out, id, { passed: 2, total: 5 }, at(day, i)).progress;
  return recordRun(out, id, { passed: 5, total: 5 }, at(day, attempts)).progress;
}
const run = (p: Progress, id: string, day: string, passed: number, minutes = 0) => recordRun(p, id, { passed, total: 5 }, at(day, minutes)).progress;

const drill = (progress: Progress, today: string, extra: Partial<DrillInput> = {}) =>
  todaysDrill({ problems: CATALOG, progress, today, timeZone: 'UTC', ...extra });
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('seeded randomness', () => {
  it('is deterministic and in [0, 1)', () => {
    expect(hashString('2026-11-23|kmeans')).toBe(hashString('2026-11-23|kmeans'));
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(hashString('')).toBe(0x811c9dc5);
    const a = seededRandom('seed');
    const b = seededRandom('seed');
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs.map((x) => Math.floor(x * 10))).size).toBe(10);
    expect(seededRandom('other')()).not.toBe(seededRandom('seed')());
  });
});

describe('spaced repetition', () => {
  it('shortens intervals for hard-won solves', () => {
    expect(reviewEase({})).toBe(1);
    expect(reviewEase({ attemptsToSolve: 2 })).toBe(1);
    expect(reviewEase({ attemptsToSolve: 3 })).toBe(0.75);
    expect(reviewEase({ attemptsToSolve: 6 })).toBe(0.5);
    expect(reviewEase({ attemptsToSolve: 1, gaveUp: true })).toBe(0.5);
    expect([0, 1, 2, 3, 4, 9].map((s) => reviewInterval(s, 1))).toEqual([3, 7, 21, 60, 60, 60]);
    expect([0, 1, 2, 3].map((s) => reviewInterval(s, 0.5))).toEqual([2, 4, 11, 30]);
    expect(reviewInterval(0, 0.1)).toBe(1);
  });

  it('grows the interval with each due review: 3 → 7 → 21 → 60 days', () => {
    let p = solve(emptyProgress(), 'kmeans', '2026-01-01');
    const sched = () => reviewSchedule(p.problems.kmeans, p.history ?? [], { timeZone: 'UTC' });
    expect(sched()).toEqual({ stage: 0, ease: 1, intervalDays: 3, lastPassDay: '2026-01-01', dueDay: '2026-01-04' });
    p = run(p, 'kmeans', '2026-01-01', 5, 30); // same day again: nothing changes
    expect(sched()?.dueDay).toBe('2026-01-04');
    p = run(p, 'kmeans', '2026-01-04', 5);
    expect(sched()).toMatchObject({ stage: 1, intervalDays: 7, dueDay: '2026-01-11' });
    p = run(p, 'kmeans', '2026-01-12', 5);
    expect(sched()).toMatchObject({ stage: 2, intervalDays: 21, dueDay: '2026-02-02' });
    // Practising early restarts the interval without moving up.
    p = run(p, 'kmeans', '2026-01-20', 5);
    expect(sched()).toMatchObject({ stage: 2, lastPassDay: '2026-01-20', dueDay: '2026-02-10' });
    p = run(p, 'kmeans', '2026-02-10', 5);
    expect(sched()).toMatchObject({ stage: 3, intervalDays: 60, dueDay: '2026-04-11' });
    // A struggle (3 failing runs before passing) goes back to the first interval.
    p = run(p, 'kmeans', '2026-04-11', 1);
    p = run(p, 'kmeans', '2026-04-11', 2, 5);
    p = run(p, 'kmeans', '2026-04-11', 3, 10);
    p = run(p, 'kmeans', '2026-04-11', 5, 15);
    expect(sched()).toMatchObject({ stage: 0, intervalDays: 3, dueDay: '2026-04-14' });
    // Counting only up to a day.
    expect(reviewSchedule(p.problems.kmeans, p.history ?? [], { timeZone: 'UTC', until: '2026-01-11' })).toMatchObject({ stage: 1, dueDay: '2026-01-11' });
    expect(reviewSchedule(p.problems.kmeans, p.history ?? [], { timeZone: 'UTC', until: '2025-12-31' })).toBeUndefined();
    expect(reviewSchedule(undefined, [], {})).toBeUndefined();
  });

  it('falls back on the problem record when the history was trimmed', () => {
    let p = solve(emptyProgress(), 'kmeans', '2026-01-01');
    p = run(p, 'kmeans', '2026-01-09', 5);
    expect(reviewSchedule(p.problems.kmeans, [], { timeZone: 'UTC' })).toMatchObject({ stage: 0, lastPassDay: '2026-01-09', dueDay: '2026-01-12' });
  });

  it('ladders new problems easy → medium → hard by what was solved', () => {
    expect(ladderDifficulty({ easy: 0, medium: 0, hard: 0 })).toBe('easy');
    expect(ladderDifficulty({ easy: 2, medium: 0, hard: 0 })).toBe('easy');
    expect(ladderDifficulty({ easy: 3, medium: 0, hard: 0 })).toBe('medium');
    expect(ladderDifficulty({ easy: 1, medium: 3, hard: 1 })).toBe('medium');
    expect(ladderDifficulty({ easy: 0, medium: 3, hard: 2 })).toBe('hard');
  });
});

describe("today's drill", () => {
  const MONDAY = '2026-11-23';
  const THURSDAY = '2026-11-26';

  it('gives a new user three easy problems from different categories, no design on a Monday', () => {
    const items = drill(emptyProgress(), MONDAY);
    expect(items).toHaveLength(3);
    for (const i of items) {
      expect(i).toMatchObject({ reason: 'new', kind: 'coding', done: false });
      expect(byId.get(i.id)?.difficulty).toBe('easy');
      expect(i.why).toMatch(/^New easy · /);
    }
    expect(new Set(items.map((i) => byId.get(i.id)?.category)).size).toBe(3);
  });

  it('offers a weekly design round from Thursday when there is no plan', () => {
    const items = drill(emptyProgress(), THURSDAY);
    expect(items.map((i) => i.kind)).toEqual(['coding', 'coding', 'design']);
    expect(byId.get(items[2].id)?.difficulty).toBe('medium'); // mediums for the first sessions
    expect(items[2]).toMatchObject({ reason: 'new', why: 'Design round · medium — weekly design practice' });
    const designedTuesday = recordDesignSession(emptyProgress(), 'sd-h1', 3, at('2026-11-24'));
    expect(drill(designedTuesday, THURSDAY).every((i) => i.kind === 'coding')).toBe(true);
  });

  it('brings back a problem solved after many attempts, first in the list', () => {
    const p = solve(emptyProgress(), 'ml-e1', '2026-10-31', 6);
    const items = drill(p, MONDAY);
    expect(items[0]).toEqual({ id: 'ml-e1', reason: 'review', kind: 'coding', why: 'Solved 23 days ago after 6 attempts — review', done: false });
    expect(items.slice(1).map((i) => i.reason)).toEqual(['new', 'new']);
  });

  it('says when the reference was used or it was a first try', () => {
    const gaveUp = recordGiveUp(solve(emptyProgress(), 'ml-e1', '2026-11-10'), 'ml-e1');
    expect(drill(gaveUp, MONDAY)[0].why).toBe('Solved 13 days ago with the reference open — review');
    const firstTry = solve(emptyProgress(), 'ml-e1', '2026-11-10');
    expect(drill(firstTry, MONDAY)[0].why).toBe('Solved 13 days ago on the first try — review');
    const reviewed = run(firstTry, 'ml-e1', '2026-11-13', 5);
    expect(drill(reviewed, MONDAY)[0].why).toBe('Passed 10 days ago, 1 review so far — review');
  });

  it('reviews only once the interval has run out', () => {
    const p = solve(emptyProgress(), 'ml-e1', '2026-11-20'); // due on the 23rd
    expect(drill(p, '2026-11-22').some((i) => i.reason === 'review')).toBe(false);
    expect(drill(p, '2026-11-23')[0]).toMatchObject({ id: 'ml-e1', reason: 'review' });
  });

  it('counts review days in the user’s time zone', () => {
    // 23:30 UTC on the 20th is already the 21st in Berlin: due the 23rd in UTC, the 24th in Berlin.
    let p = recordStart(emptyProgress(), 'ml-e1', Date.parse('2026-11-20T23:00Z'));
    p = recordRun(p, 'ml-e1', { passed: 5, total: 5 }, Date.parse('2026-11-20T23:30Z')).progress;
    expect(drill(p, '2026-11-23', { timeZone: 'UTC' })[0].reason).toBe('review');
    expect(drill(p, '2026-11-23', { timeZone: 'Europe/Berlin' }).some((i) => i.reason === 'review')).toBe(false);
    expect(drill(p, '2026-11-24', { timeZone: 'Europe/Berlin' })[0].reason).toBe('review');
  });

  it('brings back attempted problems untouched for two days as retries', () => {
    const p = run(recordStart(emptyProgress(), 'ml-m1', at('2026-11-21')), 'ml-m1', '2026-11-21', 2, 5);
    expect(drill(p, '2026-11-22').some((i) => i.id === 'ml-m1')).toBe(false);
    expect(drill(p, MONDAY)[0]).toEqual({ id: 'ml-m1', reason: 'retry', kind: 'coding', why: '2/5 tests passed, last tried 2 days ago — retry', done: false });
  });

  it('puts the most overdue item first and gives one due slot per three', () => {
    let p = solve(emptyProgress(), 'ml-e1', '2026-11-01'); // 22 days since, interval 3: very overdue
    p = solve(p, 'me-e1', '2026-11-19'); // 4 days, interval 3: just due
    p = run(p, 'dm-m1', '2026-11-10', 1); // retry, 13 days
    p = run(p, 'pr-m1', '2026-11-20', 1); // retry, 3 days
    const three = drill(p, MONDAY);
    expect(three.map((i) => [i.id, i.reason])).toEqual([['ml-e1', 'review'], [three[1].id, 'new'], [three[2].id, 'new']]);
    const six = drill(p, MONDAY, { count: 6 });
    expect(ids(six.slice(0, 2))).toEqual(['ml-e1', 'dm-m1']);
    expect(six.slice(2).every((i) => i.reason === 'new')).toBe(true);
    expect(drill(p, MONDAY, { count: 1 }).map((i) => i.reason)).toEqual(['new']);
    expect(drill(p, MONDAY, { count: 0 })).toEqual([]);
  });

  it('fills slots with due items when no new problem is left', () => {
    const small = [problem('a', 'metrics', 'easy'), problem('b', 'metrics', 'easy'), problem('c', 'metrics', 'medium'), problem('d', 'metrics', 'medium')];
    let p = run(emptyProgress(), 'a', '2026-11-10', 1);
    p = run(p, 'b', '2026-11-12', 1);
    p = run(p, 'c', '2026-11-14', 1);
    const items = todaysDrill({ problems: small, progress: p, today: MONDAY, timeZone: 'UTC' });
    expect(items.map((i) => [i.id, i.reason])).toEqual([['a', 'retry'], ['b', 'retry'], ['d', 'new']]);
    const none = todaysDrill({ problems: small.slice(0, 1), progress: solve(emptyProgress(), 'a', '2026-11-22'), today: MONDAY, timeZone: 'UTC' });
    expect(none).toEqual([]);
  });

  it('steps up to medium after three solves and to hard after five medium-or-hard ones', () => {
    let p = emptyProgress();
    for (const id of ['ml-e1', 'me-e1', 'dm-e1']) p = solve(p, id, '2026-11-22');
    expect(drill(p, MONDAY).map((i) => byId.get(i.id)?.difficulty)).toEqual(['medium', 'medium', 'medium']);
    for (const id of ['ml-m1', 'ml-m2', 'me-m1', 'me-m2', 'dm-m1']) p = solve(p, id, '2026-11-22');
    expect(drill(p, MONDAY).map((i) => byId.get(i.id)?.difficulty)).toEqual(['hard', 'hard', 'hard']);
  });

  it('prefers a problem opened but never run', () => {
    const p = recordStart(emptyProgress(), 'pr-e1', at('2026-11-20'));
    expect(drill(p, MONDAY)[0]).toMatchObject({ id: 'pr-e1', reason: 'new', why: 'Opened 3 days ago, not run yet · easy · Production coding' });
  });

  it('treats a reset problem as new whatever its history says', () => {
    const p = resetProblem(run(emptyProgress(), 'ml-e1', '2026-11-10', 1), 'ml-e1');
    expect(drill(p, MONDAY, { count: 17 }).find((i) => i.id === 'ml-e1')?.reason).toBe('new');
  });

  it('is stable through the day as the user works through it', () => {
    const start = emptyProgress();
    const before = drill(start, THURSDAY);
    // Solve the second item and complete the design session; open something else.
    let p = solve(start, before[1].id, THURSDAY, 2);
    p = recordDesignSession(p, before[2].id, 3, at(THURSDAY, 90));
    p = recordStart(p, 'me-h1', at(THURSDAY, 100));
    const after = drill(p, THURSDAY);
    expect(ids(after)).toEqual(ids(before));
    expect(after.map((i) => i.done)).toEqual([false, true, true]);
    expect(after.map((i) => i.why)).toEqual(before.map((i) => i.why));
    // A review passed today stays, marked done.
    const r = solve(emptyProgress(), 'ml-e1', '2026-11-01');
    expect(drill(run(r, 'ml-e1', THURSDAY, 5), THURSDAY)[0]).toMatchObject({ id: 'ml-e1', reason: 'review', done: true });
    // Input order and duplicates do not matter.
    expect(ids(drill(p, THURSDAY, { problems: [...CATALOG].reverse().concat(CATALOG) }))).toEqual(ids(before));
  });

  it('changes from one day to the next', () => {
    const lists = new Set<string>();
    for (let d = 0; d < 14; d++) lists.add(ids(drill(emptyProgress(), addDays(MONDAY, d))).join(','));
    expect(lists.size).toBeGreaterThan(5);
  });

  describe('with a plan', () => {
    const plan = { weeks: 4 as const, startDay: MONDAY };

    it("picks new problems from the week's focus and difficulties", () => {
      const week1 = drill(emptyProgress(), MONDAY, { plan });
      for (const i of week1) {
        expect(['ml-algorithms', 'metrics']).toContain(byId.get(i.id)?.category);
        expect(byId.get(i.id)?.difficulty).toBe('easy');
        expect(i.why).toMatch(/ — week 1 focus$/);
      }
      expect(new Set(week1.map((i) => byId.get(i.id)?.category)).size).toBe(2); // a mix
      // Week 3 is data manipulation and production at medium/hard: a beginner gets medium there.
      const week3 = drill(emptyProgress(), '2026-12-07', { plan });
      for (const i of week3.filter((x) => x.kind === 'coding')) {
        expect(['data-manipulation', 'production']).toContain(byId.get(i.id)?.category);
        expect(byId.get(i.id)?.difficulty).toBe('medium');
      }
    });

    it('falls back to other categories when the focus is used up, without the focus note', () => {
      let p = emptyProgress();
      for (const id of ['ml-e1', 'ml-e2', 'ml-m1', 'ml-m2', 'ml-h1', 'me-e1', 'me-e2', 'me-m1', 'me-m2', 'me-h1']) p = solve(p, id, MONDAY);
      const items = drill(p, '2026-11-24', { plan });
      expect(items.every((i) => i.reason === 'new' && !['ml-algorithms', 'metrics'].includes(byId.get(i.id)?.category ?? ''))).toBe(true);
      expect(items.every((i) => !i.why.includes('focus'))).toBe(true);
    });

    it("paces the week's design target over its days", () => {
      // Week 1 of the crash course asks for one design round: offered from its 4th day.
      expect(drill(emptyProgress(), MONDAY, { plan }).some((i) => i.kind === 'design')).toBe(false);
      expect(drill(emptyProgress(), '2026-11-25', { plan }).some((i) => i.kind === 'design')).toBe(false);
      const thu = drill(emptyProgress(), THURSDAY, { plan });
      expect(thu[2]).toMatchObject({ kind: 'design', why: 'Design round · medium — 1 of 1 this week' });
      const done = recordDesignSession(emptyProgress(), 'sd-m1', 3, at('2026-11-25'));
      expect(drill(done, THURSDAY, { plan }).some((i) => i.kind === 'design')).toBe(false);
      // Week 2 asks for two: from its 2nd day, and the second from its 6th.
      expect(drill(emptyProgress(), '2026-11-30', { plan }).some((i) => i.kind === 'design')).toBe(false);
      expect(drill(emptyProgress(), '2026-12-01', { plan }).find((i) => i.kind === 'design')?.why).toMatch(/1 of 2 this week$/);
      const one = recordDesignSession(emptyProgress(), 'sd-m1', 3, at('2026-12-01'));
      expect(drill(one, '2026-12-04', { plan }).some((i) => i.kind === 'design')).toBe(false);
      const second = drill(one, '2026-12-05', { plan }).find((i) => i.kind === 'design');
      expect(second).toMatchObject({ why: 'Design round · medium — 2 of 2 this week' });
      expect(second?.id).not.toBe('sd-m1');
    });

    it('behaves as without a plan before it starts and after it ends', () => {
      const later = { weeks: 4 as const, startDay: '2026-12-07' };
      expect(drill(emptyProgress(), MONDAY, { plan: later })).toEqual(drill(emptyProgress(), MONDAY));
      const ended = { weeks: 4 as const, startDay: '2026-10-01' };
      expect(drill(emptyProgress(), MONDAY, { plan: ended })).toEqual(drill(emptyProgress(), MONDAY));
    });
  });

  it('suggests the weakest design prompt again once all were tried', () => {
    let p = emptyProgress();
    p = recordDesignSession(p, 'sd-m1', 3.5, at('2026-10-01'));
    p = recordDesignSession(p, 'sd-m2', 2.5, at('2026-10-02'));
    p = recordDesignSession(p, 'sd-h1', 2, at('2026-11-20')); // lowest, but too recent
    p = recordDesignSession(p, 'sd-h2', 3, at('2026-10-03'));
    const d = drill(p, THURSDAY).find((i) => i.kind === 'design');
    expect(d).toEqual({ id: 'sd-m2', reason: 'review', kind: 'design', why: 'Best 2.5/4, practised 55 days ago — design again', done: false });
  });
});
