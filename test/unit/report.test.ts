import { describe, expect, it } from 'vitest';
import { ReportParseError, allPassed, parseReport, parseReportJson, parseWorkerMessage, summarise, type Report } from '../../src/core/runner/report';

function goodReport(): Record<string, unknown> {
  return {
    version: 1,
    suite: 'hidden',
    status: 'ok',
    summary: { passed: 1, failed: 1, errors: 1, timeouts: 0, skipped: 0, total: 3 },
    durationMs: 42,
    tests: [
      { name: 'test_a', status: 'passed', message: '', durationMs: 0.4 },
      {
        name: 'test_b',
        status: 'failed',
        message: 'Not equal to tolerance rtol=1e-07\nMismatched elements: 1 / 3 (33.3%)',
        actual: 'array([2., 4., 7.])',
        expected: 'array([2., 4., 6.])',
        durationMs: 3,
      },
      { name: 'test_c', status: 'error', message: 'ZeroDivisionError: division by zero', durationMs: 1, location: { file: '/w/solution.py', line: 7, column: 12 } },
    ],
    stdout: 'hello\n',
    stderr: '',
    python: { executable: '/usr/bin/python3', version: '3.11.2', numpy: '1.24.2', pandas: null },
  };
}

const parseError = (value: unknown): string => {
  try {
    parseReport(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ReportParseError);
    return (e as Error).message;
  }
  throw new Error('parseReport accepted a malformed report');
};

describe('parseReport', () => {
  it('accepts a well-formed report and keeps every field', () => {
    const r = parseReport(goodReport());
    expect(r.status).toBe('ok');
    expect(r.tests[1]).toMatchObject({ status: 'failed', actual: 'array([2., 4., 7.])', expected: 'array([2., 4., 6.])' });
    expect(r.tests[2].location).toEqual({ file: '/w/solution.py', line: 7, column: 12 });
    expect(r.python.pandas).toBeNull();
    expect(summarise(r)).toBe('1/3 passed');
    expect(allPassed(r)).toBe(false);
  });

  it('accepts non-ok statuses with their error, including extra error fields', () => {
    const raw = {
      ...goodReport(),
      status: 'missing-dependency',
      summary: { passed: 0, failed: 0, errors: 0, timeouts: 0, skipped: 1, total: 1 },
      tests: [{ name: 'test_a', status: 'skipped', message: 'not run', durationMs: 0 }],
      error: { kind: 'missing-dependency', message: 'needs pandas', modules: ['pandas'], installCommand: 'python3 -m pip install pandas' },
    };
    const r = parseReport(raw);
    expect(r.error).toMatchObject({ modules: ['pandas'], installCommand: 'python3 -m pip install pandas' });
    expect(summarise(r)).toBe('missing pandas');
  });

  it('parses JSON text and explains non-JSON output', () => {
    expect(parseReportJson(JSON.stringify(goodReport())).summary.total).toBe(3);
    expect(() => parseReportJson('Traceback (most recent call last):')).toThrow(/report is not JSON.*Traceback/);
  });

  it.each([
    ['not an object', [], 'report: must be an object (got an array)'],
    ['a future version', { ...goodReport(), version: 2 }, 'report.version: unsupported report version (this MLPrep reads version 1) (got 2)'],
    ['an unknown status', { ...goodReport(), status: 'great' }, 'report.status: must be one of ok, import-error, timeout, crashed, cancelled, missing-dependency, harness-error (got "great")'],
    ['an unknown suite', { ...goodReport(), suite: 'all' }, 'report.suite: must be one of hidden, examples'],
    ['a missing python block', { ...goodReport(), python: undefined }, 'report.python: must be an object (got nothing)'],
    ['tests that are not a list', { ...goodReport(), tests: {} }, 'report.tests: must be an array (got an object)'],
  ])('rejects %s', (_what, value, message) => {
    expect(parseError(value)).toContain(message);
  });

  it('rejects a malformed test entry, naming its index', () => {
    const raw = goodReport();
    (raw.tests as Record<string, unknown>[])[1].status = 'PASSED';
    expect(parseError(raw)).toBe('report.tests[1].status: must be one of passed, failed, error, timeout, skipped (got "PASSED")');
    const raw2 = goodReport();
    (raw2.tests as Record<string, unknown>[])[2].location = { file: 'x.py', line: 0, column: 1 };
    expect(parseError(raw2)).toBe('report.tests[2].location.line: must be >= 1 (got 0)');
    const raw3 = goodReport();
    delete (raw3.tests as Record<string, unknown>[])[0].name;
    expect(parseError(raw3)).toBe('report.tests[0].name: must be a string (got nothing)');
  });

  it('rejects a summary that disagrees with the tests (a forged or corrupted report)', () => {
    const raw = goodReport();
    raw.summary = { passed: 3, failed: 0, errors: 0, timeouts: 0, skipped: 0, total: 3 };
    expect(parseError(raw)).toBe('report.summary.passed: does not match the tests (they give 1) (got 3)');
  });

  it('requires an error object when the run did not complete', () => {
    expect(parseError({ ...goodReport(), status: 'crashed' })).toBe('report.error: is required when status is "crashed" (got nothing)');
  });
});

