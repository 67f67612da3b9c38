// A PyTorch variant in a real extension host: Start Problem in PyTorch writes the PyTorch starter
// and the framework sidecar; a save runs the same hidden tests under PyTorch (tensors in, arrays
// out) in an interpreter that has torch (.venvs/torch, which CI creates); a wrong solution fails
// the overflow tests while the others pass, a correct one passes; the unlocked follow-up part runs
// as PyTorch too (with part 1) and the README shows it in torch terms; Compare shows the PyTorch reference.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { nextResult } from '../runResults';

const PROBLEM = 'softmax';
const PRACTICE = 'pytorch-practice'; // its own folder: other suites start softmax in NumPy

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

/** The python of an environment with torch: $MLPREP_TORCH_PYTHON, else .venvs/torch (under $MLPREP_VENVS_DIR or the checkout) when finished (.ok). */
function torchPython(): string | undefined {
  if (process.env.MLPREP_TORCH_PYTHON) return process.env.MLPREP_TORCH_PYTHON;
  const root = vscode.extensions.getExtension('mlprep.mlprep')!.extensionPath;
  const dir = path.join(process.env.MLPREP_VENVS_DIR ?? path.join(root, '.venvs'), 'torch');
  const python = path.join(dir, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  return fs.existsSync(path.join(dir, '.ok')) && fs.existsSync(python) ? python : undefined;
}

async function writeAndSave(uri: vscode.Uri, text: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  const edited = await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
  assert.ok(edited, `the edit of ${uri.fsPath} was not applied`);
  for (let attempt = 1; ; attempt++) {
    if (await editor.document.save()) break;
    assert.ok(attempt < 5 && editor.document.isDirty, `save failed ${attempt} times`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const NAIVE = 'import torch\n\n\ndef softmax(z, axis=-1):\n    z = z.to(torch.float64)\n    e = torch.exp(z)  # no max subtracted: overflows\n    return e / e.sum(dim=axis, keepdim=True)\n';
const STABLE = 'import torch\n\n\ndef softmax(z, axis=-1):\n    z = z.to(torch.float64)\n    e = torch.exp(z - z.amax(dim=axis, keepdim=True))\n    return e / e.sum(dim=axis, keepdim=True)\n';

describe('PyTorch variant', function () {
  this.timeout(240_000);
  const cfg = () => vscode.workspace.getConfiguration('mlprep');
  const python = torchPython();
  const dir = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, PRACTICE, PROBLEM);

  before(async function () {
    if (!python) {
      console.log('      SKIPPED: no interpreter with torch (create .venvs/torch: node out/tools/validate-problems.js --setup-venvs, or set MLPREP_TORCH_PYTHON)');
      this.skip();
    }
    await cfg().update('practiceFolder', PRACTICE, vscode.ConfigurationTarget.Global);
    await cfg().update('pythonPath', python, vscode.ConfigurationTarget.Global);
    await cfg().update('testTimeoutSeconds', 30, vscode.ConfigurationTarget.Global); // the worker's first PyTorch run imports torch
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (!python) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['practiceFolder', 'pythonPath', 'testTimeoutSeconds']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await (await api()).services.progress.resetProblem(PROBLEM); // later runs of other suites see softmax new
    fs.rmSync(dir().fsPath, { recursive: true, force: true });
  });

  it('starts softmax in PyTorch: the PyTorch starter, README and the sidecar', async () => {
    const a = await api();
    const softmax = await a.services.catalog.problem(PROBLEM);
    assert.deepEqual(softmax?.frameworks, ['numpy', 'pytorch']);
    await vscode.commands.executeCommand('mlprep.startProblem', { id: PROBLEM, framework: 'pytorch' });
    const read = (f: string) => fs.readFileSync(path.join(dir().fsPath, f), 'utf8');
    assert.match(read('solution.py'), /^import torch/m);
    assert.equal(read('solution.py'), fs.readFileSync(softmax!.files.pytorch!.starter, 'utf8'));
    assert.deepEqual(JSON.parse(read('.mlprep.json')), { framework: 'pytorch' });
    const readme = read('README.md');
    assert.match(readme, /softmax\(z: torch\.Tensor, axis: int = -1\) -> torch\.Tensor/);
    // in torch terms: the note first, tensors, the pytorch tag instead of numpy
    assert.ok(readme.indexOf('## PyTorch variant') < readme.indexOf('## Statement'), 'the PyTorch note comes before the statement');
    assert.match(readme, /`pytorch`/);
    assert.doesNotMatch(readme, /`numpy`|NumPy array/);
    assert.match(readme, /A new `float64` tensor with the same shape as `z`/);
    // the tree's preview of a problem whose practice folder is in PyTorch reads the same way
    // (a query of its own: the document stays open, and the follow-ups suite opens the plain URI later)
    const preview = (await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'mlprep', path: `/statement/${PROBLEM}.md`, query: 'pytorch-suite' }))).getText();
    assert.match(preview, /^# .* \(PyTorch\)$/m);
    assert.match(preview, /`pytorch`/);
    assert.doesNotMatch(preview, /`numpy`/);
    assert.match(read('test_examples.py'), /import torch/);
  });

  it('a wrong PyTorch solution fails the hidden overflow tests, run under PyTorch; a correct one passes', async () => {
    const a = await api();
    const solution = vscode.Uri.joinPath(dir(), 'solution.py');
    const wrong = nextResult(a, PROBLEM, 120_000);
    await writeAndSave(solution, NAIVE);
    const { outcome } = await wrong;
    const report = outcome.report;
    assert.ok(report, `no report: ${outcome.summary.headline}`);
    assert.equal(report.python.executable, python, 'the run used the torch interpreter');
    const status = Object.fromEntries(report.tests.map((t) => [t.name, t.status]));
    // these would all error if the tensor solution were handed NumPy arrays (z.to / amax / dim=)
    assert.equal(status.test_matches_reference_1d, 'passed', JSON.stringify(status));
    assert.equal(status.test_axis_0_normalises_columns, 'passed');
    assert.equal(status.test_extreme_logits_no_overflow, 'failed', JSON.stringify(report.tests.find((t) => t.name === 'test_extreme_logits_no_overflow')));
    assert.equal(outcome.summary.kind, 'failed');

    const right = nextResult(a, PROBLEM, 120_000);
    await writeAndSave(solution, STABLE);
    const passed = (await right).outcome;
    assert.equal(passed.summary.kind, 'passed', `${passed.summary.headline}: ${passed.report?.tests.find((t) => t.status !== 'passed')?.message}`);
    assert.equal(passed.report!.summary.total, report.summary.total);
  });

  it('the unlocked part 2 runs as PyTorch too, with part 1, and the README gets it in torch terms', async () => {
    const a = await api();
    const softmax = (await a.services.catalog.problem(PROBLEM))!;
    const readmePath = path.join(dir().fsPath, 'README.md');
    // solving part 1 (above) unlocked part 2, and MLPrep rewrote its own README with it
    for (let i = 0; i < 50 && !fs.readFileSync(readmePath, 'utf8').includes('## Part 2 of 3'); i++) await new Promise((r) => setTimeout(r, 200));
    const readme = fs.readFileSync(readmePath, 'utf8');
    assert.match(readme, /## Part 2 of 3: Log-softmax/);
    assert.match(readme, /log_softmax\(torch\.tensor\(\[1000\.0, -1000\.0\]\)\)/, 'part 2 examples in torch terms');
    const part2 = nextResult(a, PROBLEM, 120_000);
    await writeAndSave(vscode.Uri.joinPath(dir(), 'solution.py'), fs.readFileSync(softmax.parts[0].files.solutionPytorch!, 'utf8'));
    const { outcome } = await part2;
    const report = outcome.report!;
    assert.deepEqual(report.partSummaries?.map((x) => [x.part, x.total > 0 && x.passed === x.total]), [[1, true], [2, true]],
      JSON.stringify(report.tests.filter((t) => t.status !== 'passed').map((t) => [t.part, t.name, t.message])));
  });

  it('compares with the PyTorch reference of the part just passed (part 2; part 3 is open and not passed)', async () => {
    const a = await api();
    const softmax = (await a.services.catalog.problem(PROBLEM))!;
    const r = await vscode.commands.executeCommand<{ left: string; right: string; part: number } | undefined>('mlprep.compareWithReference', PROBLEM, 2);
    assert.ok(r, 'no diff shown');
    assert.equal(r.part, 2);
    const right = vscode.Uri.parse(r.right);
    assert.deepEqual([right.path, right.query], ['/reference-raw/softmax.py', 'pytorch&part=2']);
    const doc = await vscode.workspace.openTextDocument(right);
    assert.match(doc.getText(), /import torch/);
    assert.equal(doc.getText(), fs.readFileSync(softmax.parts[0].files.solutionPytorch!, 'utf8'));
  });
});
