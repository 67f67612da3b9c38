// Screenshots of how a timeout and flooded output reach the user, MLPrep installed from the built
// .vsix: an endless loop ("timed out at solution.py:LINE" in the status bar and its tooltip, an
// error squiggle on that line, the Test Explorer message) and a solution that prints 200,000 lines
// before looping ("output truncated: 200,000 lines printed; printing may be what made it slow" in
// the MLPrep Tests output and the hover).
// Usage: npm run package && node test/e2e/timeout-screenshots.mjs [--theme light]
// PNGs land in test-output/screenshots/ (ignored by git).
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, seed, shooter } = screenshotSetup('mlprep-timeout-shots-');
seed('ml-algorithms', 'softmax', `import numpy as np


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    total = 0.0
    while total >= 0:  # never ends
        total += 1.0
    return x
`);
seed('metrics', 'log-loss', `import numpy as np


def log_loss(y_true, y_pred, eps=1e-15):
    for i in range(200_000):
        print("debug step", i)
    while True:
        pass
`);

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'files.autoSave': 'off', 'mlprep.testTimeoutSeconds': 3 },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const status = (re) => page.locator('.statusbar-item', { hasText: re }).first();
const open = async (relPath) => {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(relPath, { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: relPath.split('/').slice(-2, -1)[0] }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
};
const save = async () => {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+S');
};
let failed = false;
const expectText = async (what, locator, re) => {
  const text = ((await locator.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' '); // Monaco renders spaces as nbsp
  if (!re.test(text)) {
    failed = true;
    console.error(`MISSING ${what}: ${re} not in ${JSON.stringify(text.slice(0, 400))}`);
  } else console.log(`ok ${what}`);
};

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await page.waitForTimeout(1000);

  // The endless loop.
  await open('ml-interview/softmax/solution.py');
  await save();
  await status(/Softmax.*timed out at solution\.py:\d+/i).waitFor({ timeout: 90_000 });
  await page.waitForTimeout(1000);
  await shot('timeout-status-and-squiggle');
  await status(/Softmax.*timed out/i).hover();
  await page.waitForTimeout(1500);
  await expectText('status tooltip', page.locator('.monaco-hover, .workbench-hover').first(), /timed out at solution\.py:\d+/);
  await shot('timeout-status-tooltip');
  await page.mouse.move(10, 10);
  await palette('View: Focus Problems (Errors, Warnings, Infos)');
  await page.waitForTimeout(1200);
  await expectText('Problems panel', page.locator('.markers-panel, .panel').first(), /timed out at solution\.py:\d+/);
  await shot('timeout-problems-panel');
  await palette('Testing: Focus on Test Explorer View');
  await page.waitForTimeout(1200);
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: /Softmax/ }).first();
  await row.click({ timeout: 30_000 }).catch(() => undefined);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(800);
  await palette('Test: Show Output');
  await page.waitForTimeout(1500);
  // The run's root item in the results tree: its message is the timeout with the line.
  await page.locator('.test-output-peek-tree .monaco-list-row, .test-results-tree .monaco-list-row, .panel .monaco-list-row', { hasText: /timed out at solution\.py:\d+/ }).first().click({ timeout: 10_000 }).catch(() => console.error('no results row with the timeout'));
  await page.waitForTimeout(1200);
  await expectText('Test Results message', page.locator('.panel').first(), /timed out at solution\.py:\d+/);
  await shot('timeout-test-explorer');

  // 200,000 prints, then a loop.
  await page.keyboard.press('Escape');
  await open('ml-interview/log-loss/solution.py');
  await save();
  await status(/Log.*timed out/i).waitFor({ timeout: 90_000 });
  await palette('MLPrep: Show Test Output');
  await page.waitForTimeout(1500);
  await expectText('MLPrep Tests output', page.locator('.panel').first(), /output truncated: 200,000 lines printed; printing may be what made it slow/);
  await shot('truncated-output-channel');
  await status(/Log.*timed out/i).hover();
  await page.waitForTimeout(1500);
  await expectText('status tooltip (truncated)', page.locator('.monaco-hover, .workbench-hover').first(), /Output truncated: 200,000 lines printed/);
  await shot('truncated-status-tooltip');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  console.error(`status bar: ${await page.locator('.statusbar').innerText().catch(() => '?')}`);
  await shot('timeout-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);

function palette(text) {
  return runPalette(page, text);
}
