// Screenshots of MLPrep in Restricted Mode, from the built .vsix, and the way out of it.
// Usage: npm run package && node test/e2e/restricted-screenshots.mjs [--theme light]
// PNGs land in test-output/screenshots/ (ignored by git).
// Scenario: a folder never trusted whose .vscode/settings.json points mlprep.pythonPath at a
// script in the folder (it appends to a marker file when run; so do python3/python shims put
// first on PATH) and mlprep.problemPacks at a pack in the folder. The Problems view, a refused
// "Check Python Environment" and the walkthrough are captured; then trust is granted through the
// view's shield button and the workspace pack appears without a reload. Exits 1 if the marker
// was written or a step did not show what it should.
import { existsSync, readFileSync } from 'node:fs';
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { layRestrictedTrap } from '../host/restrictedTrap.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, tmp, workspace, extensionsDir, shooter } = screenshotSetup('mlprep-restricted-');
const { marker, env } = layRestrictedTrap(workspace, tmp, { packTitle: 'Softmax from the workspace pack' });

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  workspaceTrust: true,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false },
  // VSCODE_CLI=1 keeps this PATH for the extension host (no login-shell environment), so the shims are found.
  env,
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = shooter(page);
const failures = [];
/** The marker's content when trust was granted (undefined if the run stopped before). */
let ranBeforeTrust;
const expectVisible = async (what, locator, timeout = 20_000) => {
  try {
    await locator.first().waitFor({ timeout });
  } catch {
    failures.push(what);
    console.error(`NOT SEEN: ${what}`);
  }
};

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
  await container.waitFor({ timeout: 30_000 });
  await container.click();
  await expectVisible('built-in problems listed', page.locator('.monaco-list-row', { hasText: /ML algorithms/ }), 30_000);
  await expectVisible('Problems view message', page.locator('.part.sidebar', { hasText: 'Restricted Mode: tests, environment checks' }));
  await page.waitForTimeout(800);
  await shot('restricted-problems');

  await runPalette(page, 'MLPrep: Check Python Environment');
  await expectVisible('refusal notification', page.locator('.notification-toast', { hasText: 'Checking the Python environment is disabled in Restricted Mode' }));
  await page.waitForTimeout(500);
  await shot('restricted-refusal');

  await runPalette(page, 'MLPrep: Get Started');
  await expectVisible('walkthrough trust step', page.locator('.getting-started-step, .gettingStartedContainer', { hasText: 'Trust this workspace' }), 30_000);
  await page.waitForTimeout(3000); // the step's markdown renders in a webview
  await shot('restricted-walkthrough');

  // The way out: the shield button in the Problems view's title opens VS Code's trust editor.
  await page.keyboard.press('Escape');
  await page.locator('.part.sidebar .action-item a[aria-label*="Manage Workspace Trust"]').first().click({ timeout: 15_000 });
  const trustButton = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ });
  await expectVisible('trust editor', trustButton);
  await shot('restricted-trust-editor');
  // Once trusted, MLPrep may start the workspace's interpreter (the worker's pre-warm): that is
  // allowed, so the marker is read just before the grant.
  ranBeforeTrust = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
  await trustButton.first().click();
  await expectVisible('workspace pack loaded after trust', page.locator('.monaco-list-row', { hasText: 'Softmax from the workspace pack' }), 30_000).catch(() => {});
  const stillRestricted = await page.locator('.part.sidebar', { hasText: 'Restricted Mode: tests, environment checks' }).count();
  if (stillRestricted) failures.push('view message still shown after trust');
  await runPalette(page, 'View: Close Editor'); // the trust editor opens as a modal editor
  await page.waitForTimeout(800);
  await shot('trusted-after-grant');
} finally {
  await browser.close();
  server.stop();
}
const ran = ranBeforeTrust ?? (existsSync(marker) ? readFileSync(marker, 'utf8') : '');
console.log(ran ? `MARKER WRITTEN (something ran Python before trust):\n${ran}` : 'marker never written: nothing ran Python while the workspace was untrusted');
if (ran) failures.push('marker written');
if (failures.length) {
  console.error(`failed: ${failures.join('; ')}`);
  process.exit(1);
}
