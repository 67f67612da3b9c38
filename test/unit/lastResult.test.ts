// The last test result kept across window reloads (src/core/runner/lastResult.ts).
import { describe, expect, it } from 'vitest';
import { parseReplacedAt, parseSavedResults, restoredResult, savedResult } from '../../src/core/runner/lastResult';
import type { OutcomeSummary } from '../../src/core/runner/runOutcome';

const summary = (kind: OutcomeSummary['kind'], headline: string): OutcomeSummary => ({ kind, headline, detail: '', passed: 0, total: 7, countsAsAttempt: true });

describe('last result across reloads', () => {
  it('keeps results about the code; not a cancel, a missing interpreter or module', () => {
    expect(savedResult(summary('failed', '0/7 passed'), 812, 1000)).toEqual({ kind: 'failed', headline: '0/7 passed', detail: '', wallMs: 812, at: 1000 });
    expect(savedResult(summary('error', 'syntax error'), 10, 1000)?.kind).toBe('error');
    for (const k of ['cancelled', 'no-interpreter', 'missing-module'] as const) expect(savedResult(summary(k, 'x'), 10, 1000)).toBeUndefined();
  });

  it('reads back only well-formed entries', () => {
    const good = { kind: 'passed', headline: '7/7 passed', detail: '', wallMs: 300, at: 5 };
    expect(parseSavedResults({ a: good, b: { ...good, kind: 'cancelled' }, c: { ...good, wallMs: -1 }, d: 'x', e: { ...good, at: 'now' } })).toEqual({ a: good });
    expect(parseSavedResults(undefined)).toEqual({});
    expect(parseSavedResults([1, 2])).toEqual({});
  });

  it('the stored result first, else the progress store’s last counted run (no duration)', () => {
    const saved = { kind: 'error' as const, headline: 'syntax error', detail: 'line 2', wallMs: 40, at: 9 };
    expect(restoredResult(saved, { passed: 7, total: 7, at: 1 })).toBe(saved);
    expect(restoredResult(undefined, { passed: 7, total: 7, at: 1 })).toEqual({ kind: 'passed', headline: '7/7 passed', detail: '', at: 1 });
    expect(restoredResult(undefined, { passed: 3, total: 7, at: 1 })).toEqual({ kind: 'failed', headline: '3/7 passed', detail: '', at: 1 });
    expect(restoredResult(undefined, { passed: 0, total: 0, at: 1 })).toBeUndefined();
    expect(restoredResult(undefined, undefined)).toBeUndefined();
  });

  it('shows nothing older than the moment the code was replaced (Reset to Starter), from either source', () => {
    const saved = { kind: 'failed' as const, headline: '3/7 passed', detail: '', wallMs: 40, at: 9 };
    const lastRun = { passed: 3, total: 7, at: 9 };
    expect(restoredResult(saved, lastRun, 10)).toBeUndefined();
    expect(restoredResult(undefined, lastRun, 10)).toBeUndefined();
    // A run after the reset is the new code's: shown.
    expect(restoredResult({ ...saved, at: 11 }, lastRun, 10)).toEqual({ ...saved, at: 11 });
    expect(restoredResult(undefined, { ...lastRun, at: 11 }, 10)?.headline).toBe('3/7 passed');
    expect(parseReplacedAt({ a: 10, b: 'x', c: Infinity })).toEqual({ a: 10 });
    expect(parseReplacedAt(null)).toEqual({});
  });
});
