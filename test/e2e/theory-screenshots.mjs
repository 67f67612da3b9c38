// Screenshots of the theory cards in the real workbench (MLPrep installed from the built .vsix):
// the Problems view's Theory group (cards due today, the deck by topic), a card with its answer
// clock running and a typed answer, then the revealed answer with two key points ticked; then
// key 3 (Good) rates it and the panel moves on to the next due card, and the group's count drops.
// Usage: npm run screenshots:theory        (both themes; PNGs in test-output/screenshots/)
//        node test/e2e/theory-screenshots.mjs --theme light
// Fails when a step is missing or the webview reports an error or CSP violation.
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, shooter } = screenshotSetup('mlprep-theory-shots-');

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'mlprep.theory.newCardsPerDay': 5 },
});
const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1400, height: 1250 } });
const shot = shooter(page);
let failed = false;
const expect = async (what, locator, timeout = 20_000) => {
  try {
    await locator.waitFor({ timeout });
    console.log(`ok ${what}`);
  } catch {
    failed = true;
    console.error(`MISSING ${what}`);
  }
};
const row = (re) => page.locator('.monaco-list-row', { hasText: re }).first();

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await expect('Theory group with its count', row(/Theory · 5 due today/), 30_000);
  await row(/Theory · 5 due today/).click();
  await expect('Due today list', row(/Due today \(5\)/));
  await row(/^Regularisation/).click();
  await page.waitForTimeout(800);
  await shot('theory-group');

  await runPalette(page, 'MLPrep: Review Due Theory Cards');
  const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await expect('card panel with the question', frame.locator('main.card-view[data-revealed="false"] .question'), 60_000);
  await frame.locator('#draft').click();
  await page.keyboard.type('Near zero: L1 gradient stays lambda, L2 gradient 2*lambda*w fades. So L1 can hold a weight at exactly 0 (soft-thresholding); L2 only shrinks. Diamond-shaped constraint, corners on the axes.', { delay: 4 });
  await page.waitForTimeout(6500); // the clock runs
  await shot('theory-card-question');

  await frame.locator('[data-testid=reveal]').click();
  await expect('revealed answer', frame.locator('main.card-view[data-revealed="true"] .markdown'));
  await frame.locator('[data-testid=point-0]').check();
  await frame.locator('[data-testid=point-2]').check();
  await page.waitForTimeout(500);
  await shot('theory-card-revealed');
  await frame.locator('.points').click({ position: { x: 2, y: 2 } }).catch(() => undefined);
  await page.keyboard.press('3'); // Good
  await expect('next due card', frame.locator('main.card-view[data-revealed="false"] .crumbs', { hasText: '4 due today' }));
  await expect('the group count dropped', row(/Theory · 4 due today/));
  await page.waitForTimeout(500);
  await shot('theory-after-rating');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('theory-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
