// The dashboard's share of theory, stories and the study plan: theory reviews and rehearsals are
// practice on the calendar (told apart by question id), a user with only reviews is not a "first
// run", and the "This week's plan" card shows each target against what was done.
import { describe, expect, it } from 'vitest';
import { planCounts, planSummary } from '../../src/core/dashboard/planCard';
import { parseHostMessage } from '../../src/core/dashboard/protocol';
import { dashboardData, type CatalogEntry } from '../../src/core/dashboard/stats';
import { planStatus, type PracticeRecord } from '../../src/core/plan/studyPlan';
import { emptyProgress, type ActivityEvent, type CardReview, type Progress } from '../../src/core/progress/progress';

const NOW = Date.UTC(2026, 10, 23, 12); // Monday 23 November 2026
const DAY = 86_400_000;
const catalog: CatalogEntry[] = [{ id: 'kmeans', title: 'K-means', category: 'ml-algorithms', difficulty: 'medium', minutes: 30, kind: 'coding', followUps: 2 }];
const review = (at: number): CardReview => ({ at, rating: 3, points: [], secs: 90 });

describe('dashboard: theory reviews and rehearsals', () => {
  const progress: Progress = {
    ...emptyProgress(),
    reviews: { l1: [review(NOW - DAY), review(NOW)], 'bq-own-1': [review(NOW - DAY + 60_000)] },
  };

  it('a user who only reviewed cards and rehearsed has activity, a streak and calendar days that say what was done', () => {
    const d = dashboardData(progress, catalog, { now: NOW, timeZone: 'UTC', questionIds: new Set(['bq-own-1']) });
    expect(d.hasActivity).toBe(true);
    expect(d.calendar).toMatchObject({ currentStreak: 2, practisedToday: true, activeDays: 2 });
    const days = d.calendar.weeks.flatMap((w) => w.days);
    expect(days.find((c) => c.day === '2026-11-22')).toMatchObject({ reviews: 1, rehearsals: 1, count: 2 });
    expect(days.find((c) => c.day === '2026-11-23')).toMatchObject({ reviews: 1, rehearsals: 0, count: 1 });
    // Without the bank's ids every review reads as a theory review (nothing is lost, only the label).
    const plain = dashboardData(progress, catalog, { now: NOW, timeZone: 'UTC' }).calendar.weeks.flatMap((w) => w.days);
    expect(plain.find((c) => c.day === '2026-11-22')).toMatchObject({ reviews: 2, rehearsals: 0 });
    expect(parseHostMessage(JSON.parse(JSON.stringify({ type: 'data', data: d })))?.type).toBe('data');
  });

  it('follow-up parts show on their day', () => {
    const history: ActivityEvent[] = [{ at: NOW, id: 'kmeans', kind: 'part', part: 2 }];
    const d = dashboardData({ ...emptyProgress(), history }, catalog, { now: NOW, timeZone: 'UTC' });
    expect(d.calendar.weeks.flatMap((w) => w.days).find((c) => c.day === '2026-11-23')).toMatchObject({ parts: 1, count: 1 });
  });
});

describe("dashboard: this week's plan", () => {
  const plan = { weeks: 4 as const, startDay: '2026-11-19' }; // week 1: 19 … 25 November
  const practice: PracticeRecord = {
    reviews: { l1: [review(NOW - 2 * DAY), review(NOW)], 'bq-own-1': [review(NOW - DAY)] },
    cardIds: new Set(['l1']),
    questionCompetency: new Map([['bq-own-1', 'ownership']]),
  };
  const history: ActivityEvent[] = [
    { at: NOW - DAY, id: 'kmeans', kind: 'solve' }, { at: NOW - DAY, id: 'kmeans', kind: 'run', passed: 5, total: 5 },
    { at: NOW, id: 'kmeans', kind: 'part', part: 2 }, { at: NOW, id: 'ad-ctr', kind: 'design', score: 3 },
  ];

  it('rows for each target above 0 with what was done, and the week’s competencies', () => {
    const s = planSummary(plan, planStatus(plan, history, '2026-11-23', 'UTC', practice), (id) => (id === 'ownership' ? 'Ownership' : id));
    expect(s).toMatchObject({ title: '4-week crash course', weekIndex: 0, weekStartDay: '2026-11-19', weekEndDay: '2026-11-25', daysLeftInWeek: 3, started: true, finished: false });
    expect(s.rows).toEqual([
      { key: 'coding', label: 'Coding problems and follow-up parts passed', done: 2, target: 8 },
      { key: 'design', label: 'Design sessions', done: 1, target: 1 },
      { key: 'theory', label: 'Theory cards reviewed', done: 2, target: 40 },
      { key: 'behavioural', label: 'Behavioural questions rehearsed', done: 1, target: 3 },
    ]); // no mocks row: week 1 asks for none
    expect(s.competencies).toEqual([{ id: 'ownership', title: 'Ownership', done: true }, { id: 'failure', title: 'failure', done: false }]);
  });

  it('the header counts the target rows it shows; the competency chips are counted apart', () => {
    const s = planSummary(plan, planStatus(plan, history, '2026-11-23', 'UTC', practice));
    // Four rows (design met) and two chips (ownership rehearsed): "1 of 4 targets met", "1 of 2 rehearsed".
    expect(planCounts(s)).toEqual({ met: 1, targets: 4, rehearsed: 1, competencies: 2 });
    expect(planCounts({ rows: [], competencies: [] })).toEqual({ met: 0, targets: 0, rehearsed: 0, competencies: 0 });
  });

  it('travels in the dashboard data and is validated', () => {
    const data = { ...dashboardData(emptyProgress(), catalog, { now: NOW, timeZone: 'UTC' }), plan: planSummary(plan, planStatus(plan, history, '2026-11-23', 'UTC', practice)) };
    const ok = parseHostMessage(JSON.parse(JSON.stringify({ type: 'data', data })));
    expect(ok?.type === 'data' && ok.data.plan?.rows.length).toBe(4);
    const bad = JSON.parse(JSON.stringify(data));
    bad.plan.rows[0].done = -1;
    expect(parseHostMessage({ type: 'data', data: bad })).toBeUndefined();
    const badKey = JSON.parse(JSON.stringify(data));
    badKey.plan.rows[0].key = 'sleep';
    expect(parseHostMessage({ type: 'data', data: badKey })).toBeUndefined();
  });
});
