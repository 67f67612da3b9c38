// Practice activity by calendar day: the per-day counts behind the heat-map, and the streak.
// Everything is keyed by DayKey in the user's time zone (see days.ts), so "today" and "a day"
// mean what the user's wall clock says, across DST changes and trips.
import type { ActivityEvent } from '../progress/progress';
import { addDays, dayKey, daysBetween, weekStart, type DayKey } from './days';

/** What the user did on one calendar day. */
export interface DayActivity {
  /** Problems started (scaffolded or opened for the first time). */
  starts: number;
  /** Hidden-test runs. */
  runs: number;
  /** First solves. */
  solves: number;
  /** Completed design sessions. */
  designs: number;
  /** Follow-up parts passed (contract F). */
  parts?: number;
  /** Theory cards reviewed. */
  reviews?: number;
  /** Behavioural questions rehearsed. */
  rehearsals?: number;
  /** All of the above. */
  total: number;
}

const emptyDay = (): DayActivity => ({ starts: 0, runs: 0, solves: 0, designs: 0, parts: 0, reviews: 0, rehearsals: 0, total: 0 });

/** A theory review or a behavioural rehearsal, for the calendar (Progress.reviews, told apart by id). */
export interface ReviewActivity {
  at: number;
  rehearsal: boolean;
}

/**
 * The history (and theory reviews and rehearsals, when given) bucketed by calendar day in
 * `timeZone` (IANA name; default: the machine's). Every event kind counts as practice, so a day
 * appears in the map exactly when the user did something.
 */
export function practiceDays(history: readonly ActivityEvent[], timeZone?: string, reviews: readonly ReviewActivity[] = []): Map<DayKey, DayActivity> {
  const days = new Map<DayKey, DayActivity>();
  const bucket = (at: number) => {
    const key = dayKey(at, timeZone);
    let d = days.get(key);
    if (!d) {
      d = emptyDay();
      days.set(key, d);
    }
    d.total++;
    return d;
  };
  for (const e of history) {
    const d = bucket(e.at);
    switch (e.kind) {
      case 'start': d.starts++; break;
      case 'run': d.runs++; break;
      case 'solve': d.solves++; break;
      case 'design': d.designs++; break;
      case 'part': d.parts = (d.parts ?? 0) + 1; break;
    }
  }
  for (const r of reviews) {
    const d = bucket(r.at);
    if (r.rehearsal) d.rehearsals = (d.rehearsals ?? 0) + 1;
    else d.reviews = (d.reviews ?? 0) + 1;
  }
  return days;
}

/** Consecutive practice days. */
export interface Streak {
  /**
   * Consecutive practised days ending today, or ending yesterday when today has no practice yet
   * (the streak is alive until the day is over); 0 once a whole day was missed.
   */
  current: number;
  /** The longest run of consecutive practised days ever (at least `current`). */
  longest: number;
  /** Today already counts. */
  activeToday: boolean;
  /** The most recent practised day, if any. */
  lastActive?: DayKey;
}

/**
 * Streaks over the given practised days (any order, duplicates fine). Days after `today` (a
 * clock that was set wrong, or a history synced from a machine further east) are ignored.
 */
export function streak(days: Iterable<DayKey>, today: DayKey): Streak {
  const sorted = [...new Set(days)].filter((d) => d <= today).sort();
  if (!sorted.length) return { current: 0, longest: 0, activeToday: false };
  let longest = 1;
  let run = 1;
  for (let i = 1; i < sorted.length; i++) {
    run = daysBetween(sorted[i - 1], sorted[i]) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  // `run` is now the run ending at the last practised day.
  const lastActive = sorted[sorted.length - 1];
  const gap = daysBetween(lastActive, today);
  return { current: gap <= 1 ? run : 0, longest, activeToday: gap === 0, lastActive };
}

/** Heat-map shade: 0 = nothing, 1-4 = light to dark. */
export type HeatLevel = 0 | 1 | 2 | 3 | 4;

/** One square of the heat-map. */
export interface CalendarCell {
  day: DayKey;
  /** Events that day (DayActivity.total); 0 for future days. */
  count: number;
  level: HeatLevel;
  /** After `today` (the rest of the current week): drawn blank or not at all. */
  future: boolean;
}

/** One column of the heat-map: a Monday-first week. */
export interface CalendarWeek {
  /** The Monday. */
  start: DayKey;
  /** Always 7 cells, Monday … Sunday. */
  days: CalendarCell[];
}

/** The heat-map: `weeks` columns, oldest first, the last one holding `today`. */
export interface CalendarGrid {
  weeks: CalendarWeek[];
  /** The busiest day's count in the grid (the scale of the levels). */
  maxCount: number;
  /** Days in the grid with any activity. */
  activeDays: number;
  /** All events in the grid. */
  totalCount: number;
}

/**
 * Levels are relative to the busiest day shown, like GitHub's contribution graph, with a floor of
 * 4 so a handful of events is never painted as darkly as a heavy day: count / max(maxCount, 4)
 * split in quarters (any activity is at least level 1).
 */
export function heatLevel(count: number, maxCount: number): HeatLevel {
  if (count <= 0) return 0;
  const scale = Math.max(maxCount, 4);
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / scale))) as HeatLevel;
}

/**
 * The last `weeks` calendar weeks (Monday-first) up to the week of `today`, for the heat-map:
 * weeks are columns, days rows. Days of the current week after `today` are marked `future`.
 */
export function calendarGrid(days: ReadonlyMap<DayKey, Pick<DayActivity, 'total'>>, today: DayKey, weeks = 26): CalendarGrid {
  const n = Math.max(1, Math.floor(weeks));
  const first = addDays(weekStart(today), -7 * (n - 1));
  const raw: { day: DayKey; count: number; future: boolean }[][] = [];
  let maxCount = 0;
  let activeDays = 0;
  let totalCount = 0;
  for (let w = 0; w < n; w++) {
    const col: { day: DayKey; count: number; future: boolean }[] = [];
    for (let d = 0; d < 7; d++) {
      const day = addDays(first, w * 7 + d);
      const future = day > today;
      const count = future ? 0 : (days.get(day)?.total ?? 0);
      maxCount = Math.max(maxCount, count);
      if (count > 0) activeDays++;
      totalCount += count;
      col.push({ day, count, future });
    }
    raw.push(col);
  }
  return {
    weeks: raw.map((col) => ({ start: col[0].day, days: col.map((c) => ({ ...c, level: heatLevel(c.count, maxCount) })) })),
    maxCount,
    activeDays,
    totalCount,
  };
}
