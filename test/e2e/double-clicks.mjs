// Double-clicks on the webviews' buttons, in the real workbench (MLPrep installed from the built
// .vsix), with real pointer events (Playwright's dblclick: two clicks at one spot, the second with
// detail 2). A double-click must act once and never on what appears under the pointer:
// - design panel: Start does not start-then-pause; Finish opens its confirmation, which stays open
//   (Enter accepts nothing, a double-click on Finish does not dismiss or accept it); only a
//   deliberate "Finish and score" finishes; Escape keeps working. "Ask a question…" does not ask.
// - theory cards: Reveal does not tick a key point; a rating does not reveal the next card.
// Screenshots of the confirmation in each theme.
// Usage: npm run package && node test/e2e/double-clicks.mjs [--theme light]
// Exit code 1 when any check fails.
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, shooter } = screenshotSetup('mlprep-dblclick-');
const PROMPT_TITLE = 'Real-time fraud detection for card payments';

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: {
    'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'mlprep.design.chime': false,
    'mlprep.theory.newCardsPerDay': 5, 'workbench.activityBar.location': 'default', 'window.commandCenter': false,
  },
});
const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1500, height: 950 } });
const shot = shooter(page);
let failed = false;
const check = (what, ok, detail = '') => {
  if (ok) console.log(`ok ${what}`);
  else {
    failed = true;
    console.error(`FAILED ${what}${detail ? `: ${detail}` : ''}`);
  }
};
const visible = async (locator, timeout = 10_000) => locator.waitFor({ timeout }).then(() => true, () => false);
const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().waitFor({ timeout: 60_000 }); // MLPrep is loaded
  await page.waitForTimeout(1500);

  // ---- design panel
  await runPalette(page, 'MLPrep: Start Design Session');
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: PROMPT_TITLE }).first();
  await pick.waitFor({ timeout: 30_000 });
  await pick.click();
  await frame.locator('body[data-interactive="true"] .excalidraw canvas').first().waitFor({ timeout: 90_000 });
  await frame.locator('[data-testid=start]').dblclick();
  check('a double-click on Start starts the clock and leaves it running', await visible(frame.locator('[data-testid=pause]')));
  await page.waitForTimeout(300);
  check('… not paused again by the second click', !(await frame.locator('[data-testid=resume]').isVisible()));

  await frame.locator('[data-testid=ask-open]').dblclick();
  await page.waitForTimeout(600);
  check('a double-click on "Ask a question…" opens the picker and asks nothing', (await frame.locator('.ask-picker').isVisible()) && (await frame.locator('[data-testid^=answer-]').count()) === 0);
  await frame.locator('[data-testid=ask-cancel]').click();

  await frame.locator('[data-testid=finish]').dblclick();
  check('a double-click on Finish opens its confirmation', await visible(frame.locator('[data-testid=finish-confirm]')));
  await page.waitForTimeout(600);
  check('… and it stays open', await frame.locator('[data-testid=finish-confirm]').isVisible());
  check('… the session is still at the board', await frame.locator('[data-testid=pause]').isVisible());
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
  check('Enter accepts nothing', (await frame.locator('[data-testid=finish-confirm]').isVisible()) && (await frame.locator('[data-testid=pause]').isVisible()));
  await frame.locator('[data-testid=finish]').click();
  await page.waitForTimeout(300);
  check('another click on Finish while it is open changes nothing', await frame.locator('[data-testid=finish-confirm]').isVisible());
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await shot('design-finish-confirm', { x: 700, y: 0, width: 800, height: 260 });
  await page.keyboard.press('Escape');
  check('Escape keeps working', !(await visible(frame.locator('[data-testid=finish-confirm]'), 1500)) || !(await frame.locator('[data-testid=finish-confirm]').isVisible()));
  await frame.locator('[data-testid=finish]').click();
  await frame.locator('[data-testid=finish-yes]').waitFor({ timeout: 5000 });
  await page.waitForTimeout(500);
  await frame.locator('[data-testid=finish-yes]').click();
  check('a deliberate "Finish and score" finishes', await visible(frame.locator('.assessment')));

  // ---- theory cards
  await runPalette(page, 'View: Close All Editors');
  await runPalette(page, 'MLPrep: Review Due Theory Cards');
  await frame.locator('main.card-view[data-revealed="false"] .question').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(600);
  const first = await frame.locator('main.card-view').getAttribute('data-card');
  await frame.locator('[data-testid=reveal]').dblclick();
  check('a double-click on Reveal reveals the answer', await visible(frame.locator('main.card-view[data-revealed="true"] .markdown')));
  await page.waitForTimeout(300);
  check('… and ticks no key point', (await frame.locator('.points input:checked').count()) === 0);
  await page.waitForTimeout(600);
  await frame.locator('[data-testid=rate-3]').dblclick();
  await frame.locator(`main.card-view:not([data-card="${first}"])`).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  check('a double-click on a rating moves on to the next card without revealing it', await frame.locator('main.card-view[data-revealed="false"]').isVisible());
  await shot('theory-after-double-click');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('double-clicks-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
