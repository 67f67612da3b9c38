// Runs the real harness (src/python/mlprep_harness/, through its launcher) once in `run` mode on a
// fixture problem and solution from test/fixtures/harness/, and returns its validated report.
import path from 'node:path';
import { expect } from 'vitest';
import { runPython } from '../../../src/adapters/pythonProcess';
import { parseReportJson, type Report } from '../../../src/core/runner/report';

export const PYTHON = process.env.MLPREP_TEST_PYTHON ?? 'python3';
export const HARNESS = path.resolve(__dirname, '../../../src/python/mlprep_harness.py');
export const FIXTURES = path.resolve(__dirname, '../../fixtures/harness');
export const problemDir = (name: string): string => path.join(FIXTURES, 'problems', name);
export const solutionFile = (name: string): string => path.join(FIXTURES, 'solutions', `${name}.py`);

export interface HarnessRunOptions {
  /** Interpreter (default PYTHON). */
  python?: string;
  /** Interpreter flags before the launcher, e.g. ['-S']. */
  pythonFlags?: string[];
  /** Harness arguments after --solution, e.g. ['--timeout', '2']. */
  extra?: string[];
  env?: Record<string, string | undefined>;
}

/** The report of one `run` of `solution` (fixture name) against `problem`; fails the test if the harness exits non-zero. */
export async function harnessRun(problem: string, solution: string, opts: HarnessRunOptions = {}): Promise<Report> {
  const r = await runPython({
    python: opts.python ?? PYTHON,
    args: [...(opts.pythonFlags ?? []), HARNESS, 'run', '--problem-dir', problemDir(problem), '--solution', solutionFile(solution), ...(opts.extra ?? [])],
    timeoutMs: 60_000,
    env: opts.env,
  });
  expect(r.spawnError).toBeUndefined();
  expect(r.exitCode, r.stderr).toBe(0);
  return parseReportJson(r.stdout); // validates the whole report, summary included
}
