// Screenshots of the real workbench with MLPrep installed from the built .vsix.
// Usage: npm run screenshots   (PNGs land in test-output/screenshots/, ignored by git)
//        node test/e2e/screenshots.mjs --theme light
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, startCodeServer } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const theme = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : 'dark';
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-shots-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);
const workspace = path.join(tmp, 'practice');
cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

const server = await startCodeServer({ extensionsDir, smokeTestDriver: false, settings: { 'workbench.colorTheme': themes[theme] } });
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = async (name) => {
  const file = path.join(outDir, `${name}-${theme}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(repoRoot, file)}`);
};
try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
  await container.waitFor({ timeout: 30_000 });
  await container.click();
  await page.locator('.part.sidebar .title-label', { hasText: /ML Interview/i }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await shot('ml-interview-container');
} finally {
  await browser.close();
  server.stop();
}
