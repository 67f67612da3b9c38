// A mock interview end to end in a real VS Code, on a fake clock: the coding round (problem
// scaffolded, reference hidden, a real hidden-test run), the design round (a fresh, timed design
// session completed through its real message path) and the Markdown report in the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import { DESIGN_SECTION_KEYS } from '../../../src/core/catalog/types';
import type { MockState } from '../../../src/core/plan/mockInterview';
import { until as waitUntil } from '../until';

const MIN = 60_000;
const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.designTestHooks, op, ...args);

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

const until = <T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000) => waitUntil(what, f, timeoutMs);

describe('mock interview', function () {
  this.timeout(180_000);

  it('runs coding then design against a fake clock and writes the report', async () => {
    const a = await api();
    const mock = a.services.mock;
    let now = Date.UTC(2026, 10, 23, 9, 0);
    mock.clock = { now: () => now };

    const started = (await vscode.commands.executeCommand<MockState>(Commands.startMockInterview, { level: 'L4', seed: 'integration' }))!;
    assert.ok(started, 'no mock started');
    assert.equal(started.phase, 'coding');
    assert.equal(started.codingMs, 45 * MIN);
    const problem = (await a.services.catalog.problem(started.codingId))!;
    assert.equal(problem.difficulty, 'medium', 'L4 gets a medium coding problem');
    const solution = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'ml-interview', problem.id, 'solution.py');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, solution.fsPath, 'the coding problem is opened');
    assert.ok(mock.hidesAssistance());
    const readme = fs.readFileSync(path.join(path.dirname(solution.fsPath), 'README.md'), 'utf8');
    assert.ok(!/## Hints/.test(readme), 'no hints in a statement written during a mock');

    // The reference solution stays hidden while the mock runs.
    await vscode.commands.executeCommand(Commands.openReference, problem.id);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'mlprep' && d.uri.path.startsWith('/reference/')), 'reference opened during a mock');

    // 30 minutes in: the candidate types a solution that passes, and does not save it.
    now += 30 * MIN;
    const editor = await vscode.window.showTextDocument(solution);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), fs.readFileSync(problem.files.solution, 'utf8')));
    assert.ok(editor.document.isDirty);
    assert.equal(mock.current()?.coding, undefined, 'no run yet');

    // 35 minutes in: the candidate ends the coding round. It asks first; a "no" changes nothing.
    now += 5 * MIN;
    const asked: string[] = [];
    mock.confirm = async (message, detail) => { asked.push(`${message} ${detail}`); return false; };
    await vscode.commands.executeCommand(Commands.finishMockCoding);
    assert.deepEqual(asked, ['Finish the coding round? Your solution will be saved and the hidden tests run.']);
    assert.equal(mock.current()?.phase, 'coding', 'declining keeps the coding round');
    // A "yes": the solution is saved and the hidden tests run on it, then the design round opens.
    mock.confirm = async () => true;
    // The last run takes 3 minutes on the fake clock: the round still ends when the candidate chose to end it.
    const slowRun = a.services.runner.onDidStart(() => { now += 3 * MIN; });
    try {
      await vscode.commands.executeCommand(Commands.finishMockCoding);
    } finally {
      slowRun.dispose();
    }
    now -= 3 * MIN; // (back to the round's end, so the figures below stay as they were)
    assert.ok(!editor.document.isDirty, 'the solution was saved');
    const state = mock.current()!;
    const coding = state.coding!;
    assert.ok(coding && coding.total > 0 && coding.passed === coding.total, `the report gets the real run: ${JSON.stringify(coding)}`);
    assert.equal(state.phase, 'design');
    assert.equal(state.codingEndedAt, Date.UTC(2026, 10, 23, 9, 35));
    const panel = await until('the design panel', async () =>
      (await hook<{ sessionDir: string; promptId: string }[]>('list')).find((p) => p.promptId === state.designId));
    assert.ok(await hook<boolean>('whenReady', panel.sessionDir, 60_000), 'design webview never said ready');
    // The whiteboard has the whole editor area: one group, the coding round's editors closed.
    assert.equal(vscode.window.tabGroups.all.length, 1, 'the design round opens in a single editor group');
    const codingTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => (t.input as { uri?: vscode.Uri }).uri?.fsPath.startsWith(path.dirname(solution.fsPath)));
    assert.deepEqual(codingTabs.map((t) => t.label), [], 'the coding round’s editors are closed');

    // The mock keeps its round's folder: with the tab closed, "Go to the current part" reopens
    // that same session (not a new "-2" one), its clock still running.
    assert.equal(mock.current()?.designSessionDir, panel.sessionDir, 'the mock remembers its design session');
    await hook('flush', panel.sessionDir);
    const before = await hook<{ session: { timer: unknown } }>('snapshot', panel.sessionDir);
    await hook('close', panel.sessionDir);
    assert.deepEqual(await hook('list'), [], 'the design tab is closed');
    await mock.resume();
    const reopened = await until('the reopened design panel', async () =>
      (await hook<{ sessionDir: string; promptId: string }[]>('list')).find((p) => p.promptId === state.designId));
    assert.equal(reopened.sessionDir, panel.sessionDir, 'the mock’s own session is reopened, not a new one');
    const after = await hook<{ session: { timer: unknown } }>('snapshot', panel.sessionDir);
    assert.deepEqual(after.session.timer, before.session.timer, 'its clock is as it was (still running)');
    assert.equal((after.session.timer as { status?: string }).status, 'running');
    assert.ok(await hook<boolean>('whenReady', panel.sessionDir, 60_000), 'reopened design webview never said ready');

    // 40 minutes of design later: the candidate scores the sections and completes the round.
    now += 40 * MIN;
    await hook('post', panel.sessionDir, { type: 'ask', fact: 0 }); // one clarifying question: the report lists the rest
    await until('the status-bar clock to show the design round running', () => /design 5:00 left/.test(mock.statusText ?? '') || undefined, 5000);
    await hook('post', panel.sessionDir, { type: 'finish' });
    // Finish ends the round's time: the status bar stops and says what comes next, and the 12
    // minutes spent scoring do not count as design time (the report says 40:00, not 52:00).
    await until('the design clock to stop', () => mock.current()?.designStoppedAt);
    assert.equal(mock.current()?.designStoppedAt, now);
    assert.equal(await hook('boardContext'), false, 'the editor title drops the clock and section buttons while scoring');
    await until('the status bar to say what comes next', () => /design done in 40:00 · score yourself/.test(mock.statusText ?? '') || undefined, 5000);
    now += 12 * MIN;
    await new Promise((r) => setTimeout(r, 1100)); // a tick of the status-bar clock, were it still running
    assert.match(mock.statusText ?? '', /design done in 40:00 · score yourself/, 'the status bar does not count the self-assessment');
    // Back to the board (12 minutes later) runs the clock again: 52:00 used, 7:00 over.
    await hook('post', panel.sessionDir, { type: 'backToBoard' });
    await until('the design clock to run again', () => (mock.current()?.designStoppedAt === undefined ? true : undefined));
    assert.equal(await hook('boardContext'), true, 'back at the board: its buttons are back');
    await until('the status-bar clock to run again', () => /design \+7:00 over/.test(mock.statusText ?? '') || undefined, 5000);
    // Finish again: the round ends there, however long the scoring then takes.
    await hook('post', panel.sessionDir, { type: 'finish' });
    await until('the design clock to stop again', () => mock.current()?.designStoppedAt);
    now += 10 * MIN;
    for (const k of DESIGN_SECTION_KEYS) await hook('post', panel.sessionDir, { type: 'score', section: k, score: 3 });
    await hook('post', panel.sessionDir, { type: 'complete' });

    const report = await until('the report', () => mock.lastReport);
    const md = fs.readFileSync(report.fsPath, 'utf8');
    assert.match(path.basename(report.fsPath), /^2026-11-23-09-00-L4\.md$/);
    assert.ok(report.fsPath.includes(path.join('ml-interview', 'mock-interviews')));
    assert.ok(md.includes(problem.title), 'report names the coding problem');
    assert.ok(md.includes('35:00 of 45:00'), `coding time in the report:\n${md}`);
    assert.ok(md.includes('52:00 of 45:00 (+7:00 over)'), `design time in the report (to the last Finish, not the Record 10 minutes later):\n${md}`);
    assert.match(md, new RegExp(`${coding.passed}/${coding.total}`));
    const designPrompt = (await a.services.catalog.get()).designPrompts.find((p) => p.id === state.designId)!;
    assert.ok(md.includes(`- Clarifying questions asked: 1 of ${designPrompt.context.length}`), `clarifying questions in the report:\n${md}`);
    assert.ok(md.includes(`“${designPrompt.context[1].ask}”`) && !md.includes(`“${designPrompt.context[0].ask}”`), 'the report names what was not asked, and only that');
    assert.equal(mock.current(), undefined, 'the mock is over');
    const last = a.services.progress.get().history?.filter((e) => e.kind === 'mock').pop();
    assert.deepEqual({ id: last?.id, passed: last?.passed, score: last?.score }, { id: 'mock:L4', passed: coding.passed, score: 3 });
    const design = a.services.progress.get().history?.filter((e) => e.kind === 'design').pop();
    assert.equal(design?.sections?.data, 3, 'section scores reach the progress history');
    assert.ok((design?.minutes?.['problem-definition'] ?? -1) >= 0, 'section minutes reach the progress history');
    assert.ok(!mock.hidesAssistance(), 'hints and references are back after the report');
    // As the start dialog promised: hints back in the statement, hints and reference in the report.
    if (problem.hints.length) {
      assert.match(fs.readFileSync(path.join(path.dirname(solution.fsPath), 'README.md'), 'utf8'), /## Hints/, 'the statement shows its hints again');
      assert.ok(md.includes('### Hints'), 'the report has the hints');
    }
    assert.ok(md.includes('### Reference solution') && md.includes(`def ${problem.entry}`), 'the report has the reference solution');
  });
});
