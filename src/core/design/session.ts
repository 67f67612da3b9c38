// A design session as stored in `<practiceFolder>/design/<slug>-<date>/session.json`: the clock,
// the notes and ticked questions per section, the questions asked of the interviewer and the
// self-assessment. Pure reducers; the host applies the webview's requests through `applyAction`.
import { DESIGN_SECTION_KEYS, isSlug, type DesignSectionKey } from '../catalog/types';
import * as timer from './timer';
import type { TimerState } from './timer';
import { isObj, parseJsonObject } from './jsonFile';

export const SESSION_FORMAT = 'mlprep.design-session';
export const SESSION_VERSION = 1;
export const SCORES = [1, 2, 3, 4] as const;
export type Score = (typeof SCORES)[number];
export const isScore = (v: unknown): v is Score => v === 1 || v === 2 || v === 3 || v === 4;

export type SessionPhase = 'working' | 'assessing' | 'done';

export interface SectionWork {
  notes: string;
  /** Indices of the probing questions the user ticked. */
  ticked: number[];
  score?: Score;
  /** Last change of this section (merging two writers keeps the newer section). */
  updatedAt: number;
}

/** One clarifying question asked of the interviewer: which fact it drew out, and when. */
export interface AskedQuestion {
  /** Index of the fact in the prompt's `context`. */
  fact: number;
  /** Wall time of the ask (ms since the epoch). */
  at: number;
  /** Section the clock was on (0-5). */
  section: number;
  /** Session time on the clock when asked (ms). */
  elapsedMs: number;
}

export interface DesignSession {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  promptId: string;
  promptTitle: string;
  /** Folder name, `<slug>-<YYYY-MM-DD>` (maybe with `-2`...). */
  folder: string;
  createdAt: number;
  updatedAt: number;
  /** Bumped by every write; a writer that finds another revision on disk merges first. */
  revision: number;
  durationMinutes: timer.SessionLength;
  timer: TimerState;
  timerUpdatedAt: number;
  sections: Record<DesignSectionKey, SectionWork>;
  /** Indices of the interviewer facts revealed so far (asked, or revealed by an older version). */
  revealed: number[];
  /** The questions asked, in the order asked (the first ask of each fact). */
  asked: AskedQuestion[];
  phase: SessionPhase;
  completedAt?: number;
  averageScore?: number;
}

export function createSession(init: {
  promptId: string;
  promptTitle: string;
  folder: string;
  durationMinutes: timer.SessionLength;
  planMs: number[];
  now: number;
}): DesignSession {
  const sections = Object.fromEntries(DESIGN_SECTION_KEYS.map((k): [DesignSectionKey, SectionWork] => [k, { notes: '', ticked: [], updatedAt: init.now }])) as Record<DesignSectionKey, SectionWork>;
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    promptId: init.promptId,
    promptTitle: init.promptTitle,
    folder: init.folder,
    createdAt: init.now,
    updatedAt: init.now,
    revision: 0,
    durationMinutes: init.durationMinutes,
    timer: timer.createTimer(init.planMs),
    timerUpdatedAt: init.now,
    sections,
    revealed: [],
    asked: [],
    phase: 'working',
  };
}

