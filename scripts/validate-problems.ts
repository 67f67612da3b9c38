// Validates the built-in problems by running them, not just by reading them.
//
//   npm run validate-problems [-- [--python a,b] [--jobs N] [--problems DIR] [--no-venvs] [--no-variants] [slug ...]]
//     For every problem: schema valid; under each interpreter the reference solution passes every
//     hidden and example test, the starter fails at least one hidden test, two runs give the same
//     per-test statuses, and the reference's hidden suite finishes within timeLimitSeconds.
//     Scale checks (tests named `test_scale_*`, using mlprep_harness.timing) come after every
//     other test, the statement states the rule (a **Speed.** paragraph), and every known-slow
//     variant (`variants/slow_*.py`) passes each correctness test but fails each scale test
//     (--no-variants skips them: scripts/validate-throttled.sh checks only the references).
//     Every buggy variant (`variants/bug_*.py`, contract B) fails at least one hidden test that is
//     not a scale test; the summary names the tests that caught each. A problem with a PyTorch
//     variant (`pytorch:`, contract A) also has, under every interpreter with torch: its
//     solution_pytorch.py passing every hidden test (framework pytorch) and its PyTorch examples,
//     its starter_pytorch.py failing one; a line says so plainly when no interpreter has torch.
//     Problems whose `requires` are missing under an interpreter are skipped there, but each must
//     be validated under at least one. Prints one line per problem and interpreter, the wall time
//     per interpreter, then `N passed, M failed`.
//
//     Interpreters: --python, else env MLPREP_PYTHONS (comma-separated), else python3,
//     /usr/bin/python3 and the virtual environments under .venvs/ (numpy 2.3 + pandas 2.3,
//     numpy 2.4 + pandas 3.0; .venvs/torch: torch 2.13 CPU, which checks only the PyTorch
//     variants since np24-pd30 covers its numpy/pandas), which are created first from the configured (offline) pip index
//     when missing; a line says so and validation goes on when that is impossible. --no-venvs
//     skips them; --setup-venvs only creates them and exits.
//
//     Follow-ups (problems/README.md "Follow-ups"): for each part k >= 2, followups/<id>/solution.py
//     passes the hidden tests of parts 1..k, the previous part's reference fails at least one test
//     of part k, each followups/<id>/variants/bug_*.py fails at least one non-scale test of part k,
//     each slow_*.py there fails part k's scale tests only, and learn.md (optional) has its sections.
//     A problem with a PyTorch variant needs followups/<id>/solution_pytorch.py for every part;
//     under each interpreter with torch it passes parts 1..k run as a PyTorch solution, and the
//     previous part's PyTorch reference fails at least one test of part k.
//
//   npm run validate-problems -- --solution FILE SLUG [--json] [--suite examples] [--python P] [--framework F] [--part K]
//     Runs FILE against the problem's hidden tests and prints the report (raw with --json);
//     exits 0 only when every test passed. F (numpy | pytorch) is what FILE is written in:
//     default $MLPREP_FRAMEWORK, else pytorch for a file named *_pytorch.py, else numpy.
//     --part K runs the hidden tests of parts 1..K (follow-ups).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runPython, spawnPythonWorker, type PythonWorker } from '../src/adapters/pythonProcess';
import { loadPackFromDisk as loadPack, loadQuestionBankFromDisk, loadTheoryDeckFromDisk } from '../src/adapters/packFiles';
import { MIN_BUILTIN_QUESTIONS, REQUIRED_COMPETENCIES } from '../src/core/stories/types';
import { MIN_CARDS_PER_TOPIC } from '../src/core/theory/types';
import { LEARN_FILE, learnDocIssues } from '../src/core/catalog/learnDoc';
import { TREE_LABEL_MAX } from '../src/core/catalog/types';
import { treeLabel } from '../src/core/tree/shortTitle';
import { formatCatalogError, frameworkFiles, isFramework, type CatalogError, type CodingProblem, type DesignPrompt, type Framework } from '../src/core/catalog/types';
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
  venvs: boolean;
  setupVenvsOnly: boolean;
  /** Skip the known-slow variants (the throttled run checks only that references still pass). */
  variants: boolean;
  /** --solution: what FILE is written in (--framework, else $MLPREP_FRAMEWORK, else pytorch for *_pytorch.py, else numpy). */
  framework: Framework | undefined;
  /** --solution mode: run the hidden tests of parts 1..part (follow-ups). */
  part: number;
}

