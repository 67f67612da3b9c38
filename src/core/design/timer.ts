// The design-session clock as a pure state machine over wall-clock timestamps (epoch ms).
// Nothing here counts ticks: every reading is derived from stored timestamps and `now`, so the
// clock is right after the panel was hidden, VS Code reloaded or the machine slept (a sleeping
// laptop is time that passed in the interview, exactly as a wall clock would show it).
import { DESIGN_SECTION_KEYS, type DesignSectionKey } from '../catalog/types';

export type TimerStatus = 'idle' | 'running' | 'paused' | 'finished';

export interface TimerState {
  /** Planned length of each section (ms), in DESIGN_SECTION_KEYS order. */
  planMs: number[];
  /** Index of the section being worked on. */
  current: number;
  status: TimerStatus;
  /** Time banked per section from closed running segments (ms). */
  spentMs: number[];
  /** Start of the open running segment; set exactly when status is 'running'. */
  segmentStart?: number;
  /** First start. */
  startedAt?: number;
  finishedAt?: number;
  /** Sections whose planned end was already announced (chime/notification), so a reload never repeats one. */
  announced: boolean[];
}

export const SECTION_COUNT = DESIGN_SECTION_KEYS.length;

/** The split the issue asks for (minutes); scaled to the chosen session length. */
export const DEFAULT_SECTION_SPLIT: Record<DesignSectionKey, number> = {
  'problem-definition': 5,
  data: 10,
  modelling: 15,
  evaluation: 5,
  'deployment-serving': 10,
  'monitoring-iteration': 5,
};

export const SESSION_LENGTHS = [45, 60] as const;
export type SessionLength = (typeof SESSION_LENGTHS)[number];
export const isSessionLength = (v: unknown): v is SessionLength => v === 45 || v === 60;

/**
 * The length a new session of a prompt starts with: the session length nearest to the prompt's
 * suggested minutes (ties go to the longer one), or `fallback` (the `design.durationMinutes`
 * setting) when the prompt suggests no usable length (missing, not a positive number).
 */
export function defaultSessionLength(promptMinutes: number | undefined, fallback: SessionLength): SessionLength {
  if (typeof promptMinutes !== 'number' || !Number.isFinite(promptMinutes) || promptMinutes <= 0) return fallback;
  return SESSION_LENGTHS.reduce((best, m) => (Math.abs(m - promptMinutes) <= Math.abs(best - promptMinutes) ? m : best));
}

const MINUTE = 60_000;
const ROUND_TO = 30_000;

/**
 * Section lengths (ms) for a session of `totalMinutes`, proportional to `split`, rounded to half
 * minutes, and summing exactly to the total (the rounding remainder goes to the longest section).
 */
