// The JSON the Python harness (src/python/mlprep_harness/, messages built in protocol.py) prints,
// and the worker protocol spoken by its `serve` mode. Schema and golden messages shared with the
// Python side: test/fixtures/worker-protocol/ (contract test: test/unit/workerProtocol.test.ts). Everything coming from Python goes through parseReport /
// parseWorkerMessage: we judge results by these fields, never by scraping text.

export const REPORT_VERSION = 1;
export const WORKER_PROTOCOL_VERSION = 1;

export const RUN_STATUSES = ['ok', 'import-error', 'timeout', 'crashed', 'cancelled', 'missing-dependency', 'harness-error'] as const;
/** `ok` = the suite ran to the end (tests may still have failed). */
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TEST_STATUSES = ['passed', 'failed', 'error', 'timeout', 'skipped'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

export const SUITES = ['hidden', 'examples'] as const;
export type Suite = (typeof SUITES)[number];

/** 1-based line and column in a file (the user's solution for errors raised there). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface TestResult {
  name: string;
  status: TestStatus;
  /** Empty when passed. Short: assertion summary, or exception type/message plus solution frames. */
  message: string;
  /** From numpy/pandas assertion messages (arrays truncated to a few hundred characters). */
  expected?: string;
  actual?: string;
  durationMs: number;
  /** Deepest frame inside the solution file, for errors raised there. */
  location?: SourceLocation;
  /** The part (1, 2, ...) whose suite holds the test, in a run with follow-ups; absent otherwise (part 1). */
  part?: number;
}

export interface ReportSummary {
  passed: number;
  failed: number;
  errors: number;
  timeouts: number;
  skipped: number;
  total: number;
}

export interface ReportError {
  /** e.g. syntax-error, exception, missing-entry, missing-dependency, timeout, crashed, cancelled, test-file, harness */
  kind: string;
  message: string;
  location?: SourceLocation;
  /** missing-dependency: the modules that are not installed, and a command that installs them. */
  modules?: string[];
  installCommand?: string;
  /** crashed: the signal name (SIGSEGV) or the exit code. */
  signal?: string;
  exitCode?: number;
}

export interface PythonInfo {
  executable: string;
  version: string;
  numpy: string | null;
  pandas: string | null;
}

/** How much one captured stream held before truncation. */
export interface StreamStats {
  lines: number;
  bytes: number;
  /** The report's text keeps only the head and the tail. */
  truncated: boolean;
}

export interface Report {
  version: 1;
  suite: Suite;
  status: RunStatus;
  summary: ReportSummary;
  durationMs: number;
  tests: TestResult[];
  /** The user's prints, truncated (head and tail kept). */
  stdout: string;
  stderr: string;
  error?: ReportError;
  python: PythonInfo;
  /** Lines/bytes printed in all (absent from older harnesses). */
  output?: { stdout: StreamStats; stderr: StreamStats };
  /** A run with follow-ups: one summary per part, parts 1..k in order (checked against the tests). */
  partSummaries?: PartSummary[];
}

export interface PartSummary extends ReportSummary {
  part: number;
}

// ---------------------------------------------------------------------------- worker protocol

export type WorkerRequest =
  | {
      type: 'run';
      id: string;
      problemDir: string;
      solution: string;
      suite?: Suite;
      /** Wall-clock limit for the whole run; default: the problem's timeLimitSeconds, else 10. */
      timeoutSeconds?: number;
      /** Address-space headroom for the test process; default 2048. */
      memoryMb?: number;
      /** MLPREP_TIMING_CACHE for the tests (reference timings); default: the per-user cache dir. */
      timingCacheDir?: string;
      /** What the solution is written in: 'numpy' (default) or 'pytorch' (contract A: the hidden tests adapt it; the examples are test_examples_pytorch.py; torch is required). */
      framework?: 'numpy' | 'pytorch';
      /**
       * The unlocked follow-ups' ids in order (hidden suite only): the run covers parts 1..k and
       * each test result carries its `part` (contract F; src/python/mlprep_harness/parts.py).
       */
      followUps?: string[];
    }
  /** Kills the run with that id at once; its report (status "cancelled") is the answer. */
  | { type: 'cancel'; id: string }
  | { type: 'ping' }
  | { type: 'shutdown' };

