// Screenshots of the run pipeline's UI in the real workbench, MLPrep installed from the built .vsix:
// the live count while a suite runs ("3/10 …", Test Explorer filling in), the result that follows
// the active editor, the Python worker item and its tooltip, and the Save All result of two problems.
// Usage: npm run package && node test/e2e/pipeline-screenshots.mjs [--theme light]
// PNGs land in test-output/screenshots/ (ignored by git).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, seed, shooter } = screenshotSetup('mlprep-pipeline-shots-');
// ROC AUC, correct but slowed down for its first calls, so the suite runs long enough to watch.
const rocRef = readFileSync(path.join(repoRoot, 'problems', 'metrics', 'roc-auc', 'solution.py'), 'utf8');
seed('metrics', 'roc-auc', `${rocRef}

import time as _time
_reference = roc_auc
_calls = [0]


def roc_auc(*args, **kwargs):
    _calls[0] += 1
    if _calls[0] <= 40:
        _time.sleep(0.25)
    return _reference(*args, **kwargs)
`);
seed('metrics', 'log-loss');
seed('metrics', 'confusion-matrix', 'def confusion_matrix(y_true, y_pred, n_classes=None):\n    raise NotImplementedError\n');

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'files.autoSave': 'off', 'mlprep.testTimeoutSeconds': 30 },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const status = (re) => page.locator('.statusbar-item', { hasText: re }).first();
const open = async (relPath) => {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(relPath, { delay: 10 });
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
};
const touch = async () => {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
};

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await page.waitForTimeout(1000);

  // Opening a solution pre-warms the worker: the item goes starting -> ready.
  await open('ml-interview/roc-auc/solution.py');
  await status(/Python: ready/).waitFor({ timeout: 60_000 });
  await palette('Testing: Focus on Test Explorer View');
  await page.waitForTimeout(1000);
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: /ROC AUC/ }).first();
  await row.click({ timeout: 30_000 });
  await page.keyboard.press('ArrowRight'); // expanded: its tests fill in one by one
  await page.waitForTimeout(500);
  await page.locator('.editor-group-container').first().click();
  await touch();
  await page.keyboard.press('Control+S');
  // Mid-run: live count in the status bar, Test Explorer filling in.
  await status(/ROC.*running [1-9]\d* of \d+/i).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1200);
  await shot('pipeline-live-count');
  await status(/ROC.*passed/i).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(800);
  await shot('pipeline-finished');

  // Save All of two problems: both get a result; the status bar shows the active editor's.
  await open('ml-interview/log-loss/solution.py');
  await touch();
  await open('ml-interview/confusion-matrix/solution.py');
  await touch();
  await palette('File: Save All Files');
  await status(/Confusion.*passed/i).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2500);
  await shot('pipeline-save-all');
  await open('ml-interview/log-loss/solution.py');
  await status(/Log.*passed/i).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(800);
  await shot('pipeline-follows-editor');

  // The worker item's tooltip.
  await status(/Python: ready/).hover();
  await page.waitForTimeout(1500);
  await shot('pipeline-worker-tooltip');
} finally {
  await browser.close();
  server.stop();
}

function palette(text) {
  return runPalette(page, text);
}
