// What the progress dashboard shows, derived from the progress record and a summary of the
// catalogue (days, heat levels and streaks come from core/plan/activity). Pure: the host
// computes it and posts the result; the webview only draws it.
import type { StoryCoverage } from '../stories/coverage';
import type { PlanSummary } from './planCard';
import { DESIGN_SECTION_KEYS, type DesignSectionKey, type Difficulty } from '../catalog/types';
import { SECTION_TITLES } from '../design/notes';
import { planSections } from '../design/timer';
import { calendarGrid, practiceDays, streak, type CalendarCell, type DayActivity, type ReviewActivity } from '../plan/activity';
import { dayKey, daysBetween, type DayKey } from '../plan/days';
import { problemState, type ActivityEvent, type Progress } from '../progress/progress';
import { CATEGORY_ORDER, categoryLabel, DIFFICULTIES } from '../tree/problemList';

/** The fields of a catalogue entry (coding problem or design prompt) the dashboard needs. */
export interface CatalogEntry {
  id: string;
  title: string;
  category: string;
  difficulty: Difficulty;
  /** Suggested minutes. */
  minutes: number;
  kind: 'coding' | 'design';
  /** Follow-up parts of a coding problem (contract F); absent or 0 when none. */
  followUps?: number;
}

export interface SolvedBar {
  key: string;
  label: string;
  solved: number;
  /** Tried but not solved yet. */
  attempted: number;
  total: number;
}

/** A heat-map square with what was done that day, for its tooltip. */
export interface CalendarDay extends CalendarCell, Omit<DayActivity, 'total'> {}

export interface PracticeCalendar {
  /** Monday-first weeks, oldest first; the last one holds today. */
  weeks: { start: DayKey; days: CalendarDay[] }[];
  /** Month names over the first column that holds a 1st of the month. */
  months: { week: number; label: string }[];
  today: DayKey;
  /** Days with any practice inside the calendar's range. */
  activeDays: number;
  /** Busiest day in range (the scale of the levels). */
  maxCount: number;
  practisedToday: boolean;
  /** Consecutive practice days up to today (or up to yesterday while today is still open). */
  currentStreak: number;
  longestStreak: number;
}

export interface SolveTime {
  id: string;
  title: string;
  category: string;
  difficulty: Difficulty;
  suggestedMinutes: number;
  /** From the first start to the first all-green run (wall time, breaks included). */
  minutes: number;
  attempts: number;
  solvedAt: number;
  /** The calendar day of the solve, in the user's time zone. */
  solvedDay: DayKey;
  /** Calendar days from the start to the solve (1 = same day): beyond 1 the time includes breaks. */
  spanDays: number;
  gaveUp: boolean;
}

export interface AttemptBar {
  id: string;
  title: string;
  attempts: number;
  solved: boolean;
  /** Runs up to and including the solving one. */
  attemptsToSolve?: number;
  gaveUp: boolean;
}

export type SectionScores = Partial<Record<DesignSectionKey, number>>;

export interface DesignPoint {
  at: number;
  day: DayKey;
  id: string;
  title: string;
  /** Average self-assessment 1-4. */
  score: number;
  sections: SectionScores;
  /** Minutes spent per section. */
  minutes: SectionScores;
}

export type SectionFlag = 'over' | 'short' | 'low';

export interface SectionInsight {
  section: DesignSectionKey;
  label: string;
  /** Planned minutes of the section (the user's split for their default session length). */
  plannedMinutes: number;
  /** Over the last RECENT sessions that scored (timed) this section. */
  scored: number;
  recentScore?: number;
  /** Recent average minus the average of the sessions before them (undefined without both). */
  scoreChange?: number;
  timed: number;
  /** Recent sessions where the section ran over its plan by more than OVER_SLACK. */
  overCount: number;
  /** Recent sessions where it got less than SHORT_SHARE of its plan. */
  shortCount: number;
  /** Mean of (spent - planned) over the recent timed sessions. */
  meanOverMinutes?: number;
  flags: SectionFlag[];
}

export interface DesignTrends {
  /** Oldest first. */
  sessions: DesignPoint[];
  sections: SectionInsight[];
  sessionMinutes: number;
}

export interface DashboardTotals {
  solved: number;
  attempted: number;
  total: number;
  codingSolved: number;
  codingTotal: number;
  designSessions: number;
  /** Solved within their suggested time (of all solved with a time). */
  withinSuggested: number;
  /** Solved on a later day than started (their time includes breaks). */
  solvedOverDays: number;
  /** Follow-up parts passed (parts 2, 3, ... of problems still in the catalogue), and how many there are. */
  followUpsSolved?: number;
  followUpsTotal?: number;
}