export type WorkerMessage =
  | { type: 'ready'; protocol: number; pid: number; python: PythonInfo; fork: boolean }
  /** Exactly one per run request (id null only when the request had none). */
  /** Once per run, when the suite's test names are known (in the order they will run). */
  | { type: 'started'; id: string; tests: string[]; parts?: number[] }
  /** One per finished test, as it finishes; `test` is the same record the final report lists. */
  | { type: 'test'; id: string; index: number; total: number; test: TestResult }
  | { type: 'report'; id: string | null; report: Report }
  | { type: 'pong' }
  | { type: 'error'; id: string | null; message: string };

// ---------------------------------------------------------------------------- parsing

export class ReportParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportParseError';
  }
}

type Obj = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function fail(path: string, what: string, got: unknown): never {
  throw new ReportParseError(`${path}: ${what} (got ${describe(got)})`);
}

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object', value);
  return value as Obj;
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${path}.${key}`, 'must be a string', v);
  return v;
}

function optStr(o: Obj, key: string, path: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, path);
}

function nullableStr(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === null) return null;
  if (typeof v !== 'string') fail(`${path}.${key}`, 'must be a string or null', v);
  return v;
}

function num(o: Obj, key: string, path: string, opts: { int?: boolean; min?: number } = {}): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.${key}`, 'must be a finite number', v);
  if (opts.int && !Number.isInteger(v)) fail(`${path}.${key}`, 'must be an integer', v);
  if (opts.min !== undefined && v < opts.min) fail(`${path}.${key}`, `must be >= ${opts.min}`, v);
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    fail(`${path}.${key}`, `must be one of ${values.join(', ')}`, v);
  }
  return v as T;
}

function location(value: unknown, path: string): SourceLocation {
  const o = obj(value, path);
  return {
    file: str(o, 'file', path),
    line: num(o, 'line', path, { int: true, min: 1 }),
    column: num(o, 'column', path, { int: true, min: 1 }),
  };
}

function pythonInfo(value: unknown, path: string): PythonInfo {
  const o = obj(value, path);
  return {
    executable: str(o, 'executable', path),
    version: str(o, 'version', path),
    numpy: nullableStr(o, 'numpy', path),
    pandas: nullableStr(o, 'pandas', path),
  };
}

function testResult(value: unknown, path: string): TestResult {
  const o = obj(value, path);
  const t: TestResult = {
    name: str(o, 'name', path),
    status: oneOf(o, 'status', path, TEST_STATUSES),
    message: str(o, 'message', path),
    durationMs: num(o, 'durationMs', path, { min: 0 }),
  };
  const expected = optStr(o, 'expected', path);
  const actual = optStr(o, 'actual', path);
  if (expected !== undefined) t.expected = expected;
  if (actual !== undefined) t.actual = actual;
  if (o.location !== undefined && o.location !== null) t.location = location(o.location, `${path}.location`);
  if (o.part !== undefined && o.part !== null) t.part = num(o, 'part', path, { int: true, min: 1 });
  return t;
}

function reportError(value: unknown, path: string): ReportError {
  const o = obj(value, path);
  const e: ReportError = { kind: str(o, 'kind', path), message: str(o, 'message', path) };
  if (o.location !== undefined && o.location !== null) e.location = location(o.location, `${path}.location`);
  if (o.modules !== undefined) {
    if (!Array.isArray(o.modules) || !o.modules.every((m) => typeof m === 'string')) {
      fail(`${path}.modules`, 'must be an array of strings', o.modules);
    }
    e.modules = o.modules as string[];
  }
  const installCommand = optStr(o, 'installCommand', path);
  if (installCommand !== undefined) e.installCommand = installCommand;
  const signal = optStr(o, 'signal', path);
  if (signal !== undefined) e.signal = signal;
  if (o.exitCode !== undefined) e.exitCode = num(o, 'exitCode', path, { int: true });
  return e;
}

function streamStats(value: unknown, path: string): StreamStats {
  const o = obj(value, path);
  if (typeof o.truncated !== 'boolean') fail(`${path}.truncated`, 'must be a boolean', o.truncated);
  return { lines: num(o, 'lines', path, { int: true, min: 0 }), bytes: num(o, 'bytes', path, { int: true, min: 0 }), truncated: o.truncated };
}

