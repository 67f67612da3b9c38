// The worker protocol contract, checked from both sides against one schema and one set of golden
// messages (test/fixtures/worker-protocol/): the Python side builds each golden message with its
// protocol module (check_protocol.py), the TypeScript side parses every golden message back to
// itself, and the messages of a real worker run validate against the same schema.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../src/adapters/pythonProcess';
import {
  REPORT_VERSION,
  RUN_STATUSES,
  SUITES,
  TEST_STATUSES,
  WORKER_PROTOCOL_VERSION,
  parseWorkerMessage,
  ReportParseError,
} from '../../src/core/runner/report';

const PYTHON = process.env.MLPREP_TEST_PYTHON ?? 'python3';
const SYSTEM_PYTHON = '/usr/bin/python3';
const DIR = path.resolve(__dirname, '../fixtures/worker-protocol');
const HARNESS = path.resolve(__dirname, '../../src/python/mlprep_harness.py');
const FIXTURES = path.resolve(__dirname, '../fixtures/harness');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  $ref?: string;
  oneOf?: Schema[];
  type?: string | string[];
  const?: Json;
  enum?: Json[];
  minimum?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  items?: Schema;
  definitions?: Record<string, Schema>;
}

const schema = JSON.parse(readFileSync(path.join(DIR, 'schema.json'), 'utf8')) as Schema;
const goldens = readdirSync(path.join(DIR, 'messages'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, value: JSON.parse(readFileSync(path.join(DIR, 'messages', f), 'utf8')) as Json }));

const isType: Record<string, (v: Json) => boolean> = {
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
};

/** Errors of `value` against the schema subset that schema.json uses (same rules as check_protocol.py). */
function validate(value: Json, s: Schema, where = '$'): string[] {
  if (s.$ref) return validate(value, schema.definitions![s.$ref.split('/').pop()!], where);
  if (s.oneOf) {
    const passing = s.oneOf.filter((o) => validate(value, o, where).length === 0).length;
    return passing === 1 ? [] : [`${where}: matches ${passing} of oneOf`];
  }
  const errs: string[] = [];
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => isType[t](value))) return [`${where}: ${JSON.stringify(value)} is not ${types.join('/')}`];
  }
  if (s.const !== undefined && value !== s.const) errs.push(`${where}: ${JSON.stringify(value)} != ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) errs.push(`${where}: ${JSON.stringify(value)} not in enum`);
  if (s.minimum !== undefined && typeof value === 'number' && value < s.minimum) errs.push(`${where}: ${value} < ${s.minimum}`);
  if (isType.object(value)) {
    const o = value as Record<string, Json>;
    for (const k of s.required ?? []) if (!(k in o)) errs.push(`${where}: missing ${k}`);
    for (const [k, v] of Object.entries(o)) {
      if (s.properties?.[k]) errs.push(...validate(v, s.properties[k], `${where}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${where}: unexpected key ${k}`);
    }
  }
  if (Array.isArray(value) && s.items) value.forEach((v, i) => errs.push(...validate(v, s.items!, `${where}[${i}]`)));
  return errs;
}

describe('worker protocol contract', () => {
  it('the Python protocol module builds exactly the golden messages (python3)', async () => {
    const r = await runPython({ python: PYTHON, args: [path.join(DIR, 'check_protocol.py')], timeoutMs: 30_000 });
    expect(r.stdout + r.stderr).toContain('checked 14 golden messages against schema.json: ok');
    expect(r.exitCode).toBe(0);
  });

  it.skipIf(!existsSync(SYSTEM_PYTHON))('and under /usr/bin/python3', async () => {
    const r = await runPython({ python: SYSTEM_PYTHON, args: [path.join(DIR, 'check_protocol.py')], timeoutMs: 30_000 });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });

  it('TypeScript enums and versions match the schema', () => {
    const d = schema.definitions!;
    expect(d.reportBody.properties!.status.enum).toEqual([...RUN_STATUSES]);
    expect(d.testResult.properties!.status.enum).toEqual([...TEST_STATUSES]);
    expect(d.reportBody.properties!.suite.enum).toEqual([...SUITES]);
    expect(d.ready.properties!.protocol.const).toBe(WORKER_PROTOCOL_VERSION);
    expect(d.reportBody.properties!.version.const).toBe(REPORT_VERSION);
  });

  it('covers every message type with at least one golden message', () => {
    const types = new Set(goldens.map((g) => (g.value as { type: string }).type));
    expect([...types].sort()).toEqual(['error', 'pong', 'ready', 'report', 'started', 'test']);
  });

  it.each(goldens.map((g) => [g.file, g.value] as const))('%s validates and parses back to itself', (_file, value) => {
    expect(validate(value, schema)).toEqual([]);
    expect(parseWorkerMessage(value)).toEqual(value);
  });

  it('the validator rejects what the schema forbids (it can fail)', () => {
    const test = goldens.find((g) => g.file === 'test-failed.json')!.value as Record<string, Json>;
    expect(validate({ ...test, extra: 1 }, schema)).not.toEqual([]);
    expect(validate({ ...test, index: -1 }, schema)).not.toEqual([]);
    expect(validate({ type: 'pong', id: 'x' }, schema)).not.toEqual([]);
  });
});

describe('parseWorkerMessage: streaming variants', () => {
  const test = { name: 'test_a', status: 'passed', message: '', durationMs: 1 };
  it('accepts started and test messages', () => {
    expect(parseWorkerMessage({ type: 'started', id: 'r', tests: ['test_a', 'test_b'] })).toEqual({ type: 'started', id: 'r', tests: ['test_a', 'test_b'] });
    expect(parseWorkerMessage({ type: 'test', id: 'r', index: 1, total: 2, test })).toEqual({ type: 'test', id: 'r', index: 1, total: 2, test });
  });
  it('rejects malformed ones, naming the field', () => {
    expect(() => parseWorkerMessage({ type: 'started', id: 'r', tests: [1] })).toThrow(/message\.tests: must be an array of strings/);
    expect(() => parseWorkerMessage({ type: 'test', id: 'r', index: 2, total: 2, test })).toThrow(/message\.index: must be below total/);
    expect(() => parseWorkerMessage({ type: 'test', id: 'r', index: 0, total: 1, test: { ...test, status: 'ok' } })).toThrow(ReportParseError);
    expect(() => parseWorkerMessage({ type: 'test', id: 'r', index: 0, total: 0, test })).toThrow(/message\.total/);
    expect(() => parseWorkerMessage({ type: 'test', id: null, index: 0, total: 1, test })).toThrow(/message\.id: must be a string/);
  });
});

/**
 * Raw JSON lines of a real worker for `requests`, sent one at a time (a new run would cancel the
 * one in progress): the next goes when the previous one was answered (report, pong or error).
 */
function workerLines(requests: object[]): Promise<Json[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [HARNESS, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, PYTHONUTF8: '1' } });
    const lines: Json[] = [];
    let pending = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not answer: ${JSON.stringify(lines).slice(0, 400)}`));
    }, 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const msg = JSON.parse(line) as Json;
        lines.push(msg);
        if (['ready', 'report', 'pong', 'error'].includes((msg as { type: string }).type)) {
          const next = requests.shift();
          if (next) {
            child.stdin.write(`${JSON.stringify(next)}\n`);
          } else {
            clearTimeout(timer);
            child.stdin.end();
            resolve(lines);
          }
        }
      }
    });
  });
}