export interface DashboardData {
  generatedAt: number;
  /** Anything recorded at all: false shows the first-run view. */
  hasActivity: boolean;
  totals: DashboardTotals;
  byCategory: SolvedBar[];
  byDifficulty: SolvedBar[];
  calendar: PracticeCalendar;
  /** Most recently solved first, at most `maxSolveTimes`. */
  solveTimes: SolveTime[];
  solvedWithTime: number;
  /** Most attempts first, at most `topAttempts`. */
  attempts: AttemptBar[];
  attemptedProblems: number;
  design: DesignTrends;
  /** Theory cards (src/core/theory), when the deck has any: added by the panel from the review queue. */
  theory?: TheorySummary;
  /** Behavioural stories' coverage (src/core/stories/coverage.ts): added by the panel when the bank has competencies. */
  stories?: StoryCoverage;
  /** The study plan's week against its targets (./planCard.ts): added by the panel when the user follows a plan. */
  plan?: PlanSummary;
}

export interface TheorySummary {
  cards: number;
  /** Reviewed at least once. */
  started: number;
  dueToday: number;
  reviewedToday: number;
}

export interface DashboardOptions {
  now: number;
  /** IANA zone the days are counted in; default: the machine's. */
  timeZone?: string;
  weeks?: number;
  topAttempts?: number;
  maxSolveTimes?: number;
  /** Section split and length of a design session (the user's settings). */
  designSplit?: Record<DesignSectionKey, number>;
  designMinutes?: number;
  /** Ids of behavioural questions: their reviews are rehearsals; other reviews are theory cards. */
  questionIds?: ReadonlySet<string>;
}

export const CALENDAR_WEEKS = 26;
export const TOP_ATTEMPTS = 12;
export const MAX_SOLVE_TIMES = 15;
/** How many recent sessions the section call-outs look at. */
export const RECENT = 5;
/** Over plan by more than this share counts as running over (a few seconds never do). */
export const OVER_SLACK = 0.15;
/** Less than this share of the plan counts as under-covered. */
export const SHORT_SHARE = 0.5;
/** A recent average at or below this is a low score (1-4 scale). */
export const LOW_SCORE = 2.25;

// ---------------------------------------------------------------------------------------------
// Practice calendar (day buckets, levels and streaks come from core/plan/activity)

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The practice calendar and streaks; `reviews` (theory reviews and rehearsals) count as practice too. */
export function practiceCalendar(history: readonly ActivityEvent[], now: number, timeZone?: string, weeks = CALENDAR_WEEKS, reviews: readonly ReviewActivity[] = []): PracticeCalendar {
  const today = dayKey(now, timeZone);
  const days = practiceDays(history, timeZone, reviews);
  const grid = calendarGrid(days, today, weeks);
  const months: { week: number; label: string }[] = [];
  const monthOf = (day: DayKey) => MONTHS[Number(day.slice(5, 7)) - 1];
  grid.weeks.forEach((w, i) => {
    const first = w.days.find((d) => d.day.endsWith('-01'));
    if (first && (!months.length || i - months[months.length - 1].week >= 3)) months.push({ week: i, label: monthOf(first.day) });
  });
  // The first column is labelled too, unless a month starts right after it.
  if (!months.length || months[0].week >= 3) months.unshift({ week: 0, label: monthOf(grid.weeks[0].start) });
  const s = streak(days.keys(), today);
  return {
    weeks: grid.weeks.map((w) => ({
      start: w.start,
      days: w.days.map((c) => {
        const a = c.future ? undefined : days.get(c.day);
        return {
          ...c, starts: a?.starts ?? 0, runs: a?.runs ?? 0, solves: a?.solves ?? 0, designs: a?.designs ?? 0,
          parts: a?.parts ?? 0, reviews: a?.reviews ?? 0, rehearsals: a?.rehearsals ?? 0,
        };
      }),
    })),
    months,
    today,
    activeDays: grid.activeDays,
    maxCount: grid.maxCount,
    practisedToday: s.activeToday,
    currentStreak: s.current,
    longestStreak: s.longest,
  };
}

// ---------------------------------------------------------------------------------------------
// Solved per category / difficulty, time to solve, attempts

function solvedBars(catalog: readonly CatalogEntry[], progress: Progress, keyOf: (e: CatalogEntry) => string, order: readonly string[], label: (k: string) => string): SolvedBar[] {
  const bars = new Map<string, SolvedBar>();
  for (const e of catalog) {
    const key = keyOf(e);
    let b = bars.get(key);
    if (!b) bars.set(key, (b = { key, label: label(key), solved: 0, attempted: 0, total: 0 }));
    b.total++;
    const state = problemState(progress.problems[e.id]);
    if (state === 'solved') b.solved++;
    else if (state === 'attempted' || state === 'practised') b.attempted++; // in progress: not solved yet
  }
  const rank = (k: string) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k));
  return [...bars.values()].sort((a, b) => rank(a.key) - rank(b.key) || a.label.localeCompare(b.label));
}