const SUMMARY_KEYS: Record<TestStatus, keyof ReportSummary> = {
  passed: 'passed',
  failed: 'failed',
  error: 'errors',
  timeout: 'timeouts',
  skipped: 'skipped',
};

/** `partSummaries`: parts 1..k in order, each agreeing with the tests that carry that part. */
function partSummaries(value: unknown, tests: TestResult[], path: string): PartSummary[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, 'must be a non-empty array', value);
  return value.map((v, i) => {
    const p = `${path}[${i}]`;
    const o = obj(v, p);
    const row: PartSummary = {
      part: num(o, 'part', p, { int: true, min: 1 }),
      passed: num(o, 'passed', p, { int: true, min: 0 }),
      failed: num(o, 'failed', p, { int: true, min: 0 }),
      errors: num(o, 'errors', p, { int: true, min: 0 }),
      timeouts: num(o, 'timeouts', p, { int: true, min: 0 }),
      skipped: num(o, 'skipped', p, { int: true, min: 0 }),
      total: num(o, 'total', p, { int: true, min: 0 }),
    };
    if (row.part !== i + 1) fail(`${p}.part`, `must be ${i + 1} (parts in order)`, row.part);
    const counted: ReportSummary = { passed: 0, failed: 0, errors: 0, timeouts: 0, skipped: 0, total: 0 };
    for (const t of tests) {
      if ((t.part ?? 1) !== row.part) continue;
      counted[SUMMARY_KEYS[t.status]] += 1;
      counted.total += 1;
    }
    for (const key of Object.keys(counted) as (keyof ReportSummary)[]) {
      if (counted[key] !== row[key]) fail(`${p}.${key}`, `does not match the tests of part ${row.part} (they give ${counted[key]})`, row[key]);
    }
    return row;
  });
}

/** The part of a test result: 1 unless the run had follow-ups. */
export function partOf(t: Pick<TestResult, 'part'>): number {
  return t.part ?? 1;
}

/**
 * How many parts a report shows as passed: part j passes when part j has tests and every test
 * of parts 1..j passed (so a timeout in part 3 still credits parts 1 and 2). 0 when part 1 did
 * not pass. A report without follow-ups gives 1 or 0 (allPassed).
 */
export function partsPassed(report: Report): number {
  if (!report.partSummaries) return allPassed(report) ? 1 : 0;
  if (report.status === 'harness-error' || report.status === 'cancelled') return 0;
  let passed = 0;
  for (const s of report.partSummaries) {
    if (s.total === 0 || s.passed !== s.total) break;
    passed += 1;
  }
  return passed;
}

/** Validates the harness's JSON report; throws ReportParseError naming the bad field. */
export function parseReport(value: unknown): Report {
  const path = 'report';
  const o = obj(value, path);
  if (o.version !== REPORT_VERSION) {
    fail(`${path}.version`, `unsupported report version (this MLPrep reads version ${REPORT_VERSION})`, o.version);
  }
  const s = obj(o.summary, `${path}.summary`);
  const summary: ReportSummary = {
    passed: num(s, 'passed', `${path}.summary`, { int: true, min: 0 }),
    failed: num(s, 'failed', `${path}.summary`, { int: true, min: 0 }),
    errors: num(s, 'errors', `${path}.summary`, { int: true, min: 0 }),
    timeouts: num(s, 'timeouts', `${path}.summary`, { int: true, min: 0 }),
    skipped: num(s, 'skipped', `${path}.summary`, { int: true, min: 0 }),
    total: num(s, 'total', `${path}.summary`, { int: true, min: 0 }),
  };
  if (!Array.isArray(o.tests)) fail(`${path}.tests`, 'must be an array', o.tests);
  const tests = o.tests.map((t, i) => testResult(t, `${path}.tests[${i}]`));
  // The summary must agree with the tests: a mismatch means a corrupted or forged report.
  const counted: ReportSummary = { passed: 0, failed: 0, errors: 0, timeouts: 0, skipped: 0, total: tests.length };
  for (const t of tests) counted[SUMMARY_KEYS[t.status]] += 1;
  for (const key of Object.keys(counted) as (keyof ReportSummary)[]) {
    if (counted[key] !== summary[key]) {
      fail(`${path}.summary.${key}`, `does not match the tests (they give ${counted[key]})`, summary[key]);
    }
  }
  const report: Report = {
    version: REPORT_VERSION,
    suite: oneOf(o, 'suite', path, SUITES),
    status: oneOf(o, 'status', path, RUN_STATUSES),
    summary,
    durationMs: num(o, 'durationMs', path, { min: 0 }),
    tests,
    stdout: str(o, 'stdout', path),
    stderr: str(o, 'stderr', path),
    python: pythonInfo(o.python, `${path}.python`),
  };
  if (o.error !== undefined && o.error !== null) report.error = reportError(o.error, `${path}.error`);
  if (o.output !== undefined && o.output !== null) {
    const out = obj(o.output, `${path}.output`);
    report.output = { stdout: streamStats(out.stdout, `${path}.output.stdout`), stderr: streamStats(out.stderr, `${path}.output.stderr`) };
  }
  if (o.partSummaries !== undefined && o.partSummaries !== null) report.partSummaries = partSummaries(o.partSummaries, tests, `${path}.partSummaries`);
  if (report.status !== 'ok' && !report.error) fail(`${path}.error`, `is required when status is "${report.status}"`, o.error);
  return report;
}

