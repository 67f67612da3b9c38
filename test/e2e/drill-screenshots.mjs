// Screenshots of Today's drill with theory, behavioural and follow-up items, and of the dashboard's
// "This week's plan" card, in the real workbench (MLPrep installed from the built .vsix).
// Usage: npm run screenshots:drill        (PNGs in test-output/screenshots/, dark and light)
//        node test/e2e/drill-screenshots.mjs --theme light
//
// Scenario: a fresh profile imports a SAMPLE record (generated below) through the real "Import
// Progress" command (bound to a key, since the palette cannot pass arguments): kmeans solved two
// days ago (its follow-up part 2 unlocked), softmax solved six days ago with its part 2 passed
// today, pca solved eight days ago (a review is due), a theory card rated Again yesterday (due
// today) and two new cards reviewed today, a behavioural question rated Again nine days ago (due
// again). Then the 4-week plan is chosen through its quick pick. Captured: the Problems view's
// Today's drill; the theory row's click (the card panel on the due card); the dashboard's plan
// card. Fails on any CSP violation or error the webviews report.
import { mkdirSync, mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, startCodeServer, runPalette } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const only = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : undefined;
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
const IMPORT_KEY = 'ctrl+alt+shift+9';
const IMPORT_PRESS = 'Control+Alt+Shift+9';
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-drill-shots-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);

const DAY = 86_400_000;
/** The sample record (exported-record shape). "Today" events fall between local midnight and now. */
function sample(now) {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const today = (k) => Math.round(midnight.getTime() + (now - midnight.getTime()) * k);
  const daysAgo = (n, minutes = 0) => now - n * DAY + minutes * 60_000;
  const problems = {};
  const history = [];
  const solve = (id, at, runs) => {
    problems[id] = { startedAt: at - 25 * 60_000, attempts: runs, lastRun: { passed: 9, total: 9, at }, solvedAt: at, attemptsToSolve: runs, solveMs: 25 * 60_000 };
    history.push({ at: at - 25 * 60_000, id, kind: 'start' });
    for (let i = 1; i < runs; i++) history.push({ at: at - i * 60_000, id, kind: 'run', passed: 5, total: 9 });
    history.push({ at, id, kind: 'run', passed: 9, total: 9 }, { at, id, kind: 'solve' });
  };
  solve('kmeans', daysAgo(2), 3);
  solve('softmax', daysAgo(6), 2);
  solve('pca', daysAgo(8), 4);
  const part = today(0.5);
  problems.softmax.parts = { 2: part };
  problems.softmax.lastRun = { passed: 14, total: 14, at: part };
  history.push({ at: part, id: 'softmax', kind: 'run', passed: 14, total: 14 }, { at: part, id: 'softmax', kind: 'part', part: 2 });
  const r = (at, rating, points = [], secs = 130) => ({ at, rating, points, secs });
  const reviews = {
    'dropout-train-vs-inference': [r(daysAgo(1), 1, [0])],
    'bias-variance-decomposition': [r(today(0.6), 3, [0, 1, 2])],
    'l1-vs-l2-sparsity': [r(today(0.7), 4, [0, 1, 2, 3])],
    'bq-own-unowned-problem': [r(daysAgo(9), 1, [], 170)],
  };
  history.sort((a, b) => a.at - b.at);
  return { exportedBy: 'MLPrep sample for screenshots', exportedAt: new Date(now).toISOString(), version: 1, problems, history, reviews };
}

const sampleFile = path.join(tmp, 'sample-progress.json');
writeFileSync(sampleFile, JSON.stringify(sample(Date.now()), null, 2));

