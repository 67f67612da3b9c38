// How a run ended, in one value every view renders (status bar, Test Explorer, diagnostics,
// output channel, tree via progress). Pure: derived from the harness report or from why there is
// none (no interpreter, a worker that stopped answering, a cancel).
import { formatMs, timedOutHeadline, truncationNote } from './presentReport';
import type { Report } from './report';
import type { RunReason } from './runScheduler';

export type OutcomeKind = 'passed' | 'failed' | 'error' | 'cancelled' | 'timed-out' | 'no-interpreter' | 'missing-module';

/** What the pipeline knows when a run ends. */
export type RunEnd =
  /** The harness answered (its report may itself say timeout, crash, import error…). */
  | { kind: 'report'; report: Report }
  /** Superseded by a newer run of the same problem, cancelled by the user, or the editor closing. */
  | { kind: 'cancelled'; why: 'superseded' | 'user' | 'shutdown' }
  /** No candidate interpreter could be started. */
  | { kind: 'no-interpreter'; tried: string[]; detail: string }
  /** The worker gave no report within the run's deadline (e.g. stopped with SIGSTOP); it was replaced. */
  | { kind: 'worker-deadline'; deadlineMs: number; testsSeen: number }
  /** The worker failed otherwise (exited mid-run, protocol error). */
  | { kind: 'worker-failed'; message: string };

export interface OutcomeSummary {
  kind: OutcomeKind;
  /** Short, for the status bar after the problem title: "5/7 passed", "syntax error", "no Python found". */
  headline: string;
  /** One or two sentences for tooltips, test messages and the output channel ('' when the headline says it all). */
  detail: string;
  /** Tests that passed and tests in the suite (0/0 when the suite never ran). */
  passed: number;
  total: number;
  /** Whether the progress store counts this run as an attempt (contract 2). */
  countsAsAttempt: boolean;
}

/** Report statuses whose run reached the tests. Syntax/import errors and missing modules did not. */
const REACHED_TESTS = new Set<Report['status']>(['ok', 'timeout', 'crashed']);

/**
 * One summary for a run's end. An attempt is a run the user asked for (not an autosave) that
 * reached the tests; a worker that stopped answering counts only if a test had already finished.
 */
export function deriveOutcome(end: RunEnd, reason: RunReason): OutcomeSummary {
  const asked = reason !== 'autosave';
  switch (end.kind) {
    case 'cancelled':
      return {
        kind: 'cancelled',
        headline: 'cancelled',
        detail: end.why === 'superseded' ? 'A newer run of this problem replaced this one.' : end.why === 'user' ? 'The run was cancelled.' : 'The run was stopped because MLPrep shut down.',
        passed: 0, total: 0, countsAsAttempt: false,
      };
    case 'no-interpreter':
      return {
        kind: 'no-interpreter',
        headline: 'no Python found',
        detail: `Could not start a Python interpreter (tried ${end.tried.join(', ') || 'none'}): ${end.detail}. Set mlprep.pythonPath or choose an interpreter.`,
        passed: 0, total: 0, countsAsAttempt: false,
      };
    case 'worker-deadline':
      return {
        kind: 'timed-out',
        headline: 'Python stopped answering',
        detail: `The Python worker gave no result within ${formatMs(end.deadlineMs)} (the time limit plus a margin); it was stopped and a fresh one starts on the next run. Does the solution stop or signal its own process?`,
        passed: 0, total: 0, countsAsAttempt: asked && end.testsSeen > 0,
      };
    case 'worker-failed':
      return { kind: 'error', headline: 'worker failed', detail: end.message, passed: 0, total: 0, countsAsAttempt: false };
    case 'report':
      return fromReport(end.report, asked);
  }
}