/** Parses a JSON string (one harness stdout / one worker line) and validates it. */
export function parseReportJson(text: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReportParseError(`report is not JSON: ${(e as Error).message}; output starts with ${describe(text.trim().slice(0, 40))}`);
  }
  return parseReport(value);
}

/** Validates one message from the `serve` worker. */
export function parseWorkerMessage(value: unknown): WorkerMessage {
  const path = 'message';
  const o = obj(value, path);
  const type = o.type;
  const id = (): string | null => {
    if (o.id === null || o.id === undefined) return null;
    if (typeof o.id !== 'string') fail(`${path}.id`, 'must be a string or null', o.id);
    return o.id;
  };
  switch (type) {
    case 'ready':
      return {
        type,
        protocol: num(o, 'protocol', path, { int: true }),
        pid: num(o, 'pid', path, { int: true }),
        python: pythonInfo(o.python, `${path}.python`),
        fork: o.fork === true,
      };
    case 'started': {
      if (!Array.isArray(o.tests) || !o.tests.every((t) => typeof t === 'string')) fail(`${path}.tests`, 'must be an array of strings', o.tests);
      const msg: WorkerMessage = { type, id: str(o, 'id', path), tests: o.tests as string[] };
      if (o.parts !== undefined && o.parts !== null) {
        if (!Array.isArray(o.parts) || o.parts.length !== o.tests.length || !o.parts.every((n) => Number.isInteger(n) && (n as number) >= 1)) {
          fail(`${path}.parts`, 'must be an array of part numbers, one per test', o.parts);
        }
        msg.parts = o.parts as number[];
      }
      return msg;
    }
    case 'test': {
      const total = num(o, 'total', path, { int: true, min: 1 });
      const index = num(o, 'index', path, { int: true, min: 0 });
      if (index >= total) fail(`${path}.index`, `must be below total (${total})`, index);
      return { type, id: str(o, 'id', path), index, total, test: testResult(o.test, `${path}.test`) };
    }
    case 'report':
      return { type, id: id(), report: parseReport(o.report) };
    case 'pong':
      return { type };
    case 'error':
      return { type, id: id(), message: str(o, 'message', path) };
    default:
      return fail(`${path}.type`, 'must be one of ready, started, test, report, pong, error', type);
  }
}

// ---------------------------------------------------------------------------- helpers

/** True when the suite ran and every test passed (and there was at least one). */
export function allPassed(report: Report): boolean {
  return report.status === 'ok' && report.summary.total > 0 && report.summary.passed === report.summary.total;
}

/** One short line for a status bar or a log: "5/7 passed", "timed out · 2/7 passed", "import error". */
export function summarise(report: Report): string {
  const s = report.summary;
  const counts = `${s.passed}/${s.total} passed`;
  switch (report.status) {
    case 'ok':
      return counts;
    case 'timeout':
      return `timed out · ${counts}`;
    case 'crashed':
      return `crashed · ${counts}`;
    case 'cancelled':
      return 'cancelled';
    case 'import-error':
      return report.error?.kind === 'syntax-error' ? 'syntax error' : 'import error';
    case 'missing-dependency':
      return `missing ${(report.error?.modules ?? []).join(', ') || 'dependency'}`;
    case 'harness-error':
      return 'harness error';
  }
}
