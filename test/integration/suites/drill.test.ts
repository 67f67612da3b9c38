import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import type { ProblemNode } from '../../../src/features/tree/problemTree';
import { nextResult } from '../runResults';

const PROBLEM = 'softmax';

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

async function writeAndSave(uri: vscode.Uri, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  const edited = await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
  assert.ok(edited, `the edit of ${uri.fsPath} was not applied`);
  assert.ok(editor.document.isDirty || editor.document.getText() === text, 'edit left the document unchanged');
  // A save straight after the previous one can be refused while the host still settles that file's
  // state after the last write; a person would press Ctrl+S again, so the test does too (and says so).
  for (let attempt = 1; ; attempt++) {
    if (await editor.document.save()) break;
    assert.ok(attempt < 5 && editor.document.isDirty, `save failed ${attempt} times (dirty=${editor.document.isDirty})`);
    console.log(`      (save of ${path.basename(uri.fsPath)} refused, retry ${attempt})`);
    await new Promise((r) => setTimeout(r, 300));
  }
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

describe('coding drill loop', function () {
  this.timeout(120_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const dir = () => vscode.Uri.joinPath(root(), 'ml-interview', PROBLEM);

  before(async () => {
    await vscode.workspace.getConfiguration('mlprep').update('testTimeoutSeconds', 3, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('mlprep').update('testTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows the catalogue grouped by category with solved counts', async () => {
    const a = await api();
    const catalog = await a.services.catalog.get();
    assert.equal(catalog.errors.length, 0, catalog.errors.map((e) => e.message).join('\n'));
    const groups = (await a.services.tree.getChildren()).filter((n): n is Extract<ProblemNode, { kind: 'group' }> => n.kind === 'group');
    const labels = groups.map((g) => String(a.services.tree.getTreeItem(g).label));
    assert.ok(labels[0].startsWith('ML algorithms '), labels.join(' | '));
    for (const l of labels) assert.match(l, / \d+\/\d+$/);
    const total = groups.reduce((n, g) => n + g.group.total, 0);
    assert.equal(total, catalog.problems.length + catalog.designPrompts.length);
    assert.ok(catalog.problems.length >= 10, `only ${catalog.problems.length} problems`);
    const drill = (await a.services.tree.getChildren())[0];
    assert.equal(drill.kind, 'drill', 'Today’s drill leads the tree');
    const rows = await a.services.tree.getChildren(drill);
    assert.equal(rows[0].kind, 'plan');
    assert.ok(rows.filter((r) => r.kind === 'problem').length >= 2, 'the drill recommends problems');
  });

  it('starts a problem: writes solution.py, README.md and test_examples.py and opens the solution', async () => {
    await vscode.commands.executeCommand('mlprep.startProblem', PROBLEM);
    for (const f of ['solution.py', 'README.md', 'test_examples.py']) {
      assert.ok(fs.existsSync(path.join(dir().fsPath, f)), `${f} was not written`);
    }
    assert.ok(!fs.existsSync(path.join(dir().fsPath, 'test_hidden.py')), 'hidden tests must never be written');
    assert.equal(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), 'solution.py');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const preview = tabs.find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'vscode.markdown.preview.editor'
      && path.basename(t.input.uri.fsPath) === 'README.md');
    assert.ok(preview, `statement preview not open: ${tabs.map((t) => t.label).join(', ')}`);
    assert.notEqual(preview.group.viewColumn, vscode.ViewColumn.One, 'the statement opens beside the solution');
    // Starting again never overwrites the user's work.
    // The user's work, typed and saved in the editor (tests off for this save, so no attempt is counted).
    const cfg = vscode.workspace.getConfiguration('mlprep');
    await cfg.update('runOnSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      await writeAndSave(vscode.Uri.joinPath(dir(), 'solution.py'), '# my work\n');
    } finally {
      await cfg.update('runOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('mlprep.startProblem', PROBLEM);
    assert.equal(fs.readFileSync(path.join(dir().fsPath, 'solution.py'), 'utf8'), '# my work\n');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(dir().fsPath, 'solution.py'))!;
    assert.equal(doc.getText(), '# my work\n', 'the reopened solution shows the user’s work');
  });

  it('saving a wrong solution reports failing hidden tests in the Test Explorer and as diagnostics', async () => {
    const a = await api();
    const solution = vscode.Uri.joinPath(dir(), 'solution.py');
    const pending = nextResult(a, PROBLEM);
    await writeAndSave(solution, 'import numpy as np\n\n\ndef softmax(z, axis=-1):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)\n');
    const { outcome, published } = await pending;
    assert.equal(outcome.report!.status, 'ok');
    assert.ok(outcome.report!.summary.passed > 0, 'the naive softmax should pass some tests');
    assert.ok(published.failed.length + published.errored.length > 0, 'the naive softmax must fail the overflow tests');
    assert.ok(published.failed.includes('test_extreme_logits_no_overflow') || published.errored.includes('test_extreme_logits_no_overflow'));
    const state = a.services.progress.get().problems[PROBLEM];
    assert.equal(state.attempts, 1);
    assert.equal(state.solvedAt, undefined);
    const diags = vscode.languages.getDiagnostics(solution).filter((d) => d.source === 'MLPrep');
    assert.ok(diags.length > 0, 'no MLPrep diagnostics on the solution');
    const icon = (await problemItem(a, PROBLEM)).iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'circle-large-filled', 'attempted icon');
  });

  it('an infinite loop times out, and the next save still runs', async () => {
    const a = await api();
    const solution = vscode.Uri.joinPath(dir(), 'solution.py');
    let pending = nextResult(a, PROBLEM);
    await writeAndSave(solution, 'def softmax(z, axis=-1):\n    while True:\n        pass\n');
    const timedOut = await pending;
    assert.equal(timedOut.outcome.report!.status, 'timeout');
    assert.ok(timedOut.outcome.wallMs < 15_000, `took ${timedOut.outcome.wallMs} ms`);
    assert.ok(timedOut.published.errored.length > 0);

    pending = nextResult(a, PROBLEM);
    await writeAndSave(solution, 'def softmax(z, axis=-1):\n    return 1 / 0\n');
    const next = await pending;
    assert.equal(next.outcome.report!.status, 'ok');
    assert.ok(next.outcome.report!.tests.some((t) => t.status === 'error' && /ZeroDivisionError/.test(t.message)));
    const diag = vscode.languages.getDiagnostics(solution).find((d) => /ZeroDivisionError/.test(d.message));
    assert.ok(diag, 'the exception is a diagnostic in the user file');
    assert.equal(diag.range.start.line, 1, 'at the line that raised');
  });

  it('saving the reference solution marks the problem solved and changes the tree icon', async () => {
    const a = await api();
    const problem = (await a.services.catalog.problem(PROBLEM))!;
    const solution = vscode.Uri.joinPath(dir(), 'solution.py');
    const pending = nextResult(a, PROBLEM);
    await writeAndSave(solution, fs.readFileSync(problem.files.solution, 'utf8'));
    const { outcome, published } = await pending;
    assert.equal(outcome.report!.summary.passed, outcome.report!.summary.total, JSON.stringify(outcome.report!.tests.filter((t) => t.status !== 'passed')));
    assert.equal(published.failed.length + published.errored.length, 0);
    assert.ok(outcome.newlySolved);
    const state = a.services.progress.get().problems[PROBLEM];
    assert.ok(state.solvedAt, 'solvedAt recorded');
    assert.equal(state.attemptsToSolve, 4);
    const icon = (await problemItem(a, PROBLEM)).iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'pass-filled');
    assert.equal(vscode.languages.getDiagnostics(solution).filter((d) => d.source === 'MLPrep').length, 0, 'diagnostics cleared');
  });

  it('the solved notification offers the next drill item, the diff with the reference and the write-up; Compare opens a diff without a give-up', async () => {
    const a = await api();
    // The notice is built after the outcome (it asks the drill and looks for learn.md): wait for it.
    for (let i = 0; i < 100 && a.services.results.lastSolvedNotice?.problemId !== PROBLEM; i++) await new Promise((r) => setTimeout(r, 50));
    const notice = a.services.results.lastSolvedNotice;
    assert.ok(notice && notice.problemId === PROBLEM, `no solved notice for ${PROBLEM}: ${JSON.stringify(notice)}`);
    assert.match(notice.message, /^Solved /);
    assert.ok(notice.actions.includes('Compare'), notice.actions.join(' | '));
    assert.ok(notice.actions.includes('Write-up'), `softmax has a learn.md: ${notice.actions.join(' | ')}`);
    const next = await a.services.tree.nextInDrill(PROBLEM);
    assert.equal(notice.actions.includes('Next in Drill'), next !== undefined, `drill next: ${next?.id}`);
    if (next) assert.notEqual(next.id, PROBLEM);
    // "Next" is the first undone item of Today's drill whatever its kind (problem, design prompt,
    // follow-up part, theory block, rehearsal), not only the first problem.
    const drill = (await a.services.tree.getChildren())[0];
    assert.equal(drill.kind, 'drill');
    if (drill.kind === 'drill') assert.deepEqual(next, drill.items.find((d) => !d.done && d.id !== PROBLEM));
    // "Related theory" when theory cards name the problem (regularisation's label-smoothing names softmax).
    const related = await a.services.theory.related(PROBLEM);
    assert.equal(notice.actions.includes('Related theory'), related.length > 0, `related cards: ${related.map((c) => c.id).join(', ')}`);

    const solution = vscode.Uri.joinPath(dir(), 'solution.py');
    // softmax has follow-ups: solving part 1 unlocked part 2, so the notice's Compare names part 1
    // (the part just solved; part 2's reference would need a give-up).
    assert.equal(notice.part, 1);
    const compared = await vscode.commands.executeCommand<{ left: string; right: string; part: number }>('mlprep.compareWithReference', PROBLEM, notice.part);
    assert.equal(compared?.part, 1);
    assert.ok(compared, 'compare showed nothing');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `active tab is not a diff: ${tab?.label}`);
    assert.equal(tab.input.original.toString(), solution.toString());
    assert.equal(tab.input.modified.scheme, 'mlprep');
    assert.equal(tab.input.modified.path, `/reference-raw/${PROBLEM}.py`);
    const reference = await vscode.workspace.openTextDocument(tab.input.modified);
    assert.equal(reference.getText(), fs.readFileSync((await a.services.catalog.problem(PROBLEM))!.files.solution, 'utf8'));
    assert.ok(!a.services.progress.get().problems[PROBLEM].gaveUp, 'viewing the reference after solving must not record a give-up');

    const learn = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlprep', path: `/learn/${PROBLEM}.md` }));
    assert.match(learn.getText(), /^## Pitfalls the tests check$/m);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
