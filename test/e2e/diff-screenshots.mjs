// Screenshots of how a failed numeric check reads in the real workbench (issue 11 item 9):
// a scalar (ROC AUC without tie handling) and an array (softmax ignoring `axis`), in the
// Test Explorer's peek (TestMessage.diff: expected vs actual) and the MLPrep Tests output.
// Usage: npm run package && node test/e2e/diff-screenshots.mjs [--theme light]
// PNGs land in test-output/screenshots/ (ignored by git).
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const theme = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : 'dark';
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-diff-shots-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);
const workspace = path.join(tmp, 'practice');
cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

function seed(category, slug, solution) {
  const src = path.join(repoRoot, 'problems', category, slug);
  const dir = path.join(workspace, 'ml-interview', slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'solution.py'), solution);
  cpSync(path.join(src, 'test_examples.py'), path.join(dir, 'test_examples.py'));
  writeFileSync(path.join(dir, 'README.md'), `# ${slug}\n`);
}
seed('metrics', 'roc-auc', `import numpy as np


def roc_auc(y_true, y_score):
    """AUC from ordinal ranks: ties are not averaged (the bug)."""
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=float).ravel()
    if y.shape != s.shape:
        raise ValueError("y_true and y_score must have the same length")
    n_pos = int((y == 1).sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC is undefined when y_true contains a single class")
    ranks = np.empty(y.size)
    ranks[np.argsort(s, kind="stable")] = np.arange(1, y.size + 1)
    u = ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))
`);
seed('ml-algorithms', 'softmax', `import numpy as np


def softmax(z, axis=-1):
    """Softmax that ignores \`axis\` (the bug): always normalises the last axis."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
`);

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': themes[theme], 'editor.minimap.enabled': false, 'testing.automaticallyOpenPeekView': 'never' },
});
const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1500, height: 950 } });
const shot = async (name) => {
  const file = path.join(outDir, `${name}-${theme}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(repoRoot, file)}`);
};
const openAndSave = async (relPath) => {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(relPath, { delay: 10 });
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+S');
};
const waitStatus = (re) => page.locator('.statusbar-item', { hasText: re }).first().waitFor({ timeout: 90_000 });

/** Saves the solution, waits for the run, then opens the peek on the test named `test`. */
async function failAndPeek(relPath, statusRe, test, name) {
  await openAndSave(relPath);
  await waitStatus(statusRe);
  await page.locator('.statusbar-item', { hasText: /passed/ }).first().waitFor({ timeout: 90_000 });
  await page.waitForTimeout(1500);
  await runPalette(page, 'Testing: Focus on Test Explorer View');
  await page.waitForTimeout(1200);
  const rows = page.locator('.part.sidebar .monaco-list-row');
  // expand every collapsed row until the test shows
  for (let i = 0; i < 4 && !(await rows.filter({ hasText: test }).count()); i++) {
    const n = await rows.count();
    for (let r = 0; r < n; r++) {
      const row = rows.nth(r);
      if ((await row.getAttribute('aria-expanded')) === 'false') { await row.click(); await page.keyboard.press('ArrowRight'); }
    }
    await page.waitForTimeout(500);
  }
  const row = rows.filter({ hasText: test }).first();
  await row.click();
  await page.waitForTimeout(300);
  await runPalette(page, 'Test: Peek Output');
  await page.waitForTimeout(2500);
  await shot(name);
}

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);

  await failAndPeek('ml-interview/roc-auc/solution.py', /ROC|AUC/i, 'test_ties_count_half', 'diff-scalar-peek');
  await page.keyboard.press('Escape');
  await failAndPeek('ml-interview/softmax/solution.py', /Softmax/i, 'test_middle_axis_of_3d_array', 'diff-array-peek');
  await page.keyboard.press('Escape');

  await runPalette(page, 'MLPrep: Show Test Output');
  await page.waitForTimeout(1000);
  await runPalette(page, 'View: Toggle Maximized Panel');
  await page.waitForTimeout(2000);
  await shot('diff-output');
} finally {
  await browser.close();
  server.stop();
}
