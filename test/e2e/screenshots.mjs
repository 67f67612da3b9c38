// Screenshots of the real workbench with MLPrep installed from the built .vsix.
// Usage: npm run screenshots   (PNGs land in test-output/screenshots/, ignored by git)
//        node test/e2e/screenshots.mjs --theme light
// Scenario: a practice folder with two problems; saving solves one (reference solution) and
// fails the other (a PCA that forgets to centre), then the Problems view, the Test Explorer,
// the status bar and the MLPrep Tests output are captured.
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, seed, shooter } = screenshotSetup('mlprep-shots-');
seed('ml-algorithms', 'softmax');
seed('ml-algorithms', 'pca', `import numpy as np


def pca(X, n_components):
    """Principal component analysis (centre only, no scaling)."""
    X = np.asarray(X, dtype=float)
    # Bug on purpose: forgets to centre X before the SVD.
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    var = s**2 / (len(X) - 1)
    return vt[:n_components], var[:n_components] / var.sum()
`);

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'window.commandCenter': true },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const palette = (text) => runPalette(page, text);
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
const waitStatus = (re) => page.locator('.statusbar-item', { hasText: re }).first().waitFor({ timeout: 60_000 });

try {
  const t0 = Date.now();
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
  await container.waitFor({ timeout: 30_000 });
  await container.click();
  await page.locator('.part.sidebar .title-label', { hasText: /ML Interview/i }).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-list-row', { hasText: /ML algorithms/ }).first().waitFor({ timeout: 30_000 });
  console.log(`tree rows visible ${Date.now() - t0} ms after navigation`);
  await page.waitForTimeout(800);
  await shot('ml-interview-container');

  // The LLM & GenAI internals category: the other categories collapsed so it shows whole.
  for (const label of [/^ML algorithms/, /^Metrics/, /^Data manipulation/, /^Production coding/, /^Today/]) {
    const row = page.locator('.part.sidebar .monaco-list-row[aria-expanded="true"]', { hasText: label }).first();
    if (await row.count()) await row.click();
  }
  const llm = page.locator('.part.sidebar .monaco-list-row', { hasText: /LLM & GenAI internals/ }).first();
  await llm.waitFor({ timeout: 15_000 });
  await page.locator('.part.sidebar .monaco-list-row', { hasText: /KV cache|Online softmax|Rotary/i }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  await shot('tree-llm-category');

  await openAndSave('ml-interview/softmax/solution.py');
  await waitStatus(/Softmax.*passed/i);
  // The "solved" notification and its actions (Next in Today's Drill, Compare, Write-up).
  await page.locator('.notification-toast', { hasText: /solved/i }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(800);
  await shot('solved-actions');
  await openAndSave('ml-interview/pca/solution.py');
  await waitStatus(/principal|pca/i);
  await page.locator('.statusbar-item', { hasText: /passed/ }).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  await shot('drill-failing-save');

  await palette('Testing: Focus on Test Explorer View');
  await page.waitForTimeout(1500);
  const rows = page.locator('.part.sidebar .monaco-list-row');
  for (const name of [/Principal|PCA/i]) {
    const row = rows.filter({ hasText: name }).first();
    if (await row.count()) await row.click();
    await page.keyboard.press('ArrowRight');
  }
  await page.waitForTimeout(1000);
  await shot('test-explorer-failure');

  await palette('MLPrep: Show Test Output');
  await page.waitForTimeout(1500);
  await shot('test-output');

  // The Problems view with Today's drill on top, and the onboarding walkthrough beside it.
  await page.keyboard.press('Control+J'); // hide the panel
  await container.click();
  await page.locator('.monaco-list-row', { hasText: /Today’s drill/ }).first().waitFor({ timeout: 30_000 });
  await palette('MLPrep: Get Started');
  await page.locator('.gettingStartedContainer, .getting-started-step', { hasText: /Choose the Python interpreter/ }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await shot('walkthrough');

  // A mock interview: level pick, the confirmation, then the coding round on the clock.
  // Straight from the walkthrough page, which must not swallow the level picker.
  await palette('MLPrep: Start Mock Interview');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'L4 (mid-level)' }).first().click({ timeout: 15_000 });
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Start the Clock' }).click({ timeout: 15_000 });
  await waitStatus(/Mock L4/);
  await page.waitForTimeout(2000);
  await shot('mock-interview');
} finally {
  await browser.close();
  server.stop();
}
