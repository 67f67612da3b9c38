// Progress record: what the user has started, attempted and solved. Pure data + per-problem
// step functions. The stored truth is an event log (./events.ts): this shape is derived from it by
// folding the events with the steps below, and the adapter (src/adapters/progressStore.ts) keeps
// the log. The whole-record reducers (recordRun, ...) remain for building records in tests.

export const PROGRESS_VERSION = 1;

/**
 * new: no attempt yet (maybe started, maybe runs that stopped before the tests).
 * attempted: a coding problem with runs that reached the tests, not solved.
 * practised: a design prompt with completed sessions, none self-scored DESIGN_SOLVED_SCORE or more.
 */
export type ProblemState = 'new' | 'attempted' | 'practised' | 'solved';

/** A design prompt counts as solved from this average self-score (out of 4). */
export const DESIGN_SOLVED_SCORE = 3.0;

/** The counting rules, said where the counts are shown (tree tooltip, dashboard). */
export const ATTEMPTS_RULE = 'Attempts: runs you asked for that reached the tests; syntax/import errors are counted apart.';
/** When a solve time is measured, said next to solve times (tree tooltip, timer). */
export const TIMING_RULE = 'The solve time runs from the start to the first all-pass run. After a progress reset, code you had already written is not timed (it would count as solved in seconds): the time is measured again once you start from the starter code (Reset to Starter).';
export const DESIGN_RULE = `A design prompt counts as solved at an average self-score of ${DESIGN_SOLVED_SCORE.toFixed(1)}/4 or more; a completed session below that is "practised".`;

export interface RunSummary {
  passed: number;
  total: number;
  at: number;
}

export interface ProblemProgress {
  /** First time the problem was started (scaffolded or opened), epoch ms. */
  startedAt?: number;
  /** Runs the user asked for that reached the hidden tests. */
  attempts: number;
  /** Runs that never reached the tests (syntax/import error, missing module): counted apart. */
  errors?: number;
  /** Hints revealed. */
  hints?: number;
  lastRun?: RunSummary;
  /** First time all hidden tests passed (design: first session scored >= DESIGN_SOLVED_SCORE). Never moves once set (until a reset). */
  solvedAt?: number;
  /** Attempts up to and including the solving run. */
  attemptsToSolve?: number;
  /** Time from startedAt to solvedAt, ms. Absent when `untimed`. */
  solveMs?: number;
  /**
   * Started again after a progress reset removed earlier work on it, without fresh starter code:
   * the code may predate the reset, so a solve is not timed (TIMING_RULE).
   */
  untimed?: boolean;
  /** The user looked at the reference solution before solving. */
  gaveUp?: boolean;
  /** Best self-assessed design score (system-design prompts), 1-4 average. */
  bestScore?: number;
  /** Completed design sessions. */
  sessions?: number;
  /**
   * Follow-up parts passed (contract F): part number (2, 3, ...) -> first time all tests of
   * parts 1..k passed, epoch ms. Part 1 is `solvedAt`. Absent when none.
   */
  parts?: Record<string, number>;
}

/** One thing the user did, for streaks, the practice calendar and score trends. */
export interface ActivityEvent {
  at: number;
  id: string;
  kind: 'start' | 'run' | 'solve' | 'design' | 'mock' | 'part';
  /** part: the follow-up part passed (2, 3, ...). */
  part?: number;
  passed?: number;
  total?: number;
  /** design: average self-assessment 1-4, and per section. */
  score?: number;
  sections?: Record<string, number>;
  /** design: minutes spent per section. */
  minutes?: Record<string, number>;
}

/** Newest events kept; older ones are summarised by the per-problem fields. */
export const HISTORY_LIMIT = 3000;

export interface Progress {
  version: typeof PROGRESS_VERSION;
  problems: Record<string, ProblemProgress>;
  /** Oldest first, at most HISTORY_LIMIT entries. Absent in records written before it existed. */
  history?: ActivityEvent[];
  /**
   * Theory-card reviews by card id, oldest first (src/core/theory/schedule.ts replays them through
   * FSRS). Absent when there are none. Removed by a reset of the card (or of everything).
   */
  reviews?: Record<string, CardReview[]>;
}

