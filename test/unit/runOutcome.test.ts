// One outcome per run, derived from the report or from why there is none.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/runner/report';
import { deriveOutcome, liveHeadline, partsDetail, partsHeadline } from '../../src/core/runner/runOutcome';

function report(status: Report['status'], passed: number, failed: number, error?: Report['error']): Report {
  const tests = [
    ...Array.from({ length: passed }, (_, i) => ({ name: `test_p${i}`, status: 'passed' as const, message: '', durationMs: 1 })),
    ...Array.from({ length: failed }, (_, i) => ({ name: `test_f${i}`, status: 'failed' as const, message: 'no', durationMs: 1 })),
  ];
  return {
    version: 1, suite: 'hidden', status, durationMs: 5, tests, stdout: '', stderr: '',
    summary: { passed, failed, errors: 0, timeouts: 0, skipped: 0, total: passed + failed },
    python: { executable: '/usr/bin/python3', version: '3.11.2', numpy: '1.24', pandas: null },
    ...(error ? { error } : {}),
  };
}

describe('deriveOutcome', () => {
  it('passed / failed runs count as attempts when the user asked for them', () => {
    expect(deriveOutcome({ kind: 'report', report: report('ok', 3, 0) }, 'save')).toMatchObject({ kind: 'passed', headline: '3/3 passed', passed: 3, total: 3, countsAsAttempt: true });
    expect(deriveOutcome({ kind: 'report', report: report('ok', 1, 2) }, 'command')).toMatchObject({ kind: 'failed', headline: '1/3 passed', countsAsAttempt: true });
  });

  it('an autosave run is reported but is not an attempt', () => {
    expect(deriveOutcome({ kind: 'report', report: report('ok', 3, 0) }, 'autosave')).toMatchObject({ kind: 'passed', countsAsAttempt: false });
  });

  it('syntax and import errors and missing modules never reached the tests: not attempts', () => {
    const syntax = deriveOutcome({ kind: 'report', report: report('import-error', 0, 0, { kind: 'syntax-error', message: 'invalid syntax\nmore' }) }, 'save');
    expect(syntax).toMatchObject({ kind: 'error', headline: 'syntax error', detail: 'invalid syntax', countsAsAttempt: false });
    const missing = deriveOutcome({ kind: 'report', report: report('missing-dependency', 0, 0, { kind: 'missing-dependency', message: 'No module named pandas', modules: ['pandas'] }) }, 'save');
    expect(missing).toMatchObject({ kind: 'missing-module', headline: 'missing pandas', countsAsAttempt: false });
  });

  it('timeouts and crashes reached the tests: attempts', () => {
    expect(deriveOutcome({ kind: 'report', report: report('timeout', 1, 0, { kind: 'timeout', message: 'too slow' }) }, 'save')).toMatchObject({ kind: 'timed-out', countsAsAttempt: true });
    expect(deriveOutcome({ kind: 'report', report: report('crashed', 0, 0, { kind: 'crashed', message: 'SIGSEGV' }) }, 'save')).toMatchObject({ kind: 'error', countsAsAttempt: true });
  });

  it('no interpreter, cancel and a stopped worker each end with a clear outcome', () => {
    expect(deriveOutcome({ kind: 'no-interpreter', tried: ['python3', 'python'], detail: 'ENOENT' }, 'save')).toMatchObject({ kind: 'no-interpreter', headline: 'no Python found', countsAsAttempt: false });
    expect(deriveOutcome({ kind: 'no-interpreter', tried: ['python3'], detail: 'ENOENT' }, 'save').detail).toContain('python3');
    expect(deriveOutcome({ kind: 'cancelled', why: 'superseded' }, 'save')).toMatchObject({ kind: 'cancelled', countsAsAttempt: false });
    const stopped = deriveOutcome({ kind: 'worker-deadline', deadlineMs: 15_000, testsSeen: 0 }, 'save');
    expect(stopped).toMatchObject({ kind: 'timed-out', headline: 'Python stopped answering', countsAsAttempt: false });
    expect(stopped.detail).toContain('15.0 s');
    expect(deriveOutcome({ kind: 'worker-deadline', deadlineMs: 15_000, testsSeen: 2 }, 'save').countsAsAttempt).toBe(true);
  });

  it('live headline counts finished tests', () => {
    expect(liveHeadline(0, undefined, 0)).toBe('running…');
    expect(liveHeadline(3, 10, 0)).toBe('running 3 of 10 …');
    expect(liveHeadline(3, 10, 1)).toBe('running 3 of 10 · 1 failed so far …');
    // Never the final wording: "3/10 passed" means something else.
    expect(liveHeadline(3, 10, 1)).not.toMatch(/\d+\/\d+|passed/);
  });
});

describe('parts in the headline (follow-ups)', () => {
  const p = (part: number, passed: number, total: number) => ({ part, passed, total, failed: total - passed, errors: 0, timeouts: 0, skipped: 0 });

  it('names the broken earlier part and the part being worked on', () => {
    expect(partsHeadline([p(1, 10, 12), p(2, 3, 6)])).toBe('part 1 broken 10/12 · part 2 3/6 · 13/18 passed');
    expect(partsHeadline([p(1, 12, 12), p(2, 3, 6)])).toBe('part 1 ✓ · part 2 3/6 · 15/18 passed');
    expect(partsHeadline([p(1, 12, 12), p(2, 6, 6), p(3, 1, 4)])).toBe('part 1 ✓ · part 2 ✓ · part 3 1/4 · 19/22 passed');
    expect(partsHeadline([p(1, 12, 12), p(2, 6, 6)])).toBe('all 2 parts ✓ · 18/18 passed');
    expect(partsHeadline([p(1, 3, 12)])).toBeUndefined();
    expect(partsHeadline(undefined)).toBeUndefined();
  });

  it('the ok report of a follow-up run carries the parts in its headline', () => {
    const r = { ...report('ok', 13, 5), partSummaries: [p(1, 10, 12), p(2, 3, 6)] };
    expect(deriveOutcome({ kind: 'report', report: r }, 'save')).toMatchObject({ kind: 'failed', headline: 'part 1 broken 10/12 · part 2 3/6 · 13/18 passed' });
  });

  it('tooltip lines say which part broke, with titles', () => {
    expect(partsDetail([p(1, 10, 12), p(2, 6, 6)], ['Stable softmax', 'Log-softmax'])).toEqual([
      'Part 1 (Stable softmax) — broken: 10 of 12 passed (it passed before: a change for a later part broke it)',
      'Part 2 (Log-softmax): all 6 passed',
    ]);
    expect(partsDetail([p(1, 1, 12)])).toEqual([]);
  });
});