/** `2026-11-23` in local time: the folder date is the user's day, not UTC's. */
export function localDate(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Matches `<slug>-<YYYY-MM-DD>` and `<slug>-<YYYY-MM-DD>-<n>`; returns the date and counter. */
export function parseFolderName(slug: string, name: string): { date: string; n: number } | undefined {
  if (!name.startsWith(`${slug}-`)) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$/.exec(name.slice(slug.length + 1));
  return m ? { date: m[1], n: m[2] ? Number(m[2]) : 1 } : undefined;
}

/** The folder for a new session, avoiding names already taken. */
export function newFolderName(slug: string, now: number, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = `${slug}-${localDate(now)}`;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const indexList = (v: unknown): number[] | undefined =>
  Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x < 1000) ? [...new Set(v as number[])].sort((a, b) => a - b) : undefined;

/** The `asked` list of session.json: one entry per fact (the first ask), in the order asked. */
export function parseAsked(v: unknown): AskedQuestion[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: AskedQuestion[] = [];
  for (const a of v) {
    if (!isObj(a) || !Number.isInteger(a.fact) || (a.fact as number) < 0 || (a.fact as number) >= 1000 || !num(a.at)) return undefined;
    const section = Number.isInteger(a.section) && (a.section as number) >= 0 && (a.section as number) < DESIGN_SECTION_KEYS.length ? (a.section as number) : 0;
    out.push({ fact: a.fact as number, at: a.at, section, elapsedMs: num(a.elapsedMs) && a.elapsedMs >= 0 ? a.elapsedMs : 0 });
  }
  return orderAsked(out);
}

/** First ask of each fact, ordered by time (then fact number): the same order in every window. */
export function orderAsked(list: readonly AskedQuestion[]): AskedQuestion[] {
  const first = new Map<number, AskedQuestion>();
  for (const a of list) {
    const cur = first.get(a.fact);
    if (!cur || a.at < cur.at || (a.at === cur.at && JSON.stringify(a) < JSON.stringify(cur))) first.set(a.fact, a);
  }
  return [...first.values()].sort((x, y) => x.at - y.at || x.fact - y.fact);
}

/**
 * Parses session.json. Anything that does not validate is an error (the caller keeps the file
 * aside as `session.json.corrupt-<timestamp>` and never writes over it).
 */
export function parseSession(text: string): ParseResult<DesignSession> {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (raw.format !== SESSION_FORMAT) return { ok: false, error: `"format" is not "${SESSION_FORMAT}"` };
  if (raw.version !== SESSION_VERSION) return { ok: false, error: `unsupported version ${JSON.stringify(raw.version)}` };
  if (typeof raw.promptId !== 'string' || !isSlug(raw.promptId)) return { ok: false, error: '"promptId" is not a prompt id' };
  if (typeof raw.folder !== 'string' || !raw.folder || /[/\\]/.test(raw.folder)) return { ok: false, error: '"folder" is missing or not a folder name' };
  if (!num(raw.createdAt) || !num(raw.updatedAt) || !num(raw.revision)) return { ok: false, error: '"createdAt", "updatedAt" or "revision" is not a number' };
  if (!timer.isSessionLength(raw.durationMinutes)) return { ok: false, error: '"durationMinutes" must be 45 or 60' };
  const t = timer.parseTimer(raw.timer);
  if (!t) return { ok: false, error: '"timer" is not a valid timer state' };
  if (!isObj(raw.sections)) return { ok: false, error: '"sections" is missing' };
  const sections = {} as Record<DesignSectionKey, SectionWork>;
  for (const k of DESIGN_SECTION_KEYS) {
    const s = raw.sections[k];
    if (!isObj(s)) return { ok: false, error: `"sections.${k}" is missing` };
    const ticked = indexList(s.ticked ?? []);
    if (typeof s.notes !== 'string' || !ticked) return { ok: false, error: `"sections.${k}" needs "notes" (text) and "ticked" (question numbers)` };
    if (s.score !== undefined && !isScore(s.score)) return { ok: false, error: `"sections.${k}.score" must be 1-4` };
    sections[k] = { notes: s.notes, ticked, updatedAt: num(s.updatedAt) ? s.updatedAt : raw.updatedAt };
    if (s.score !== undefined) sections[k].score = s.score as Score;
  }
  const revealed = indexList(raw.revealed ?? []);
  if (!revealed) return { ok: false, error: '"revealed" must list fact numbers' };
  const asked = parseAsked(raw.asked ?? []);
  if (!asked) return { ok: false, error: '"asked" must list { fact, at, section, elapsedMs }' };
  const phase = raw.phase;
  if (phase !== 'working' && phase !== 'assessing' && phase !== 'done') return { ok: false, error: '"phase" must be working, assessing or done' };
  const session: DesignSession = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    promptId: raw.promptId,
    promptTitle: typeof raw.promptTitle === 'string' ? raw.promptTitle : raw.promptId,
    folder: raw.folder,
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
    revision: raw.revision,
    durationMinutes: raw.durationMinutes,
    timer: t,
    timerUpdatedAt: num(raw.timerUpdatedAt) ? raw.timerUpdatedAt : raw.updatedAt,
    sections,
    revealed: [...new Set([...revealed, ...asked.map((a) => a.fact)])].sort((a, b) => a - b),
    asked,
    phase,
  };
  if (num(raw.completedAt)) session.completedAt = raw.completedAt;
  if (num(raw.averageScore)) session.averageScore = raw.averageScore;
  return { ok: true, value: session };
}

export const serialiseSession = (s: DesignSession): string => `${JSON.stringify(s, null, 2)}\n`;

