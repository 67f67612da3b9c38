import { describe, expect, it } from 'vitest';
import { CODING_CATEGORIES, DIFFICULTIES } from '../../src/core/catalog/types';
import type { ActivityEvent, CardReview } from '../../src/core/progress/progress';
import {
  doneBetween, isPlanLength, parseActivePlan, planEndDay, planStatus, practiceDoneBetween, PLAN_LENGTHS, STUDY_PLANS, weekComplete,
  type ActivePlan, type PracticeRecord,
} from '../../src/core/plan/studyPlan';
import { REQUIRED_COMPETENCIES } from '../../src/core/stories/types';

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
      // Theory every week; behavioural rehearsals every week; every required competency is some week's focus.
      for (const w of plan.schedule) {
        expect(w.theory).toBeGreaterThan(0);
        expect(w.behavioural).toBeGreaterThan(0);
        expect(w.competencies.every((c) => (REQUIRED_COMPETENCIES as readonly string[]).includes(c))).toBe(true);
      }
      expect(new Set(plan.schedule.flatMap((w) => w.competencies))).toEqual(new Set(REQUIRED_COMPETENCIES));
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
    const none = { theory: 0, behavioural: 0, competencies: [] };
    expect(planStatus(plan, history, '2026-12-01', 'UTC').done).toEqual({ coding: 2, design: 2, mocks: 1, ...none });
    expect(planStatus(plan, history, '2026-12-03', 'UTC').done).toEqual({ coding: 1, design: 0, mocks: 0, ...none });
  });

  it('counts follow-up parts: each part passed that week is one more, without counting its run again', () => {
    const history = [
      // kmeans: part 1 solved and part 2 passed this week: 2.
      pass('2026-11-27T09:00Z', 'kmeans'), ev('2026-11-27T09:00Z', 'solve', 'kmeans'),
      pass('2026-11-28T09:00Z', 'kmeans'), ev('2026-11-28T09:00:01Z', 'part', 'kmeans', { part: 2 }),
      // softmax: solved last week, part 2 this week (its passing run is the same act): 1.
      ev('2026-11-20T09:00Z', 'solve', 'softmax'),
      pass('2026-11-29T09:00Z', 'softmax'), ev('2026-11-29T09:00:01Z', 'part', 'softmax', { part: 2 }),
      // pca: a plain review: 1.
      pass('2026-11-30T09:00Z', 'pca'),
      // roc-auc: part 3 passed next week: not this week.
      pass('2026-12-04T09:00Z', 'roc-auc'), ev('2026-12-04T09:00:01Z', 'part', 'roc-auc', { part: 3 }),
    ];
    expect(doneBetween(history, '2026-11-26', '2026-12-02', 'UTC').coding).toBe(4);
    expect(doneBetween(history, '2026-12-03', '2026-12-09', 'UTC').coding).toBe(1);
  });

  it('counts theory reviews and behavioural rehearsals by card/question and day, and the competencies rehearsed', () => {
    const r = (iso: string, rating: CardReview['rating'] = 3): CardReview => ({ at: Date.parse(iso), rating, points: [], secs: 60 });
    const practice: PracticeRecord = {
      reviews: {
        l1: [r('2026-11-26T09:00Z'), r('2026-11-26T10:00Z', 1), r('2026-11-27T09:00Z')], // two days: 2
        dropout: [r('2026-11-25T09:00Z'), r('2026-12-01T09:00Z')], // one in the week
        'bq-own': [r('2026-11-28T09:00Z'), r('2026-11-28T18:00Z')], // the same day: 1
        'bq-fail': [r('2026-12-02T09:00Z')],
        'bq-conflict': [r('2026-12-03T09:00Z')], // next week
        'gone-card': [r('2026-11-27T09:00Z')], // not in the deck any more: ignored
      },
      cardIds: new Set(['l1', 'dropout']),
      questionCompetency: new Map([['bq-own', 'ownership'], ['bq-fail', 'failure'], ['bq-conflict', 'conflict']]),
    };
    const s = planStatus(plan, [], '2026-11-30', 'UTC', practice);
    expect(s.done).toMatchObject({ theory: 3, behavioural: 2, competencies: ['failure', 'ownership'] });
    expect(practiceDoneBetween(practice, '2026-12-03', '2026-12-09', 'UTC')).toEqual({ theory: 0, behavioural: 1, competencies: ['conflict'] });
    expect(practiceDoneBetween(undefined, '2026-11-26', '2026-12-02')).toEqual({ theory: 0, behavioural: 0, competencies: [] });
    // The 4-week plan's first week asks for ownership and failure: both rehearsed; the counts are not met yet.
    expect(s.targets.competencies).toEqual(['ownership', 'failure']);
    expect(weekComplete(s)).toBe(false);
    expect(weekComplete({ targets: s.targets, done: { coding: 8, design: 1, mocks: 0, theory: 40, behavioural: 3, competencies: ['failure', 'ownership'] } })).toBe(true);
    expect(weekComplete({ targets: s.targets, done: { coding: 8, design: 1, mocks: 0, theory: 40, behavioural: 3, competencies: ['ownership'] } })).toBe(false);
  });

  it('counts the week’s days in the user’s time zone', () => {
    // 00:30 on Thursday 3 December in Berlin is still Wednesday in UTC: last day of week 1 there.
    const history = [pass('2026-12-02T23:30Z', 'kmeans')];
    expect(planStatus(plan, history, '2026-12-02', 'UTC').done.coding).toBe(1);
    expect(planStatus(plan, history, '2026-12-02', 'Europe/Berlin').done.coding).toBe(0);
    expect(planStatus(plan, history, '2026-12-03', 'Europe/Berlin').done.coding).toBe(1);
    expect(doneBetween(history, '2026-12-03', '2026-12-09', 'Europe/Berlin')).toEqual({ coding: 1, design: 0, mocks: 0 });
    const practice: PracticeRecord = { reviews: { l1: [{ at: Date.parse('2026-12-02T23:30Z'), rating: 3, points: [], secs: 1 }] }, cardIds: new Set(['l1']), questionCompetency: new Map() };
    expect(planStatus(plan, [], '2026-12-02', 'Europe/Berlin', practice).done.theory).toBe(0);
    expect(planStatus(plan, [], '2026-12-03', 'Europe/Berlin', practice).done.theory).toBe(1);
  });

  it('spans a DST change without losing a day', () => {
    const spring: ActivePlan = { weeks: 8, startDay: '2026-03-26' };
    // Plan week 1 is 26 March … 1 April in Berlin, across the change on the 29th.
    const history = [pass('2026-04-01T21:30Z', 'kmeans')]; // 23:30 CEST on 1 April
    expect(planStatus(spring, history, '2026-04-01', 'Europe/Berlin')).toMatchObject({ weekIndex: 0, daysLeftInWeek: 1, done: { coding: 1, design: 0 } });
    expect(planStatus(spring, history, '2026-04-02', 'Europe/Berlin')).toMatchObject({ weekIndex: 1, done: { coding: 0, design: 0 } });
  });
});
