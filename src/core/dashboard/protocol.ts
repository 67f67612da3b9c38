// The one protocol between the progress dashboard's host (src/features/dashboard) and its webview
// (webview/dashboard.tsx): discriminated unions both ways, and a validator for what each side
// receives. The host pushes derived data only; the webview never reads files or the network.
import { DESIGN_SECTION_KEYS, DIFFICULTIES, isSlug, type DesignSectionKey } from '../catalog/types';
import type { AttemptBar, CalendarDay, DashboardData, DesignPoint, PracticeCalendar, SectionInsight, SolvedBar, SolveTime } from './stats';

export const DASHBOARD_VIEW_TYPE = 'mlprep.dashboard';

export type HostToWebview = { type: 'data'; data: DashboardData };

export type WebviewToHost =
  | { type: 'ready' }
  /** The webview drew a data message: how many charts (for the log and the integration test). */
  | { type: 'rendered'; generatedAt: number; charts: number; empty: boolean }
  /** Opens the problem (or, without an id, the "Start Problem" picker). */
  | { type: 'startProblem'; id?: string }
  /** Opens a design session for the prompt (or, without an id, the prompt picker). */
  | { type: 'startDesignSession'; id?: string }
  /** Behavioural stories: write a new one (tagged with the competency), rehearse (a question of the competency), open one (workspace-relative path from the data). */
  | { type: 'newStory'; competency?: string }
  | { type: 'rehearse'; competency?: string }
  | { type: 'openStory'; path: string }
  /** An error or CSP violation inside the webview, for the host's log. */
  | { type: 'problem'; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const str = (v: unknown): v is string => typeof v === 'string';
const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const opt = <T>(v: unknown, ok: (x: unknown) => x is T) => v === undefined || ok(v);
const list = <T>(v: unknown, ok: (x: unknown) => x is T, max = 10_000): v is T[] => Array.isArray(v) && v.length <= max && v.every(ok);
const isDay = (v: unknown): v is string => str(v) && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isDifficulty = (v: unknown) => str(v) && (DIFFICULTIES as readonly string[]).includes(v);
const isSection = (v: unknown): v is DesignSectionKey => str(v) && (DESIGN_SECTION_KEYS as readonly string[]).includes(v);
const isSectionNumbers = (v: unknown) => isObj(v) && Object.entries(v).every(([k, n]) => isSection(k) && num(n));

const isSolvedBar = (v: unknown): v is SolvedBar =>
  isObj(v) && str(v.key) && str(v.label) && count(v.solved) && count(v.attempted) && count(v.total) && v.solved + v.attempted <= v.total;

const isCalendarDay = (v: unknown): v is CalendarDay =>
  isObj(v) && isDay(v.day) && count(v.count) && count(v.starts) && count(v.runs) && count(v.solves) && count(v.designs) && opt(v.parts, count) && opt(v.reviews, count) && opt(v.rehearsals, count) && count(v.level) && v.level <= 4 && bool(v.future);

const isWeek = (w: unknown): w is PracticeCalendar['weeks'][number] => isObj(w) && isDay(w.start) && list(w.days, isCalendarDay, 7) && w.days.length === 7;

const isCalendar = (v: unknown): v is PracticeCalendar =>
  isObj(v) &&
  list(v.weeks, isWeek, 60) &&
  list(v.months, (m): m is { week: number; label: string } => isObj(m) && count(m.week) && str(m.label), 60) &&
  isDay(v.today) && count(v.activeDays) && count(v.maxCount) && bool(v.practisedToday) && count(v.currentStreak) && count(v.longestStreak);

const isSolveTime = (v: unknown): v is SolveTime =>
  isObj(v) && str(v.id) && str(v.title) && str(v.category) && isDifficulty(v.difficulty) && num(v.suggestedMinutes) && num(v.minutes) && count(v.attempts) && num(v.solvedAt) && isDay(v.solvedDay) && count(v.spanDays) && bool(v.gaveUp);

const isAttemptBar = (v: unknown): v is AttemptBar =>
  isObj(v) && str(v.id) && str(v.title) && count(v.attempts) && bool(v.solved) && opt(v.attemptsToSolve, count) && bool(v.gaveUp);

const isDesignPoint = (v: unknown): v is DesignPoint =>
  isObj(v) && num(v.at) && isDay(v.day) && str(v.id) && str(v.title) && num(v.score) && isSectionNumbers(v.sections) && isSectionNumbers(v.minutes);

const FLAGS: readonly string[] = ['over', 'short', 'low'];
const isInsight = (v: unknown): v is SectionInsight =>
  isObj(v) && isSection(v.section) && str(v.label) && num(v.plannedMinutes) && count(v.scored) && opt(v.recentScore, num) && opt(v.scoreChange, num) &&
  count(v.timed) && count(v.overCount) && count(v.shortCount) && opt(v.meanOverMinutes, num) && list(v.flags, (f): f is SectionInsight['flags'][number] => str(f) && FLAGS.includes(f), 3);

const isTotals = (v: unknown) =>
  isObj(v) && ['solved', 'attempted', 'total', 'codingSolved', 'codingTotal', 'designSessions', 'withinSuggested', 'solvedOverDays'].every((k) => count(v[k]));

/** Validates the data the host sends; undefined for anything malformed. */
export function parseDashboardData(v: unknown): DashboardData | undefined {
  if (!isObj(v) || !num(v.generatedAt) || !bool(v.hasActivity) || !isTotals(v.totals)) return undefined;
  if (!list(v.byCategory, isSolvedBar, 100) || !list(v.byDifficulty, isSolvedBar, 10) || !isCalendar(v.calendar)) return undefined;
  if (!list(v.solveTimes, isSolveTime, 500) || !count(v.solvedWithTime) || !list(v.attempts, isAttemptBar, 500) || !count(v.attemptedProblems)) return undefined;
  const d = v.design;
  if (!isObj(d) || !list(d.sessions, isDesignPoint, 5000) || !list(d.sections, isInsight, DESIGN_SECTION_KEYS.length) || !num(d.sessionMinutes)) return undefined;
  const t = v.theory;
  if (t !== undefined && !(isObj(t) && ['cards', 'started', 'dueToday', 'reviewedToday'].every((k) => count(t[k])))) return undefined;
  if (v.stories !== undefined && !isStoryCoverage(v.stories)) return undefined;
  if (v.plan !== undefined && !isPlanSummary(v.plan)) return undefined;
  return v as unknown as DashboardData;
}

const PLAN_KEYS: readonly string[] = ['coding', 'design', 'mocks', 'theory', 'behavioural'];
const isPlanSummary = (v: unknown): boolean =>
  isObj(v) && str(v.title) && count(v.weeks) && count(v.weekIndex) && isDay(v.weekStartDay) && isDay(v.weekEndDay) && count(v.daysLeftInWeek)
  && bool(v.started) && bool(v.finished) && str(v.note)
  && list(v.rows, (r): r is object => isObj(r) && str(r.key) && PLAN_KEYS.includes(r.key) && str(r.label) && count(r.done) && count(r.target), PLAN_KEYS.length)
  && list(v.competencies, (c): c is object => isObj(c) && str(c.id) && str(c.title) && bool(c.done), 50);

const isStoryCoverage = (v: unknown): boolean => {
  if (!isObj(v) || !list(v.stories, (s): s is object => isObj(s) && str(s.path) && str(s.title) && bool(s.clean), 2000)) return false;
  const n = v.stories.length;
  const isRow = (c: unknown): c is object => isObj(c) && str(c.id) && str(c.title) && count(c.questions) && list(c.stories, (i): i is number => count(i) && i < n, n);
  const isValue = (x: unknown): x is object => isObj(x) && str(x.id) && str(x.name) && bool(x.covered);
  const isSet = (x: unknown): x is object => isObj(x) && str(x.id) && str(x.title) && list(x.values, isValue, 100);
  const r = v.rehearsals;
  if (r !== undefined && !(isObj(r) && count(r.rehearsed) && count(r.dueToday) && count(r.today))) return false;
  return list(v.competencies, isRow, 100) && list(v.valueSets, isSet, 20) && list(v.gaps, str, 100);
};

/** Validates a message from the host (the webview's side of the contract). */
export function parseHostMessage(m: unknown): HostToWebview | undefined {
  if (!isObj(m) || m.type !== 'data') return undefined;
  const data = parseDashboardData(m.data);
  return data ? { type: 'data', data } : undefined;
}

/** Validates a message from the webview; undefined for anything malformed. */
export function parseWebviewMessage(m: unknown): WebviewToHost | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready':
      return { type: m.type };
    case 'rendered':
      return num(m.generatedAt) && count(m.charts) && bool(m.empty) ? { type: 'rendered', generatedAt: m.generatedAt, charts: m.charts, empty: m.empty } : undefined;
    case 'startProblem':
    case 'startDesignSession':
      if (m.id === undefined) return { type: m.type };
      return str(m.id) && isSlug(m.id) ? { type: m.type, id: m.id } : undefined;
    case 'newStory':
    case 'rehearse':
      if (m.competency === undefined) return { type: m.type };
      return str(m.competency) && isSlug(m.competency) ? { type: m.type, competency: m.competency } : undefined;
    case 'openStory':
      return str(m.path) && m.path.length < 1000 && !m.path.split(/[/\\]/).includes('..') ? { type: 'openStory', path: m.path } : undefined;
    case 'problem':
      return str(m.message) ? { type: 'problem', message: m.message.slice(0, 2000) } : undefined;
    default:
      return undefined;
  }
}
