// Progress record: what the user has started, attempted and solved. Pure data + reducers;
// the vscode adapter (src/adapters/progressStore.ts) persists it in globalState.

export const PROGRESS_VERSION = 1;

export type ProblemState = 'new' | 'attempted' | 'solved';

export interface RunSummary {
  passed: number;
  total: number;
  at: number;
}

export interface ProblemProgress {
  /** First time the problem was started (scaffolded or opened), epoch ms. */
  startedAt?: number;
  /** Number of hidden-test runs. */
  attempts: number;
  lastRun?: RunSummary;
  /** First time all hidden tests passed. Never moves once set (until a reset). */
  solvedAt?: number;
  /** Attempts up to and including the solving run. */
  attemptsToSolve?: number;
  /** Time from startedAt to solvedAt, ms. */
  solveMs?: number;
  /** The user looked at the reference solution before solving. */
  gaveUp?: boolean;
  /** Best self-assessed design score (system-design prompts), 1-4 average. */
  bestScore?: number;
  /** Completed design sessions. */
  sessions?: number;
}

/** One thing the user did, for streaks, the practice calendar and score trends. */
export interface ActivityEvent {
  at: number;
  id: string;
  kind: 'start' | 'run' | 'solve' | 'design' | 'mock';
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
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, problems: {}, history: [] });

function withEvent(progress: Progress, event: ActivityEvent): Progress {
  const history = [...(progress.history ?? []), event];
  return { ...progress, history: history.length > HISTORY_LIMIT ? history.slice(history.length - HISTORY_LIMIT) : history };
}

export function problemState(p: ProblemProgress | undefined): ProblemState {
  if (!p) return 'new';
  if (p.solvedAt !== undefined) return 'solved';
  return p.attempts > 0 || p.sessions ? 'attempted' : 'new';
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
}

/**
 * A completed run of the hidden tests. Returns the new progress and whether this run solved the
 * problem for the first time (for the one-off notification).
 */
export function recordRun(progress: Progress, id: string, run: RunOutcome, now: number): { progress: Progress; newlySolved: boolean } {
  const e = entry(progress, id);
  const attempts = e.attempts + 1;
  // A first run counts as the start when the problem was never started through MLPrep.
  const next: ProblemProgress = { ...e, attempts, startedAt: e.startedAt ?? now, lastRun: { passed: run.passed, total: run.total, at: now } };
  const solvedNow = run.total > 0 && run.passed === run.total && e.solvedAt === undefined;
  if (solvedNow) {
    next.solvedAt = now;
    next.attemptsToSolve = attempts;
    next.solveMs = Math.max(0, now - (next.startedAt ?? now));
  }
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
  const e = entry(progress, id);
  const best = e.bestScore === undefined ? score : Math.max(e.bestScore, score);
  const withHistory = withEvent(progress, { at: now, id, kind: 'design', score, ...(detail?.sections ? { sections: detail.sections } : {}), ...(detail?.minutes ? { minutes: detail.minutes } : {}) });
  return withEntry(withHistory, id, {
    ...e,
    sessions: (e.sessions ?? 0) + 1,
    bestScore: best,
    startedAt: e.startedAt ?? now,
    solvedAt: e.solvedAt ?? now,
  });
}

/** Forgets one problem's state; its past activity stays in the history (the calendar keeps the day). */
export function resetProblem(progress: Progress, id: string): Progress {
  if (!(id in progress.problems)) return progress;
  const problems = { ...progress.problems };
  delete problems[id];
  return { ...progress, problems };
}

const eventKey = (e: ActivityEvent) => `${e.at}|${e.id}|${e.kind}`;

function mergeHistory(a: ActivityEvent[] = [], b: ActivityEvent[] = []): ActivityEvent[] {
  const seen = new Map<string, ActivityEvent>();
  for (const e of [...a, ...b]) if (!seen.has(eventKey(e))) seen.set(eventKey(e), e);
  const all = [...seen.values()].sort((x, y) => x.at - y.at);
  return all.length > HISTORY_LIMIT ? all.slice(all.length - HISTORY_LIMIT) : all;
}

const minDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const maxDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

/**
 * Merges two records of the same user (two windows, or Settings Sync from another machine):
 * nothing achieved in either is lost.
 */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const problems: Record<string, ProblemProgress> = { ...a.problems };
  for (const [id, pb] of Object.entries(b.problems)) {
    const pa = problems[id];
    if (!pa) {
      problems[id] = pb;
      continue;
    }
    const solvedFrom = pa.solvedAt === undefined ? pb : pb.solvedAt === undefined ? pa : pa.solvedAt <= pb.solvedAt ? pa : pb;
    const lastRun = !pa.lastRun ? pb.lastRun : !pb.lastRun ? pa.lastRun : pa.lastRun.at >= pb.lastRun.at ? pa.lastRun : pb.lastRun;
    const merged: ProblemProgress = {
      attempts: Math.max(pa.attempts, pb.attempts),
      startedAt: minDefined(pa.startedAt, pb.startedAt),
      lastRun,
      solvedAt: solvedFrom.solvedAt,
      attemptsToSolve: solvedFrom.attemptsToSolve,
      solveMs: solvedFrom.solveMs,
      gaveUp: pa.gaveUp || pb.gaveUp || undefined,
      bestScore: maxDefined(pa.bestScore, pb.bestScore),
      sessions: maxDefined(pa.sessions, pb.sessions),
    };
    problems[id] = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as unknown as ProblemProgress;
  }
  return { version: PROGRESS_VERSION, problems, history: mergeHistory(a.history, b.history) };
}
