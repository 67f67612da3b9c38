// The last test result of each problem, kept across window reloads so the status bar can show it
// again before the next save. Pure: what is stored (in the workspace memento), how it is read back
// (defensively: the memento may hold anything), and what the status bar says about it.
import type { RunSummary } from '../progress/progress';
import type { OutcomeKind, OutcomeSummary } from './runOutcome';

/** One problem's last result as stored. `at` is epoch ms; `wallMs` the run's duration in ms. */
export interface SavedResult {
  kind: OutcomeKind;
  headline: string;
  detail: string;
  wallMs: number;
  at: number;
}

/**
 * Outcomes worth showing again after a reload: they describe the code. A missing interpreter or
 * module describes the environment, which may have changed; a cancel is not a result.
 */
const KEPT = new Set<OutcomeKind>(['passed', 'failed', 'error', 'timed-out']);

/** What to store for an outcome, or undefined when it is not kept (then the stored one is dropped). */
export function savedResult(summary: OutcomeSummary, wallMs: number, at: number): SavedResult | undefined {
  return KEPT.has(summary.kind) ? { kind: summary.kind, headline: summary.headline, detail: summary.detail, wallMs, at } : undefined;
}

/** The stored map (problem id -> result), keeping only well-formed entries of kept kinds. */
export function parseSavedResults(raw: unknown): Record<string, SavedResult> {
  const out: Record<string, SavedResult> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    const r = v as Partial<SavedResult> | undefined;
    if (r && typeof r === 'object' && KEPT.has(r.kind as OutcomeKind) && typeof r.headline === 'string' && typeof r.detail === 'string'
      && typeof r.wallMs === 'number' && r.wallMs >= 0 && typeof r.at === 'number' && Number.isFinite(r.at)) {
      out[id] = { kind: r.kind!, headline: r.headline, detail: r.detail, wallMs: r.wallMs, at: r.at };
    }
  }
  return out;
}

/** A result shown again after a reload; no duration when it comes from the progress store. */
export type RestoredResult = Omit<SavedResult, 'wallMs'> & { wallMs?: number };

/**
 * The result to show for a problem before its first run in this window: the stored one, else one
 * made from the progress store's last counted run (passed/failed with its counts, no duration).
 */
export function restoredResult(saved: SavedResult | undefined, lastRun: RunSummary | undefined, replacedAt?: number): RestoredResult | undefined {
  // `replacedAt` (epoch ms): the code was replaced then (Reset to Starter); older results describe code that is gone.
  const current = (at: number) => replacedAt === undefined || at > replacedAt;
  if (saved && current(saved.at)) return saved;
  if (!lastRun || lastRun.total <= 0 || !current(lastRun.at)) return undefined;
  const passed = lastRun.passed >= lastRun.total;
  return { kind: passed ? 'passed' : 'failed', headline: `${lastRun.passed}/${lastRun.total} passed`, detail: '', at: lastRun.at };
}

/** The stored map (problem id -> when its code was replaced, epoch ms), keeping only finite numbers. */
export function parseReplacedAt(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'number' && Number.isFinite(v)) out[id] = v;
  return out;
}
