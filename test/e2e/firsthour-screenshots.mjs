// The first hour in the real workbench (MLPrep installed from the built .vsix), driven with real
// clicks and keystrokes, in the dark or light theme (issue 11, items 1-6 and 8).
// Usage: npm run screenshots:firsthour        (PNGs in test-output/screenshots/)
//        node test/e2e/firsthour-screenshots.mjs --theme light
//
// Scenario: a click on a problem previews its statement (no files written); the grouped filter
// picker; medium + Unsolved shown as the view's first row, cleared by a click on it; search
// narrowing the rows as letters are typed (checked here: the extension host cannot type); a
// double click on a pandas problem starts it and says pandas is missing for `python3` (this
// machine's python3 has numpy and no pandas); Start Problem from the palette with that solution
// open shows the picker, current problem first; a mock's "Finish the coding round?" and its
// design round in the whole editor area. Prints what it checked and how long each step waited.
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const theme = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : 'dark';
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-firsthour-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);
const workspace = path.join(tmp, 'practice');
cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': themes[theme], 'editor.minimap.enabled': false, 'mlprep.pythonPath': 'python3' },
});
const { browser, page } = await launchChromium({ colorScheme: theme });
const shot = async (name) => {
  const file = path.join(outDir, `${name}-${theme}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${path.relative(repoRoot, file)}`);
};
const check = (ok, what) => {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
};
const rows = () => page.locator('.part.sidebar .monaco-list-row');
const row = (text) => rows().filter({ hasText: text }).first();
const tabs = () => page.locator('.tabs-container .tab');
const timed = async (what, f) => {
  const t0 = Date.now();
  const r = await f();
  console.log(`waited ${Date.now() - t0} ms: ${what}`);
  return r;
};

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
  await container.waitFor({ timeout: 30_000 });
  await container.click();
  await timed('Problems view rows', () => row(/ML algorithms/).waitFor({ timeout: 60_000 }));
  await page.waitForTimeout(800);

  // Enter on a group row still expands / collapses it (the view's Enter now starts problems).
  await row(/^Metrics & ML utilities/).click(); // a click on a group toggles it: collapsed
  await row(/Log loss/).waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await timed('group expanded again by Enter', () => row(/Log loss/).waitFor({ timeout: 10_000 }));
  check(true, 'Enter on a group row toggles it');

  // 6. A click previews; no files are written.
  await row(/Numerically stable softmax/).click();
  await timed('statement preview after a click', () => tabs().filter({ hasText: /softmax/ }).first().waitFor({ timeout: 20_000 }));
  const statement = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame').locator('h1', { hasText: 'Numerically stable softmax' });
  await timed('statement rendered', () => statement.waitFor({ timeout: 20_000 }));
  await page.waitForTimeout(800);
  check(!existsSync(path.join(workspace, 'ml-interview', 'softmax')), 'a single click wrote no files');
  check(await tabs().filter({ hasText: 'solution.py' }).count() === 0, 'a single click opened no solution');
  await shot('firsthour-click-preview');
  // Another click replaces the preview rather than adding tabs.
  await row(/K-means clustering/).click();
  await timed('the preview follows the next click', () => tabs().filter({ hasText: /kmeans/ }).first().waitFor({ timeout: 20_000 }));
  await page.waitForTimeout(500);
  check(await tabs().count() === 1, `one preview tab after two clicks (${await tabs().count()})`);
  // Enter on the focused row starts it.
  await page.keyboard.press('Enter');
  await timed('solution open after Enter', () => tabs().filter({ hasText: 'solution.py' }).first().waitFor({ timeout: 30_000 }));
  check(existsSync(path.join(workspace, 'ml-interview', 'kmeans', 'solution.py')), 'Enter started the problem');
  await runPalette(page, 'View: Close All Editor Groups'); // a clean slate for what follows
  await page.waitForTimeout(500);

  // 5. The grouped filter picker, then medium + Unsolved as the view's first row.
  await runPalette(page, 'MLPrep: Filter Problems…');
  const qp = page.locator('.quick-input-widget');
  await qp.locator('.quick-input-list .monaco-list-row', { hasText: /^medium/ }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  await shot('firsthour-filter-picker');
  await qp.locator('.quick-input-list .monaco-list-row', { hasText: /^medium/ }).first().click();
  await qp.locator('.quick-input-list .monaco-list-row', { hasText: /^Unsolved/ }).first().click();
  await page.keyboard.press('Enter');
  await timed('filter row', () => row(/Filtered: medium, unsolved/).waitFor({ timeout: 15_000 }));
  await page.waitForTimeout(800);
  check(await row(/Numerically stable softmax/).count() === 0, 'the easy softmax is filtered out');
  await shot('firsthour-filter-row');
  await row(/Filtered: medium, unsolved/).click();
  await timed('filter cleared by a click on its row', () => row(/Today’s drill/).waitFor({ timeout: 15_000 }));
  await page.mouse.move(900, 500); // no hover over the rows in the next shot

  // 5. Search applies as you type (no Enter).
  await runPalette(page, 'MLPrep: Search Problems by Title…');
  await page.locator('.quick-input-widget', { hasText: 'Search problems' }).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.type('cohort', { delay: 60 });
  await timed('rows follow the typed search', () => row(/Filtered: “cohort”/).waitFor({ timeout: 15_000 }));
  await page.waitForTimeout(600);
  check(await row(/Cohort retention matrix/).count() === 1, 'the matching problem is listed while typing');
  check(await row(/K-means/).count() === 0, 'other problems are gone while typing');
  await shot('firsthour-search-live');
  await page.keyboard.press('Enter');

  // 6 + 8. A double click starts the pandas problem; missing pandas is said now.
  await page.mouse.move(900, 500); // away from the filter row's hover
  await page.waitForTimeout(800);
  await row(/Cohort retention matrix/).dblclick();
  await timed('solution open after a double click', () => tabs().filter({ hasText: 'solution.py' }).first().waitFor({ timeout: 30_000 }));
  check(existsSync(path.join(workspace, 'ml-interview', 'cohort-retention', 'solution.py')), 'the double click started the problem');
  await page.waitForTimeout(1000);
  check(await tabs().filter({ hasText: /Preview cohort-retention/ }).count() === 0, 'the first click’s preview gave way to the statement beside the code');
  const warning = page.locator('.notifications-toasts .notification-toast', { hasText: /needs pandas/ }).first();
  await timed('missing-pandas warning at the start', () => warning.waitFor({ timeout: 30_000 }));
  await page.waitForTimeout(800);
  await shot('firsthour-start-missing-pandas');
  await page.keyboard.press('Escape');

  // 1. Start Problem from the palette with a solution open: the picker, current problem first.
  await page.locator('.editor-group-container .monaco-editor').first().click();
  await runPalette(page, 'MLPrep: Start Problem…');
  const first = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await timed('problem picker from the palette', () => first.waitFor({ timeout: 15_000 }));
  await page.waitForTimeout(500);
  check(/Monthly cohort retention matrix/.test(await first.innerText()) && /current/.test(await first.innerText()), 'the current problem leads the picker');
  await shot('firsthour-palette-picker');
  await page.keyboard.press('Escape');

  // 2 + 3. A mock: finishing the coding round asks first, then the design round fills the editor area.
  await runPalette(page, 'MLPrep: Start Mock Interview');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'L4 (mid-level)' }).first().click({ timeout: 15_000 });
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Start the Clock' }).click({ timeout: 15_000 });
  await page.locator('.statusbar-item', { hasText: /Mock L4/ }).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  await runPalette(page, 'MLPrep: Mock Interview: Finish the Coding Part');
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Finish the coding round?' });
  await dialog.waitFor({ timeout: 15_000 });
  check(/hidden tests run/.test(await dialog.innerText()), 'the confirmation says the solution is saved and the tests run');
  await page.waitForTimeout(500);
  await shot('firsthour-mock-finish-confirm');
  await dialog.locator('.monaco-button', { hasText: 'Finish Coding Round' }).click();
  await timed('design round after the hidden tests ran', () => tabs().filter({ hasText: /^Design:/ }).first().waitFor({ timeout: 90_000 }));
  const board = page.locator('iframe.webview:visible').last();
  await page.waitForTimeout(6000);
  const groups = await page.locator('.part.editor .editor-group-container').count();
  const width = (await board.boundingBox())?.width ?? 0;
  const area = (await page.locator('.part.editor').boundingBox())?.width ?? 1;
  check(groups === 1, `the design round has one editor group (${groups})`);
  check(width / area > 0.95, `the whiteboard takes the editor area's width (${Math.round(width)} of ${Math.round(area)} px)`);
  await shot('firsthour-mock-design');
} finally {
  await browser.close();
  server.stop();
}
