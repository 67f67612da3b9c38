// Screenshots of follow-up parts (contract F) in the real workbench, MLPrep installed from the
// built .vsix: saving part 1's answer of softmax unlocks part 2 ("Follow-up unlocked" with Show);
// Show opens the statement with part 2 appended; a save that breaks part 1 while attempting part 2
// shows both parts failing in the Test Explorer, grouped "Part 1: ...", "Part 2: Log-softmax";
// the Problems view says "part 2 of 3" with one line per part in the tooltip; part 2 passes with
// the user's own answer and the notice's Compare opens the diff against part 2's reference.
// Usage: npm run screenshots:followups   (both themes; PNGs in test-output/screenshots/)
//        node test/e2e/followups-screenshots.mjs --theme light
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, seed, shooter } = screenshotSetup('mlprep-followups-shots-');
seed('ml-algorithms', 'softmax'); // part 1's reference as the user's code
const dir = path.join(workspace, 'ml-interview', 'softmax');
rmSync(path.join(dir, 'README.md')); // "Show" then opens MLPrep's statement preview (with the unlocked part)

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'files.autoSave': 'off', 'mlprep.testTimeoutSeconds': 30 },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const toast = (re) => page.locator('.notifications-toasts .notification-toast', { hasText: re }).first();
const status = (re) => page.locator('.statusbar-item', { hasText: re }).first();
let failed = false;
const expect = async (what, locator, timeout = 60_000) => {
  try {
    await locator.waitFor({ timeout });
    console.log(`ok ${what}`);
    return true;
  } catch {
    failed = true;
    console.error(`MISSING ${what}`);
    return false;
  }
};
const save = async () => {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+S');
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
  await page.waitForTimeout(1000);

  // Part 1 passes: the follow-up unlocks.
  await save();
  await expect('"Follow-up unlocked" notification', toast(/Follow-up unlocked: Log-softmax/));
  await page.waitForTimeout(800);
  await shot('followups-unlocked');

  // Show: the statement with part 2 appended (hints folded).
  await toast(/Follow-up unlocked/).getByRole('button', { name: 'Show' }).click();
  await expect('statement preview', page.locator('iframe.webview, .webview').first());
  await page.waitForTimeout(2000);
  await runPalette(page, 'Notifications: Clear All Notifications');
  // The preview scrolled to the appended part (webview > active frame > rendered Markdown).
  const part2 = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('h2', { hasText: 'Part 2 of 3: Log-softmax' });
  if (await expect('"Part 2 of 3: Log-softmax" in the statement', part2, 20_000)) {
    // Show opens the preview at part 2 itself (URI fragment): no scrolling here.
    const top = await part2.evaluate((el) => el.getBoundingClientRect().top);
    console.log(`part 2 heading at ${Math.round(top)} px from the preview's top`);
  }
  await page.waitForTimeout(800);
  await shot('followups-statement');

  // A save that breaks part 1 while attempting part 2.
  writeFileSync(path.join(dir, 'solution.py'), readFileSync(path.join(repoRoot, 'test', 'fixtures', 'followups', 'softmax_breaks_part1.py'), 'utf8'));
  await page.keyboard.press('Control+P');
  await page.keyboard.type('ml-interview/softmax/solution.py', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'softmax' }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await runPalette(page, 'File: Revert File');
  await page.waitForTimeout(800);
  await save();
  await expect('the run of parts 1 and 2 finished', status(/softmax.*part 1 broken/i));
  await status(/part 1 broken/).hover();
  await page.waitForTimeout(1500);
  await shot('followups-status-parts');
  await runPalette(page, 'Testing: Focus on Test Explorer View');
  await page.waitForTimeout(1000);
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: /Numerically stable softmax/ }).first();
  await row.click({ timeout: 30_000 });
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(400);
  for (const label of [/Part 1:/, /Part 2: Log-softmax/]) {
    const g = page.locator('.part.sidebar .monaco-list-row', { hasText: label }).first();
    if (await expect(`Test Explorer group ${label}`, g, 20_000)) {
      await g.click();
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(300);
    }
  }
  await page.waitForTimeout(800);
  await shot('followups-test-explorer');

  // The Problems view: "part 2 of 3" and the parts in the tooltip.
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click();
  await page.waitForTimeout(1000);
  const problem = page.locator('.part.sidebar .monaco-list-row', { hasText: /part 2 of 3/ }).first();
  if (await expect('tree row with "part 2 of 3"', problem, 20_000)) {
    await problem.hover();
    await page.waitForTimeout(1800);
  }
  await shot('followups-tree');

  // Part 2 passes with the user's own answer: the notice offers part 2's reference; Compare opens
  // the diff against followups/log-softmax/solution.py (not part 1's solution.py).
  writeFileSync(path.join(dir, 'solution.py'), readFileSync(path.join(repoRoot, 'test', 'fixtures', 'followups', 'softmax_part2_own.py'), 'utf8'));
  await page.keyboard.press('Control+P');
  await page.keyboard.type('ml-interview/softmax/solution.py', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'softmax' }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await runPalette(page, 'File: Revert File');
  await page.waitForTimeout(800);
  await save();
  if (await expect('"Part 2 of 3 passed" notification', toast(/Part 2 of 3 passed/))) {
    await page.waitForTimeout(800);
    await shot('followups-part2-passed');
    await toast(/Part 2 of 3 passed/).getByRole('button', { name: 'Compare' }).click();
    await expect('diff against part 2’s reference', page.locator('.tab', { hasText: /part 2\/3/ }).first(), 20_000);
    await expect('diff editor', page.locator('.monaco-diff-editor').first(), 20_000);
    await runPalette(page, 'Notifications: Clear All Notifications');
    await runPalette(page, 'View: Close Editors in Other Groups');
    await runPalette(page, 'View: Close Primary Side Bar');
    await page.waitForTimeout(1500);
    await shot('followups-part2-diff');
  }
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('followups-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
