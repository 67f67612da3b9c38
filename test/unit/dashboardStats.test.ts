import { describe, expect, it } from 'vitest';
import {
  attemptsPerProblem,
  dashboardData,
  designPoints,
  plannedSectionMinutes,
  practiceCalendar,
  sectionInsights,
  solvedByCategory,
  solvedByDifficulty,
  solveTimes,
  type CatalogEntry,
} from '../../src/core/dashboard/stats';
import { parseHostMessage, parseWebviewMessage } from '../../src/core/dashboard/protocol';
import { emptyProgress, recordDesignSession, recordGiveUp, recordRun, recordStart, type ActivityEvent, type Progress } from '../../src/core/progress/progress';

const MIN = 60_000;
const DAY = 86_400_000;
/** Monday 23 November 2026, 12:00 UTC. */
const NOW = Date.UTC(2026, 10, 23, 12);

const catalog: CatalogEntry[] = [
  { id: 'kmeans', title: 'K-means', category: 'ml-algorithms', difficulty: 'medium', minutes: 30, kind: 'coding' },
  { id: 'softmax', title: 'Softmax', category: 'ml-algorithms', difficulty: 'easy', minutes: 10, kind: 'coding' },
  { id: 'pca', title: 'PCA', category: 'ml-algorithms', difficulty: 'hard', minutes: 40, kind: 'coding' },
  { id: 'roc-auc', title: 'ROC AUC', category: 'metrics', difficulty: 'medium', minutes: 20, kind: 'coding' },
  { id: 'fraud', title: 'Card fraud', category: 'system-design', difficulty: 'hard', minutes: 45, kind: 'design' },
  { id: 'rate-limiter', title: 'Rate limiter', category: 'production', difficulty: 'medium', minutes: 25, kind: 'coding' },
];

/** softmax solved in 8 min on the 2nd run, kmeans solved in 50 min on the 4th, pca tried 3 times. */
function sample(): Progress {
  let p = emptyProgress();
  p = recordStart(p, 'softmax', NOW - 3 * DAY);
  p = recordRun(p, 'softmax', { passed: 1, total: 3 }, NOW - 3 * DAY + 4 * MIN).progress;
  p = recordRun(p, 'softmax', { passed: 3, total: 3 }, NOW - 3 * DAY + 8 * MIN).progress;
  p = recordStart(p, 'kmeans', NOW - 2 * DAY);
  for (let i = 1; i <= 4; i++) p = recordRun(p, 'kmeans', { passed: i === 4 ? 5 : 2, total: 5 }, NOW - 2 * DAY + (i * 50 * MIN) / 4).progress;
  for (let i = 0; i < 3; i++) p = recordRun(p, 'pca', { passed: 1, total: 4 }, NOW - DAY + i * MIN).progress;
  p = recordGiveUp(p, 'pca');
  // Someone else's problem, no longer in the catalogue: ignored by the per-problem charts.
  p = recordRun(p, 'gone', { passed: 1, total: 1 }, NOW - DAY).progress;
  return p;
}

describe('solved vs total', () => {
  it('counts solved and attempted per category, in the tree’s order, with its labels', () => {
    const bars = solvedByCategory(catalog, sample());
    expect(bars.map((b) => [b.label, b.solved, b.attempted, b.total])).toEqual([
      ['ML algorithms', 2, 1, 3],
      ['Metrics & ML utilities', 0, 0, 1],
      ['Production coding', 0, 0, 1],
      ['System design', 0, 0, 1],
    ]);
  });

  it('counts per difficulty, easy to hard; a completed design session counts as solved', () => {
    const p = recordDesignSession(sample(), 'fraud', 3, NOW);
    expect(solvedByDifficulty(catalog, p).map((b) => [b.key, b.solved, b.attempted, b.total])).toEqual([
      ['easy', 1, 0, 1],
      ['medium', 1, 0, 3],
      ['hard', 1, 1, 2],
    ]);
  });
});