/** One review of a theory card: a rating (1 Again, 2 Hard, 3 Good, 4 Easy), the key points ticked (indexes), seconds used. */
export interface CardReview {
  at: number;
  rating: 1 | 2 | 3 | 4;
  points: number[];
  secs: number;
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, problems: {}, history: [] });

function withEvent(progress: Progress, event: ActivityEvent): Progress {
  const history = [...(progress.history ?? []), event];
  return { ...progress, history: history.length > HISTORY_LIMIT ? history.slice(history.length - HISTORY_LIMIT) : history };
}

export function problemState(p: ProblemProgress | undefined): ProblemState {
  if (!p) return 'new';
  if (p.solvedAt !== undefined) return 'solved';
  if (p.sessions) return 'practised';
  // Runs that stopped before the tests are not attempts (ATTEMPTS_RULE): they leave it new.
  return p.attempts > 0 ? 'attempted' : 'new';
}

// ---- Per-problem steps (pure; `undefined` = no entry yet). The event fold uses these. ----

/** A start (scaffold/open): keeps the first start time. `changed` is false when already started. */
export function startStep(e: ProblemProgress | undefined, now: number): { entry: ProblemProgress; changed: boolean } {
  const cur = e ?? { attempts: 0 };
  if (cur.startedAt !== undefined) return { entry: cur, changed: false };
  return { entry: { ...cur, startedAt: now }, changed: true };
}

/**
 * A run. `countsAsAttempt` false (never reached the tests) only counts `errors`; otherwise an
 * attempt, and the first all-pass run with at least one test solves.
 */
export function runStep(e: ProblemProgress | undefined, run: RunOutcome, now: number): { entry: ProblemProgress; solvedNow: boolean } {
  const cur = e ?? { attempts: 0 };
  if (run.countsAsAttempt === false) return { entry: { ...cur, errors: (cur.errors ?? 0) + 1, startedAt: cur.startedAt ?? now }, solvedNow: false };
  const attempts = cur.attempts + 1;
  // A first run counts as the start when the problem was never started through MLPrep.
  const next: ProblemProgress = { ...cur, attempts, startedAt: cur.startedAt ?? now, lastRun: { passed: run.passed, total: run.total, at: now } };
  const solvedNow = run.total > 0 && run.passed === run.total && cur.solvedAt === undefined;
  if (solvedNow) {
    next.solvedAt = now;
    next.attemptsToSolve = attempts;
    if (!next.untimed) next.solveMs = Math.max(0, now - (next.startedAt ?? now));
  }
  return { entry: next, solvedNow };
}

/** A completed design session: practised; solved the first time the average reaches DESIGN_SOLVED_SCORE. */
export function designStep(e: ProblemProgress | undefined, score: number, now: number): ProblemProgress {
  const cur = e ?? { attempts: 0 };
  const sessions = (cur.sessions ?? 0) + 1;
  const startedAt = cur.startedAt ?? now;
  const next: ProblemProgress = { ...cur, sessions, bestScore: cur.bestScore === undefined ? score : Math.max(cur.bestScore, score), startedAt };
  if (next.solvedAt === undefined && score >= DESIGN_SOLVED_SCORE) {
    next.solvedAt = now;
    next.attemptsToSolve = sessions;
    next.solveMs = Math.max(0, now - startedAt);
  }
  return next;
}

/**
 * A design entry from an older record counted any completed session as solved; the rule now is
 * DESIGN_SOLVED_SCORE. The stored record keeps its fields; only the derived view applies the rule.
 */
export function applyDesignRule(e: ProblemProgress): ProblemProgress {
  if (!e.sessions || e.solvedAt === undefined || (e.bestScore ?? 0) >= DESIGN_SOLVED_SCORE) return e;
  const { solvedAt: _s, attemptsToSolve: _a, solveMs: _m, ...rest } = e;
  return rest;
}

