// `npm run bench`: the worker path a save takes, measured side by side with its floors, in one run.
// Prints one result per line (medians):
//   fork-floor ms: X                 fork + pipe + reap of the same interpreter with the worker's preloads
//   overhead ms: Y                   worker request-to-report minus the tests' own compute (small problems)
//   first-verdict ms <slug>: Z       pool.run request to its first onTest call (a streamed `test` message), warm worker
//   speedup <slug>: Nx               cold `mlprep_harness.py run` per attempt / warm worker
//   save-all 5: R results            5 different solutions requested at once through the pool
//   rapid saves 100: leftover processes N, worker RSS start→end MB
// Worker and cold runs alternate (worker, cold, worker, …) so machine noise hits both alike; the
// machine's load (`uptime`) is printed before and after.
// Options: --runs N (default 15), --python PATH (default: the first of python3, /usr/bin/python3 with pandas),
//          --problems a,b (time these catalogue problems instead of the default four)
import { readdirSync, readFileSync } from 'node:fs';
import { uptime as osUptime, loadavg } from 'node:os';
import * as path from 'node:path';
import { runPython } from '../src/adapters/pythonProcess';
import { PythonWorkerPool } from '../src/adapters/pythonWorkerPool';
import { parseReportJson, type Report } from '../src/core/runner/report';

const root = path.resolve(__dirname, '..', '..');
const harness = path.join(root, 'src', 'python', 'mlprep_harness.py');
const PROBLEMS = [
  { slug: 'softmax', dir: 'problems/ml-algorithms/softmax', kind: 'numpy', small: true },
  // Overhead-dominated: a small pandas groupby (the shape of the prototype the issue quotes).
  { slug: 'pandas-groupby', dir: 'test/fixtures/bench/pandas-groupby', kind: 'pandas (small)', small: true },
  // A catalogue pandas problem: dominated by its own large vectorisation test.
  { slug: 'top-k-per-group', dir: 'problems/data-manipulation/top-k-per-group', kind: 'pandas', small: false },
  { slug: 'merge-sorted-streams', dir: 'problems/production/merge-sorted-streams', kind: 'production', small: false },
];
const SAVE_ALL = ['softmax', 'top-k-per-group', 'merge-sorted-streams', 'mean-reciprocal-rank', 'kmeans'];
const FIXTURES = path.join(root, 'test', 'fixtures', 'harness');

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg('--runs') ?? 15);
/** `--problems a,b`: time these catalogue problems instead (e.g. the slowest of a new category). */
const chosen = arg('--problems');
const PROBLEMS_RUN: { slug: string; dir: string; kind: string; small: boolean }[] = chosen
  ? chosen.split(',').filter(Boolean).map((slug) => {
    const dir = path.relative(root, problemDirOf(slug));
    return { slug, dir, kind: dir.split(path.sep)[1] ?? 'problem', small: false };
  })
  : PROBLEMS;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const testCompute = (r: Report) => r.tests.reduce((n, t) => n + t.durationMs, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pickPython(): Promise<string> {
  const given = arg('--python');
  if (given) return given;
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = await runPython({ python: py, args: ['-c', 'import numpy, pandas'], timeoutMs: 30_000 });
    if (r.exitCode === 0) return py;
  }
  throw new Error('no interpreter with numpy and pandas found (tried python3, /usr/bin/python3); pass --python');
}

function problemDirOf(slug: string): string {
  for (const category of readdirSync(path.join(root, 'problems'))) {
    const dir = path.join(root, 'problems', category, slug);
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // not in this category
    }
  }
  throw new Error(`problem ${slug} not found`);
}

/** `uptime`'s load line, from the same numbers (no shell). */
function load(): string {
  const [a, b, c] = loadavg().map((x) => x.toFixed(2));
  return `up ${(osUptime() / 3600).toFixed(1)} h, load average: ${a}, ${b}, ${c}`;
}

/** One run through the pool (contract 5): time to the first streamed `test` message and to the report. */
async function timedRun(pool: PythonWorkerPool, python: string, problemDir: string, solution: string): Promise<{ first: number; total: number; report: Report }> {
  const t0 = performance.now();
  let first = Number.NaN;
  const report = await pool.run(python, { problemDir, solution, timeoutSeconds: 60 }, {
    onTest: () => {
      if (Number.isNaN(first)) first = performance.now() - t0;
    },
  });
  return { first, total: performance.now() - t0, report };
}