describe('practice calendar', () => {
  const at = (iso: string, kind: ActivityEvent['kind'] = 'run'): ActivityEvent => ({ at: Date.parse(iso), id: 'k', kind });
  const cells = (cal: ReturnType<typeof practiceCalendar>) => cal.weeks.flatMap((w) => w.days);

  it('is 26 Monday-first weeks ending with the current one, with month labels that never crowd', () => {
    const cal = practiceCalendar([], Date.UTC(2026, 10, 25, 12), 'UTC'); // a Wednesday
    expect(cal.weeks).toHaveLength(26);
    expect(cal.weeks.every((w) => w.days.length === 7)).toBe(true);
    expect(cal.weeks[0].start).toBe('2026-06-01'); // a Monday, 25 weeks before 23 Nov
    const last = cal.weeks[25].days;
    expect(last.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(last.map((d) => d.future)).toEqual([false, false, false, true, true, true, true]);
    expect(cal.months.map((m) => m.label)).toEqual(['Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov']);
    expect(cal.months.every((m, i) => i === 0 || m.week - cal.months[i - 1].week >= 3)).toBe(true);
    expect(cal.today).toBe('2026-11-25');
  });

  it('labels the first column with its month unless a month starts right after it', () => {
    const crowded = practiceCalendar([], Date.UTC(2026, 10, 11, 12), 'UTC'); // first column: 18 May, 1 June two columns later
    expect(crowded.weeks[0].start).toBe('2026-05-18');
    expect(crowded.months[0]).toEqual({ week: 2, label: 'Jun' });
    const roomy = practiceCalendar([], Date.UTC(2026, 10, 30, 12), 'UTC'); // first column: 8 June, 1 July three columns later
    expect(roomy.months.slice(0, 2)).toEqual([{ week: 0, label: 'Jun' }, { week: 3, label: 'Jul' }]);
  });

  it('keeps what was done each day for the tooltips', () => {
    const cal = practiceCalendar([at('2026-11-20T09:00Z', 'start'), at('2026-11-20T09:10Z'), at('2026-11-20T09:10Z', 'solve'), at('2026-11-21T10:00Z', 'design')], NOW, 'UTC');
    expect(cells(cal).find((d) => d.day === '2026-11-20')).toMatchObject({ starts: 1, runs: 1, solves: 1, designs: 0 });
    expect(cells(cal).find((d) => d.day === '2026-11-21')).toMatchObject({ designs: 1, level: 1 });
    expect(cal.activeDays).toBe(2);
  });

  it('puts late-evening practice on the local day of the user’s time zone', () => {
    const history = [at('2026-11-22T23:30Z')]; // Sunday 23:30 in London, Monday 00:30 in Berlin
    const day = (tz: string) => cells(practiceCalendar(history, NOW, tz)).find((d) => d.count > 0)?.day;
    expect(day('Europe/London')).toBe('2026-11-22');
    expect(day('Europe/Berlin')).toBe('2026-11-23');
    expect(practiceCalendar(history, NOW, 'Europe/Berlin').practisedToday).toBe(true);
    expect(practiceCalendar(history, NOW, 'Europe/London').practisedToday).toBe(false);
  });

  it('counts the streak in the user’s time zone, alive until today is over', () => {
    // 23:30 UTC on three evenings: 20-22 Nov in London (today, the 23rd, still open), 21-23 in Berlin.
    const history: ActivityEvent[] = [20, 21, 22].map((d) => ({ at: Date.UTC(2026, 10, d, 23, 30), id: 'k', kind: 'run' }));
    expect(practiceCalendar(history, NOW, 'Europe/London')).toMatchObject({ currentStreak: 3, longestStreak: 3, practisedToday: false });
    expect(practiceCalendar(history, NOW, 'Europe/Berlin')).toMatchObject({ currentStreak: 3, practisedToday: true });
    expect(practiceCalendar(history, NOW + 2 * DAY, 'Europe/London').currentStreak).toBe(0);
  });

  it('remembers the longest streak even when it is older than the calendar', () => {
    const old = [1, 2, 3, 4].map((d): ActivityEvent => ({ at: Date.UTC(2025, 0, d, 12), id: 'k', kind: 'run' }));
    expect(practiceCalendar([...old, at('2026-11-23T08:00Z')], NOW, 'UTC')).toMatchObject({ currentStreak: 1, longestStreak: 4, activeDays: 1 });
  });
});

describe('time to solve and attempts', () => {
  it('measures each solved coding problem from its start to its first green run, newest first', () => {
    const t = solveTimes(catalog, sample());
    expect(t.map((s) => [s.id, Math.round(s.minutes), s.suggestedMinutes, s.attempts])).toEqual([
      ['kmeans', 50, 30, 4],
      ['softmax', 8, 10, 2],
    ]);
    expect(dashboardData(sample(), catalog, { now: NOW, timeZone: 'UTC' }).totals.withinSuggested).toBe(1);
    expect(t.map((s) => s.spanDays)).toEqual([1, 1]);
  });

  it('tells a solve spread over several days from one in a sitting', () => {
    let p = recordStart(emptyProgress(), 'softmax', Date.UTC(2026, 10, 20, 22));
    p = recordRun(p, 'softmax', { passed: 3, total: 3 }, Date.UTC(2026, 10, 22, 9)).progress;
    const d = dashboardData(p, catalog, { now: NOW, timeZone: 'UTC' });
    expect(d.solveTimes[0]).toMatchObject({ id: 'softmax', spanDays: 3, solvedDay: '2026-11-22' });
    expect(d.totals).toMatchObject({ withinSuggested: 0, solvedOverDays: 1 });
  });

  it('lists the most-attempted problems first and caps the list', () => {
    const a = attemptsPerProblem(catalog, sample());
    expect(a.map((x) => [x.id, x.attempts, x.solved, x.attemptsToSolve, x.gaveUp])).toEqual([
      ['kmeans', 4, true, 4, false],
      ['pca', 3, false, undefined, true],
      ['softmax', 2, true, 2, false],
    ]);
    const d = dashboardData(sample(), catalog, { now: NOW, topAttempts: 2 });
    expect(d.attempts.map((x) => x.id)).toEqual(['kmeans', 'pca']);
    expect(d.attemptedProblems).toBe(3);
  });
});

describe('design-session trends', () => {
  const plan = plannedSectionMinutes(45);
  /** Five sessions: modelling always over its plan and improving, monitoring squeezed and scored 1-2. */
  function sessions(): Progress {
    let p = emptyProgress();
    for (let i = 0; i < 5; i++) {
      p = recordDesignSession(p, 'fraud', 2.5, NOW - (5 - i) * DAY, {
        sections: { 'problem-definition': 3, data: 3, modelling: 1 + Math.min(3, i), evaluation: 3, 'deployment-serving': 3, 'monitoring-iteration': i % 2 ? 2 : 1 },
        minutes: { 'problem-definition': 4, data: 9, modelling: plan.modelling + 6, evaluation: 4.5, 'deployment-serving': 9, 'monitoring-iteration': 0.5 },
      });
    }
    return p;
  }

  it('plans section minutes from the split and the session length', () => {
    expect(plan.modelling).toBe(13.5);
    expect(Object.values(plan).reduce((a, b) => a + b, 0)).toBe(45);
    expect(plannedSectionMinutes(60)['problem-definition']).toBe(6);
  });

  it('keeps each session’s per-section scores and minutes, oldest first, with the prompt title', () => {
    const pts = designPoints(sessions().history ?? [], catalog, 'UTC');
    expect(pts).toHaveLength(5);
    expect(pts[0]).toMatchObject({ id: 'fraud', title: 'Card fraud', day: '2026-11-18', score: 2.5 });
    expect(pts.map((p) => p.sections.modelling)).toEqual([1, 2, 3, 4, 4]);
  });

  it('flags sections that keep running over, that get too little time, and that score low', () => {
    const ins = sectionInsights(designPoints(sessions().history ?? [], catalog), plan);
    const by = Object.fromEntries(ins.map((s) => [s.section, s]));
    expect(by.modelling.flags).toEqual(['over']);
    expect(by.modelling.overCount).toBe(5);
    expect(by.modelling.meanOverMinutes).toBe(6);
    expect(by.modelling.scoreChange).toBeGreaterThan(0);
    expect(by['monitoring-iteration'].flags).toEqual(['short', 'low']);
    expect(by['monitoring-iteration'].recentScore).toBe(1.4);
    expect(by.data.flags).toEqual([]);
  });

  it('needs a pattern, not a single bad session, and copes with sessions recorded without details', () => {
    let p = recordDesignSession(emptyProgress(), 'fraud', 3, NOW - DAY, { sections: { data: 1 }, minutes: { data: 30 } });
    p = recordDesignSession(p, 'fraud', 2, NOW); // only the average
    const ins = sectionInsights(designPoints(p.history ?? [], catalog), plan);
    expect(ins.every((s) => s.flags.length === 0)).toBe(true);
    expect(designPoints(p.history ?? [], catalog).map((d) => d.score)).toEqual([3, 2]);
  });
});

describe('dashboard data', () => {
  it('has no activity for a new user, but still lists what the catalogue holds', () => {
    const d = dashboardData(emptyProgress(), catalog, { now: NOW });
    expect(d.hasActivity).toBe(false);
    expect(d.totals).toMatchObject({ solved: 0, total: 6, codingTotal: 5 });
    expect(d.calendar.currentStreak).toBe(0);
  });

  it('sums up solved, attempted and design sessions', () => {
    const d = dashboardData(recordDesignSession(sample(), 'fraud', 3, NOW), catalog, { now: NOW, timeZone: 'UTC' });
    expect(d.hasActivity).toBe(true);
    expect(d.totals).toEqual({ solved: 3, attempted: 1, total: 6, codingSolved: 2, codingTotal: 5, designSessions: 1, withinSuggested: 1, solvedOverDays: 0 });
    expect(d.calendar.currentStreak).toBe(4); // 20, 21, 22, 23 Nov
  });
});

describe('dashboard protocol', () => {
  const data = () => JSON.parse(JSON.stringify(dashboardData(recordDesignSession(sample(), 'fraud', 3, NOW, { sections: { data: 3 }, minutes: { data: 8 } }), catalog, { now: NOW })));

  it('accepts what the host computes, after a JSON round trip', () => {
    const msg = parseHostMessage({ type: 'data', data: data() });
    expect(msg?.type).toBe('data');
    expect(msg?.data.totals.solved).toBe(3);
  });

  it('rejects malformed data from the host', () => {
    const broken = [
      (d: Record<string, any>) => (d.totals.solved = -1), // eslint-disable-line @typescript-eslint/no-explicit-any
      (d: Record<string, any>) => (d.calendar.weeks[0].days = d.calendar.weeks[0].days.slice(1)), // eslint-disable-line @typescript-eslint/no-explicit-any
      (d: Record<string, any>) => (d.byCategory[0].solved = 99), // eslint-disable-line @typescript-eslint/no-explicit-any
      (d: Record<string, any>) => (d.design.sessions[0].sections = { nope: 3 }), // eslint-disable-line @typescript-eslint/no-explicit-any
      (d: Record<string, any>) => (d.attempts[0].title = 7), // eslint-disable-line @typescript-eslint/no-explicit-any
    ];
    for (const breakIt of broken) {
      const d = data();
      breakIt(d);
      expect(parseHostMessage({ type: 'data', data: d })).toBeUndefined();
    }
    expect(parseHostMessage({ type: 'other', data: data() })).toBeUndefined();
  });

  it('validates what the webview sends', () => {
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'startProblem', id: 'kmeans' })).toEqual({ type: 'startProblem', id: 'kmeans' });
    expect(parseWebviewMessage({ type: 'startProblem' })).toEqual({ type: 'startProblem' });
    expect(parseWebviewMessage({ type: 'startProblem', id: '../etc' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'startDesignSession', id: 'card-fraud' })).toEqual({ type: 'startDesignSession', id: 'card-fraud' });
    expect(parseWebviewMessage({ type: 'startDesignSession', id: 3 })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'rendered', generatedAt: 1, charts: 6, empty: false })).toEqual({ type: 'rendered', generatedAt: 1, charts: 6, empty: false });
    expect(parseWebviewMessage({ type: 'rendered', charts: '6' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.quit' })).toBeUndefined();
    expect(parseWebviewMessage('ready')).toBeUndefined();
  });
});