/** What the user can ask of a session (the webview's requests and the keyboard commands). */
export type SessionAction =
  | { type: 'timer'; action: 'start' | 'pause' | 'resume' | 'toggle' | 'next' | 'previous' }
  | { type: 'goto'; section: number }
  | { type: 'setDuration'; minutes: timer.SessionLength; planMs: number[] }
  | { type: 'notes'; section: DesignSectionKey; text: string }
  | { type: 'tick'; section: DesignSectionKey; question: number; checked: boolean }
  /** Ask the interviewer the question of fact `fact` (only while working; once per fact). */
  | { type: 'ask'; fact: number }
  | { type: 'finish' }
  | { type: 'backToBoard' }
  | { type: 'score'; section: DesignSectionKey; score: Score }
  | { type: 'complete' };

/** Limits that depend on the prompt (how many questions per section, how many facts). */
export interface PromptShape {
  questions: Record<DesignSectionKey, number>;
  facts: number;
}

const touchSection = (s: DesignSession, key: DesignSectionKey, patch: Partial<SectionWork>, now: number): DesignSession => ({
  ...s,
  sections: { ...s.sections, [key]: { ...s.sections[key], ...patch, updatedAt: now } },
});

const withTimer = (s: DesignSession, t: TimerState, now: number): DesignSession => (t === s.timer ? s : { ...s, timer: t, timerUpdatedAt: now });

export function averageScore(s: DesignSession): number | undefined {
  const scores = DESIGN_SECTION_KEYS.map((k) => s.sections[k].score).filter(isScore);
  if (scores.length !== DESIGN_SECTION_KEYS.length) return undefined;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
}

/** Applies one request; returns the same object when nothing changes (so the caller writes nothing). */
export function applyAction(s: DesignSession, a: SessionAction, shape: PromptShape, now: number): DesignSession {
  const working = s.phase === 'working';
  switch (a.type) {
    case 'timer': {
      if (!working) return s;
      const f = { start: timer.start, pause: timer.pause, resume: timer.resume, toggle: timer.toggle, next: timer.next, previous: timer.previous }[a.action];
      return withTimer(s, f(s.timer, now), now);
    }
    case 'goto':
      return working ? withTimer(s, timer.goTo(s.timer, a.section, now), now) : s;
    case 'setDuration': {
      if (!working || s.timer.status !== 'idle' || a.minutes === s.durationMinutes) return s;
      const t = timer.replan(s.timer, a.planMs);
      return t === s.timer ? s : { ...withTimer(s, t, now), durationMinutes: a.minutes };
    }
    case 'notes':
      if (s.sections[a.section].notes === a.text) return s;
      return touchSection(s, a.section, { notes: a.text }, now);
    case 'tick': {
      if (!Number.isInteger(a.question) || a.question < 0 || a.question >= shape.questions[a.section]) return s;
      const cur = s.sections[a.section].ticked;
      if (cur.includes(a.question) === a.checked) return s;
      const ticked = a.checked ? [...cur, a.question].sort((x, y) => x - y) : cur.filter((q) => q !== a.question);
      return touchSection(s, a.section, { ticked }, now);
    }
    case 'ask': {
      if (!working || !Number.isInteger(a.fact) || a.fact < 0 || a.fact >= shape.facts || s.revealed.includes(a.fact)) return s;
      const asked: AskedQuestion = { fact: a.fact, at: now, section: s.timer.current, elapsedMs: timer.read(s.timer, now).totalElapsedMs };
      return { ...s, revealed: [...s.revealed, a.fact].sort((x, y) => x - y), asked: orderAsked([...s.asked, asked]) };
    }
    case 'finish':
      if (!working) return s;
      return { ...withTimer(s, timer.finish(s.timer, now), now), phase: 'assessing' };
    case 'backToBoard':
      if (s.phase !== 'assessing') return s;
      return { ...withTimer(s, timer.reopen(s.timer), now), phase: 'working' };
    case 'score':
      if (s.phase !== 'assessing' || s.sections[a.section].score === a.score) return s;
      return touchSection(s, a.section, { score: a.score }, now);
    case 'complete': {
      const avg = averageScore(s);
      if (s.phase !== 'assessing' || avg === undefined) return s;
      return { ...s, phase: 'done', completedAt: now, averageScore: avg };
    }
  }
}

/**
 * Applies clock housekeeping due at `now`: auto-advance (when enabled) and the sections whose
 * end must be announced. Returns the new session and the announced section indices.
 */
export function settleClock(s: DesignSession, now: number, opts: { autoAdvance: boolean }): { session: DesignSession; ended: number[] } {
  if (s.phase !== 'working') return { session: s, ended: [] };
  const advanced = opts.autoAdvance ? timer.autoAdvance(s.timer, now) : s.timer;
  const { state, ended } = timer.takeAnnouncements(advanced, now);
  return { session: withTimer(s, state, now), ended };
}