export function solvedByCategory(catalog: readonly CatalogEntry[], progress: Progress): SolvedBar[] {
  return solvedBars(catalog, progress, (e) => e.category, CATEGORY_ORDER, categoryLabel);
}

export function solvedByDifficulty(catalog: readonly CatalogEntry[], progress: Progress): SolvedBar[] {
  return solvedBars(catalog, progress, (e) => e.difficulty, DIFFICULTIES, (k) => k[0].toUpperCase() + k.slice(1));
}

/** Solved coding problems with a measured time, most recently solved first. */
export function solveTimes(catalog: readonly CatalogEntry[], progress: Progress, timeZone?: string): SolveTime[] {
  const out: SolveTime[] = [];
  for (const e of catalog) {
    const p = progress.problems[e.id];
    if (e.kind !== 'coding' || p?.solvedAt === undefined || p.solveMs === undefined) continue;
    out.push({
      id: e.id,
      title: e.title,
      category: e.category,
      difficulty: e.difficulty,
      suggestedMinutes: e.minutes,
      minutes: p.solveMs / 60_000,
      attempts: p.attemptsToSolve ?? p.attempts,
      solvedAt: p.solvedAt,
      solvedDay: dayKey(p.solvedAt, timeZone),
      spanDays: daysBetween(dayKey(p.solvedAt - p.solveMs, timeZone), dayKey(p.solvedAt, timeZone)) + 1,
      gaveUp: !!p.gaveUp,
    });
  }
  return out.sort((a, b) => b.solvedAt - a.solvedAt || a.title.localeCompare(b.title));
}

/** Coding problems with at least one run, most attempts first. */
export function attemptsPerProblem(catalog: readonly CatalogEntry[], progress: Progress): AttemptBar[] {
  const out: AttemptBar[] = [];
  for (const e of catalog) {
    const p = progress.problems[e.id];
    if (e.kind !== 'coding' || !p || p.attempts <= 0) continue;
    const solved = p.solvedAt !== undefined;
    out.push({ id: e.id, title: e.title, attempts: p.attempts, solved, ...(solved && p.attemptsToSolve !== undefined ? { attemptsToSolve: p.attemptsToSolve } : {}), gaveUp: !!p.gaveUp });
  }
  return out.sort((a, b) => b.attempts - a.attempts || a.title.localeCompare(b.title));
}

// ---------------------------------------------------------------------------------------------
// Design sessions

const sectionRecord = (v: Record<string, number> | undefined, ok: (n: number) => boolean): SectionScores => {
  const out: SectionScores = {};
  for (const k of DESIGN_SECTION_KEYS) {
    const n = v?.[k];
    if (typeof n === 'number' && Number.isFinite(n) && ok(n)) out[k] = n;
  }
  return out;
};

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
const round2 = (n: number) => Math.round(n * 100) / 100;

export function designPoints(history: readonly ActivityEvent[], catalog: readonly CatalogEntry[], timeZone?: string): DesignPoint[] {
  const titles = new Map(catalog.map((e) => [e.id, e.title]));
  return history
    .filter((e) => e.kind === 'design' && typeof e.score === 'number')
    .map((e) => ({
      at: e.at,
      day: dayKey(e.at, timeZone),
      id: e.id,
      title: titles.get(e.id) ?? e.id,
      score: e.score as number,
      sections: sectionRecord(e.sections, (n) => n >= 1 && n <= 4),
      minutes: sectionRecord(e.minutes, (n) => n >= 0),
    }))
    .sort((a, b) => a.at - b.at);
}

/**
 * Per section: the recent score and its change, and how often it ran over or got too little of
 * its planned time. A section is flagged when it does so in at least half of its recent sessions
 * (and at least twice), or when its recent average is low.
 */
