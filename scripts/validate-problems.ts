// Validates the built-in problems by running them, not just by reading them.
//
//   npm run validate-problems [-- [--python a,b] [--jobs N] [--problems DIR] [slug ...]]
//     For every problem: schema valid; under each interpreter the reference solution passes every
//     hidden and example test, the starter fails at least one hidden test, two runs give the same
//     per-test statuses, and the reference's hidden suite finishes within timeLimitSeconds.
//     Problems whose `requires` are missing under an interpreter are skipped there, but each must
//     be validated under at least one. Prints one line per problem, then `N passed, M failed`.
//
//   npm run validate-problems -- --solution FILE SLUG [--json] [--suite examples] [--python P]
//     Runs FILE against the problem's hidden tests and prints the report (raw with --json);
//     exits 0 only when every test passed.
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { runPython, spawnPythonWorker, type PythonWorker } from '../src/adapters/pythonProcess';
import { loadPackFromDisk as loadPack } from '../src/adapters/packFiles';
import { formatCatalogError, type CatalogError, type CodingProblem, type DesignPrompt } from '../src/core/catalog/types';
import { allPassed, parseReportJson, summarise, type PythonInfo, type Report, type Suite, type WorkerRequest } from '../src/core/runner/report';

const root = path.resolve(__dirname, '..', '..'); // out/tools/ -> repo root
const HARNESS = path.join(root, 'src', 'python', 'mlprep_harness.py');

interface Options {
  pythons: string[] | undefined;
  jobs: number;
  problemsDir: string;
  slugs: string[];
  solution: string | undefined;
  json: boolean;
  suite: Suite;
}

function usage(message: string): never {
  console.error(`validate-problems: ${message}`);
  console.error('usage: validate-problems [--python a,b] [--jobs N] [--problems DIR] [slug ...]');
  console.error('       validate-problems --solution FILE SLUG [--json] [--suite hidden|examples] [--python P]');
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { pythons: undefined, jobs: 2, problemsDir: path.join(root, 'problems'), slugs: [], solution: undefined, json: false, suite: 'hidden' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--python') o.pythons = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--jobs') o.jobs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === '--problems') o.problemsDir = path.resolve(value());
    else if (a === '--solution') o.solution = path.resolve(value());
    else if (a === '--json') o.json = true;
    else if (a === '--suite') {
      const s = value();
      if (s !== 'hidden' && s !== 'examples') usage('--suite must be hidden or examples');
      o.suite = s;
    } else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else o.slugs.push(a);
  }
  if (o.solution && o.slugs.length !== 1) usage('--solution needs exactly one problem slug');
  return o;
}

// ---------------------------------------------------------------------------- interpreters

interface Interpreter {
  /** As given (python3, /usr/bin/python3). */
  name: string;
  python: PythonInfo;
  real: string;
}

async function probe(name: string): Promise<Interpreter | string> {
  const r = await runPython({ python: name, args: [HARNESS, 'info'], timeoutMs: 60_000 });
  if (r.spawnError) return r.spawnError;
  if (r.exitCode !== 0) return `${name} info failed (exit ${r.exitCode ?? r.signal}): ${r.stderr.trim().split('\n').pop() ?? ''}`;
  try {
    const info = JSON.parse(r.stdout) as { python: PythonInfo };
    return { name, python: info.python, real: await realpath(info.python.executable).catch(() => info.python.executable) };
  } catch (e) {
    return `${name} info printed no JSON: ${(e as Error).message}`;
  }
}

async function interpreters(requested: string[] | undefined): Promise<Interpreter[]> {
  const names = requested ?? ['python3', ...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : [])];
  const out: Interpreter[] = [];
  for (const name of names) {
    const p = await probe(name);
    if (typeof p === 'string') {
      if (requested) usage(p);
      continue;
    }
    if (!requested && out.some((o) => o.real === p.real)) continue; // python3 *is* /usr/bin/python3
    out.push(p);
  }
  if (!out.length) usage('no Python interpreter found (try --python /path/to/python3)');
  return out;
}

function describeInterpreter(i: Interpreter): string {
  const py = i.python;
  return `${i.name} = ${py.executable} (Python ${py.version}, numpy ${py.numpy ?? 'missing'}, pandas ${py.pandas ?? 'missing'})`;
}

