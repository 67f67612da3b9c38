// Follow-up parts (contract F, issue 14) in the real extension host: solving part 1 of softmax
// unlocks part 2 and its statement appears; a save that breaks part 1 while attempting part 2
// shows both parts failing, grouped by part in the Test Explorer; solving part 2 records it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { nextResult } from '../runResults';

const PROBLEM = 'softmax';
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/followups');

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

async function writeAndSave(uri: vscode.Uri, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
  for (let attempt = 1; ; attempt++) {
    if (await editor.document.save()) break;
    assert.ok(attempt < 5, `save failed ${attempt} times`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function waitFor<T>(what: string, get: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function fixture(name: string): string {
  // The compiled suite lives under out/; the fixtures stay in the source tree.
  for (const dir of [FIXTURES, path.resolve(__dirname, '../../../test/fixtures/followups'), path.resolve(process.cwd(), 'test/fixtures/followups')]) {
    const f = path.join(dir, name);
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  }
  throw new Error(`fixture ${name} not found`);
}

describe('follow-up parts', function () {
  this.timeout(120_000);
  const dir = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'ml-interview', PROBLEM);

  before(async () => {
    const a = await api();
    await a.services.progress.resetProblem(PROBLEM); // whatever earlier suites did with softmax
  });

  it('solving part 1 unlocks part 2: notification, README and statement preview show it', async () => {
    const a = await api();
    const problem = (await a.services.catalog.problem(PROBLEM))!;
    assert.deepEqual(problem.followUps.map((f) => f.id), ['log-softmax', 'backward']);
    // Earlier suites leave other problems' "Preview README.md" tabs open (matched by title below): close them,
    // so the preview count is this problem's.
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label.endsWith(' README.md')), true);
    await vscode.commands.executeCommand('mlprep.startProblem', PROBLEM);
    const readme = path.join(dir().fsPath, 'README.md');
    // A README from an earlier suite may hold that suite's edits: start from MLPrep's own.
    fs.rmSync(readme, { force: true });
    await vscode.commands.executeCommand('mlprep.startProblem', PROBLEM);
    assert.ok(!fs.readFileSync(readme, 'utf8').includes('## Part 2'), 'part 2 is locked at first');

    // An earlier suite that solved softmax left its own notice: wait for this run's.
    a.services.results.lastFollowUpNotice = undefined;
    const pending = nextResult(a, PROBLEM);
    await writeAndSave(vscode.Uri.joinPath(dir(), 'solution.py'), fs.readFileSync(problem.files.solution, 'utf8'));
    const { outcome } = await pending;
    assert.equal(outcome.report!.partSummaries, undefined, 'only part 1 ran');
    assert.equal(outcome.summary.kind, 'passed');
    assert.deepEqual(outcome.parts && { run: outcome.parts.run, passed: outcome.parts.passed, unlocked: outcome.parts.unlocked }, { run: 1, passed: 1, unlocked: 2 });

    const notice = await waitFor('the follow-up notice', () => a.services.results.lastFollowUpNotice?.problemId === PROBLEM && a.services.results.lastFollowUpNotice);
    assert.equal(notice.part, 2);
    assert.match(notice.message, /^Follow-up unlocked: Log-softmax/);
    assert.ok(notice.readmeUpdated, 'README.md was MLPrep’s own: it gets part 2');
    const text = fs.readFileSync(readme, 'utf8');
    assert.match(text, /^## Part 2 of 3: Log-softmax$/m);
    assert.ok(!text.includes('Part 3 of 3'), 'part 3 stays locked');
    const preview = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlprep', path: `/statement/${PROBLEM}.md` }));
    assert.match(preview.getText(), /^## Part 2 of 3: Log-softmax$/m);
    assert.match(preview.getText(), /log_softmax\(z, axis=-1\)/);

    // Show: one preview of README.md (the one Start Problem opened is replaced, not doubled), at part 2.
    const readmeUri = vscode.Uri.file(readme);
    const previews = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
      (t.input instanceof vscode.TabInputCustom && t.input.uri.with({ fragment: '' }).toString() === readmeUri.toString())
      || (t.input instanceof vscode.TabInputWebview && t.label.endsWith(' README.md')));
    assert.equal(previews().length, 1, 'Start Problem opened the statement preview');
    const shown = await a.services.results.showUnlockedPart(problem, 2);
    assert.equal(shown?.fragment, 'part-2-of-3-log-softmax');
    const tabs = await waitFor('the preview at part 2', () => previews().length === 1 && (previews()[0].input as vscode.TabInputCustom).uri?.fragment === 'part-2-of-3-log-softmax' && previews());
    assert.equal((tabs[0].input as vscode.TabInputCustom).viewType, 'vscode.markdown.preview.editor');
    await a.services.results.showUnlockedPart(problem, 2);
    assert.equal(previews().length, 1, 'a second Show still leaves one preview');

    // The solved notice is part 1's: its Compare shows part 1's reference, although part 2 is open now.
    const solved = await waitFor('the part-1 solved notice', () => a.services.results.lastSolvedNotice?.problemId === PROBLEM && a.services.results.lastSolvedNotice);
    assert.equal(solved.part, 1);
    const compared = await vscode.commands.executeCommand<{ right: string; part: number }>('mlprep.compareWithReference', PROBLEM, solved.part);
    assert.equal(compared?.part, 1);
    assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.parse(compared!.right))).getText(), fs.readFileSync(problem.files.solution, 'utf8'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a save that breaks part 1 while attempting part 2 fails both, grouped by part in the Test Explorer', async () => {
    const a = await api();
    const pending = nextResult(a, PROBLEM);
    await writeAndSave(vscode.Uri.joinPath(dir(), 'solution.py'), fixture('softmax_breaks_part1.py'));
    const { outcome, published } = await pending;
    assert.deepEqual(outcome.report!.partSummaries!.map((s) => s.part), [1, 2]);
    assert.deepEqual(published.failingParts, [1, 2]);
    assert.equal(outcome.parts!.passed, 0);
    // The status bar names the part that broke, not only "13/18 passed".
    const status = await waitFor('the status bar after the run', () => /passed/.test(a.services.results.statusText ?? '') && a.services.results.statusText);
    assert.match(status, /part 1 broken \d+\/\d+ · part 2 \d+\/\d+ · \d+\/\d+ passed/);
    assert.match(a.services.results.statusTooltip ?? '', /Part 1 \(Numerically stable softmax\) — broken: \d+ of \d+ passed/);
    const root = a.services.tests.controller.items.get(PROBLEM)!;
    const groups: string[] = [];
    root.children.forEach((g) => groups.push(String(g.label)));
    assert.deepEqual(groups.sort(), ['Part 1: Numerically stable softmax', 'Part 2: Log-softmax']);
    const part2 = root.children.get(`${PROBLEM}#part2`)!;
    assert.ok(part2.children.get(`${PROBLEM}/p2/test_underflowed_probabilities_stay_finite_and_exact`), 'part 2 tests under their group');
    assert.ok(root.children.get(`${PROBLEM}#part1`)!.children.get(`${PROBLEM}/test_extreme_logits_no_overflow`), 'part 1 tests keep their ids');
    assert.equal(a.services.progress.get().problems[PROBLEM].parts, undefined, 'nothing passed: no part recorded');
  });

  it('solving part 2 records it and unlocks part 3; the tree says part 3 of 3', async () => {
    const a = await api();
    const problem = (await a.services.catalog.problem(PROBLEM))!;
    const pending = nextResult(a, PROBLEM);
    await writeAndSave(vscode.Uri.joinPath(dir(), 'solution.py'), fs.readFileSync(problem.parts[0].files.solution, 'utf8'));
    const { outcome, published } = await pending;
    assert.equal(outcome.summary.kind, 'passed', JSON.stringify(outcome.report!.tests.filter((t) => t.status !== 'passed').map((t) => t.name)));
    assert.deepEqual(published.failingParts, []);
    assert.deepEqual(outcome.parts!.newlyPassed, [2]);
    assert.equal(outcome.parts!.unlocked, 3);
    const entry = a.services.progress.get().problems[PROBLEM];
    assert.ok(entry.parts?.['2'], `part 2 recorded: ${JSON.stringify(entry)}`);
    await waitFor('the part-3 notice', () => a.services.results.lastFollowUpNotice?.part === 3);
    let description = '';
    for (const g of await a.services.tree.getChildren()) {
      for (const c of await a.services.tree.getChildren(g)) {
        if (c.kind === 'problem' && c.entry.id === PROBLEM && g.kind === 'group') description = String(a.services.tree.getTreeItem(c).description);
      }
    }
    assert.match(description, /part 3 of 3/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the notice after part 2 offers part 2’s reference and write-up; the diff, Open Reference and the write-up show part 2 (NumPy and PyTorch)', async () => {
    const a = await api();
    const problem = (await a.services.catalog.problem(PROBLEM))!;
    const notice = await waitFor('the part-2 solved notice', () => a.services.results.lastSolvedNotice?.problemId === PROBLEM && a.services.results.lastSolvedNotice.part === 2 && a.services.results.lastSolvedNotice);
    assert.match(notice.message, /^Part 2 of 3 passed: “Log-softmax”\.$/);
    assert.ok(notice.actions.includes('Compare'), notice.actions.join(' | '));
    assert.ok(notice.actions.includes('Write-up'), `part 1's write-up stands in for part 2's: ${notice.actions.join(' | ')}`);

    // Compare, as the notice's action runs it: solution.py against followups/log-softmax/solution.py.
    const compared = await vscode.commands.executeCommand<{ left: string; right: string; part: number }>('mlprep.compareWithReference', PROBLEM, notice.part);
    assert.equal(compared?.part, 2);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `active tab is not a diff: ${tab?.label}`);
    assert.equal(tab.input.original.toString(), vscode.Uri.joinPath(dir(), 'solution.py').toString());
    assert.equal(tab.input.modified.path, `/reference-raw/${PROBLEM}.py`);
    assert.equal(tab.input.modified.query, 'part=2');
    assert.match(tab.label, /part 2\/3/);
    const partTwo = fs.readFileSync(problem.parts[0].files.solution, 'utf8');
    assert.notEqual(partTwo, fs.readFileSync(problem.files.solution, 'utf8'));
    assert.equal((await vscode.workspace.openTextDocument(tab.input.modified)).getText(), partTwo);

    const opened = await vscode.commands.executeCommand<string>('mlprep.openReference', PROBLEM, 2);
    const reference = (await vscode.workspace.openTextDocument(vscode.Uri.parse(opened))).getText();
    assert.match(reference, /^# Reference solution for “Numerically stable softmax” — part 2 of 3: Log-softmax \(read-only\)$/m);
    assert.ok(reference.endsWith(partTwo), 'Open Reference shows part 2’s file');

    // Part 2 has no learn.md: part 1's, with a line saying so.
    assert.ok(!fs.existsSync(path.join(problem.parts[0].dir, 'learn.md')));
    const learnUri = await vscode.commands.executeCommand<string>('mlprep.showWriteup', PROBLEM, 2);
    const learn = (await vscode.workspace.openTextDocument(vscode.Uri.parse(learnUri))).getText();
    assert.match(learn, /^> Part 2 \(“Log-softmax”\) has no write-up of its own yet: this is part 1's/);
    assert.ok(learn.endsWith(fs.readFileSync(path.join(problem.dir, 'learn.md'), 'utf8')));

    // PyTorch: the part's solution_pytorch.py.
    const pt = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlprep', path: `/reference-raw/${PROBLEM}.py`, query: 'pytorch&part=2' }));
    assert.equal(pt.getText(), fs.readFileSync(problem.parts[0].files.solutionPytorch!, 'utf8'));
    const ptTitled = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlprep', path: `/reference/${PROBLEM}.py`, query: 'pytorch&part=2' }));
    assert.match(ptTitled.getText(), /^# PyTorch reference solution for .* part 2 of 3: Log-softmax/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('solving part 3: its notice offers part 3’s; Compare with no part named shows the part the user is on (3)', async () => {
    const a = await api();
    const problem = (await a.services.catalog.problem(PROBLEM))!;
    const pending = nextResult(a, PROBLEM);
    await writeAndSave(vscode.Uri.joinPath(dir(), 'solution.py'), fs.readFileSync(problem.parts[1].files.solution, 'utf8'));
    const { outcome } = await pending;
    assert.equal(outcome.summary.kind, 'passed', JSON.stringify(outcome.report!.tests.filter((t) => t.status !== 'passed').map((t) => t.name)));
    assert.deepEqual(outcome.parts!.newlyPassed, [3]);
    const notice = await waitFor('the part-3 solved notice', () => a.services.results.lastSolvedNotice?.problemId === PROBLEM && a.services.results.lastSolvedNotice.part === 3 && a.services.results.lastSolvedNotice);
    assert.match(notice.message, /^Part 3 of 3 passed: “.+”\. Every follow-up of “Numerically stable softmax” is done\.$/);
    const compared = await vscode.commands.executeCommand<{ right: string; part: number }>('mlprep.compareWithReference', PROBLEM);
    assert.equal(compared?.part, 3);
    assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.parse(compared!.right))).getText(), fs.readFileSync(problem.parts[1].files.solution, 'utf8'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