const entry = (progress: Progress, id: string): ProblemProgress => progress.problems[id] ?? { attempts: 0 };
const withEntry = (progress: Progress, id: string, next: ProblemProgress): Progress => ({
  ...progress,
  problems: { ...progress.problems, [id]: next },
});

/** The user started (scaffolded/opened) a problem. Keeps the first start time. */
export function recordStart(progress: Progress, id: string, now: number): Progress {
  const e = entry(progress, id);
  if (e.startedAt !== undefined) return progress;
  return withEvent(withEntry(progress, id, { ...e, startedAt: now }), { at: now, id, kind: 'start' });
}

export interface RunOutcome {
  passed: number;
  total: number;
  /** False for a run that never reached the tests (syntax/import error, missing module). Default true. */
  countsAsAttempt?: boolean;
}

/**
 * A completed run of the hidden tests. Returns the new progress and whether this run solved the
 * problem for the first time (for the one-off notification).
 */
export function recordRun(progress: Progress, id: string, run: RunOutcome, now: number): { progress: Progress; newlySolved: boolean } {
  const { entry: next, solvedNow } = runStep(progress.problems[id], run, now);
  if (run.countsAsAttempt === false) return { progress: withEntry(progress, id, next), newlySolved: false };
  let out = withEvent(withEntry(progress, id, next), { at: now, id, kind: 'run', passed: run.passed, total: run.total });
  if (solvedNow) out = withEvent(out, { at: now, id, kind: 'solve' });
  return { progress: out, newlySolved: solvedNow };
}

/** A finished mock interview (id: "mock:<level>"), with the design score when assessed. */
export function recordMock(progress: Progress, level: string, now: number, result: { passed?: number; total?: number; score?: number }): Progress {
  return withEvent(progress, {
    at: now, id: `mock:${level}`, kind: 'mock',
    ...(result.passed !== undefined ? { passed: result.passed } : {}),
    ...(result.total !== undefined ? { total: result.total } : {}),
    ...(result.score !== undefined ? { score: result.score } : {}),
  });
}

/** A hint was revealed. */
export function recordHint(progress: Progress, id: string): Progress {
  const e = entry(progress, id);
  return withEntry(progress, id, { ...e, hints: (e.hints ?? 0) + 1 });
}

export function recordGiveUp(progress: Progress, id: string): Progress {
  const e = entry(progress, id);
  return e.gaveUp ? progress : withEntry(progress, id, { ...e, gaveUp: true });
}

/**
 * A finished design session with its average self-assessment score (1-4), and optionally the
 * per-section scores and minutes (for the trends of the progress dashboard).
 */
export function recordDesignSession(
  progress: Progress, id: string, score: number, now: number,
  detail?: { sections?: Record<string, number>; minutes?: Record<string, number> },
): Progress {
  const withHistory = withEvent(progress, { at: now, id, kind: 'design', score, ...(detail?.sections ? { sections: detail.sections } : {}), ...(detail?.minutes ? { minutes: detail.minutes } : {}) });
  return withEntry(withHistory, id, designStep(progress.problems[id], score, now));
}

/** Forgets one problem's state; its past activity stays in the history (the calendar keeps the day). */
export function resetProblem(progress: Progress, id: string): Progress {
  if (!(id in progress.problems)) return progress;
  const problems = { ...progress.problems };
  delete problems[id];
  return { ...progress, problems };
}

const eventKey = (e: ActivityEvent) => `${e.at}|${e.id}|${e.kind}`;

export function mergeHistory(a: ActivityEvent[] = [], b: ActivityEvent[] = [], limit = HISTORY_LIMIT): ActivityEvent[] {
  const seen = new Map<string, ActivityEvent>();
  for (const e of [...a, ...b]) if (!seen.has(eventKey(e))) seen.set(eventKey(e), e);
  const all = [...seen.values()].sort((x, y) => x.at - y.at);
  return all.length > limit ? all.slice(all.length - limit) : all;
}

const minDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const maxDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

/** Merges two entries of one problem (earliest solve wins, counts take the larger: the same record imported twice does not double). */
export function mergeEntry(pa: ProblemProgress | undefined, pb: ProblemProgress): ProblemProgress {
  if (!pa) return pb;
  const solvedFrom = pa.solvedAt === undefined ? pb : pb.solvedAt === undefined ? pa : pa.solvedAt <= pb.solvedAt ? pa : pb;
  const lastRun = !pa.lastRun ? pb.lastRun : !pb.lastRun ? pa.lastRun : pa.lastRun.at >= pb.lastRun.at ? pa.lastRun : pb.lastRun;
  const merged: ProblemProgress = {
    attempts: Math.max(pa.attempts, pb.attempts),
    errors: maxDefined(pa.errors, pb.errors),
    hints: maxDefined(pa.hints, pb.hints),
    startedAt: minDefined(pa.startedAt, pb.startedAt),
    lastRun,
    solvedAt: solvedFrom.solvedAt,
    attemptsToSolve: solvedFrom.attemptsToSolve,
    solveMs: solvedFrom.solveMs,
    gaveUp: pa.gaveUp || pb.gaveUp || undefined,
    bestScore: maxDefined(pa.bestScore, pb.bestScore),
    sessions: maxDefined(pa.sessions, pb.sessions),
    parts: mergeParts(pa.parts, pb.parts),
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as unknown as ProblemProgress;
}

/** Union of passed parts, each at its earliest time. */
function mergeParts(a: Record<string, number> | undefined, b: Record<string, number> | undefined): Record<string, number> | undefined {
  if (!a || !b) return a ?? b;
  const out = { ...a };
  for (const [k, at] of Object.entries(b)) out[k] = out[k] === undefined ? at : Math.min(out[k], at);
  return out;
}

/** A follow-up part passed (first time kept). Part numbers below 2 are ignored (part 1 is solvedAt). */
export function partStep(e: ProblemProgress | undefined, part: number, now: number): { entry: ProblemProgress; changed: boolean } {
  const cur = e ?? { attempts: 0 };
  if (!Number.isInteger(part) || part < 2 || cur.parts?.[String(part)] !== undefined) return { entry: cur, changed: false };
  return { entry: { ...cur, parts: { ...(cur.parts ?? {}), [String(part)]: now } }, changed: true };
}

/**
 * How many parts of a problem are passed in a row from part 1: 0 when part 1 is not solved, else
 * 1 + the follow-ups 2, 3, ... passed without a gap. `partCount` caps it (a pack may have lost a part).
 */
export function partsReached(e: ProblemProgress | undefined, partCount: number): number {
  if (!e || e.solvedAt === undefined || e.sessions) return 0;
  let k = 1;
  while (k < partCount && e.parts?.[String(k + 1)] !== undefined) k++;
  return Math.min(k, partCount);
}

/**
 * The parts unlocked (1..k): part 1 always; part k+1 once parts 1..k passed. So a save runs the
 * hidden tests of parts 1..unlockedParts.
 */
export function unlockedParts(e: ProblemProgress | undefined, partCount: number): number {
  return Math.min(partCount, partsReached(e, partCount) + 1);
}

/** Follow-up parts passed across all problems (the dashboard's "follow-ups solved"). */
export function followUpsSolved(progress: Progress): number {
  let n = 0;
  for (const e of Object.values(progress.problems)) n += Object.keys(e.parts ?? {}).length;
  return n;
}

/**
 * Merges two records of the same user (an import in "merge" mode): nothing achieved in either is
 * lost. Windows and machines no longer merge records: they merge event logs (./events.ts).
 */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const problems: Record<string, ProblemProgress> = { ...a.problems };
  for (const [id, pb] of Object.entries(b.problems)) problems[id] = mergeEntry(problems[id], pb);
  return { version: PROGRESS_VERSION, problems, history: mergeHistory(a.history, b.history) };
}
