// How a numeric failure described by the harness (numdiff) reads in the output channel: the
// message's lines, then expected/actual with every row of a 2-d array view kept and aligned.
import { describe, expect, it } from 'vitest';
import { diffTitle, reportLines } from '../../src/core/runner/presentReport';
import type { Report } from '../../src/core/runner/report';

const report = (test: Report['tests'][number]): Report => ({
  version: 1, suite: 'hidden', status: 'ok', durationMs: 5, stdout: '', stderr: '',
  summary: { passed: 0, failed: 1, errors: 0, timeouts: 0, skipped: 0, total: 1 },
  tests: [test],
  python: { version: '3.11.7', executable: '/usr/bin/python3', numpy: '2.4.6' },
} as Report);

describe('output channel lines for numeric diffs', () => {
  it('shows a scalar as plain numbers under the message', () => {
    const lines = reportLines('ROC AUC', report({
      name: 'test_scalar', status: 'failed', durationMs: 3, actual: '0.6380671', expected: '0.6380683',
      message: 'AUC differs\nactual 0.6380671, expected 0.6380683: abs err 1.2e-06, rel err 1.9e-06; tolerance rtol=1e-07, atol=0',
    }), 10, new Date(0));
    expect(lines.slice(2)).toEqual([
      '      AUC differs',
      '      actual 0.6380671, expected 0.6380683: abs err 1.2e-06, rel err 1.9e-06; tolerance rtol=1e-07, atol=0',
      '      expected: 0.6380683',
      '      actual:   0.6380671',
    ]);
  });

  it('keeps every row of a 2-d array view, aligned, and says how many rows were left out', () => {
    const rows = (n: number, last: string) => Array.from({ length: n }, (_, i) => `${i ? ' ' : '['}[${i}.0, ${i === n - 1 ? last : `${i}.0`}]${i === n - 1 ? ']' : ','}`).join('\n');
    const lines = reportLines('M', report({
      name: 'test_matrix', status: 'failed', durationMs: 3, message: '1 of 4 elements differ (shape (2, 2))',
      expected: rows(2, '1.0'), actual: rows(2, '1.5'),
    }), 10, new Date(0));
    expect(lines.slice(3)).toEqual([
      '      expected: [[0.0, 0.0],',
      '                 [1.0, 1.0]]',
      '      actual:   [[0.0, 0.0],',
      '                 [1.0, 1.5]]',
    ]);
    const tall = reportLines('M', report({ name: 't', status: 'failed', durationMs: 1, message: 'm', expected: rows(12, '0.0'), actual: '0' }), 1, new Date(0));
    expect(tall).toContain('                … (6 more rows)');
  });

  it('puts the whole message on the one line the Test Explorer peek shows above the diff', () => {
    expect(diffTitle('AUC on 1e5 tied samples\nactual 0.6407034, expected 0.6406955: abs err 7.9e-06, rel err 1.2e-05; tolerance rtol=1e-07, atol=1e-09\n'))
      .toBe('AUC on 1e5 tied samples — actual 0.6407034, expected 0.6406955: abs err 7.9e-06, rel err 1.2e-05; tolerance rtol=1e-07, atol=1e-09');
    expect(diffTitle('  \n')).toBe('');
  });
});
