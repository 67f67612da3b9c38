// The worker's streamed per-test messages (shared contract 3): besides `ready`/`report`/`pong`/
// `error` (src/core/runner/report.ts), the worker sends for run `id`
//   { "type": "test", "id", "index": <0-based>, "total": <tests in the suite>, "test": <TestResult> }
// as each test finishes, and optionally { "type": "started", "id", "tests": [names…] } once the
// suite's test names are known. Parsed here so the pool can stream them to the views; the final
// `report` stays the source of truth.
import { TEST_STATUSES, type SourceLocation, type TestResult, type WorkerMessage } from './report';

export interface WorkerTestMessage {
  type: 'test';
  id: string;
  index: number;
  total: number;
  test: TestResult;
}

export interface WorkerStartedMessage {
  type: 'started';
  id: string;
  tests: string[];
}

export type WorkerStreamMessage = WorkerTestMessage | WorkerStartedMessage;

/** Any message the worker may send. */
export type AnyWorkerMessage = WorkerMessage | WorkerStreamMessage;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function location(v: unknown): SourceLocation | undefined {
  if (!isObj(v) || typeof v.file !== 'string' || !isNat(v.line) || !isNat(v.column) || v.line < 1 || v.column < 1) return undefined;
  return { file: v.file, line: v.line, column: v.column };
}

function testResult(v: unknown): TestResult | undefined {
  if (!isObj(v) || typeof v.name !== 'string' || typeof v.message !== 'string') return undefined;
  if (typeof v.status !== 'string' || !(TEST_STATUSES as readonly string[]).includes(v.status)) return undefined;
  if (typeof v.durationMs !== 'number' || !Number.isFinite(v.durationMs) || v.durationMs < 0) return undefined;
  const t: TestResult = { name: v.name, status: v.status as TestResult['status'], message: v.message, durationMs: v.durationMs };
  if (typeof v.expected === 'string') t.expected = v.expected;
  if (typeof v.actual === 'string') t.actual = v.actual;
  const loc = location(v.location);
  if (loc) t.location = loc;
  return t;
}

/**
 * Validates a streamed `test`/`started` message. Returns undefined for any other type (left to
 * parseWorkerMessage); throws Error naming the bad field for a malformed streamed message.
 */
export function parseStreamMessage(value: unknown): WorkerStreamMessage | undefined {
  if (!isObj(value) || (value.type !== 'test' && value.type !== 'started')) return undefined;
  if (typeof value.id !== 'string') throw new Error(`message.id: must be a string (${value.type})`);
  if (value.type === 'started') {
    if (!Array.isArray(value.tests) || !value.tests.every((n) => typeof n === 'string')) throw new Error('message.tests: must be an array of strings');
    return { type: 'started', id: value.id, tests: value.tests as string[] };
  }
  if (!isNat(value.index) || !isNat(value.total) || value.index >= value.total) throw new Error('message.index/total: must be integers with 0 <= index < total');
  const test = testResult(value.test);
  if (!test) throw new Error('message.test: must be a test result');
  return { type: 'test', id: value.id, index: value.index, total: value.total, test };
}
