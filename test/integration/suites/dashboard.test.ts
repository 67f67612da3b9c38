// The progress dashboard in a real VS Code: opened through its command, its real webview bundle
// loads under the strict CSP, draws what the host derived from the progress store, redraws when
// progress changes (here: a record imported through mlprep.importProgress with a file argument),
// and comes back through the serializer after a reload.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import type { DashboardData } from '../../../src/core/dashboard/stats';
import { problemState, type Progress } from '../../../src/core/progress/progress';

/** A coding problem no other suite touches. */
const PROBLEM = 'naive-bayes';
const PROMPT = 'card-fraud-detection';

interface Drawn {
  sent: DashboardData;
  rendered: { generatedAt: number; charts: number; empty: boolean };
}
interface State {
  open: boolean;
  ready?: boolean;
  lastSent?: DashboardData;
  problems?: string[];
}

const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.dashboardTestHooks, op, ...args);

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

describe('progress dashboard', function () {
  this.timeout(120_000);
  let a: MLPrepApi;
  let tmp: string;

  before(async () => {
    a = await api();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlprep-dashboard-'));
  });

  after(async () => {
    await hook('close');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opens from its command; the webview loads under the CSP and draws the data derived from the progress store', async () => {
    const t0 = Date.now();
    await vscode.commands.executeCommand(Commands.showDashboard);
    const drawn = await hook<Drawn | undefined>('whenRendered', 0, 60_000);
    assert.ok(drawn, 'the webview never drew the data');
    console.log(`      dashboard drawn ${Date.now() - t0} ms after the command`);

    // The same numbers, straight from the store and the catalogue.
    const progress = a.services.progress.get();
    const catalog = await a.services.catalog.get();
    const all = [...catalog.problems, ...catalog.designPrompts];
    const solved = all.filter((p) => problemState(progress.problems[p.id]) === 'solved').length;
    assert.equal(drawn.sent.totals.total, all.length);
    assert.equal(drawn.sent.totals.solved, solved);
    assert.equal(drawn.sent.hasActivity, Object.keys(progress.problems).length > 0 || (progress.history ?? []).length > 0);
    assert.equal(drawn.sent.byCategory.reduce((n, b) => n + b.total, 0), all.length);
    assert.equal(drawn.rendered.empty, !drawn.sent.hasActivity);
    // Calendar, two solved bars, and one chart per card that has data.
    if (drawn.sent.hasActivity) assert.ok(drawn.rendered.charts >= 3, `only ${drawn.rendered.charts} charts drawn`);
    else assert.equal(drawn.rendered.charts, 1);

    const state = await hook<State>('state');
    assert.deepEqual(state.problems, [], `the webview reported problems: ${state.problems?.join('; ')}`);
    // Opening it again reveals the same panel.
    await vscode.commands.executeCommand(Commands.showDashboard);
    assert.equal((await hook<State>('state')).lastSent?.generatedAt, drawn.sent.generatedAt);
  });

  it('redraws when progress changes: a record imported with a file argument, merged without dialogs', async () => {
    const before = (await hook<State>('state')).lastSent!;
    const wasSolved = problemState(a.services.progress.get().problems[PROBLEM]) === 'solved';
    const now = Date.now();
    const record: Progress = {
      version: 1,
      problems: { [PROBLEM]: { startedAt: now - 20 * 60_000, attempts: 3, solvedAt: now - 60_000, attemptsToSolve: 3, solveMs: 19 * 60_000, lastRun: { passed: 6, total: 6, at: now - 60_000 } } },
      history: [
        { at: now - 20 * 60_000, id: PROBLEM, kind: 'start' },
        { at: now - 10 * 60_000, id: PROBLEM, kind: 'run', passed: 2, total: 6 },
        { at: now - 5 * 60_000, id: PROBLEM, kind: 'run', passed: 4, total: 6 },
        { at: now - 60_000, id: PROBLEM, kind: 'run', passed: 6, total: 6 },
        { at: now - 60_000, id: PROBLEM, kind: 'solve' },
        { at: now - 30_000, id: PROMPT, kind: 'design', score: 2.5, sections: { data: 3, modelling: 2 }, minutes: { data: 9, modelling: 21 } },
      ],
    };
    const file = path.join(tmp, 'progress.json');
    fs.writeFileSync(file, JSON.stringify(record));
    const result = await vscode.commands.executeCommand(Commands.importProgress, vscode.Uri.file(file), 'merge');
    assert.deepEqual(result, { problems: 1, mode: 'merge' });

    const drawn = await hook<Drawn | undefined>('whenRendered', before.generatedAt, 30_000);
    assert.ok(drawn, 'no redraw after the progress changed');
    const d = drawn.sent;
    assert.equal(d.hasActivity, true);
    assert.equal(drawn.rendered.empty, false);
    assert.equal(d.totals.solved, before.totals.solved + (wasSolved ? 0 : 1));
    const timed = d.solveTimes.find((t) => t.id === PROBLEM);
    assert.ok(timed, `${PROBLEM} is not among the solve times`);
    assert.equal(Math.round(timed.minutes), 19);
    assert.equal(d.attempts.find((x) => x.id === PROBLEM)?.attempts, 3);
    const session = d.design.sessions.find((s) => s.id === PROMPT && s.at === now - 30_000);
    assert.deepEqual(session?.sections, { data: 3, modelling: 2 });
    const today = d.calendar.weeks.flatMap((w) => w.days).find((x) => x.day === d.calendar.today);
    assert.ok(today && today.runs >= 3 && today.designs >= 1, 'today’s practice is not in the calendar');
    assert.ok(d.calendar.currentStreak >= 1);
    assert.ok(drawn.rendered.charts >= 6, `only ${drawn.rendered.charts} charts drawn`);
  });

  it('ignores malformed messages from the webview', async () => {
    await hook('post', { type: 'startProblem', id: '../../etc/passwd' });
    await hook('post', { type: 'runCommand', command: 'workbench.action.quit' });
    assert.equal((await hook<State>('state')).open, true);
  });

  it('comes back through its serializer after a reload, and draws again', async () => {
    await hook('reload');
    const drawn = await hook<Drawn | undefined>('whenRendered', 0, 60_000);
    assert.ok(drawn, 'the restored panel never drew');
    assert.equal(drawn.sent.solveTimes.some((t) => t.id === PROBLEM), true);
    assert.deepEqual((await hook<State>('state')).problems, []);
  });
});
