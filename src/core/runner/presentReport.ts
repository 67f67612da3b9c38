// How a harness report is shown: output-channel lines (coloured by syntaxes/mlprep-output.tmLanguage.json),
// status-bar text and diagnostics. Pure: the vscode side maps these to its own types.
import type { Report, SourceLocation, TestResult } from './report';

const MARK: Record<TestResult['status'], string> = { passed: '✓', failed: '✗', error: '!', timeout: '⏱', skipped: '–' };

export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * "solution.py:12" when a timed-out run says which line of the user's code was running (the
 * harness's faulthandler dump of the main thread, limited to the solution), else undefined.
 */
export function timeoutWhere(report: Report): string | undefined {
  const loc = report.status === 'timeout' ? report.error?.location : undefined;
  return loc ? `${loc.file.split(/[/\\]/).pop()}:${loc.line}` : undefined;
}

/**
 * "output truncated: 200,000 lines printed; printing may be what made it slow" when the harness
 * kept only the head and tail of what the code printed (`report.output`), else undefined.
 */
export function truncationNote(report: Report): string | undefined {
  const out = report.output;
  if (!out || (!out.stdout.truncated && !out.stderr.truncated)) return undefined;
  const lines = (out.stdout.truncated ? out.stdout.lines : 0) + (out.stderr.truncated ? out.stderr.lines : 0);
  return `output truncated: ${lines.toLocaleString('en-US')} line${lines === 1 ? '' : 's'} printed; printing may be what made it slow`;
}

/** "timed out at solution.py:12 (3/10 passed)", or "timed out (3/10 passed)" when no line is known. */
export function timedOutHeadline(report: Report): string {
  const at = timeoutWhere(report);
  return `timed out${at ? ` at ${at}` : ''} (${report.summary.passed}/${report.summary.total} passed)`;
}

/** "kmeans: 5/7 passed, 42 ms" */
export function statusText(title: string, report: Report, wallMs: number): string {
  const s = report.summary;
  switch (report.status) {
    case 'ok': return `${title}: ${s.passed}/${s.total} passed, ${formatMs(wallMs)}`;
    case 'timeout': return `${title}: ${timedOutHeadline(report)}`;
    case 'crashed': return `${title}: crashed (${s.passed}/${s.total} passed)`;
    case 'cancelled': return `${title}: cancelled`;
    case 'import-error': return `${title}: ${report.error?.kind === 'syntax-error' ? 'syntax error' : 'error on import'}`;
    case 'missing-dependency': return `${title}: missing ${(report.error?.modules ?? []).join(', ')}`;
    case 'harness-error': return `${title}: test harness error`;
  }
}

export type Verdict = 'passed' | 'failed' | 'error';

export function verdict(report: Report): Verdict {
  if (report.status === 'ok') return report.summary.total > 0 && report.summary.passed === report.summary.total ? 'passed' : 'failed';
  if (report.status === 'timeout' || report.status === 'crashed') return 'failed';
  return 'error';
}

const oneLine = (s: string, max = 160) => {
  const first = s.split('\n').find((l) => l.trim()) ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
};

const where = (loc: SourceLocation | undefined) => (loc ? ` (${loc.file.split(/[/\\]/).pop()}:${loc.line})` : '');

/**
 * A failed test's message on one line, for a Test Explorer diff message: the peek shows only the
 * first line above the expected/actual diff, so "what the test checks" and "by how much, against
 * which tolerance" must share it.
 */
export const diffTitle = (message: string): string => message.split('\n').map((l) => l.trim()).filter(Boolean).join(' — ');

/** A labelled value (a number, or an array view of several rows) as aligned output lines. */
const valueLines = (label: string, value: string, maxLines = 6): string[] => {
  const rows = value.split('\n').filter((l) => l.trim());
  const shown = rows.slice(0, maxLines).map((l, i) => `      ${i ? ' '.repeat(label.length) : label} ${l.length > 300 ? `${l.slice(0, 299)}…` : l.trimEnd()}`);
  if (rows.length > maxLines) shown.push(`      ${' '.repeat(label.length)} … (${rows.length - maxLines} more rows)`);
  return shown.length ? shown : [`      ${label}`];
};

