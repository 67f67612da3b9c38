// What the Test Explorer counts, in the real extension host. VS Code's summary ("12/12 tests
// passed") sums every item whose own state a run set (LiveTestResult.counts), so only hidden tests
// may get one: never the problem's row, never a follow-up's part row. The controller reports the
// states it gave through onDidPublish (every TestRun call goes through one method).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import type { PublishedResults } from '../../../src/features/runner/testController';
import { nextResult } from '../runResults';

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

async function saveText(uri: vscode.Uri, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
  for (let attempt = 1; ; attempt++) {
    if (await editor.document.save()) break;
    assert.ok(attempt < 5, `save failed ${attempt} times`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The test items with no children under `root` (the hidden tests), by id. */
function leafIds(root: vscode.TestItem): string[] {
  const out: string[] = [];
  const walk = (i: vscode.TestItem) => {
    if (i.children.size === 0) out.push(i.id);
    else i.children.forEach(walk);
  };
  root.children.forEach(walk);
  return out.sort();
}

/** The item ids VS Code's summary counts after the run, by final state (a 'started' left over is reset, not counted). */
function counted(p: PublishedResults): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const [id, s] of Object.entries(p.states ?? {})) if (s !== 'started') (by[s] ??= []).push(id);
  for (const k of Object.keys(by)) by[k].sort();
  return by;
}

describe('Test Explorer counts', function () {
  this.timeout(180_000);
  const solutionOf = (id: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'ml-interview', id, 'solution.py');

  it('a problem without follow-ups: passed, failed and errored runs count its hidden tests, not its own row', async () => {
    const a = await api();
    const id = 'confusion-matrix';
    const problem = (await a.services.catalog.problem(id))!;
    await vscode.commands.executeCommand('mlprep.startProblem', id);

    let pending = nextResult(a, id);
    await saveText(solutionOf(id), fs.readFileSync(problem.files.solution, 'utf8'));
    let { outcome, published } = await pending;
    assert.equal(outcome.summary.kind, 'passed');
    const root = a.services.tests.controller.items.get(id)!;
    const tests = leafIds(root);
    assert.equal(tests.length, outcome.report!.tests.length, 'one item per hidden test');
    assert.deepEqual(counted(published), { passed: tests }, `${tests.length}/${tests.length}, the problem's row not among them`);

    // A syntax error: no test ran, each test is errored with the reason (the row is not).
    pending = nextResult(a, id);
    await saveText(solutionOf(id), 'def confusion_matrix(y_true, y_pred:\n    return None\n');
    ({ outcome, published } = await pending);
    assert.notEqual(outcome.summary.kind, 'passed');
    assert.deepEqual(counted(published), { errored: tests });

    // A wrong answer: failures and passes add up to the hidden tests.
    pending = nextResult(a, id);
    await saveText(solutionOf(id), fs.readFileSync(problem.files.starter, 'utf8'));
    ({ outcome, published } = await pending);
    const c = counted(published);
    assert.deepEqual(Object.values(c).flat().sort(), tests, `every hidden test once, nothing else: ${JSON.stringify(c)}`);
    assert.ok(!(id in (published.states ?? {})), 'the problem’s row gets no state of its own');
  });

  it('a problem with follow-ups: parts 1 and 2 count their tests, not the part rows', async () => {
    const a = await api();
    const id = 'mean-reciprocal-rank';
    await a.services.progress.resetProblem(id);
    const problem = (await a.services.catalog.problem(id))!;
    assert.ok(problem.followUps.length >= 1);
    await vscode.commands.executeCommand('mlprep.startProblem', id);

    // Part 1 solved: part 2 unlocks.
    let pending = nextResult(a, id);
    await saveText(solutionOf(id), fs.readFileSync(problem.files.solution, 'utf8'));
    let { outcome, published } = await pending;
    assert.equal(outcome.parts?.unlocked, 2, JSON.stringify(outcome.parts));
    assert.deepEqual(Object.keys(counted(published)), ['passed']);
    assert.equal(counted(published).passed.length, outcome.report!.tests.length);

    // Parts 1 and 2 run: the rows "Part 1: …" and "Part 2: …" group them and are not counted.
    pending = nextResult(a, id);
    await saveText(solutionOf(id), fs.readFileSync(problem.parts[0].files.solution, 'utf8'));
    ({ outcome, published } = await pending);
    assert.deepEqual(outcome.report!.partSummaries!.map((s) => s.part), [1, 2]);
    const root = a.services.tests.controller.items.get(id)!;
    assert.ok(root.children.get(`${id}#part2`), 'tests are grouped by part');
    const tests = leafIds(root);
    assert.equal(tests.length, outcome.report!.tests.length);
    const all = Object.values(counted(published)).flat().sort();
    assert.deepEqual(all, tests, 'the hidden tests of both parts, once each, and no part row');
    assert.ok(!all.some((x) => x.includes('#part') || x === id));
    await a.services.progress.resetProblem(id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