// ---------------------------------------------------------------------------- one worker per interpreter per lane

type RunRequest = Omit<Extract<WorkerRequest, { type: 'run' }>, 'type' | 'id'>;

class HarnessWorker {
  private worker: PythonWorker | undefined;
  private ready: Promise<void> | undefined;
  private seq = 0;
  private stderrTail = '';
  private readonly pending = new Map<string, { resolve: (r: Report) => void; reject: (e: Error) => void }>();

  constructor(private readonly python: string) {}

  private start(): Promise<void> {
    const w = spawnPythonWorker({ python: this.python, args: [HARNESS, 'serve'] });
    this.worker = w;
    this.stderrTail = '';
    w.onStderr((t) => {
      this.stderrTail = (this.stderrTail + t).slice(-2000);
    });
    return new Promise((resolve, reject) => {
      w.onMessage((m) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'report' && m.id !== null) {
          this.pending.get(m.id)?.resolve(m.report);
          this.pending.delete(m.id);
        }
      });
      w.onExit((e) => {
        const why = new Error(`the harness worker (${this.python}) exited (${e.spawnError ?? e.exitCode ?? e.signal}): ${this.stderrTail.trim().slice(-500)}`);
        reject(why);
        for (const p of this.pending.values()) p.reject(why);
        this.pending.clear();
        if (this.worker === w) this.worker = undefined;
      });
    });
  }

  async run(request: RunRequest, clientTimeoutMs: number): Promise<Report> {
    if (!this.worker || this.worker.exit) this.ready = this.start();
    await this.ready;
    const worker = this.worker;
    if (!worker) throw new Error('the harness worker is gone');
    const id = String(++this.seq);
    return new Promise<Report>((resolve, reject) => {
      // The harness enforces the time limit itself; this only guards against a stuck worker.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no report from the harness within ${clientTimeoutMs / 1000} s`));
        void worker.dispose();
      }, clientTimeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      worker.send({ type: 'run', id, ...request });
    });
  }

  async dispose(): Promise<void> {
    await this.worker?.dispose();
  }
}

// ---------------------------------------------------------------------------- checks