/** Lines for the coloured output channel. */
export function reportLines(title: string, report: Report, wallMs: number, when: Date): string[] {
  const py = report.python;
  const libs = [py.numpy && `numpy ${py.numpy}`, py.pandas && `pandas ${py.pandas}`].filter(Boolean).join(', ');
  const hh = when.toTimeString().slice(0, 8);
  const lines = [`[${hh}] ━━ ${statusText(title, report, wallMs)} · ${report.suite} tests · Python ${py.version}${libs ? ` (${libs})` : ''}`];
  if (report.error && report.status !== 'ok') {
    lines.push(`  ! ${report.error.kind}: ${oneLine(report.error.message, 400)}${where(report.error.location)}`);
    if (report.error.installCommand) lines.push(`  → install with: ${report.error.installCommand}`);
    for (const l of report.error.message.split('\n').slice(1, 12)) if (l.trim()) lines.push(`    ${l}`);
  }
  for (const t of report.tests) {
    const head = `  ${MARK[t.status]} ${t.name} (${formatMs(t.durationMs)})`;
    if (t.status === 'passed' || t.status === 'skipped') {
      lines.push(t.status === 'skipped' ? `${head} skipped${t.message ? `: ${oneLine(t.message)}` : ''}` : head);
      continue;
    }
    lines.push(`${head} ${t.status}${where(t.location)}`);
    for (const l of t.message.split('\n').slice(0, 10)) if (l.trim()) lines.push(`      ${l.trimEnd()}`);
    if (t.expected !== undefined) lines.push(...valueLines('expected:', t.expected));
    if (t.actual !== undefined) lines.push(...valueLines('actual:  ', t.actual));
  }
  const out = report.stdout.trim();
  if (out) {
    lines.push('  ┄ your prints (stdout):');
    for (const l of out.split('\n').slice(0, 20)) lines.push(`    │ ${l}`);
  }
  const note = truncationNote(report);
  if (note) lines.push(`  ! ${note}`);
  return lines;
}

export interface DiagnosticData {
  /** 1-based. */
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Diagnostics on the user's solution: each error raised in their code at its line (one per line),
 * import/syntax errors at theirs, and a summary of failed tests on the entry function's `def` line.
 */
export function diagnosticsFor(report: Report, solutionPath: string, entryLine: number | undefined): DiagnosticData[] {
  const same = (loc?: SourceLocation) => !!loc && normalise(loc.file) === normalise(solutionPath);
  const out: DiagnosticData[] = [];
  const note = truncationNote(report);
  if (report.error?.location && same(report.error.location)) {
    // A timeout's first line is long ("timed out: the suite exceeded …, at solution.py line 12; it
    // printed …"); the diagnostic sits on that line, so it leads with what happened there.
    const message = report.status === 'timeout'
      ? `${timedOutHeadline(report)}: this line was running when the ${report.suite} tests hit their time limit${note ? `; ${note}` : ''}`
      : oneLine(report.error.message, 400);
    out.push({ line: report.error.location.line, column: report.error.location.column, message, severity: 'error' });
  }
  const byLine = new Map<number, TestResult[]>();
  for (const t of report.tests) {
    if (t.status === 'error' && same(t.location)) {
      const list = byLine.get(t.location!.line) ?? [];
      list.push(t);
      byLine.set(t.location!.line, list);
    }
  }
  for (const [line, tests] of byLine) {
    const t = tests[0];
    const others = tests.length > 1 ? ` (and ${tests.length - 1} more test${tests.length > 2 ? 's' : ''})` : '';
    out.push({ line, column: t.location!.column, message: `${oneLine(t.message, 300)} — in ${t.name}${others}`, severity: 'error' });
  }
  const failed = report.tests.filter((t) => t.status === 'failed' || t.status === 'timeout' || (t.status === 'error' && !same(t.location)));
  if (failed.length && entryLine !== undefined) {
    const names = failed.slice(0, 3).map((t) => t.name).join(', ');
    out.push({
      line: entryLine,
      column: 1,
      message: `${failed.length} of ${report.summary.total} hidden tests ${failed.length === 1 ? 'does' : 'do'} not pass: ${names}${failed.length > 3 ? ', …' : ''}. See the Test Explorer or the MLPrep Tests output.`,
      severity: 'warning',
    });
  }
  if (report.status === 'timeout' && entryLine !== undefined && !failed.length) {
    out.push({ line: entryLine, column: 1, message: `The hidden tests timed out: look for an endless loop, or work that is not vectorised.${note ? ` (${note})` : ''}`, severity: 'warning' });
  }
  return out;
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/^([a-z]):/i, (_, d: string) => `${d.toLowerCase()}:`);
}

/** 1-based line of `def <entry>(` in the user's source, if present. */
export function findEntryLine(source: string, entry: string): number | undefined {
  const re = new RegExp(`^\\s*(?:async\\s+)?(?:def|class)\\s+${entry.replace(/[^\w]/g, '')}\\b`);
  const lines = source.split(/\r?\n/);
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? undefined : i + 1;
}

/** Names of the `test_*` functions of a test file, in order (for Test Explorer items before a run). */
export function testNamesIn(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/^def (test_\w+)\s*\(/gm)) names.push(m[1]);
  return names;
}