describe('a real worker speaks the schema', () => {
  it('streams started, one test per finished test, then exactly one report', async () => {
    const problemDir = path.join(FIXTURES, 'problems', 'plain');
    const lines = await workerLines([
      { type: 'run', id: 'a', problemDir, solution: path.join(FIXTURES, 'solutions', 'plain_raises.py') },
      { type: 'ping' },
      { type: 'run', id: 'b', problemDir, solution: path.join(FIXTURES, 'solutions', 'plain_loop.py'), timeoutSeconds: 1 },
      { type: 'launch', id: 'c' },
      { type: 'run', id: 'd', problemDir, solution: path.join(FIXTURES, 'solutions', 'plain_syntax.py') },
    ]);
    for (const m of lines) expect(validate(m, schema), JSON.stringify(m).slice(0, 300)).toEqual([]);
    for (const m of lines) expect(() => parseWorkerMessage(m)).not.toThrow();
    const of = (id: string) => lines.filter((m) => (m as { id?: string }).id === id) as Record<string, Json>[];

    const a = of('a');
    expect(a.map((m) => m.type)).toEqual(['started', 'test', 'test', 'test', 'report']);
    expect(a[0].tests).toEqual(['test_first', 'test_second', 'test_third']);
    const reportA = a[4].report as { tests: Json[] };
    a.slice(1, 4).forEach((m, i) => {
      expect(m).toMatchObject({ index: i, total: 3 });
      expect(m.test).toEqual(reportA.tests[i]); // the streamed record is the report's record
    });

    // a timeout: the finished test is streamed, the stopped one comes only with the report
    const b = of('b');
    expect(b.map((m) => m.type)).toEqual(['started', 'test', 'report']);
    expect((b[2].report as { status: string }).status).toBe('timeout');

    // an import error: no test ran, so nothing is streamed
    expect(of('d').map((m) => m.type)).toEqual(['report']);
    expect(lines.map((m) => (m as { type: string }).type)).toContain('pong');
    expect(of('c')).toEqual([{ type: 'error', id: 'c', message: "unknown request type 'launch'" }]);
  });
});