function fromReport(report: Report, asked: boolean): OutcomeSummary {
  const s = report.summary;
  const counts = `${s.passed}/${s.total} passed`;
  const base = { passed: report.status === 'ok' ? s.passed : 0, total: s.total, countsAsAttempt: asked && REACHED_TESTS.has(report.status) };
  const note = truncationNote(report);
  const firstLine = report.error?.message.split('\n').find((l) => l.trim()) ?? '';
  // Every view that shows the detail (status tooltip, Test Explorer, output) then says it too.
  const sentence = note && `${note[0].toUpperCase()}${note.slice(1)}.`;
  const message = !sentence ? firstLine : !firstLine ? sentence : `${firstLine}${/[.!?]$/.test(firstLine) ? '' : '.'} ${sentence}`;
  switch (report.status) {
    case 'ok':
      return { ...base, kind: s.total > 0 && s.passed === s.total ? 'passed' : 'failed', headline: partsHeadline(report.partSummaries) ?? counts, detail: message };
    case 'timeout':
      return { ...base, kind: 'timed-out', headline: timedOutHeadline(report), detail: message };
    case 'crashed':
      return { ...base, kind: 'error', headline: `crashed (${counts})`, detail: message };
    case 'cancelled':
      return { ...base, kind: 'cancelled', headline: 'cancelled', detail: '', countsAsAttempt: false };
    case 'import-error':
      return { ...base, kind: 'error', headline: report.error?.kind === 'syntax-error' ? 'syntax error' : 'error on import', detail: message };
    case 'missing-dependency': {
      const modules = report.error?.modules ?? [];
      return { ...base, kind: 'missing-module', headline: `missing ${modules.join(', ') || 'a module'}`, detail: message };
    }
    case 'harness-error':
      return { ...base, kind: 'error', headline: 'test harness error', detail: message };
  }
}

/**
 * Live progress while a suite runs: "running 3 of 10 · 2 failed so far" (or "running…" before
 * the first test finishes). Worded apart from the final "x/y passed": these counts are tests
 * finished, not tests passed.
 */
export function liveHeadline(done: number, total: number | undefined, failed: number): string {
  if (total === undefined || total === 0) return 'running…';
  return `running ${done} of ${total}${failed ? ` · ${failed} failed so far` : ''} …`;
}

/**
 * The headline of a run over several parts (contract F), naming each part:
 * "part 1 broken 10/12 · part 2 3/6 · 13/18 passed", "part 1 ✓ · part 2 3/6 · 9/18 passed",
 * "all 3 parts ✓ · 24/24 passed". A part before the last one run that fails is "broken" (it
 * passed before, or the later part would not be unlocked). Undefined for a run of part 1 alone.
 */
export function partsHeadline(parts: readonly { part: number; passed: number; total: number }[] | undefined): string | undefined {
  if (!parts || parts.length < 2) return undefined;
  const passed = parts.reduce((n, p) => n + p.passed, 0);
  const total = parts.reduce((n, p) => n + p.total, 0);
  const last = Math.max(...parts.map((p) => p.part));
  if (parts.every((p) => p.passed === p.total)) return `all ${parts.length} parts ✓ · ${passed}/${total} passed`;
  const each = parts.map((p) => p.passed === p.total ? `part ${p.part} ✓` : `part ${p.part}${p.part < last ? ' broken' : ''} ${p.passed}/${p.total}`);
  return `${each.join(' · ')} · ${passed}/${total} passed`;
}

/**
 * One line per part for tooltips: "Part 1 — broken: 10 of 12 passed (it passed before)".
 * Empty for a run of part 1 alone.
 */
export function partsDetail(parts: readonly { part: number; passed: number; total: number }[] | undefined, titles: readonly string[] = []): string[] {
  if (!parts || parts.length < 2) return [];
  const last = Math.max(...parts.map((p) => p.part));
  return parts.map((p) => {
    const name = `Part ${p.part}${titles[p.part - 1] ? ` (${titles[p.part - 1]})` : ''}`;
    if (p.passed === p.total) return `${name}: all ${p.total} passed`;
    return `${name}${p.part < last ? ' — broken' : ''}: ${p.passed} of ${p.total} passed${p.part < last ? ' (it passed before: a change for a later part broke it)' : ''}`;
  });
}