/** Pids of processes whose command line contains `needle`. */
function processesMatching(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main(): Promise<void> {
  const python = await pickPython();
  console.log(`load at start: ${load()}`);
  // The floor is measured between the problems too (load changes during a run): median of those medians.
  const floors: number[] = [];
  const measureFloor = async () => {
    const floor = await runPython({ python, args: [harness, 'fork-floor', '--runs', String(Math.max(20, runs))], timeoutMs: 120_000 });
    floors.push((JSON.parse(floor.stdout) as { forkFloorMs: number }).forkFloorMs);
  };
  await measureFloor();

  const pool = new PythonWorkerPool({ harnessPath: harness });
  const workerPid = (await pool.warm(python)).pid;
  const rows: string[][] = [];
  const lines: string[] = [];
  const smallOverheads: number[] = [];
  for (const p of PROBLEMS_RUN) {
    const problemDir = path.join(root, p.dir);
    const solution = path.join(problemDir, 'solution.py');
    const warm: number[] = [];
    const first: number[] = [];
    const cold: number[] = [];
    const overhead: number[] = [];
    const inside: number[] = [];
    const tests = (await timedRun(pool, python, problemDir, solution)).report.summary.total; // the first fork pays page-ins
    for (let i = 0; i < runs; i++) {
      const w = await timedRun(pool, python, problemDir, solution);
      if (w.report.summary.passed !== w.report.summary.total) throw new Error(`${p.slug}: reference failed through the worker`);
      warm.push(w.total);
      first.push(w.first);
      overhead.push(w.total - testCompute(w.report));
      inside.push(w.report.durationMs - testCompute(w.report));
      const t0 = performance.now();
      const c = await runPython({ python, args: [harness, 'run', '--problem-dir', problemDir, '--solution', solution, '--timeout', '60'], timeoutMs: 120_000 });
      cold.push(performance.now() - t0);
      const cr = parseReportJson(c.stdout);
      if (cr.summary.passed !== cr.summary.total) throw new Error(`${p.slug}: reference failed cold`);
    }
    if (p.small) smallOverheads.push(...overhead);
    const w = median(warm);
    const c = median(cold);
    rows.push([p.slug, p.kind, String(tests), median(first).toFixed(1), w.toFixed(1), c.toFixed(1), median(overhead).toFixed(1), median(inside).toFixed(1), (c / w).toFixed(1)]);
    lines.push(`first-verdict ms ${p.slug}: ${median(first).toFixed(1)}`);
    lines.push(`speedup ${p.slug}: ${(c / w).toFixed(1)}x`);
    await measureFloor();
  }
  const forkFloor = median(floors);

  // Save All of 5 different solutions, then 100 rapid saves, through the same pool.
  const saveAll = await Promise.all(SAVE_ALL.map((slug) => {
    const problemDir = problemDirOf(slug);
    return pool.run(python, { problemDir, solution: path.join(problemDir, 'solution.py'), timeoutSeconds: 60 });
  }));
  const results = saveAll.filter((r) => r.status !== 'cancelled').length;

  const rssStart = rssMb(workerPid);
  const probe = 'time.sleep(120)'; // the sleepers plain_escape starts in new sessions
  const before = processesMatching(probe).length;
  const plain = path.join(FIXTURES, 'problems', 'plain');
  const saves: Promise<Report>[] = [];
  let previous: AbortController | undefined;
  for (let i = 0; i < 100; i++) {
    previous?.abort(); // a newer save supersedes the older one, as the editor does
    const ac = new AbortController();
    previous = ac;
    const sol = i % 2 ? path.join(FIXTURES, 'solutions', 'plain_escape.py') : path.join(problemDirOf('softmax'), 'solution.py');
    const dir = i % 2 ? plain : problemDirOf('softmax');
    saves.push(pool.run(python, { problemDir: dir, solution: sol, timeoutSeconds: 10 }, { signal: ac.signal }));
    await sleep(i % 10 === 9 ? 150 : 5); // bursts, with a pause now and then so some runs get far
  }
  await Promise.all(saves);
  await sleep(200);
  const leftover = processesMatching(probe).length - before;
  const rssEnd = rssMb(workerPid);
  await pool.dispose();

  const head = ['problem', 'kind', 'tests', 'first verdict ms', 'worker ms', 'cold ms', 'overhead ms', 'of it in harness', 'cold/worker'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`Python (${python}); ${runs} runs per side; medians\n`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('\n"overhead" = worker request-to-report minus the tests\' own run time (sum of per-test durations);');
  console.log('"of it in harness" = the same inside the worker (report durationMs), the rest is the pipe and parsing.\n');
  console.log(`fork-floor ms: ${forkFloor.toFixed(1)} (medians between problems: ${floors.map((f) => f.toFixed(1)).join(', ')})`);
  console.log(`overhead ms: ${median(smallOverheads).toFixed(1)}`);
  for (const l of lines) console.log(l);
  console.log(`save-all 5: ${results} results`);
  console.log(`rapid saves 100: leftover processes ${leftover}, worker RSS ${rssStart.toFixed(1)}→${rssEnd.toFixed(1)} MB`);
  console.log(`load at end: ${load()}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