function usage(message: string): never {
  console.error(`validate-problems: ${message}`);
  console.error('usage: validate-problems [--python a,b] [--jobs N] [--problems DIR] [--no-venvs] [--no-variants] [slug ...]');
  console.error('       validate-problems --setup-venvs');
  console.error('       validate-problems --solution FILE SLUG [--json] [--suite hidden|examples] [--python P] [--framework numpy|pytorch] [--part K]');
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { pythons: undefined, jobs: 2, problemsDir: path.join(root, 'problems'), slugs: [], solution: undefined, json: false, suite: 'hidden', venvs: true, setupVenvsOnly: false, variants: true, framework: undefined, part: 1 };
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
    else if (a === '--no-venvs') o.venvs = false;
    else if (a === '--no-variants') o.variants = false;
    else if (a === '--setup-venvs') o.setupVenvsOnly = true;
    else if (a === '--framework') {
      const f = value();
      if (!isFramework(f)) usage('--framework must be numpy or pytorch');
      o.framework = f;
    } else if (a === '--part') {
      o.part = Number.parseInt(value(), 10);
      if (!Number.isInteger(o.part) || o.part < 1) usage('--part must be a whole number >= 1');
    } else if (a === '--suite') {
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
  /** Whether `import torch` would work (`info` reports it without importing). */
  torch: boolean;
  /** 'all': NumPy checks, and the PyTorch variants when it has torch; 'pytorch': only the PyTorch variants (.venvs/torch, whose numpy/pandas another environment covers). */
  role: 'all' | 'pytorch';
}

async function probe(name: string): Promise<Interpreter | string> {
  const r = await runPython({ python: name, args: [HARNESS, 'info'], timeoutMs: 60_000 });
  if (r.spawnError) return r.spawnError;
  if (r.exitCode !== 0) return `${name} info failed (exit ${r.exitCode ?? r.signal}): ${r.stderr.trim().split('\n').pop() ?? ''}`;
  try {
    const info = JSON.parse(r.stdout) as { python: PythonInfo; modules?: Record<string, boolean> };
    return { name, python: info.python, real: await realpath(info.python.executable).catch(() => info.python.executable), torch: info.modules?.torch === true, role: 'all' };
  } catch (e) {
    return `${name} info printed no JSON: ${(e as Error).message}`;
  }
}

// ---------------------------------------------------------------------------- virtual environments

/** The environment that validates the PyTorch variants (and that the integration tests' PyTorch run uses). */
const TORCH_VENV = 'torch';
/** The library pairs CI validates besides Debian's python3 (numpy 1.24 + pandas 1.5), and torch. */
const VENVS = [
  { name: 'np23-pd23', what: 'numpy 2.3 + pandas 2.3', pins: ['numpy==2.3.*', 'pandas==2.3.3'] },
  { name: 'np24-pd30', what: 'numpy 2.4 + pandas 3.0', pins: ['numpy==2.4.*', 'pandas==3.0.6'] },
  // PyTorch variants (contract A in problems/README.md); the CPU build (the offline index holds it)
  { name: TORCH_VENV, what: 'torch 2.13 CPU + numpy 2.4 + pandas 3.0', pins: ['torch==2.13.*', 'numpy==2.4.*', 'pandas==3.0.6'] },
] as const;
/** Where the environments live: .venvs/ in the checkout (gitignored), or MLPREP_VENVS_DIR. */
const VENV_DIR = process.env.MLPREP_VENVS_DIR ? path.resolve(process.env.MLPREP_VENVS_DIR) : path.join(root, '.venvs');
const venvPython = (name: string): string => path.join(VENV_DIR, name, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');

function lastLine(text: string): string {
  return firstLine(text.trim().split('\n').filter(Boolean).pop() ?? '', 200);
}

/**
 * Creates the missing virtual environments of VENVS under .venvs/ (base: /usr/bin/python3, else
 * python3) with pip's configured index (offline on CI: pip.conf's local index; `--retries 0` so an
 * unreachable default index costs seconds, not minutes). A finished environment holds a `.ok`
 * stamp; one without it is rebuilt. Never throws: prints one `[validate]` line per environment
 * that cannot be made, and returns the pythons of those that exist.
 */
function ensureVenvs(log: (line: string) => void): string[] {
  const base = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const ready: string[] = [];
  for (const v of VENVS) {
    const dir = path.join(VENV_DIR, v.name);
    const shown = path.relative(root, dir).startsWith('..') ? dir : path.relative(root, dir);
    const stamp = path.join(dir, '.ok');
    if (existsSync(stamp) && existsSync(venvPython(v.name))) {
      ready.push(venvPython(v.name));
      continue;
    }
    const t0 = Date.now();
    rmSync(dir, { recursive: true, force: true });
    const mk = spawnSync(base, ['-m', 'venv', dir], { encoding: 'utf8', timeout: 120_000 });
    if (mk.status !== 0) {
      log(`[validate] cannot create ${shown} (${v.what}): ${base} -m venv failed: ${lastLine(mk.stderr || String(mk.error ?? ''))}; going on without it`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const pip = spawnSync(venvPython(v.name), ['-m', 'pip', 'install', '-q', '--retries', '0', '--timeout', '15', '--disable-pip-version-check', ...v.pins], {
      encoding: 'utf8',
      timeout: 900_000,
    });
    if (pip.status !== 0) {
      log(`[validate] cannot create ${shown} (${v.what}): no wheels from the package index (${lastLine(pip.stderr || String(pip.error ?? ''))}); going on without it`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    writeFileSync(stamp, `${v.pins.join(' ')}\n`);
    log(`[validate] created ${shown} (${v.what}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    ready.push(venvPython(v.name));
  }
  return ready;
}

async function interpreters(requested: string[] | undefined, venvs: boolean): Promise<Interpreter[]> {
  const fromEnv = process.env.MLPREP_PYTHONS?.split(',').map((x) => x.trim()).filter(Boolean);
  const explicit = requested ?? (fromEnv?.length ? fromEnv : undefined);
  const names = explicit ?? ['python3', ...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : []), ...(venvs ? ensureVenvs((l) => console.log(l)) : [])];
  const out: Interpreter[] = [];
  for (const name of names) {
    const p = await probe(name);
    if (typeof p === 'string') {
      if (explicit) usage(p);
      continue;
    }
    // python3 may *be* /usr/bin/python3; a venv shares its base's executable but not its libraries
    const same = (o: Interpreter): boolean => o.real === p.real && o.python.numpy === p.python.numpy && o.python.pandas === p.python.pandas;
    if (!explicit && out.some(same)) {
      // the torch environment repeats another's numpy/pandas: it validates the PyTorch variants only
      if (!p.torch || out.some((o) => same(o) && o.torch)) continue;
      p.role = 'pytorch';
    }
    out.push(p);
  }
  if (!out.length) usage('no Python interpreter found (try --python /path/to/python3)');
  return out;
}

/** A short label for result lines: `.venvs/np24-pd30/bin/python` -> `np24-pd30`. */
function shortName(name: string): string {
  const m = /(?:^|[\\/])\.venvs[\\/]([^\\/]+)[\\/]/.exec(name);
  return m ? m[1] : name;
}

function describeInterpreter(i: Interpreter): string {
  const py = i.python;
  const role = i.role === 'pytorch' ? '; PyTorch variants only' : '';
  return `${shortName(i.name)} = ${py.executable} (Python ${py.version}, numpy ${py.numpy ?? 'missing'}, pandas ${py.pandas ?? 'missing'}, torch ${i.torch ? 'yes' : 'no'}${role})`;
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

/** What one interpreter checks of a problem. */
interface Checks {
  /** The NumPy reference, starter, examples, slow and buggy variants. */
  numpy: boolean;
  /** The PyTorch variant (the problem has one and the interpreter has torch). */
  pytorch: boolean;
  /** The slow and buggy variants (--no-variants skips them). */
  variants: boolean;
}

interface UnderResult {
  skipped?: string;
  failures: string[];
  note?: string;
  /** Bug variant file name -> the non-scale hidden tests that failed on it. */
  bugsCaught?: Map<string, string[]>;
}

async function validateUnder(problem: CodingProblem, worker: HarnessWorker, checks: Checks): Promise<UnderResult> {
  const limitS = problem.timeLimitSeconds;
  const guard = (Math.max(limitS, 60) + 60) * 1000; // the slow variants get 60 s (below)
  const run = (solution: string, suite: Suite, timeoutSeconds = limitS, framework: Framework = 'numpy'): Promise<Report> =>
    worker.run({ problemDir: problem.dir, solution, suite, timeoutSeconds, ...(framework === 'numpy' ? {} : { framework }) }, guard);
  const runParts: RunPartsFn = (solution, k, framework) =>
    worker.run({ problemDir: problem.dir, solution, suite: 'hidden', timeoutSeconds: limitS, followUps: problem.parts.slice(0, k - 1).map((p) => p.id), ...(framework === 'numpy' ? {} : { framework }) }, guard);
  if (!checks.numpy) {
    const pt = await validatePytorch(problem, run, runParts);
    return pt.skipped ? { skipped: pt.skipped, failures: [] } : { failures: pt.failures, note: pt.note };
  }
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

  failures.push(...scaleOrder(ref1));
  let variantsNote = '';
  const withVariants = checks.variants;
  const variants = withVariants ? slowVariants(problem) : [];
  for (const v of variants) {
    // A generous limit: the question is the scale verdict, not whether a loaded CI machine runs
    // a deliberately slow solution within the suite's time limit.
    const r = await run(v, 'hidden', Math.max(limitS, 60));
    const problemWithIt = checkSlowVariant(r);
    if (problemWithIt) failures.push(`${path.relative(problem.dir, v)}: ${problemWithIt}`);
  }
  if (variants.length) variantsNote = `, ${variants.length} slow variant${variants.length > 1 ? 's' : ''} fail${variants.length > 1 ? '' : 's'} the scale tests`;

  const bugsCaught = new Map<string, string[]>();
  for (const v of withVariants ? bugVariants(problem) : []) {
    const r = await run(v, 'hidden');
    const name = path.basename(v, '.py');
    const caught = r.tests.filter((t) => !isScale(t.name) && (t.status === 'failed' || t.status === 'error' || t.status === 'timeout')).map((t) => t.name);
    if (r.status === 'import-error' || r.status === 'missing-dependency' || r.status === 'harness-error') failures.push(`variants/${name}.py: run ended with ${r.status}: ${firstLine(r.error?.message ?? '')}`);
    else if (!caught.length) failures.push(`variants/${name}.py passes every hidden test that is not a scale test (the bug goes unnoticed)`);
    else bugsCaught.set(name, caught);
  }
  if (bugsCaught.size) variantsNote += `, ${bugsCaught.size} bug variant${bugsCaught.size > 1 ? 's' : ''} caught`;

  let pytorchNote = '';
  if (checks.pytorch && problem.files.pytorch) {
    const pt = await validatePytorch(problem, run, runParts);
    if (pt.skipped) pytorchNote = `; PyTorch variant skipped (${pt.skipped})`;
    else {
      failures.push(...pt.failures);
      pytorchNote = `; ${pt.note}`;
    }
  }

  const slowest = Math.max(ref1.durationMs, ref2.durationMs);
  const parts = await validateFollowUps(problem, worker, withVariants, guard, failures);
  return { failures, bugsCaught, note: `${ref1.summary.total} hidden + ${ex.summary.total} examples, ${(slowest / 1000).toFixed(2)}/${limitS} s${variantsNote}${parts}${pytorchNote}` };
}

type RunFn = (solution: string, suite: Suite, timeoutSeconds?: number, framework?: Framework) => Promise<Report>;
/** A hidden run of parts 1..k (k = 1: part 1 only) of the problem, for a solution in `framework`. */
type RunPartsFn = (solution: string, k: number, framework: Framework) => Promise<Report>;

/**
 * The PyTorch variant under an interpreter with torch (contract A): solution_pytorch.py passes
 * every hidden test (framework pytorch, twice with the same statuses, within timeLimitSeconds)
 * and every PyTorch example; starter_pytorch.py imports and fails at least one hidden test; and
 * each follow-up part's followups/<id>/solution_pytorch.py passes parts 1..k under PyTorch while
 * the previous part's PyTorch reference fails part k (validatePytorchFollowUps).
 */
async function validatePytorch(problem: CodingProblem, run: RunFn, runParts: RunPartsFn): Promise<{ skipped?: string; failures: string[]; note: string }> {
  const files = problem.files.pytorch;
  const failures: string[] = [];
  if (!files) return { failures, note: '' };
  const limitS = problem.timeLimitSeconds;
  const ref1 = await run(files.solution, 'hidden', limitS, 'pytorch');
  if (ref1.status === 'missing-dependency') return { skipped: `needs ${(ref1.error?.modules ?? []).join(', ')}`, failures, note: '' };
  if (ref1.status === 'timeout') failures.push(`PyTorch reference's hidden suite exceeded timeLimitSeconds (${limitS} s): ${firstLine(ref1.error?.message ?? '')}`);
  else if (!allPassed(ref1)) failures.push(`PyTorch reference fails hidden tests: ${notPassed(ref1)}`);
  const ref2 = await run(files.solution, 'hidden', limitS, 'pytorch');
  const refDiff = diffStatuses(ref1, ref2);
  if (refDiff) failures.push(`PyTorch reference hidden run is not deterministic: ${refDiff}`);
  const ex = await run(files.solution, 'examples', limitS, 'pytorch');
  if (!allPassed(ex)) failures.push(`PyTorch reference fails its example tests (test_examples_pytorch.py): ${notPassed(ex)}`);
  const st = await run(files.starter, 'hidden', limitS, 'pytorch');
  if (st.status === 'import-error') failures.push(`PyTorch starter does not import: ${firstLine(st.error?.message ?? '')}`);
  else if (st.status === 'ok' && st.summary.passed === st.summary.total) failures.push('PyTorch starter passes every hidden test (the tests prove nothing)');
  else if (st.status !== 'ok' && st.status !== 'timeout') failures.push(`PyTorch starter run ended with ${st.status}: ${firstLine(st.error?.message ?? '')}`);
  const slowest = Math.max(ref1.durationMs, ref2.durationMs);
  const parts = await validatePytorchFollowUps(problem, runParts, failures);
  return { failures, note: `PyTorch ${ref1.summary.passed}/${ref1.summary.total} hidden + ${ex.summary.passed}/${ex.summary.total} examples, ${(slowest / 1000).toFixed(2)}/${limitS} s${parts}` };
}

/**
 * Follow-ups under PyTorch, for each part k that has its PyTorch reference (a missing one is a
 * static failure, see followUpRules): followups/<id>/solution_pytorch.py passes every hidden test
 * of parts 1..k run as a PyTorch solution, and the previous part's PyTorch reference (part 1:
 * solution_pytorch.py) fails at least one test of part k. Returns a note (", 2 follow-ups (26 tests)") or ''.
 */
async function validatePytorchFollowUps(problem: CodingProblem, runParts: RunPartsFn, failures: string[]): Promise<string> {
  let tests = 0;
  let checked = 0;
  for (const part of problem.parts) {
    const k = part.part;
    const file = part.files.solutionPytorch;
    if (!file) continue;
    const where = `part ${k} (${part.id}) under PyTorch`;
    const ref = await runParts(file, k, 'pytorch');
    const own = partTests(ref, k);
    tests += own.length;
    checked++;
    if (!own.length) failures.push(`${where}: no tests ran (${ref.status}${ref.error ? `: ${firstLine(ref.error.message)}` : ''})`);
    else if (!allPassed(ref)) failures.push(`${where}: followups/${part.id}/solution_pytorch.py fails the tests of parts 1..${k}: ${partNotPassed(ref)}`);
    const previous = k === 2 ? problem.files.pytorch?.solution : problem.parts[k - 3].files.solutionPytorch;
    if (!previous) continue;
    const prev = await runParts(previous, k, 'pytorch');
    if (prev.status === 'ok' && partTests(prev, k).every((t) => t.status === 'passed')) {
      failures.push(`${where}: the PyTorch reference of part ${k - 1} passes every test of part ${k} (the follow-up asks nothing new)`);
    }
  }
  return checked ? `, ${checked} follow-up${checked > 1 ? 's' : ''} (${tests} tests)` : '';
}

/** Buggy variants of a problem (contract B): `variants/bug_*.py`, sorted. */
function bugVariants(problem: CodingProblem): string[] {
  const dir = path.join(problem.dir, 'variants');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^bug_.*\.py$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Files `variants/<prefix>*.py` of a folder, sorted. */
function variantFiles(dir: string, prefix: 'bug_' | 'slow_'): string[] {
  const v = path.join(dir, 'variants');
  if (!existsSync(v)) return [];
  return readdirSync(v)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.py'))
    .sort()
    .map((f) => path.join(v, f));
}

/** The tests of part `k` of a report (a run with follow-ups tags each test with its part). */
function partTests(r: Report, k: number): Report['tests'] {
  return r.tests.filter((t) => (t.part ?? 1) === k);
}

/**
 * Contract F checks for each follow-up part k (2..K), appended to `failures`; returns a note
 * (", 2 follow-ups (16 tests), 3 bug variants caught") or ''.
 */
async function validateFollowUps(problem: CodingProblem, worker: HarnessWorker, withVariants: boolean, guard: number, failures: string[]): Promise<string> {
  if (!problem.parts.length) return '';
  const limitS = problem.timeLimitSeconds;
  const ids = problem.parts.map((p) => p.id);
  const runParts = (solution: string, k: number, timeoutSeconds = limitS): Promise<Report> =>
    worker.run({ problemDir: problem.dir, solution, suite: 'hidden', timeoutSeconds, followUps: ids.slice(0, k - 1) }, guard);
  let tests = 0;
  let bugs = 0;
  for (const part of problem.parts) {
    const k = part.part;
    const where = `part ${k} (${part.id})`;
    const ref = await runParts(part.files.solution, k);
    tests += partTests(ref, k).length;
    if (!partTests(ref, k).length) failures.push(`${where}: no tests ran`);
    if (!allPassed(ref)) failures.push(`${where}: its reference fails the tests of parts 1..${k}: ${partNotPassed(ref)}`);
    failures.push(...scaleOrder({ ...ref, tests: partTests(ref, k) }).map((f) => `${where}: ${f}`));
    const previous = k === 2 ? problem.files.solution : problem.parts[k - 3].files.solution;
    const prev = await runParts(previous, k);
    if (prev.status === 'ok' && partTests(prev, k).every((t) => t.status === 'passed')) {
      failures.push(`${where}: the reference of part ${k - 1} passes every test of part ${k} (the follow-up asks nothing new)`);
    }
    if (!withVariants) continue;
    for (const v of variantFiles(part.dir, 'bug_')) {
      const r = await runParts(v, k);
      const caught = r.status !== 'ok' || partTests(r, k).some((t) => t.status !== 'passed' && !isScale(t.name));
      if (!caught) failures.push(`${path.relative(problem.dir, v)}: passes every non-scale test of part ${k} (the tests miss this bug)`);
      else bugs++;
    }
    for (const v of variantFiles(part.dir, 'slow_')) {
      const r = await runParts(v, k, Math.max(limitS, 60));
      const wrong = checkSlowVariant({ ...r, tests: partTests(r, k) });
      if (wrong) failures.push(`${path.relative(problem.dir, v)}: ${wrong}`);
    }
  }
  const n = problem.parts.length;
  return `, ${n} follow-up${n > 1 ? 's' : ''} (${tests} tests)${bugs ? `, ${bugs} bug variant${bugs > 1 ? 's' : ''} caught` : ''}`;
}

function partNotPassed(r: Report): string {
  const bad = r.tests.find((t) => t.status !== 'passed');
  if (r.status !== 'ok' || !bad) return notPassed(r);
  return `part ${bad.part ?? 1} ${bad.name} ${bad.status}: ${firstLine(bad.message)}`;
}

/** Static rules of each follow-up part: its scale tests follow the same rules as part 1's; its learn.md (optional) has the sections. */
function followUpRules(problem: CodingProblem): string[] {
  const out: string[] = [];
  for (const part of problem.parts) {
    const source = readFileSync(part.files.testHidden, 'utf8');
    const scaleTests = [...source.matchAll(/^def (test_scale_\w+)\(/gm)].map((m) => m[1]);
    const where = `part ${part.part} (${part.id})`;
    if (problem.files.pytorch && !part.files.solutionPytorch) out.push(`${where}: followups/${part.id}/solution_pytorch.py is missing (the problem has a PyTorch variant, so each part needs its PyTorch reference)`);
    if (/\b(perf_counter|time\.time|time\.monotonic|process_time)\b/.test(source)) out.push(`${where}: test_hidden.py times code itself: use mlprep_harness.timing.assert_relative_speed`);
    if (scaleTests.length && !variantFiles(part.dir, 'slow_').length) out.push(`${where}: scale tests but no variants/slow_*.py`);
    if (scaleTests.length && !/\*\*Speed\.\*\*/.test(part.statement)) out.push(`${where}: scale tests but no **Speed.** paragraph in its statement`);
    const learn = path.join(part.dir, LEARN_FILE);
    if (existsSync(learn)) out.push(...learnDocIssues(readFileSync(learn, 'utf8')).map((i) => `followups/${part.id}/${LEARN_FILE} ${i}`));
  }
  return out;
}

// ---------------------------------------------------------------------------- scale checks

const isScale = (name: string): boolean => name.startsWith('test_scale_');

/** Known-slow variants of a problem: `variants/slow_*.py`, sorted. */
function slowVariants(problem: CodingProblem): string[] {
  const dir = path.join(problem.dir, 'variants');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^slow_.*\.py$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Static rules: scale tests use the relative rule, say it in the statement, and have a slow variant. */
function scaleRules(problem: CodingProblem): string[] {
  const source = readFileSync(problem.files.testHidden, 'utf8');
  const scaleTests = [...source.matchAll(/^def (test_scale_\w+)\(/gm)].map((m) => m[1]);
  const out: string[] = [];
  if (/\b(perf_counter|time\.time|time\.monotonic|process_time)\b/.test(source)) {
    out.push('test_hidden.py times code itself: use mlprep_harness.timing.assert_relative_speed (machine-relative)');
  }
  if (source.includes('assert_relative_speed') && !scaleTests.length) out.push('assert_relative_speed is used outside a test named test_scale_*');
  if (scaleTests.length && !source.includes('assert_relative_speed')) out.push(`${scaleTests[0]} does not use assert_relative_speed`);
  if (scaleTests.length && !/\*\*Speed\.\*\*/.test(problem.statement)) out.push('the statement has scale tests but no **Speed.** paragraph stating the rule');
  if (scaleTests.length && !slowVariants(problem).length) out.push('scale tests but no known-slow variant (variants/slow_*.py) proving they catch a slow solution');
  if (!scaleTests.length && slowVariants(problem).length) out.push('slow variants but no test_scale_* test for them to fail');
  return out;
}

/** Scale tests must come after every correctness test (the harness runs and streams them in file order). */
/** The Problems view's label leaves the difficulty visible at the default sidebar width. */
function labelRules(entry: { title: string; shortTitle?: string }): string[] {
  const label = treeLabel(entry);
  return label.length > TREE_LABEL_MAX ? [`Problems-view label "${label}" is ${label.length} characters; give a shortTitle of at most ${TREE_LABEL_MAX} so the difficulty stays visible`] : [];
}

/** learn.md beside the reference is optional; when present it must pass learnDocIssues. */
function learnRules(problem: CodingProblem): string[] {
  const file = path.join(problem.dir, LEARN_FILE);
  if (!existsSync(file)) return [];
  return learnDocIssues(readFileSync(file, 'utf8')).map((i) => `${LEARN_FILE} ${i}`);
}

function scaleOrder(r: Report): string[] {
  const names = r.tests.map((t) => t.name);
  const firstScale = names.findIndex(isScale);
  if (firstScale < 0) return [];
  const late = names.slice(firstScale).find((n) => !isScale(n));
  return late ? [`correctness test ${late} runs after the scale test ${names[firstScale]}: put test_scale_* last`] : [];
}

/** '' when a known-slow variant passes every correctness test and fails every scale test on speed. */
function checkSlowVariant(r: Report): string {
  if (r.status !== 'ok') return `run ended with ${r.status}: ${firstLine(r.error?.message ?? '')}`;
  const wrong: string[] = [];
  for (const t of r.tests) {
    if (isScale(t.name)) {
      if (t.status !== 'failed' || !/too slow/.test(t.message)) wrong.push(`${t.name} should fail as too slow but ${t.status}${t.message ? `: ${firstLine(t.message, 120)}` : ''}`);
    } else if (t.status !== 'passed') wrong.push(`correctness test ${t.name} ${t.status}: ${firstLine(t.message, 120)}`);
  }
  if (!r.tests.some((t) => isScale(t.name))) wrong.push('no test_scale_* test ran');
  return wrong.join('; ');
}

/** What one problem gathered across interpreters. */
interface Tally {
  validated: number;
  skips: string[];
  parts: string[];
  failures: string[];
  /** Bug variant -> every non-scale hidden test that caught it, under any interpreter. */
  bugs: Map<string, Set<string>>;
  /** Interpreters that validated the PyTorch variant. */
  pytorchValidated: number;
}

/**
 * Validates every problem under one interpreter with `jobs` workers in parallel, recording into
 * `tallies`; returns the wall time in ms. Lines are printed only for failures (the per-problem
 * summary comes at the end).
 */
async function validateUnderInterpreter(interp: Interpreter, problems: CodingProblem[], o: Pick<Options, 'jobs' | 'variants'>, tallies: Map<CodingProblem, Tally>): Promise<number> {
  const t0 = Date.now();
  const label = shortName(interp.name);
  const queue = interp.role === 'pytorch' ? problems.filter((p) => p.files.pytorch) : [...problems];
  const lanes = Array.from({ length: Math.min(o.jobs, Math.max(1, queue.length)) }, () => new HarnessWorker(interp.name));
  await Promise.all(
    lanes.map(async (worker) => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const tally = tallies.get(p)!;
        const started = Date.now();
        try {
          const checks: Checks = { numpy: interp.role === 'all', pytorch: interp.torch && !!p.files.pytorch, variants: o.variants };
          const r = await validateUnder(p, worker, checks);
          if (r.skipped) {
            tally.parts.push(`${label}: skipped (${r.skipped})`);
            if (checks.numpy) tally.skips.push(r.skipped);
            continue;
          }
          if (checks.numpy) tally.validated++;
          if (checks.pytorch && !/PyTorch variant skipped/.test(r.note ?? '')) tally.pytorchValidated++;
          for (const [bug, tests] of r.bugsCaught ?? []) {
            const seen = tally.bugs.get(bug) ?? new Set<string>();
            for (const t of tests) seen.add(t);
            tally.bugs.set(bug, seen);
          }
          for (const f of r.failures) tally.failures.push(`${label}: ${f}`);
          tally.parts.push(`${label}: ${r.note} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          if (r.failures.length) console.log(`FAIL [${label}] ${p.category}/${p.id}  ${r.failures.join('; ')}`);
        } catch (e) {
          tally.failures.push(`${label}: ${(e as Error).message}`);
          console.log(`FAIL [${label}] ${p.category}/${p.id}  ${(e as Error).message}`);
        }
      }
    }),
  );
  await Promise.all(lanes.map((w) => w.dispose()));
  return Date.now() - t0;
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
  if (o.setupVenvsOnly) {
    const ready = ensureVenvs((l) => console.log(l));
    console.log(`[validate] ${ready.length} of ${VENVS.length} virtual environments ready under .venvs/: ${ready.map(shortName).join(', ') || 'none'}`);
    return 0;
  }
  const pack = await loadPack(o.problemsDir, { source: 'builtin' });
  const packName = path.basename(o.problemsDir);
  const pythons = await interpreters(o.pythons, o.venvs);
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
  const theoryWanted = !o.slugs.length || o.slugs.some((s) => s === 'theory' || s.startsWith('theory/'));
  const behaviouralWanted = !o.slugs.length || o.slugs.includes('behavioural');
  if (o.slugs.length && !problems.length && !prompts.length && !schemaErrors.size && !theoryWanted && !behaviouralWanted) usage(`no problem matches ${o.slugs.join(', ')}`);

  let passed = 0;
  let failed = 0;
  const report = (ok: boolean, key: string, detail: string): void => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${key}  ${detail}`);
  };
  for (const [key, errors] of schemaErrors) report(false, key, errors.map((e) => formatCatalogError(e)).join('; '));
  for (const p of prompts) {
    // Built-in prompts pair every interviewer fact with its question (problems/README.md).
    const plain = p.context.flatMap((f, i) => (f.ask === undefined ? [i] : []));
    const problems = [...(plain.length ? [`context[${plain.join('], context[')}] without an "ask" question`] : []), ...(p.context.length < 5 ? [`only ${p.context.length} interviewer facts (at least 5)`] : []), ...labelRules(p)];
    report(!problems.length, `system-design/${p.id}`, problems.length ? problems.join('; ') : `schema ok · ${p.context.length} interviewer questions`);
  }
  if (theoryWanted) {
    // Theory cards (contract D): schema, unique ids, related ids resolve; cards per topic.
    const deck = await loadTheoryDeckFromDisk([{ dir: o.problemsDir, source: 'builtin' }], {
      codingIds: new Set(pack.problems.map((p) => p.id)), designIds: new Set(pack.designPrompts.map((p) => p.id)),
    });
    const byTopic = new Map<string, CatalogError[]>();
    for (const e of deck.errors) {
      const topic = path.basename(e.displayPath).replace(/\.ya?ml$/, '');
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), e]);
    }
    const wantedTopic = (t: string) => !o.slugs.length || o.slugs.includes('theory') || o.slugs.includes(`theory/${t}`);
    let cards = 0;
    for (const t of deck.topics) {
      cards += t.cards.length;
      if (!wantedTopic(t.id)) continue;
      const errors = byTopic.get(t.id) ?? [];
      byTopic.delete(t.id);
      const levels = ['L3', 'L4', 'L5', 'L6'].map((l) => `${l} ${t.cards.filter((c) => c.level === l).length}`).join(', ');
      const min = MIN_CARDS_PER_TOPIC[t.id];
      const short = min !== undefined && t.cards.length < min ? ` (below the ${min} contract D asks for)` : '';
      report(!errors.length, `theory/${t.id}`, errors.length ? errors.map(formatCatalogError).join('; ') : `${t.cards.length} cards${short}: ${levels}`);
    }
    for (const [topic, errors] of byTopic) if (wantedTopic(topic)) report(false, `theory/${topic}`, errors.map(formatCatalogError).join('; '));
    console.log(`# theory: ${cards} cards in ${deck.topics.length} topics`);
  }

  if (behaviouralWanted) {
    // The behavioural question bank: schema, unique ids (also against theory cards), competencies
    // and value-set question ids resolve; the issue-13 minimums (competencies, 60 questions).
    const deck = await loadTheoryDeckFromDisk([{ dir: o.problemsDir, source: 'builtin' }], {
      codingIds: new Set(pack.problems.map((p) => p.id)), designIds: new Set(pack.designPrompts.map((p) => p.id)),
    });
    const bank = await loadQuestionBankFromDisk([{ dir: o.problemsDir, source: 'builtin' }], new Set(deck.topics.flatMap((t) => t.cards.map((c) => c.id))));
    const problemsFound = bank.errors.map(formatCatalogError);
    const have = new Set(bank.competencies.map((c) => c.id));
    const absent = REQUIRED_COMPETENCIES.filter((c) => !have.has(c));
    if (absent.length) problemsFound.push(`missing competencies ${absent.join(', ')}`);
    if (bank.questions.length < MIN_BUILTIN_QUESTIONS) problemsFound.push(`${bank.questions.length} questions (at least ${MIN_BUILTIN_QUESTIONS})`);
    const empty = bank.competencies.filter((c) => !bank.questions.some((q) => q.competency === c.id)).map((c) => c.id);
    if (empty.length) problemsFound.push(`competencies without questions: ${empty.join(', ')}`);
    const perCompetency = bank.competencies.map((c) => `${c.id} ${bank.questions.filter((q) => q.competency === c.id).length}`).join(', ');
    const sets = bank.valueSets.map((v) => `${v.id} (${v.values.length} values)`).join(', ');
    report(!problemsFound.length, 'behavioural/questions', problemsFound.length ? problemsFound.join('; ') : `${bank.questions.length} questions: ${perCompetency}; value sets: ${sets}`);
  }

  // Reference times are cached for this run only: every scale test after the first reuses them
  // (a failing verdict is always re-measured side by side; see mlprep_harness/timing.py).
  let cacheDir: string | undefined;
  if (!process.env.MLPREP_TIMING_CACHE) process.env.MLPREP_TIMING_CACHE = cacheDir = mkdtempSync(path.join(os.tmpdir(), 'mlprep-timing-'));
  const tallies = new Map<CodingProblem, Tally>(problems.map((p) => [p, { validated: 0, skips: [], parts: [], failures: [...scaleRules(p), ...labelRules(p), ...learnRules(p), ...followUpRules(p)], bugs: new Map(), pytorchValidated: 0 }]));
  const withTorch = pythons.filter((i) => i.torch);
  const pytorchProblems = problems.filter((p) => p.files.pytorch);
  if (pytorchProblems.length && !withTorch.length) {
    console.log(`# no interpreter has torch: the PyTorch variant${pytorchProblems.length > 1 ? 's' : ''} of ${pytorchProblems.length} problem${pytorchProblems.length > 1 ? 's are' : ' is'} NOT validated (create .venvs/torch: validate-problems --setup-venvs)`);
  }
  const walls: string[] = [];
  for (const interp of pythons) {
    const ms = await validateUnderInterpreter(interp, problems, o, tallies);
    const checked = interp.role === 'pytorch' ? pytorchProblems.length : problems.length;
    walls.push(`# ${shortName(interp.name)}: ${checked} problems${interp.role === 'pytorch' ? ' (PyTorch variants)' : ''} in ${(ms / 1000).toFixed(1)} s wall (${o.jobs} parallel)`);
    console.log(walls[walls.length - 1]);
  }
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  for (const p of problems) {
    const t = tallies.get(p)!;
    if (!t.validated && !t.failures.length) t.failures.push(`not validated under any interpreter (${[...new Set(t.skips)].join('; ')})`);
    const bugs = [...t.bugs].map(([bug, tests]) => `${bug} by ${[...tests].slice(0, 3).join('|')}${tests.size > 3 ? `|+${tests.size - 3}` : ''}`);
    const extra = [
      ...(bugs.length ? [`bugs caught: ${bugs.join('; ')}`] : []),
      ...(p.files.pytorch && withTorch.length && !t.pytorchValidated ? ['PyTorch variant not validated (skipped under every torch interpreter)'] : []),
    ];
    report(!t.failures.length, `${p.category}/${p.id}`, t.failures.length ? t.failures.join('; ') : [...t.parts, ...extra].join(' · '));
  }
  for (const w of walls) console.log(w);
  if (pytorchProblems.length) {
    console.log(withTorch.length
      ? `# PyTorch variants: ${pytorchProblems.length} problem${pytorchProblems.length > 1 ? 's' : ''} under ${withTorch.map((i) => shortName(i.name)).join(', ')}`
      : `# no interpreter has torch: the PyTorch variant${pytorchProblems.length > 1 ? 's' : ''} of ${pytorchProblems.length} problem${pytorchProblems.length > 1 ? 's were' : ' was'} NOT validated`);
  }
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
    console.log(`  ${tag.padEnd(7)} ${t.part !== undefined ? `[part ${t.part}] ` : ''}${t.name}  ${Math.round(t.durationMs)} ms${loc}`);
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
  for (const ps of report.partSummaries ?? []) console.log(`part ${ps.part}: ${ps.passed}/${ps.total} passed`);
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
  if (o.part > 1 + problem.parts.length) usage(`${problem.id} has ${1 + problem.parts.length} part${problem.parts.length ? 's' : ''}; --part ${o.part} does not exist`);
  if (o.part > 1 && o.suite !== 'hidden') usage('--part needs the hidden suite');
  const partArgs = o.part > 1 ? ['--follow-ups', problem.parts.slice(0, o.part - 1).map((p) => p.id).join(',')] : [];
  const python = o.pythons?.[0] ?? 'python3';
  const fromEnv = process.env.MLPREP_FRAMEWORK;
  const framework: Framework = o.framework ?? (isFramework(fromEnv) ? fromEnv : /_pytorch\.py$/.test(o.solution!) ? 'pytorch' : 'numpy');
  if (framework === 'pytorch' && !problem.files.pytorch) usage(`${problem.id} has no PyTorch variant (no pytorch: in its problem.yaml)`);
  if (!o.json) console.log(`[validate] ${path.basename(o.solution!)} as a ${framework === 'pytorch' ? 'PyTorch' : 'NumPy'} solution${framework === 'pytorch' ? ` (examples: ${path.basename(frameworkFiles(problem, framework).testExamples)})` : ''}`);
  const r = await runPython({
    python,
    args: [HARNESS, 'run', '--problem-dir', problem.dir, '--solution', o.solution!, '--suite', o.suite, '--timeout', String(problem.timeLimitSeconds), '--framework', framework, ...partArgs],
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