export function planSections(totalMinutes: number, split: Record<DesignSectionKey, number> = DEFAULT_SECTION_SPLIT): number[] {
  const weights = DESIGN_SECTION_KEYS.map((k) => {
    const w = split[k];
    return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : DEFAULT_SECTION_SPLIT[k];
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const total = Math.round(totalMinutes * MINUTE);
  const plan = weights.map((w) => Math.max(ROUND_TO, Math.round((total * w) / sum / ROUND_TO) * ROUND_TO));
  const diff = total - plan.reduce((a, b) => a + b, 0);
  const longest = plan.indexOf(Math.max(...plan));
  plan[longest] = Math.max(ROUND_TO, plan[longest] + diff);
  return plan;
}

export function createTimer(planMs: number[]): TimerState {
  return {
    planMs: [...planMs],
    current: 0,
    status: 'idle',
    spentMs: planMs.map(() => 0),
    announced: planMs.map(() => false),
  };
}

/** Elapsed time of the open segment; a clock that went backwards counts as zero, never negative. */
const openSegment = (s: TimerState, now: number) => (s.status === 'running' && s.segmentStart !== undefined ? Math.max(0, now - s.segmentStart) : 0);

/** Closes the open segment into the current section's bank. */
function bank(s: TimerState, now: number): TimerState {
  if (s.status !== 'running') return s;
  const spentMs = [...s.spentMs];
  spentMs[s.current] += openSegment(s, now);
  return { ...s, spentMs, segmentStart: now };
}

export function start(s: TimerState, now: number): TimerState {
  if (s.status !== 'idle') return s;
  return { ...s, status: 'running', segmentStart: now, startedAt: now };
}

export function pause(s: TimerState, now: number): TimerState {
  if (s.status !== 'running') return s;
  const b = bank(s, now);
  return { ...b, status: 'paused', segmentStart: undefined };
}

export function resume(s: TimerState, now: number): TimerState {
  if (s.status !== 'paused') return s;
  return { ...s, status: 'running', segmentStart: now };
}

/** Start, pause or resume, whichever applies (the keyboard shortcut). */
export function toggle(s: TimerState, now: number): TimerState {
  if (s.status === 'idle') return start(s, now);
  if (s.status === 'running') return pause(s, now);
  if (s.status === 'paused') return resume(s, now);
  return s;
}

/** Moves to section `index`; time so far stays with the section it was spent in. */
export function goTo(s: TimerState, index: number, now: number): TimerState {
  if (s.status === 'finished' || !Number.isInteger(index) || index < 0 || index >= s.planMs.length || index === s.current) return s;
  return { ...bank(s, now), current: index };
}

export const next = (s: TimerState, now: number) => goTo(s, s.current + 1, now);
export const previous = (s: TimerState, now: number) => goTo(s, s.current - 1, now);

export function finish(s: TimerState, now: number): TimerState {
  if (s.status === 'finished') return s;
  const b = bank(s, now);
  return { ...b, status: 'finished', segmentStart: undefined, finishedAt: now, startedAt: b.startedAt ?? now };
}

/** Back from the assessment to the board: the clock stays paused until the user resumes it. */
export function reopen(s: TimerState): TimerState {
  if (s.status !== 'finished') return s;
  return { ...s, status: 'paused', finishedAt: undefined };
}

/** Changes the session length; only before the clock has started. */
export function replan(s: TimerState, planMs: number[]): TimerState {
  if (s.status !== 'idle' || planMs.length !== s.planMs.length) return s;
  return { ...s, planMs: [...planMs] };
}

export function elapsedIn(s: TimerState, index: number, now: number): number {
  return s.spentMs[index] + (index === s.current ? openSegment(s, now) : 0);
}

export interface SectionReading {
  planMs: number;
  elapsedMs: number;
  remainingMs: number;
  overtimeMs: number;
}

export interface TimerReading {
  status: TimerStatus;
  current: number;
  sections: SectionReading[];
  totalPlanMs: number;
  totalElapsedMs: number;
  totalRemainingMs: number;
  totalOvertimeMs: number;
}

export function read(s: TimerState, now: number): TimerReading {
  const sections = s.planMs.map((planMs, i) => {
    const elapsedMs = elapsedIn(s, i, now);
    return { planMs, elapsedMs, remainingMs: Math.max(0, planMs - elapsedMs), overtimeMs: Math.max(0, elapsedMs - planMs) };
  });
  const totalPlanMs = s.planMs.reduce((a, b) => a + b, 0);
  const totalElapsedMs = sections.reduce((a, r) => a + r.elapsedMs, 0);
  return {
    status: s.status,
    current: s.current,
    sections,
    totalPlanMs,
    totalElapsedMs,
    totalRemainingMs: Math.max(0, totalPlanMs - totalElapsedMs),
    totalOvertimeMs: Math.max(0, totalElapsedMs - totalPlanMs),
  };
}

/** When the current section reaches its planned end (epoch ms), if the clock runs and it has not yet. */
export function nextBoundary(s: TimerState, now: number): number | undefined {
  if (s.status !== 'running' || s.segmentStart === undefined) return undefined;
  const left = s.planMs[s.current] - elapsedIn(s, s.current, now);
  return left > 0 ? now + left : undefined;
}

/**
 * Advances past every section whose plan has run out, each at its exact boundary time rather
 * than at the moment this is called: after a reload or a sleep the sections end where a wall
 * clock would have ended them. The last section never auto-advances (it runs into overtime).
 */
export function autoAdvance(s: TimerState, now: number): TimerState {
  let t = s;
  while (t.status === 'running' && t.segmentStart !== undefined && t.current < t.planMs.length - 1) {
    const left = t.planMs[t.current] - t.spentMs[t.current];
    const boundary = t.segmentStart + Math.max(0, left);
    if (boundary > now) break;
    const spentMs = [...t.spentMs];
    spentMs[t.current] = Math.max(t.spentMs[t.current], t.planMs[t.current]);
    t = { ...t, spentMs, current: t.current + 1, segmentStart: boundary };
  }
  return t;
}

/**
 * Sections whose planned end has passed and was not yet announced; returns them and the state
 * with them marked, so each section's end is announced once across reloads.
 */
export function takeAnnouncements(s: TimerState, now: number): { state: TimerState; ended: number[] } {
  const ended: number[] = [];
  const announced = [...s.announced];
  s.planMs.forEach((plan, i) => {
    if (!announced[i] && elapsedIn(s, i, now) >= plan) {
      announced[i] = true;
      ended.push(i);
    }
  });
  return ended.length ? { state: { ...s, announced }, ended } : { state: s, ended };
}

/** `12:05`, `1:02:03`; overtime readings are shown by the caller with a `+`. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** `12:05`, `60:00`, `62:03`: minutes and seconds, as a design round's clock reads. */
export function formatMinutes(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numArray = (v: unknown, n: number): v is number[] => Array.isArray(v) && v.length === n && v.every((x) => num(x) && x >= 0);

/** Validates a stored timer (from session.json); undefined when it cannot be trusted. */
export function parseTimer(raw: unknown): TimerState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const status = r.status;
  if (status !== 'idle' && status !== 'running' && status !== 'paused' && status !== 'finished') return undefined;
  if (!numArray(r.planMs, SECTION_COUNT) || !numArray(r.spentMs, SECTION_COUNT)) return undefined;
  if (r.planMs.some((p) => p <= 0)) return undefined;
  if (!num(r.current) || !Number.isInteger(r.current) || r.current < 0 || r.current >= SECTION_COUNT) return undefined;
  if (status === 'running' && !num(r.segmentStart)) return undefined;
  const announced = Array.isArray(r.announced) && r.announced.length === SECTION_COUNT ? r.announced.map((a) => a === true) : r.planMs.map(() => false);
  const t: TimerState = { planMs: [...r.planMs], current: r.current, status, spentMs: [...r.spentMs], announced };
  if (status === 'running') t.segmentStart = r.segmentStart as number;
  if (num(r.startedAt)) t.startedAt = r.startedAt;
  if (num(r.finishedAt)) t.finishedAt = r.finishedAt;
  return t;
}
