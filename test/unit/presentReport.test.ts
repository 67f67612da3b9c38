// How a timeout and truncated output reach the user: from real harness reports (an endless loop,
// and a solution that prints 200,000 lines before looping) through the pure presenters every view
// uses (status bar headline, output channel lines, diagnostics, the outcome's detail).
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnosticsFor, reportLines, statusText, timeoutWhere, truncationNote } from '../../src/core/runner/presentReport';
import type { Report } from '../../src/core/runner/report';
import { deriveOutcome } from '../../src/core/runner/runOutcome';
import { harnessRun, solutionFile } from './helpers/harnessRun';

const WHEN = new Date(2026, 0, 1, 12, 0, 0);
const ENTRY_LINE = 1; // `def add(a, b):` in both fixtures

describe('a timed-out endless loop', () => {
  let r: Report;
  beforeAll(async () => {
    r = await harnessRun('plain', 'plain_loop', { extra: ['--timeout', '1.5'] });
  }, 60_000);

  it('names the line that was running everywhere the outcome shows', () => {
    expect(r.status).toBe('timeout');
    // plain_loop.py: line 2 is `while a == 2:`, line 3 its `pass`; the dump lands on one of them.
    const where = timeoutWhere(r);
    expect(where).toMatch(/^plain_loop\.py:[23]$/);
    expect(statusText('Add', r, 1500)).toBe(`Add: timed out at ${where} (1/3 passed)`);
    expect(deriveOutcome({ kind: 'report', report: r }, 'save')).toMatchObject({ kind: 'timed-out', headline: `timed out at ${where} (1/3 passed)` });
    expect(reportLines('Add', r, 1500, WHEN)[0]).toContain(`Add: timed out at ${where} (1/3 passed)`);
  });

  it('puts an error diagnostic on that line, and no truncation note (nothing was printed)', () => {
    const line = r.error!.location!.line;
    const diags = diagnosticsFor(r, solutionFile('plain_loop'), ENTRY_LINE);
    const onLine = diags.find((d) => d.line === line);
    expect(onLine).toMatchObject({ severity: 'error' });
    expect(onLine!.message).toContain(`timed out at plain_loop.py:${line}`);
    expect(truncationNote(r)).toBeUndefined();
    expect(diags.map((d) => d.message).join('\n')).not.toContain('output truncated');
  });

  it('does not place the diagnostic on another file that happens to share the name', () => {
    const diags = diagnosticsFor(r, '/elsewhere/plain_loop.py', ENTRY_LINE);
    expect(diags.every((d) => d.line === ENTRY_LINE && d.severity === 'warning')).toBe(true);
  });
});

describe('a timeout after 200,000 prints', () => {
  let r: Report;
  beforeAll(async () => {
    r = await harnessRun('plain', 'plain_print_flood', { extra: ['--timeout', '3'] });
  }, 60_000);

  const NOTE = 'output truncated: 200,000 lines printed; printing may be what made it slow';

  it('says the output was truncated, how many lines, and that printing may be the cause', () => {
    expect(r.output?.stdout).toMatchObject({ lines: 200_000, truncated: true });
    expect(truncationNote(r)).toBe(NOTE);
    expect(reportLines('Add', r, 3000, WHEN)).toContain(`  ! ${NOTE}`);
    expect(deriveOutcome({ kind: 'report', report: r }, 'save').detail).toContain('Output truncated: 200,000 lines printed; printing may be what made it slow.');
  });

  it('the diagnostic on the running line carries the note', () => {
    const line = r.error!.location!.line;
    const onLine = diagnosticsFor(r, solutionFile('plain_print_flood'), ENTRY_LINE).find((d) => d.line === line);
    expect(onLine!.message).toContain(`timed out at plain_print_flood.py:${line}`);
    expect(onLine!.message).toContain(NOTE);
  });

  it('a finished run that printed a lot says so too, without calling it a timeout', () => {
    const ok: Report = { ...r, status: 'ok', error: undefined };
    expect(timeoutWhere(ok)).toBeUndefined();
    expect(statusText('Add', ok, 10)).not.toContain('timed out');
    expect(deriveOutcome({ kind: 'report', report: ok }, 'save').detail).toContain('Output truncated: 200,000 lines');
    const quiet: Report = { ...ok, output: { stdout: { lines: 3, bytes: 30, truncated: false }, stderr: { lines: 0, bytes: 0, truncated: false } } };
    expect(truncationNote(quiet)).toBeUndefined();
    expect(reportLines('Add', quiet, 10, WHEN).some((l) => l.includes('truncated'))).toBe(false);
  });
});
