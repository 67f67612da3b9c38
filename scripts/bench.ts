// `npm run bench`: save-to-report latency of the long-lived worker (the path the extension uses
// on save) against a cold `python3 mlprep_harness.py run` per attempt, side by side in one run.
// Runs alternate (worker, cold, worker, cold, …) so machine noise hits both alike.
// Options: --runs N (default 15), --python PATH (default: the first of python3, /usr/bin/python3 with pandas)
import * as path from 'node:path';
import { runPython } from '../src/adapters/pythonProcess';
import { PythonWorkerPool } from '../src/adapters/pythonWorkerPool';
import { parseReportJson, type Report } from '../src/core/runner/report';

const root = path.resolve(__dirname, '..', '..');
const harness = path.join(root, 'src', 'python', 'mlprep_harness.py');
const PROBLEMS = [
  { slug: 'softmax', dir: 'problems/ml-algorithms/softmax', kind: 'numpy' },
  // Overhead-dominated: a small pandas groupby (the shape of the prototype the issue quotes).
  { slug: 'pandas-groupby', dir: 'test/fixtures/bench/pandas-groupby', kind: 'pandas (small)' },
  // A catalogue pandas problem: dominated by its own large vectorisation test.
  { slug: 'top-k-per-group', dir: 'problems/data-manipulation/top-k-per-group', kind: 'pandas' },
  { slug: 'merge-sorted-streams', dir: 'problems/production/merge-sorted-streams', kind: 'pure Python' },
];

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg('--runs') ?? 15);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const testCompute = (r: Report) => r.tests.reduce((n, t) => n + t.durationMs, 0);

async function pickPython(): Promise<string> {
  const given = arg('--python');
  if (given) return given;
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = await runPython({ python: py, args: ['-c', 'import numpy, pandas'], timeoutMs: 30_000 });
    if (r.exitCode === 0) return py;
  }
  throw new Error('no interpreter with numpy and pandas found (tried python3, /usr/bin/python3); pass --python');
}

async function main(): Promise<void> {
  const python = await pickPython();
  const pool = new PythonWorkerPool({ harnessPath: harness });
  const info = await pool.warm(python);
  console.log(`Python ${info.python.version} (${python}), numpy ${info.python.numpy}, pandas ${info.python.pandas}; fork=${info.fork}; ${runs} runs per side\n`);
  const rows: string[][] = [];
  const speedups: string[] = [];
  for (const p of PROBLEMS) {
    const problemDir = path.join(root, p.dir);
    const solution = path.join(problemDir, 'solution.py');
    const warm: number[] = [];
    const cold: number[] = [];
    const compute: number[] = [];
    const tests = (await pool.run(python, { problemDir, solution, timeoutSeconds: 60 })).summary.total; // first fork pays page-ins
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const r = await pool.run(python, { problemDir, solution, timeoutSeconds: 60 });
      warm.push(performance.now() - t0);
      if (r.summary.passed !== r.summary.total) throw new Error(`${p.slug}: reference failed through the worker`);
      compute.push(testCompute(r));
      t0 = performance.now();
      const c = await runPython({ python, args: [harness, 'run', '--problem-dir', problemDir, '--solution', solution, '--timeout', '60'], timeoutMs: 120_000 });
      cold.push(performance.now() - t0);
      const cr = parseReportJson(c.stdout);
      if (cr.summary.passed !== cr.summary.total) throw new Error(`${p.slug}: reference failed cold`);
    }
    const w = median(warm);
    const c = median(cold);
    const comp = median(compute);
    rows.push([p.slug, p.kind, String(tests),
      w.toFixed(1), c.toFixed(1), comp.toFixed(1), (w - comp).toFixed(1), (c / w).toFixed(1)]);
    speedups.push(`speedup ${p.slug}: ${(c / w).toFixed(1)}x`);
  }
  await pool.dispose();
  const head = ['problem', 'kind', 'tests', 'worker median ms', 'cold median ms', 'tests compute ms', 'worker overhead ms', 'cold/worker'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('\n"worker overhead" = worker save-to-report latency minus the tests\' own run time (sum of per-test durations).\n');
  for (const s of speedups) console.log(s);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