export function sectionInsights(points: readonly DesignPoint[], plannedMinutes: Record<DesignSectionKey, number>): SectionInsight[] {
  return DESIGN_SECTION_KEYS.map((section) => {
    const planned = plannedMinutes[section];
    const scores = points.map((p) => p.sections[section]).filter((n): n is number => n !== undefined);
    const recentScores = scores.slice(-RECENT);
    const recentScore = mean(recentScores);
    // Change: recent sessions against the ones before them; with no older ones, halves of what there is.
    const older = scores.slice(0, Math.max(0, scores.length - RECENT));
    const half = Math.floor(scores.length / 2);
    const change = older.length
      ? (recentScore as number) - (mean(older) as number)
      : scores.length >= 4 ? (mean(scores.slice(half)) as number) - (mean(scores.slice(0, half)) as number) : undefined;
    const spent = points.map((p) => p.minutes[section]).filter((n): n is number => n !== undefined).slice(-RECENT);
    const overCount = spent.filter((m) => m > planned * (1 + OVER_SLACK)).length;
    const shortCount = spent.filter((m) => m < planned * SHORT_SHARE).length;
    const enough = (n: number, of: number) => n >= 2 && n * 2 >= of;
    const flags: SectionFlag[] = [];
    if (enough(overCount, spent.length)) flags.push('over');
    if (enough(shortCount, spent.length)) flags.push('short');
    if (recentScore !== undefined && recentScores.length >= 2 && recentScore <= LOW_SCORE) flags.push('low');
    const meanOver = mean(spent.map((m) => m - planned));
    return {
      section,
      label: SECTION_TITLES[section],
      plannedMinutes: planned,
      scored: recentScores.length,
      ...(recentScore !== undefined ? { recentScore: round2(recentScore) } : {}),
      ...(change !== undefined ? { scoreChange: round2(change) } : {}),
      timed: spent.length,
      overCount,
      shortCount,
      ...(meanOver !== undefined ? { meanOverMinutes: round2(meanOver) } : {}),
      flags,
    };
  });
}

export function plannedSectionMinutes(sessionMinutes: number, split?: Record<DesignSectionKey, number>): Record<DesignSectionKey, number> {
  const plan = planSections(sessionMinutes, split);
  return Object.fromEntries(DESIGN_SECTION_KEYS.map((k, i) => [k, plan[i] / 60_000])) as Record<DesignSectionKey, number>;
}

// ---------------------------------------------------------------------------------------------

/** Follow-up parts passed and in all; absent when the catalogue has no follow-ups. */
function followUpTotals(coding: readonly CatalogEntry[], progress: Progress): Pick<DashboardTotals, 'followUpsSolved' | 'followUpsTotal'> {
  const total = coding.reduce((n, e) => n + (e.followUps ?? 0), 0);
  if (!total) return {};
  const solved = coding.reduce((n, e) => n + Object.keys(progress.problems[e.id]?.parts ?? {}).filter((k) => Number(k) <= 1 + (e.followUps ?? 0)).length, 0);
  return { followUpsSolved: solved, followUpsTotal: total };
}

/** Every theory review and rehearsal of the record, for the calendar. */
export function reviewActivity(progress: Progress, questionIds: ReadonlySet<string> = new Set()): ReviewActivity[] {
  return Object.entries(progress.reviews ?? {}).flatMap(([id, list]) => list.map((r) => ({ at: r.at, rehearsal: questionIds.has(id) })));
}

export function dashboardData(progress: Progress, catalog: readonly CatalogEntry[], opts: DashboardOptions): DashboardData {
  const history = progress.history ?? [];
  const reviews = reviewActivity(progress, opts.questionIds);
  const sessionMinutes = opts.designMinutes ?? 45;
  const byCategory = solvedByCategory(catalog, progress);
  const times = solveTimes(catalog, progress, opts.timeZone);
  const attempts = attemptsPerProblem(catalog, progress);
  const points = designPoints(history, catalog, opts.timeZone);
  const coding = catalog.filter((e) => e.kind === 'coding');
  const solved = (es: readonly CatalogEntry[]) => es.filter((e) => problemState(progress.problems[e.id]) === 'solved').length;
  return {
    generatedAt: opts.now,
    hasActivity: history.length > 0 || Object.keys(progress.problems).length > 0 || reviews.length > 0,
    totals: {
      solved: solved(catalog),
      attempted: byCategory.reduce((a, b) => a + b.attempted, 0),
      total: catalog.length,
      codingSolved: solved(coding),
      codingTotal: coding.length,
      designSessions: points.length,
      withinSuggested: times.filter((t) => t.minutes <= t.suggestedMinutes).length,
      solvedOverDays: times.filter((t) => t.spanDays > 1).length,
      ...followUpTotals(coding, progress),
    },
    byCategory,
    byDifficulty: solvedByDifficulty(catalog, progress),
    calendar: practiceCalendar(history, opts.now, opts.timeZone, opts.weeks, reviews),
    solveTimes: times.slice(0, opts.maxSolveTimes ?? MAX_SOLVE_TIMES),
    solvedWithTime: times.length,
    attempts: attempts.slice(0, opts.topAttempts ?? TOP_ATTEMPTS),
    attemptedProblems: attempts.length,
    design: {
      sessions: points,
      sections: sectionInsights(points, plannedSectionMinutes(sessionMinutes, opts.designSplit)),
      sessionMinutes,
    },
  };
}