describe('summarise', () => {
  const base = parseReport(goodReport());
  const withStatus = (status: Report['status'], error?: Report['error']): Report => ({ ...base, status, error });
  it.each([
    [withStatus('timeout', { kind: 'timeout', message: 't' }), 'timed out · 1/3 passed'],
    [withStatus('crashed', { kind: 'crashed', message: 'c' }), 'crashed · 1/3 passed'],
    [withStatus('cancelled', { kind: 'cancelled', message: 'c' }), 'cancelled'],
    [withStatus('import-error', { kind: 'syntax-error', message: 's' }), 'syntax error'],
    [withStatus('import-error', { kind: 'exception', message: 's' }), 'import error'],
    [withStatus('harness-error', { kind: 'harness', message: 'h' }), 'harness error'],
  ])('%#: %s', (report, text) => {
    expect(summarise(report)).toBe(text);
  });

  it('allPassed needs status ok, at least one test and no failures', () => {
    const passing = { ...base, summary: { passed: 2, failed: 0, errors: 0, timeouts: 0, skipped: 0, total: 2 } };
    expect(allPassed(passing)).toBe(true);
    expect(allPassed({ ...passing, status: 'timeout' })).toBe(false);
    expect(allPassed({ ...passing, summary: { ...passing.summary, passed: 0, total: 0 } })).toBe(false);
  });
});

describe('parseWorkerMessage', () => {
  it('accepts each message type', () => {
    expect(parseWorkerMessage({ type: 'ready', protocol: 1, pid: 12, python: goodReport().python, fork: true })).toMatchObject({ type: 'ready', pid: 12, fork: true });
    expect(parseWorkerMessage({ type: 'pong' })).toEqual({ type: 'pong' });
    expect(parseWorkerMessage({ type: 'error', message: 'bad request line' })).toEqual({ type: 'error', id: null, message: 'bad request line' });
    const m = parseWorkerMessage({ type: 'report', id: 'r1', report: goodReport() });
    expect(m.type === 'report' && m.report.summary.total).toBe(3);
  });

  it('rejects unknown types and bad embedded reports', () => {
    expect(() => parseWorkerMessage({ type: 'result' })).toThrow('message.type: must be one of ready, started, test, report, pong, error (got "result")');
    expect(() => parseWorkerMessage({ type: 'report', id: 7, report: goodReport() })).toThrow('message.id: must be a string or null (got 7)');
    expect(() => parseWorkerMessage({ type: 'report', id: 'x', report: { ...goodReport(), tests: [] } })).toThrow(/report\.summary\.passed: does not match/);
  });
});
