// Screenshots of MLPrep: Show Next Hint in the real workbench (MLPrep installed from the built
// .vsix): the lightbulb in a solution's editor title, hint 1 in a notification with "Next Hint",
// hint 2 after clicking it, and "All Hints So Far" (the revealed hints, side by side with the code);
// then Ctrl+Alt+Enter in the solution runs its hidden tests.
// Usage: npm run screenshots:hints        (both themes; PNGs in test-output/screenshots/)
//        node test/e2e/hints-screenshots.mjs --theme light
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, seed, shooter } = screenshotSetup('mlprep-hints-shots-');
seed('ml-algorithms', 'softmax', 'import numpy as np\n\n\ndef softmax(x, axis=-1):\n    raise NotImplementedError\n');

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'files.autoSave': 'off' },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const toast = (re) => page.locator('.notifications-toasts .notification-toast', { hasText: re }).first();
let failed = false;
const expect = async (what, locator) => {
  try {
    await locator.waitFor({ timeout: 20_000 });
    console.log(`ok ${what}`);
  } catch {
    failed = true;
    console.error(`MISSING ${what}`);
  }
};

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+P');
  await page.keyboard.type('ml-interview/softmax/solution.py', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'softmax' }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(1500);

  // The editor title's lightbulb (Show Next Hint), beside Run Hidden Tests and Show Statement.
  const bulb = page.locator('.editor-actions .action-label[aria-label*="Show Next Hint"], .editor-actions .action-label[title*="Show Next Hint"]').first();
  await expect('lightbulb in the editor title', bulb);
  await bulb.click();
  // Clicked from the editor title: the hint of this problem, no picker.
  await expect('hint 1 notification', toast(/Hint 1 of 3/));
  await page.waitForTimeout(600);
  await shot('hint-1');
  await toast(/Hint 1 of 3/).getByRole('button', { name: 'Next Hint' }).click();
  await expect('hint 2 notification', toast(/Hint 2 of 3/));
  await page.waitForTimeout(600);
  await shot('hint-2');
  await toast(/Hint 2 of 3/).getByRole('button', { name: 'All Hints So Far' }).click();
  await expect('hints document', page.locator('iframe.webview, .webview').first());
  await page.waitForTimeout(2500);
  await shot('hints-so-far');
  // From the palette: the picker offers the current problem first.
  await runPalette(page, 'MLPrep: Show Next Hint');
  await expect('picker with the current problem first', page.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: /current/ }));
  await page.waitForTimeout(500);
  await shot('hint-picker');
  await page.locator('.quick-input-list .monaco-list-row').first().click();
  await expect('hint 3 notification (last: no Next Hint)', toast(/Hint 3 of 3/));
  // Ctrl+Alt+Enter in the solution runs its hidden tests (the status bar names the problem's result).
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Alt+Enter');
  await expect('Ctrl+Alt+Enter ran the hidden tests', page.locator('.statusbar-item', { hasText: /softmax.*\d+\/\d+|softmax.*(passed|failed)/i }).first());
  await page.waitForTimeout(500);
  await shot('run-tests-keybinding');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('hints-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
