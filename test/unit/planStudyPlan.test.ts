import { describe, expect, it } from 'vitest';
import { CODING_CATEGORIES, DIFFICULTIES } from '../../src/core/catalog/types';
import type { ActivityEvent } from '../../src/core/progress/progress';
import { doneBetween, isPlanLength, parseActivePlan, planEndDay, planStatus, PLAN_LENGTHS, STUDY_PLANS, type ActivePlan } from '../../src/core/plan/studyPlan';

const ev = (iso: string, kind: ActivityEvent['kind'], id: string, extra: Partial<ActivityEvent> = {}): ActivityEvent => ({ at: Date.parse(iso), id, kind, ...extra });
const pass = (iso: string, id: string) => ev(iso, 'run', id, { passed: 5, total: 5 });
const fail = (iso: string, id: string) => ev(iso, 'run', id, { passed: 2, total: 5 });

describe('STUDY_PLANS', () => {
  it('has one well-formed week per plan week', () => {
    for (const n of PLAN_LENGTHS) {
      const plan = STUDY_PLANS[n];
      expect(plan.weeks).toBe(n);
      expect(plan.schedule).toHaveLength(n);
      for (const w of plan.schedule) {
        expect(w.coding).toBeGreaterThan(0);
        expect(w.design).toBeGreaterThanOrEqual(1); // a design round every week
        expect(w.focus.length).toBeGreaterThan(0);
        expect(w.focus.every((c) => (CODING_CATEGORIES as readonly string[]).includes(c))).toBe(true);
        expect(w.difficulties.length).toBeGreaterThan(0);
        expect(w.difficulties.every((d) => (DIFFICULTIES as readonly string[]).includes(d))).toBe(true);
        expect(w.note.length).toBeGreaterThan(10);
      }
      // Every coding category, the LLM track included, is the focus of some week.
      expect(new Set(plan.schedule.flatMap((w) => w.focus))).toEqual(new Set(CODING_CATEGORIES));
      // Mocks at the end, not at the start.
      expect(plan.schedule[n - 1].mocks).toBeGreaterThan(0);
      expect(plan.schedule[0].mocks).toBe(0);
    }
  });

  it('the crash course starts with ML algorithms and metrics', () => {
    expect(STUDY_PLANS[4].schedule[0].focus).toEqual(['ml-algorithms', 'metrics']);
  });

  it('validates plan lengths and stored plans', () => {
    expect([4, 8, 12, 6, '4'].map(isPlanLength)).toEqual([true, true, true, false, false]);
    expect(parseActivePlan({ weeks: 8, startDay: '2026-11-26' })).toEqual({ weeks: 8, startDay: '2026-11-26' });
    expect(parseActivePlan({ weeks: 8, startDay: '2026-02-31' })).toBeUndefined();
    expect(parseActivePlan({ weeks: 5, startDay: '2026-11-26' })).toBeUndefined();
    expect(parseActivePlan({ weeks: 4, startDay: '26/11/2026' })).toBeUndefined();
    expect(parseActivePlan(null)).toBeUndefined();
    expect(planEndDay({ weeks: 4, startDay: '2026-11-26' })).toBe('2026-12-23');
  });
});

