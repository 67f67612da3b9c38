// Runs with follow-up parts (contract F): the real harness runs the suites of parts 1..k of the
// built-in softmax problem, tags each result with its part, and the report parser checks the
// per-part summaries; partsPassed says how far a report got.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../src/adapters/pythonProcess';
import { parseReport, parseReportJson, partsPassed, type Report } from '../../src/core/runner/report';
import { HARNESS, PYTHON } from './helpers/harnessRun';
import { torchPython } from './helpers/torchPython';

const SOFTMAX = path.resolve(__dirname, '../../problems/ml-algorithms/softmax');
const BREAKS_PART1 = path.resolve(__dirname, '../fixtures/followups/softmax_breaks_part1.py');

async function run(solution: string, followUps?: string, framework?: { python: string; name?: 'pytorch' }): Promise<{ report?: Report; stdout: string; code: number | null }> {
  const r = await runPython({
    python: framework?.python ?? PYTHON,
    args: [HARNESS, 'run', '--problem-dir', SOFTMAX, '--solution', solution, ...(followUps !== undefined ? ['--follow-ups', followUps] : []),
      ...(framework?.name ? ['--framework', framework.name] : [])],
    timeoutMs: 60_000,
  });
  return { report: r.exitCode === 0 ? parseReportJson(r.stdout) : undefined, stdout: r.stdout + r.stderr, code: r.exitCode };
}

describe('runs with follow-up parts', () => {
  it('runs parts 1..k in order, each test tagged with its part, one summary per part', async () => {
    const { report } = await run(path.join(SOFTMAX, 'followups/log-softmax/solution.py'), 'log-softmax,backward');
    expect(report!.status).toBe('ok');
    const parts = report!.tests.map((t) => t.part);
    expect(parts[0]).toBe(1);
    expect([...parts].sort()).toEqual(parts); // part order kept
    expect(report!.partSummaries!.map((s) => [s.part, s.passed === s.total])).toEqual([[1, true], [2, true], [3, false]]);
    expect(partsPassed(report!)).toBe(2);
  });

  it('a save that breaks part 1 while attempting part 2 fails both parts it touches', async () => {
    const { report } = await run(BREAKS_PART1, 'log-softmax');
    const failedParts = new Set(report!.tests.filter((t) => t.status !== 'passed').map((t) => t.part));
    expect(failedParts).toEqual(new Set([1, 2]));
    expect(partsPassed(report!)).toBe(0);
  });

  it('without follow-ups the report has no parts (unchanged protocol)', async () => {
    const { report } = await run(path.join(SOFTMAX, 'solution.py'));
    expect(report!.partSummaries).toBeUndefined();
    expect(report!.tests.every((t) => t.part === undefined)).toBe(true);
    expect(partsPassed(report!)).toBe(1);
  });

  it('rejects a follow-up id that is not a slug or has no test file', async () => {
    const bad = await run(path.join(SOFTMAX, 'solution.py'), '../../etc');
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/not a slug/);
  });
});

describe('runs with follow-up parts under PyTorch', () => {
  const TORCH = torchPython();

  it.skipIf(!TORCH)('every part of a PyTorch solution is judged as PyTorch: the part-3 torch reference passes parts 1..3, the part-2 one fails part 3 only', async () => {
    const pt = { python: TORCH!, name: 'pytorch' as const };
    const full = await run(path.join(SOFTMAX, 'followups/backward/solution_pytorch.py'), 'log-softmax,backward', pt);
    expect(full.report?.status, full.stdout).toBe('ok');
    expect(full.report!.partSummaries!.map((s) => [s.part, s.passed === s.total && s.total > 0])).toEqual([[1, true], [2, true], [3, true]]);
    const part2 = await run(path.join(SOFTMAX, 'followups/log-softmax/solution_pytorch.py'), 'log-softmax,backward', pt);
    expect(part2.report!.partSummaries!.map((s) => [s.part, s.passed === s.total])).toEqual([[1, true], [2, true], [3, false]]);
    // the same file judged as NumPy (no framework in the request) returns tensors where every part's tests expect arrays
    const asNumpy = await run(path.join(SOFTMAX, 'followups/backward/solution_pytorch.py'), 'log-softmax,backward', { python: TORCH! });
    expect(asNumpy.report!.partSummaries!.map((s) => [s.part, s.passed === s.total])).toEqual([[1, false], [2, false], [3, false]]);
  }, 180_000);   // three runs that each import torch, on a shared machine
});

describe('partSummaries parsing', () => {
  const base = (tests: object[], partSummaries: object[]) => ({
    version: 1, suite: 'hidden', status: 'ok', durationMs: 1, stdout: '', stderr: '',
    python: { executable: 'p', version: '3.11', numpy: null, pandas: null },
    summary: { passed: tests.filter((t) => (t as { status: string }).status === 'passed').length, failed: tests.filter((t) => (t as { status: string }).status === 'failed').length, errors: 0, timeouts: 0, skipped: 0, total: tests.length },
    tests, partSummaries,
  });
  const t = (name: string, status: string, part: number) => ({ name, status, message: '', durationMs: 0, part });
  const row = (part: number, passed: number, failed: number) => ({ part, passed, failed, errors: 0, timeouts: 0, skipped: 0, total: passed + failed });

  it('counts parts passed in order and stops at the first failing part', () => {
    expect(partsPassed(parseReport(base([t('a', 'passed', 1), t('b', 'passed', 2), t('c', 'failed', 3)], [row(1, 1, 0), row(2, 1, 0), row(3, 0, 1)])))).toBe(2);
    expect(partsPassed(parseReport(base([t('a', 'failed', 1), t('b', 'passed', 2)], [row(1, 0, 1), row(2, 1, 0)])))).toBe(0);
  });

  it('rejects summaries that disagree with the tests or come out of order', () => {
    expect(() => parseReport(base([t('a', 'passed', 1), t('b', 'failed', 2)], [row(1, 1, 0), row(2, 1, 0)]))).toThrow(/partSummaries\[1\]\.passed: does not match the tests of part 2/);
    expect(() => parseReport(base([t('a', 'passed', 1)], [row(2, 1, 0)]))).toThrow(/partSummaries\[0\]\.part: must be 1/);
  });
});
