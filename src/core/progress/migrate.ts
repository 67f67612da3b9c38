// Reading a stored progress value that may be old, hand-edited, synced from a newer MLPrep or corrupt.
// Nothing is ever dropped silently: whatever cannot be used is returned as `rejected` for a backup.
import { HISTORY_LIMIT, PROGRESS_VERSION, emptyProgress, type ActivityEvent, type Progress, type ProblemProgress } from './progress';

export type LoadOutcome =
  | { kind: 'empty'; progress: Progress }
  | { kind: 'ok'; progress: Progress; migratedFrom?: number; rejected?: Record<string, unknown>; warnings: string[] }
  /** Whole value unusable: start empty, back up `raw`. */
  | { kind: 'corrupt'; progress: Progress; raw: unknown; reason: string }
  /** Written by a newer MLPrep: use what we understand, but never write over it. */
  | { kind: 'newer'; progress: Progress; version: number; raw: unknown };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/** Validates one problem entry; returns undefined when it is unusable. */
export function parseEntry(v: unknown): ProblemProgress | undefined {
  if (!isObj(v)) return undefined;
  const attempts = count(v.attempts);
  if (attempts === undefined) return undefined;
  const out: ProblemProgress = { attempts };
  const copyNum = (k: 'startedAt' | 'solvedAt' | 'solveMs' | 'bestScore') => {
    const n = num(v[k]);
    if (n !== undefined) out[k] = n;
  };
  copyNum('startedAt');
  copyNum('solvedAt');
  copyNum('solveMs');
  copyNum('bestScore');
  const ats = count(v.attemptsToSolve);
  if (ats !== undefined) out.attemptsToSolve = ats;
  const sessions = count(v.sessions);
  if (sessions !== undefined) out.sessions = sessions;
  const errors = count(v.errors);
  if (errors !== undefined) out.errors = errors;
  const hints = count(v.hints);
  if (hints !== undefined) out.hints = hints;
  if (v.gaveUp === true) out.gaveUp = true;
  if (isObj(v.parts)) {
    const parts: Record<string, number> = {};
    for (const [k, at] of Object.entries(v.parts)) if (/^[2-9]$|^[1-9][0-9]+$/.test(k) && num(at) !== undefined) parts[k] = at as number;
    if (Object.keys(parts).length) out.parts = parts;
  }
  if (isObj(v.lastRun)) {
    const passed = count(v.lastRun.passed);
    const total = count(v.lastRun.total);
    const at = num(v.lastRun.at);
    if (passed !== undefined && total !== undefined && at !== undefined && passed <= total) out.lastRun = { passed, total, at };
  }
  return out;
}

/**
 * Version 0 (MLPrep 0.0.x previews) stored `{ solved: { [id]: isoDate }, attempts: { [id]: n } }`.
 * Kept so that a record of that shape is migrated instead of lost.
 */
function fromV0(raw: Record<string, unknown>): Record<string, unknown> {
  const problems: Record<string, unknown> = {};
  const attempts = isObj(raw.attempts) ? raw.attempts : {};
  for (const [id, n] of Object.entries(attempts)) problems[id] = { attempts: n };
  if (isObj(raw.solved)) {
    for (const [id, when] of Object.entries(raw.solved)) {
      const t = typeof when === 'string' ? Date.parse(when) : num(when);
      const prev = isObj(problems[id]) ? (problems[id] as Record<string, unknown>) : { attempts: 1 };
      problems[id] = { ...prev, attempts: Math.max(1, count(prev.attempts) ?? 1), solvedAt: Number.isFinite(t) ? t : undefined };
    }
  }
  return { version: 1, problems };
}

const EVENT_KINDS = new Set(['start', 'run', 'solve', 'design', 'mock', 'part']);
const numberRecord = (v: unknown): Record<string, number> | undefined => {
  if (!isObj(v)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) if (num(n) !== undefined) out[k] = n as number;
  return out;
};

/** Validates one history event; undefined when unusable (dropped: the per-problem fields remain). */
export function parseEvent(v: unknown): ActivityEvent | undefined {
  if (!isObj(v) || num(v.at) === undefined || typeof v.id !== 'string' || typeof v.kind !== 'string' || !EVENT_KINDS.has(v.kind)) return undefined;
  const e: ActivityEvent = { at: v.at as number, id: v.id, kind: v.kind as ActivityEvent['kind'] };
  if (count(v.passed) !== undefined) e.passed = v.passed as number;
  if (count(v.part) !== undefined) e.part = v.part as number;
  if (count(v.total) !== undefined) e.total = v.total as number;
  if (num(v.score) !== undefined) e.score = v.score as number;
  const sections = numberRecord(v.sections);
  if (sections) e.sections = sections;
  const minutes = numberRecord(v.minutes);
  if (minutes) e.minutes = minutes;
  return e;
}

export function loadProgress(raw: unknown): LoadOutcome {
  if (raw === undefined || raw === null) return { kind: 'empty', progress: emptyProgress() };
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (e) {
      return { kind: 'corrupt', progress: emptyProgress(), raw, reason: `not valid JSON (${(e as Error).message})` };
    }
  }
  if (!isObj(value)) return { kind: 'corrupt', progress: emptyProgress(), raw, reason: 'not an object' };
  let migratedFrom: number | undefined;
  if (value.version === undefined && (isObj(value.solved) || isObj(value.attempts))) {
    value = fromV0(value);
    migratedFrom = 0;
  }
  const rec = value as Record<string, unknown>;
  const version = rec.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { kind: 'corrupt', progress: emptyProgress(), raw, reason: 'missing or invalid "version"' };
  }
  if (!isObj(rec.problems)) return { kind: 'corrupt', progress: emptyProgress(), raw, reason: '"problems" is not an object' };
  const problems: Record<string, ProblemProgress> = {};
  const rejected: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(rec.problems)) {
    const parsed = parseEntry(v);
    if (parsed) problems[id] = parsed;
    else rejected[id] = v;
  }
  const history = (Array.isArray(rec.history) ? rec.history : []).map(parseEvent).filter((e): e is ActivityEvent => !!e)
    .sort((a, b) => a.at - b.at).slice(-HISTORY_LIMIT);
  const progress: Progress = { version: PROGRESS_VERSION, problems, history };
  if (version > PROGRESS_VERSION) return { kind: 'newer', progress, version, raw };
  const n = Object.keys(rejected).length;
  return {
    kind: 'ok',
    progress,
    migratedFrom,
    rejected: n ? rejected : undefined,
    warnings: n ? [`${n} unreadable progress entr${n === 1 ? 'y' : 'ies'} (${Object.keys(rejected).slice(0, 5).join(', ')}) kept in a backup`] : [],
  };
}
