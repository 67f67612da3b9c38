// Screenshots of MLPrep in Restricted Mode, from the built .vsix, and the way out of it.
// Usage: npm run package && node test/e2e/restricted-screenshots.mjs [--theme light]
// PNGs land in test-output/screenshots/ (ignored by git).
// Scenario: a folder never trusted whose .vscode/settings.json points mlprep.pythonPath at a
// script in the folder (it appends to a marker file when run; so do python3/python shims put
// first on PATH) and mlprep.problemPacks at a pack in the folder. The Problems view, a refused
// "Check Python Environment" and the walkthrough are captured; then trust is granted through the
// view's shield button and the workspace pack appears without a reload. Exits 1 if the marker
// was written or a step did not show what it should.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const theme = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : 'dark';
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-restricted-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);
const workspace = path.join(tmp, 'practice');
cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const marker = path.join(tmp, 'marker');
const shim = `#!/bin/sh\necho "$0 $*" >> '${marker}'\nexit 1\n`;
const script = path.join(workspace, 'tools', 'python');
mkdirSync(path.dirname(script), { recursive: true });
writeFileSync(script, shim, { mode: 0o755 });
const bin = path.join(tmp, 'bin');
mkdirSync(bin);
for (const name of ['python3', 'python']) writeFileSync(path.join(bin, name), shim, { mode: 0o755 });
const extra = path.join(workspace, 'extra-pack', 'ml-algorithms', 'softmax-extra');
cpSync(path.join(repoRoot, 'problems', 'ml-algorithms', 'softmax'), extra, { recursive: true });
const yamlFile = path.join(extra, 'problem.yaml');
writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(/^id: softmax$/m, 'id: softmax-extra').replace(/^title: .*$/m, 'title: Softmax from the workspace pack'));
mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'mlprep.pythonPath': script, 'mlprep.problemPacks': ['extra-pack'] }, null, 2));

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  workspaceTrust: true,
  settings: { 'workbench.colorTheme': themes[theme], 'editor.minimap.enabled': false },
  // VSCODE_CLI=1 keeps this PATH for the extension host (no login-shell environment), so the shims are found.
  env: { VSCODE_CLI: '1', PATH: `${bin}${path.delimiter}${process.env.PATH}` },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = async (name) => {
  const file = path.join(outDir, `${name}-${theme}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(repoRoot, file)}`);
};
const failures = [];
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
const ran = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
console.log(ran ? `MARKER WRITTEN (something ran Python before trust):\n${ran}` : 'marker never written: nothing ran Python while the workspace was untrusted');
if (ran) failures.push('marker written');
if (failures.length) {
  console.error(`failed: ${failures.join('; ')}`);
  process.exit(1);
}
