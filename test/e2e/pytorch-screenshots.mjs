// Screenshots of a PyTorch variant, MLPrep installed from the built .vsix: the Problems view with
// "· PyTorch" on the problems that have one (softmax's tooltip: started in PyTorch, tag pytorch),
// the README of sampling-filters as Start Problem writes it in PyTorch (Markdown preview), and
// softmax started in PyTorch (solution.py in torch,
// .mlprep.json saying so) whose naive tensor softmax fails the hidden overflow test: the status
// bar, the Test Results message; then Reset to Starter offering the NumPy starter, which switches
// the folder back (solution.py, test_examples.py, .mlprep.json checked on disk). The worker runs in
// the torch environment (.venvs/torch, or $MLPREP_TORCH_PYTHON).
// Usage: npm run package && node test/e2e/pytorch-screenshots.mjs [--theme light]
// PNGs land in test-output/screenshots/ (ignored by git).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const venvs = process.env.MLPREP_VENVS_DIR ? path.resolve(process.env.MLPREP_VENVS_DIR) : path.join(repoRoot, '.venvs');
const python = process.env.MLPREP_TORCH_PYTHON ?? path.join(venvs, 'torch', 'bin', 'python');
if (!existsSync(python)) {
  console.error(`no torch interpreter at ${python}: create it with node out/tools/validate-problems.js --setup-venvs`);
  process.exit(1);
}