describe('planStatus', () => {
  // Starts on a Thursday: plan weeks run Thursday to Wednesday, not Monday to Sunday.
  const plan: ActivePlan = { weeks: 4, startDay: '2026-11-26' };

  it('counts plan weeks from the start day', () => {
    const first = planStatus(plan, [], '2026-11-26', 'UTC');
    expect(first).toMatchObject({ weekIndex: 0, weekStartDay: '2026-11-26', weekEndDay: '2026-12-02', started: true, finished: false, daysLeftInWeek: 7 });
    expect(first.targets).toBe(STUDY_PLANS[4].schedule[0]);
    expect(planStatus(plan, [], '2026-11-30', 'UTC')).toMatchObject({ weekIndex: 0, daysLeftInWeek: 3 }); // Monday: no calendar-week reset
    expect(planStatus(plan, [], '2026-12-02', 'UTC')).toMatchObject({ weekIndex: 0, daysLeftInWeek: 1 });
    expect(planStatus(plan, [], '2026-12-03', 'UTC')).toMatchObject({ weekIndex: 1, weekStartDay: '2026-12-03', daysLeftInWeek: 7 });
  });

  it('last week, after the end and before the start are clamped', () => {
    expect(planStatus(plan, [], '2026-12-23', 'UTC')).toMatchObject({ weekIndex: 3, weekStartDay: '2026-12-17', finished: false, daysLeftInWeek: 1 });
    const after = planStatus(plan, [], '2026-12-24', 'UTC');
    expect(after).toMatchObject({ weekIndex: 3, weekStartDay: '2026-12-17', finished: true, daysLeftInWeek: 0 });
    expect(after.targets.mocks).toBe(2);
    expect(planStatus(plan, [], '2027-06-01', 'UTC')).toMatchObject({ weekIndex: 3, finished: true });
    expect(planStatus(plan, [], '2026-11-20', 'UTC')).toMatchObject({ weekIndex: 0, weekStartDay: '2026-11-26', started: false, finished: false, daysLeftInWeek: 7 });
  });

  it('done = distinct problems passed (solves and reviews) and design sessions in the plan week', () => {
    const history = [
      pass('2026-11-25T12:00Z', 'before-start'),
      fail('2026-11-26T09:00Z', 'kmeans'),
      pass('2026-11-26T09:30Z', 'kmeans'),
      ev('2026-11-26T09:30Z', 'solve', 'kmeans'),
      pass('2026-11-28T10:00Z', 'kmeans'), // again: counts once
      pass('2026-11-29T10:00Z', 'pca'), // a review of a problem solved before the plan
      fail('2026-11-29T11:00Z', 'softmax'), // attempted only: not counted
      ev('2026-11-29T12:00Z', 'run', 'empty-suite', { passed: 0, total: 0 }),
      ev('2026-11-30T18:00Z', 'design', 'ad-ctr-prediction', { score: 3 }),
      ev('2026-12-01T18:00Z', 'design', 'ad-ctr-prediction', { score: 3.5 }), // same prompt twice: two sessions
      ev('2026-12-02T18:00Z', 'mock', 'mock:L4', { passed: 3, total: 5, score: 3 }),
      pass('2026-12-03T08:00Z', 'next-week'),
    ];
    expect(planStatus(plan, history, '2026-12-01', 'UTC').done).toEqual({ coding: 2, design: 2, mocks: 1 });
    expect(planStatus(plan, history, '2026-12-03', 'UTC').done).toEqual({ coding: 1, design: 0, mocks: 0 });
  });

  it('counts the week’s days in the user’s time zone', () => {
    // 00:30 on Thursday 3 December in Berlin is still Wednesday in UTC: last day of week 1 there.
    const history = [pass('2026-12-02T23:30Z', 'kmeans')];
    expect(planStatus(plan, history, '2026-12-02', 'UTC').done.coding).toBe(1);
    expect(planStatus(plan, history, '2026-12-02', 'Europe/Berlin').done.coding).toBe(0);
    expect(planStatus(plan, history, '2026-12-03', 'Europe/Berlin').done.coding).toBe(1);
    expect(doneBetween(history, '2026-12-03', '2026-12-09', 'Europe/Berlin')).toEqual({ coding: 1, design: 0, mocks: 0 });
  });

  it('spans a DST change without losing a day', () => {
    const spring: ActivePlan = { weeks: 8, startDay: '2026-03-26' };
    // Plan week 1 is 26 March … 1 April in Berlin, across the change on the 29th.
    const history = [pass('2026-04-01T21:30Z', 'kmeans')]; // 23:30 CEST on 1 April
    expect(planStatus(spring, history, '2026-04-01', 'Europe/Berlin')).toMatchObject({ weekIndex: 0, daysLeftInWeek: 1, done: { coding: 1, design: 0 } });
    expect(planStatus(spring, history, '2026-04-02', 'Europe/Berlin')).toMatchObject({ weekIndex: 1, done: { coding: 0, design: 0 } });
  });
});
