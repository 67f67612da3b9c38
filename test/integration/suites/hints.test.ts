// Show Next Hint in a real VS Code: hints one at a time, recorded in progress, listed in the
// "hints so far" document; hidden during a mock interview, where the problem's own clock also
// gives way to the mock's (one clock).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands } from '../../../src/commands';
import type { MockState } from '../../../src/core/plan/mockInterview';
import type { HintShown } from '../../../src/features/scaffold/scaffoldCommands';
import { until } from '../until';

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

async function problemItem(a: MLPrepApi, id: string): Promise<vscode.TreeItem> {
  const tree = a.services.tree;
  for (const g of await tree.getChildren()) {
    for (const child of await tree.getChildren(g)) {
      if (child.kind === 'problem' && child.entry.id === id) return tree.getTreeItem(child);
    }
  }
  throw new Error(`${id} not in the tree`);
}

const hint = (id: string) => vscode.commands.executeCommand<HintShown>(Commands.showNextHint, id);

describe('hints and the single clock', function () {
  this.timeout(180_000);

  it('Show Next Hint reveals hint 1 then 2, records the count and lists them', async () => {
    const a = await api();
    const problem = (await a.services.catalog.get()).problems.find((p) => p.hints.length >= 3)!;
    assert.ok(problem, 'a problem with three hints');
    await a.services.progress.resetProblem(problem.id);

    const first = await hint(problem.id);
    assert.deepEqual(first, { kind: 'hint', problemId: problem.id, index: 0, total: problem.hints.length, text: problem.hints[0].trim().replace(/\s*\n\s*/g, ' ') });
    assert.equal(a.services.progress.get().problems[problem.id]?.hints, 1);
    const second = await hint(problem.id);
    assert.equal(second?.kind === 'hint' && second.index, 1, `second call: ${JSON.stringify(second)}`);
    assert.equal(a.services.progress.get().problems[problem.id]?.hints, 2, 'each reveal is recorded');
    const row = await problemItem(a, problem.id);
    assert.match((row.tooltip as vscode.MarkdownString).value, /2 hints revealed/, 'the tree tooltip counts the hints');
    assert.ok((row.tooltip as vscode.MarkdownString).value.includes(problem.title.split(' ')[0]), 'the tooltip has the full title');
    assert.ok(String(row.description).startsWith(problem.difficulty), `difficulty in the description: ${String(row.description)}`);

    // "All Hints So Far" shows exactly the revealed ones.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlprep', path: `/hints/${problem.id}.md` }));
    assert.ok(doc.getText().includes('Hint 2 of'), doc.getText());
    assert.ok(!doc.getText().includes(`Hint 3 of`), 'hint 3 is not revealed yet');

    // A progress reset starts the hints over.
    await a.services.progress.resetProblem(problem.id);
    const again = await hint(problem.id);
    assert.equal(again?.kind === 'hint' && again.index, 0, 'hint 1 again after a reset');
    assert.equal(a.services.progress.get().problems[problem.id]?.hints, 1);
  });

  it('during a mock: no hints and only the mock clock; both come back after', async () => {
    const a = await api();
    const { mock, timer, progress } = a.services;
    const started = (await vscode.commands.executeCommand<MockState>(Commands.startMockInterview, { level: 'L4', seed: 'hints' }))!;
    assert.ok(started && mock.hidesAssistance(), 'a mock runs');
    const id = started.codingId;
    await until('the mock problem in the editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${id}/solution.py`));
    assert.ok(progress.get().problems[id]?.startedAt !== undefined, 'the problem is started (its own clock would run)');
    // Give the timer its turn (it follows the editor asynchronously), then it must stay hidden.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(timer.shown, undefined, `the problem timer shows "${timer.shown}" beside the mock clock`);

    const before = progress.get().problems[id]?.hints ?? 0;
    assert.deepEqual(await hint(id), { kind: 'hidden' });
    assert.deepEqual(await vscode.commands.executeCommand<HintShown>(Commands.showNextHint), { kind: 'hidden' }, 'no picker during a mock either');
    assert.equal(progress.get().problems[id]?.hints ?? 0, before, 'nothing recorded');

    // Abandoned (as the menu's Abandon does, without its modal): the problem's clock is back.
    await (mock as unknown as { save(s: undefined): Promise<void> }).save(undefined);
    assert.ok(!mock.hidesAssistance());
    const shown = await until('the problem timer', () => timer.shown);
    assert.match(shown, /\d+:\d\d \/ \d+:00/);
    assert.equal((await hint(id))?.kind, 'hint', 'hints are available again');
  });
});