const { theme, colorTheme, extensionsDir, workspace, seed, shooter } = screenshotSetup('mlprep-pytorch-shots-');
seed('ml-algorithms', 'softmax', `import torch


def softmax(z, axis=-1):
    """Naive: exp without subtracting the maximum (overflows for large logits)."""
    z = z.to(torch.float64)
    e = torch.exp(z)
    return e / e.sum(dim=axis, keepdim=True)
`);
// as Start Problem leaves a PyTorch start: the PyTorch examples, the sidecar, the README's PyTorch section
const src = path.join(repoRoot, 'problems', 'ml-algorithms', 'softmax');
const dir = path.join(workspace, 'ml-interview', 'softmax');
writeFileSync(path.join(dir, 'test_examples.py'), readFileSync(path.join(src, 'test_examples_pytorch.py'), 'utf8'));
writeFileSync(path.join(dir, '.mlprep.json'), '{\n  "framework": "pytorch"\n}\n');
// machine-overridable: taken from the (trusted) workspace's settings
mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'mlprep.pythonPath': python }, null, 2));
// The READMEs exactly as Start Problem writes them in PyTorch (src/core/scaffold/planScaffold.ts,
// bundled on the fly): softmax's, and sampling-filters' (a torch.Generator, np.errstate, a stable
// argsort: the NumPy terms the PyTorch rendering translates), started in PyTorch beside it.
const { build } = await import('esbuild');
const bundle = path.join(workspace, '..', 'render-readme.cjs');
await build({
  stdin: {
    contents: `import * as fs from 'node:fs';
import { loadPackFromDisk } from './src/adapters/packFiles';
import { planScaffold } from './src/core/scaffold/planScaffold';
import { frameworkFiles } from './src/core/catalog/types';
export async function readmeFiles(slugs) {
  const pack = await loadPackFromDisk(${JSON.stringify(path.join(repoRoot, 'problems'))}, { source: 'builtin' });
  return slugs.map((slug) => {
    const p = pack.problems.find((q) => q.id === slug);
    const files = frameworkFiles(p, 'pytorch');
    const read = (f) => fs.readFileSync(f, 'utf8');
    return planScaffold({ ...p, starter: read(files.starter), examples: read(files.testExamples), framework: 'pytorch', followUps: [], partCount: 1 + p.followUps.length }, 'ml-interview');
  });
}`,
    resolveDir: repoRoot, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error',
});
const { readmeFiles } = createRequire(import.meta.url)(bundle);
const planned = await readmeFiles(['softmax', 'sampling-filters']);
for (const file of planned.flat()) {
  if (file.path.startsWith('ml-interview/softmax/') && file.role !== 'statement') continue;   // keep the naive solution above
  mkdirSync(path.join(workspace, path.dirname(file.path)), { recursive: true });
  writeFileSync(path.join(workspace, file.path), file.content);
}
// (the NumPy signature, given for reference, may say ndarray)
const samplingReadme = readFileSync(path.join(workspace, 'ml-interview', 'sampling-filters', 'README.md'), 'utf8').replace(/^.*NumPy signature, for reference.*$/m, '');
const readmeProblems = [/## PyTorch variant[\s\S]*## Statement/.test(samplingReadme) ? '' : 'the note is not before the statement',
  /`pytorch`/.test(samplingReadme) && !/`numpy`/.test(samplingReadme) ? '' : 'tags do not say pytorch instead of numpy',
  /torch\.Generator/.test(samplingReadme) && !/np\.random|NumPy array|ndarray/.test(samplingReadme) ? '' : 'NumPy-only terms left'].filter(Boolean);

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'files.autoSave': 'off', 'mlprep.pythonPath': python, 'mlprep.testTimeoutSeconds': 30 },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const status = (re) => page.locator('.statusbar-item', { hasText: re }).first();
let failed = false;
const expectText = async (what, locator, re) => {
  const text = ((await locator.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
  if (!re.test(text)) {
    failed = true;
    console.error(`MISSING ${what}: ${re} not in ${JSON.stringify(text.slice(0, 400))}`);
  } else console.log(`ok ${what}`);
};

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  // the tree: ML algorithms expanded, softmax marked "· PyTorch"
  const group = page.locator('.part.sidebar .monaco-list-row', { hasText: /ML algorithms/i }).first();
  const softmaxRow = page.locator('.part.sidebar .monaco-list-row', { hasText: /Numerically stable/i }).first();
  for (let i = 0; i < 3 && (await group.getAttribute('aria-expanded').catch(() => null)) !== 'true'; i++) {
    await group.click({ timeout: 15_000 }).catch(() => console.error('no ML algorithms group row'));
    await page.waitForTimeout(1200);
  }
  // the softmax row, hovered: its tooltip names both frameworks
  // (the tree may refresh once the practice folders' frameworks are read, which closes a hover: retry)
  const hover = page.locator('.monaco-hover, .workbench-hover').first();
  for (let i = 0; i < 4; i++) {
    await page.mouse.move(900, 500);
    await page.waitForTimeout(400);
    await softmaxRow.hover({ timeout: 15_000 }).catch(() => console.error('no softmax row'));
    await page.waitForTimeout(1800);
    if (/Your solution is in PyTorch/.test((await hover.innerText().catch(() => '')) ?? '')) break;
  }
  await expectText('tree tooltip', page.locator('.monaco-hover, .workbench-hover').first(), /Your solution is in PyTorch[\s\S]*softmax, numerical-stability, pytorch/);
  await shot('pytorch-tree');

  // sampling-filters' README, started in PyTorch, in the Markdown preview
  if (readmeProblems.length) {
    failed = true;
    console.error(`README of sampling-filters in PyTorch: ${readmeProblems.join('; ')}`);
  } else console.log('ok README in PyTorch: note first, pytorch tag, torch terms');
  await page.keyboard.press('Control+P');
  await page.keyboard.type('ml-interview/sampling-filters/README.md', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md' }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  await runPalette(page, 'Markdown: Open Preview');
  const noteHeading = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('h2', { hasText: 'PyTorch variant' });
  await noteHeading.waitFor({ timeout: 20_000 }).then(() => console.log('ok README preview rendered'), () => { failed = true; console.error('MISSING README preview (no "PyTorch variant" heading)'); });
  await page.waitForTimeout(800);
  await shot('pytorch-readme');
  await runPalette(page, 'View: Close All Editors');
  await page.waitForTimeout(800);

  await page.keyboard.press('Control+P');
  await page.keyboard.type('ml-interview/softmax/solution.py', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'softmax' }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+S');
  await status(/Softmax.*\d+\/\d+ passed/i).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  await expectText('status bar', page.locator('.statusbar').first(), /Softmax.*[0-9]\/10 passed/i);
  await shot('pytorch-failing-run');
  await runPalette(page, 'Testing: Focus on Test Explorer View');
  await page.waitForTimeout(1200);
  await runPalette(page, 'Test: Show Output');
  await page.waitForTimeout(1200);
  await page.locator('.panel .monaco-list-row', { hasText: /Extreme logits/ }).first().click({ timeout: 10_000 }).catch(() => console.error('no results row for the overflow test'));
  await page.waitForTimeout(1500);
  await expectText('Test Results message', page.locator('.panel').first(), /non-finite output|wrong result for logits/);
  await shot('pytorch-failing-test-results');

  // Reset to Starter offers the other framework: back to NumPy (solution.py backed up, examples,
  // README and .mlprep.json rewritten).
  await page.keyboard.press('Escape');
  await page.locator('.editor-group-container .monaco-editor').first().click();
  await runPalette(page, 'MLPrep: Reset Solution to Starter Code…');
  // the problem picker first (the current problem leads it), then the starter picker
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /Numerically stable softmax/ }).first().click({ timeout: 15_000 });
  const numpyRow = page.locator('.quick-input-list .monaco-list-row', { hasText: /NumPy starter/ }).first();
  await numpyRow.waitFor({ timeout: 15_000 });
  await page.waitForTimeout(600);
  await expectText('reset picker', page.locator('.quick-input-widget').first(), /PyTorch starter[\s\S]*current[\s\S]*NumPy starter/);
  await shot('pytorch-reset-picker');
  await numpyRow.click();
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Reset to Starter' }).click({ timeout: 15_000 });
  await page.waitForTimeout(2000);
  const sidecar = readFileSync(path.join(dir, '.mlprep.json'), 'utf8');
  const solutionNow = readFileSync(path.join(dir, 'solution.py'), 'utf8');
  if (!/"numpy"/.test(sidecar) || !/^import numpy as np/m.test(solutionNow) || !/np\.testing|import numpy/.test(readFileSync(path.join(dir, 'test_examples.py'), 'utf8'))) {
    failed = true;
    console.error(`MISSING switch to NumPy: sidecar ${sidecar.trim()}, solution starts ${JSON.stringify(solutionNow.slice(0, 40))}`);
  } else console.log('ok switched to NumPy (solution.py, test_examples.py, .mlprep.json)');
  // The last result described the replaced code: the status bar no longer shows it.
  const bar = await page.locator('.statusbar').first().innerText();
  if (/Softmax.*\d+\/\d+ passed/i.test(bar)) {
    failed = true;
    console.error(`STALE result after Reset to Starter: ${bar.replace(/\s+/g, ' ')}`);
  } else console.log('ok the status bar dropped the result of the replaced code');
  await shot('pytorch-reset-to-numpy');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  console.error(`status bar: ${await page.locator('.statusbar').innerText().catch(() => '?')}`);
  await shot('pytorch-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