async function shoot(theme) {
  const workspace = path.join(tmp, `practice-${theme}`);
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const userDataDir = path.join(tmp, `ud-${theme}`);
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), JSON.stringify([{ key: IMPORT_KEY, command: 'mlprep.importProgress', args: { file: sampleFile, mode: 'replace' } }], null, 2));
  const server = await startCodeServer({
    extensionsDir,
    userDataDir,
    smokeTestDriver: false,
    settings: { 'workbench.colorTheme': themes[theme], 'window.commandCenter': false, 'editor.minimap.enabled': false, 'workbench.sideBar.location': 'left' },
  });
  const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1500, height: 900 } });
  const problems = [];
  page.on('console', (m) => {
    const t = m.text();
    if (/Content Security Policy|Refused to|dashboard webview|theory webview/i.test(t)) problems.push(`[console.${m.type()}] ${t}`);
  });
  page.on('pageerror', (e) => problems.push(`[pageerror] ${e.message}`));
  const shot = async (name, opts = {}) => {
    const file = path.join(outDir, `${name}-${theme}.png`);
    await page.screenshot({ path: file, ...opts });
    console.log(`saved ${path.relative(repoRoot, file)}`);
  };
  const row = (re) => page.locator('.part.sidebar .monaco-list-row', { hasText: re }).first();
  try {
    await page.goto(server.url(workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
    await container.waitFor({ timeout: 30_000 });
    await container.click();
    await row(/ML algorithms/).waitFor({ timeout: 30_000 });

    await page.locator('.monaco-workbench').click({ position: { x: 800, y: 10 } }).catch(() => {});
    await page.keyboard.press(IMPORT_PRESS);
    await row(/^Theory: \d+ cards? due today/).waitFor({ timeout: 30_000 });
    await runPalette(page, 'MLPrep: Choose Study Plan');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /4-week crash course/ }).first().click();
    await row(/^Week 1 of 4:/).waitFor({ timeout: 15_000 });
    await runPalette(page, 'Notifications: Clear All Notifications');
    // The catalogue's groups collapsed, so the drill and the Theory group show whole.
    for (const label of [/^ML algorithms/, /^Metrics/, /^Data manipulation/, /^Production coding/, /^LLM/]) {
      const r = page.locator('.part.sidebar .monaco-list-row[aria-expanded="true"]', { hasText: label }).first();
      if (await r.count()) await r.click();
    }
    // A wider side bar, so the rows' descriptions show.
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (bar) {
      await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
      await page.mouse.down();
      await page.mouse.move(bar.x + 560, bar.y + 300, { steps: 8 });
      await page.mouse.up();
    }
    await page.waitForTimeout(800);
    await shot('drill-practice', { clip: { x: 0, y: 0, width: 640, height: 330 } });
    await row(/^Theory: \d+ cards? due today/).hover();
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ timeout: 10_000 }).catch(() => {});
    await page.waitForTimeout(900);
    await shot('drill-practice-tooltip', { clip: { x: 0, y: 0, width: 1100, height: 480 } });

    // The plan row's tooltip: every target of the week, the competencies by title.
    await page.mouse.move(900, 700);
    await page.waitForTimeout(400);
    await row(/^Week 1 of 4:/).hover();
    await page.locator('.monaco-hover, .workbench-hover', { hasText: /Theory cards reviewed/ }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(600);
    await shot('drill-plan-tooltip', { clip: { x: 0, y: 0, width: 1100, height: 480 } });

    // The theory row opens the card panel on the card due today.
    await row(/^Theory: \d+ cards? due today/).click();
    const theory = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await theory.locator('body').filter({ hasText: /dropout/i }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800);
    await shot('drill-theory-card');
    await runPalette(page, 'View: Close All Editors');

    // The dashboard's plan card.
    await runPalette(page, 'MLPrep: Show Progress Dashboard');
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    const card = frame.locator('[data-testid="plan-card"]');
    await card.waitFor({ timeout: 60_000 });
    await runPalette(page, 'View: Close Primary Side Bar');
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(900);
    await shot('dashboard-plan');
    return { theme, problems };
  } finally {
    await browser.close();
    server.stop();
  }
}

const results = [];
for (const theme of only ? [only] : ['dark', 'light']) results.push(await shoot(theme));
const seen = results.flatMap((r) => r.problems);
if (seen.length) {
  console.error(`problems seen in the webviews:\n${seen.join('\n')}`);
  process.exit(1);
}