function firstLine(s: string, max = 160): string {
  const line = s.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function notPassed(r: Report): string {
  if (r.status !== 'ok') return `${summarise(r)}: ${firstLine(r.error?.message ?? '')}`;
  if (r.summary.total === 0) return 'no tests found';
  const bad = r.tests.find((t) => t.status !== 'passed');
  return bad ? `${bad.name} ${bad.status}: ${firstLine(bad.message)}` : '';
}

function statuses(r: Report): string {
  return r.tests.map((t) => `${t.name}=${t.status}`).join(',');
}

function diffStatuses(a: Report, b: Report): string {
  if (a.status !== b.status) return `run status ${a.status} then ${b.status}`;
  const before = new Map(a.tests.map((t) => [t.name, t.status]));
  for (const t of b.tests) {
    if (before.get(t.name) !== t.status) return `${t.name} was ${before.get(t.name) ?? 'absent'} then ${t.status}`;
  }
  return a.tests.length !== b.tests.length ? `${a.tests.length} tests then ${b.tests.length}` : '';
}

interface Outcome {
  ok: boolean;
  /** Shown after the problem name. */
  detail: string;
}

async function validateUnder(problem: CodingProblem, worker: HarnessWorker): Promise<{ skipped?: string; failures: string[]; note?: string }> {
  const limitS = problem.timeLimitSeconds;
  const guard = (limitS + 60) * 1000;
  const run = (solution: string, suite: Suite, timeoutSeconds = limitS): Promise<Report> =>
    worker.run({ problemDir: problem.dir, solution, suite, timeoutSeconds }, guard);
  const failures: string[] = [];

  const ref1 = await run(problem.files.solution, 'hidden');
  if (ref1.status === 'missing-dependency') return { skipped: `needs ${(ref1.error?.modules ?? []).join(', ')}`, failures };
  if (ref1.status === 'timeout') failures.push(`reference's hidden suite exceeded timeLimitSeconds (${limitS} s): ${firstLine(ref1.error?.message ?? '')}`);
  else if (!allPassed(ref1)) failures.push(`reference fails hidden tests: ${notPassed(ref1)}`);
  const ref2 = await run(problem.files.solution, 'hidden');
  const refDiff = diffStatuses(ref1, ref2);
  if (refDiff) failures.push(`reference hidden run is not deterministic: ${refDiff}`);

  const ex = await run(problem.files.solution, 'examples');
  if (!allPassed(ex)) failures.push(`reference fails example tests: ${notPassed(ex)}`);

  const st1 = await run(problem.files.starter, 'hidden');
  if (st1.status === 'import-error') failures.push(`starter does not import: ${firstLine(st1.error?.message ?? '')}`);
  else if (st1.status === 'ok' && st1.summary.passed === st1.summary.total) failures.push('starter passes every hidden test (the tests prove nothing)');
  else if (st1.status !== 'ok' && st1.status !== 'timeout') failures.push(`starter run ended with ${st1.status}: ${firstLine(st1.error?.message ?? '')}`);
  const st2 = await run(problem.files.starter, 'hidden');
  const stDiff = diffStatuses(st1, st2);
  if (stDiff) failures.push(`starter hidden run is not deterministic: ${stDiff}`);
  if (statuses(ref1) && ref1.tests.length !== st1.tests.length) failures.push(`reference ran ${ref1.tests.length} hidden tests but the starter ${st1.tests.length}`);

  const slowest = Math.max(ref1.durationMs, ref2.durationMs);
  return { failures, note: `${ref1.summary.total} hidden + ${ex.summary.total} examples, ${(slowest / 1000).toFixed(1)}/${limitS} s` };
}

async function validateProblem(problem: CodingProblem, pythons: Interpreter[], lane: Map<string, HarnessWorker>): Promise<Outcome> {
  const parts: string[] = [];
  const failures: string[] = [];
  let validated = 0;
  const skips: string[] = [];
  for (const interp of pythons) {
    let worker = lane.get(interp.name);
    if (!worker) lane.set(interp.name, (worker = new HarnessWorker(interp.name)));
    try {
      const r = await validateUnder(problem, worker);
      if (r.skipped) {
        parts.push(`${interp.name}: skipped (${r.skipped})`);
        skips.push(r.skipped);
        continue;
      }
      validated++;
      for (const f of r.failures) failures.push(`${interp.name}: ${f}`);
      parts.push(`${interp.name}: ${r.note}`);
    } catch (e) {
      failures.push(`${interp.name}: ${(e as Error).message}`);
    }
  }
  if (!validated && !failures.length) failures.push(`not validated under any interpreter (${[...new Set(skips)].join('; ')})`);
  return failures.length ? { ok: false, detail: failures.join('; ') } : { ok: true, detail: parts.join(' · ') };
}

/** `metrics/roc-auc` for a problem folder, `system-design/x` for a prompt, else the display path. */
function problemKey(e: CatalogError, packName: string): string {
  const parts = e.displayPath.split('/');
  if (parts[0] === packName && parts.length >= 3) {
    return parts[1] === 'system-design' ? `${parts[1]}/${parts[2].replace(/\.ya?ml$/, '')}` : `${parts[1]}/${parts[2]}`;
  }
  return e.displayPath;
}

async function validateAll(o: Options): Promise<number> {
  const t0 = Date.now();
  const pack = await loadPack(o.problemsDir, { source: 'builtin' });
  const packName = path.basename(o.problemsDir);
  const pythons = await interpreters(o.pythons);
  for (const i of pythons) console.log(`# ${describeInterpreter(i)}`);

  const wanted = (key: string): boolean => !o.slugs.length || o.slugs.some((s) => key === s || key.endsWith(`/${s}`));
  const schemaErrors = new Map<string, CatalogError[]>();
  for (const e of pack.errors) {
    const key = problemKey(e, packName);
    if (!wanted(key)) continue;
    schemaErrors.set(key, [...(schemaErrors.get(key) ?? []), e]);
  }
  const problems = pack.problems.filter((p) => wanted(`${p.category}/${p.id}`) && !schemaErrors.has(`${p.category}/${p.id}`));
  const prompts = pack.designPrompts.filter((p: DesignPrompt) => wanted(`system-design/${p.id}`));
  if (o.slugs.length && !problems.length && !prompts.length && !schemaErrors.size) usage(`no problem matches ${o.slugs.join(', ')}`);

  let passed = 0;
  let failed = 0;
  const report = (ok: boolean, key: string, detail: string): void => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${key}  ${detail}`);
  };
  for (const [key, errors] of schemaErrors) report(false, key, errors.map((e) => formatCatalogError(e)).join('; '));
  for (const p of prompts) report(true, `system-design/${p.id}`, 'schema ok');

  const queue = [...problems];
  const lanes = Array.from({ length: Math.min(o.jobs, Math.max(1, queue.length)) }, () => new Map<string, HarnessWorker>());
  await Promise.all(
    lanes.map(async (lane) => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const started = Date.now();
        const r = await validateProblem(p, pythons, lane);
        report(r.ok, `${p.category}/${p.id}`, `${r.detail}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    }),
  );
  await Promise.all(lanes.flatMap((lane) => [...lane.values()].map((w) => w.dispose())));
  console.log(`# ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------- form 2: one solution

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function printReport(problem: CodingProblem, report: Report): void {
  const py = report.python;
  console.log(`${problem.id} · ${report.suite} tests · Python ${py.version} (${py.executable}), numpy ${py.numpy ?? '-'}, pandas ${py.pandas ?? '-'}`);
  if (report.error) {
    const loc = report.error.location ? ` at ${path.basename(report.error.location.file)}:${report.error.location.line}:${report.error.location.column}` : '';
    console.log(`${report.status.toUpperCase()}${loc}`);
    console.log(indent(report.error.message, '  '));
  }
  for (const t of report.tests) {
    const tag = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', timeout: 'TIMEOUT', skipped: 'SKIP' }[t.status];
    const loc = t.location ? `  (${path.basename(t.location.file)}:${t.location.line}:${t.location.column})` : '';
    console.log(`  ${tag.padEnd(7)} ${t.name}  ${Math.round(t.durationMs)} ms${loc}`);
    if (t.status !== 'passed' && t.status !== 'skipped' && t.message) console.log(indent(t.message, '          '));
    if (t.actual !== undefined) console.log(`          actual:   ${t.actual}`);
    if (t.expected !== undefined) console.log(`          expected: ${t.expected}`);
  }
  for (const [name, text] of [['stdout', report.stdout], ['stderr', report.stderr]] as const) {
    if (!text.trim()) continue;
    const lines = text.trimEnd().split('\n');
    console.log(`--- ${name}${lines.length > 40 ? ` (last 40 of ${lines.length} lines)` : ''}`);
    console.log(lines.slice(-40).join('\n'));
  }
  console.log(`${summarise(report)} (${(report.durationMs / 1000).toFixed(2)} s)`);
}

async function runOne(o: Options): Promise<number> {
  const pack = await loadPack(o.problemsDir, { source: 'builtin' });
  const slug = o.slugs[0];
  const problem = pack.problems.find((p) => p.id === slug || `${p.category}/${p.id}` === slug);
  if (!problem) {
    const why = pack.errors.filter((e) => e.displayPath.includes(`/${slug}/`)).map(formatCatalogError);
    usage(`no loadable problem "${slug}"${why.length ? `: ${why.join('; ')}` : ''}`);
  }
  if (!existsSync(o.solution!)) usage(`solution file not found: ${o.solution}`);
  const python = o.pythons?.[0] ?? 'python3';
  const r = await runPython({
    python,
    args: [HARNESS, 'run', '--problem-dir', problem.dir, '--solution', o.solution!, '--suite', o.suite, '--timeout', String(problem.timeLimitSeconds)],
    timeoutMs: (problem.timeLimitSeconds + 60) * 1000,
  });
  if (r.spawnError) usage(r.spawnError);
  let report: Report;
  try {
    report = parseReportJson(r.stdout);
  } catch (e) {
    console.error(`validate-problems: the harness gave no valid report (exit ${r.exitCode ?? r.signal}): ${(e as Error).message}`);
    if (r.stderr.trim()) console.error(r.stderr.trim().slice(-2000));
    return 1;
  }
  if (o.json) console.log(JSON.stringify(report, null, 2));
  else printReport(problem, report);
  return allPassed(report) ? 0 : 1;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const code = o.solution ? await runOne(o) : await validateAll(o);
  process.exitCode = code;
}

main().catch((e) => {
  console.error(`validate-problems: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
