// The first hour as a new user, in the browser VS Code that `npm start` opens (code-server with
// the packaged .vsix, a fresh profile and an empty practice folder), with real clicks, keys and
// pastes: start two problems, fail, solve, compare with the reference (and read the Test
// Explorer's count), a design session (Finish, score, record), and a mock interview to its report.
// Prints what it checked and how long each step made the user wait; screenshots of each step.
// Usage: npm run package && node test/e2e/newuser-walk.mjs [--theme light]
// Exit code 1 when a check fails.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, tmp, shooter } = screenshotSetup('mlprep-newuser-');
// As `npm start` leaves it: an empty practice folder with a one-line README.
const workspace = path.join(tmp, 'mlprep-practice');
mkdirSync(workspace, { recursive: true });
writeFileSync(path.join(workspace, 'README.md'), '# ML interview practice\n\nOpen the **ML Interview** view in the activity bar and start a problem.\n');

const server = await startCodeServer({
  extensionsDir,
  userDataDir: path.join(tmp, 'user-data'),
  smokeTestDriver: false,
  settings: {
    'workbench.colorTheme': colorTheme, 'mlprep.design.chime': false, 'mlprep.framework': 'numpy',
    // The "paste" below types the text in one input event: no auto-closing or re-indenting of it.
    'editor.autoClosingBrackets': 'never', 'editor.autoClosingQuotes': 'never', 'editor.autoIndent': 'none', 'editor.autoSurround': 'never',
  },
});
const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1500, height: 950 } });
const shot = shooter(page);
let failed = false;
const check = (ok, what) => {
  if (ok) console.log(`ok: ${what}`);
  else {
    failed = true;
    console.error(`FAILED: ${what}`);
  }
};
const waits = [];
const timed = async (what, f) => {
  const t0 = Date.now();
  const r = await f();
  const ms = Date.now() - t0;
  waits.push([what, ms]);
  console.log(`waited ${ms} ms: ${what}`);
  return r;
};
const rows = () => page.locator('.part.sidebar .monaco-list-row');
const row = (text) => rows().filter({ hasText: text }).first();
const tabs = () => page.locator('.tabs-container .tab');
const toast = (text) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
const statusItem = (text) => page.locator('.statusbar-item', { hasText: text }).first();
const frame = () => page.frameLocator('iframe.webview:visible').last().frameLocator('iframe#active-frame');
const problemFile = (slug, name) => readFileSync(path.join(repoRoot, 'problems', ...findProblem(slug), name), 'utf8');
function findProblem(slug) {
  for (const cat of readdirSync(path.join(repoRoot, 'problems'))) {
    try {
      if (readdirSync(path.join(repoRoot, 'problems', cat)).includes(slug)) return [cat, slug];
    } catch { /* a file */ }
  }
  throw new Error(`no problem ${slug}`);
}

/**
 * Replaces the active editor's text as a user pastes it, then saves. (insertText: Chromium's
 * headless clipboard paste left Monaco's input area drawn over the code in the screenshots.)
 */
async function pasteAndSave(text) {
  // Focus the code without clicking into it (a click there scrolled the headless editor sideways).
  await runPalette(page, 'View: Focus Active Editor Group');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(200);
  await page.keyboard.press('Control+Home');
}

/** The MLPrep result in the status bar once it differs from `before` and is not a spinner. */
async function nextStatus(before) {
  const item = page.locator('.statusbar-item', { hasText: /passed|failed|error|not run/i }).first();
  for (const end = Date.now() + 90_000; Date.now() < end; await page.waitForTimeout(100)) {
    const t = (await item.count()) ? await item.innerText() : '';
    if (t && t !== before && !/running|queued/i.test(t)) return t;
  }
  throw new Error(`the status bar kept "${before}"`);
}
const statusNow = async () => {
  const item = page.locator('.statusbar-item', { hasText: /passed|failed|error|not run/i }).first();
  return (await item.count()) ? item.innerText() : '';
};

try {
  const t0 = Date.now();
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  console.log(`waited ${Date.now() - t0} ms: workbench painted`);
  const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
  await timed('ML Interview icon in the activity bar', () => container.waitFor({ timeout: 60_000 }));
  await container.click();
  await timed('Problems view rows', () => row(/ML algorithms/).waitFor({ timeout: 60_000 }));
  await page.waitForTimeout(1500);
  await shot('walk-01-view');

  // Problem 1: log loss. A double click starts it; the starter fails; the reference passes.
  await row(/^Metrics & ML utilities/).click().catch(() => undefined);
  if (!(await row(/log loss/i).isVisible())) await row(/^Metrics & ML utilities/).click();
  await row(/log loss/i).dblclick();
  await timed('solution.py open after a double click', () => tabs().filter({ hasText: 'solution.py' }).first().waitFor({ timeout: 30_000 }));
  await page.waitForTimeout(2500);
  await shot('walk-02-started');
  await page.keyboard.press('Escape');
  let before = await statusNow();
  await pasteAndSave(problemFile('log-loss', 'starter.py') + '\n');
  console.log(`status: ${await timed('result of the first save (starter)', () => nextStatus(before))}`);
  await page.waitForTimeout(1500);
  await shot('walk-03-starter-fails');
  const wrong = 'import numpy as np\n\n\ndef log_loss(y_true, y_prob, eps=1e-15):\n    y = np.asarray(y_true, dtype=float)\n    p = np.asarray(y_prob, dtype=float)\n    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))\n';
  before = await statusNow();
  await pasteAndSave(wrong);
  console.log(`status: ${await timed('result of a wrong answer', () => nextStatus(before))}`);
  await page.waitForTimeout(2000);
  await shot('walk-04-wrong-answer');
  await pasteAndSave(problemFile('log-loss', 'solution.py'));
  const solved = toast(/Solved|passed/i);
  await timed('solved notification', () => solved.waitFor({ timeout: 60_000 }));
  await page.waitForTimeout(800);
  await shot('walk-05-solved');
  const compare = solved.locator('.monaco-button', { hasText: /Compare/ });
  check(await compare.count() > 0, 'the solved notification offers Compare with the reference');
  if (await compare.count()) {
    await compare.first().click();
    await timed('reference diff open', () => tabs().filter({ hasText: /↔|reference/i }).first().waitFor({ timeout: 20_000 }));
    await page.waitForTimeout(1500);
    await shot('walk-06-compare');
  }
  // The Test Explorer's count: the hidden tests only.
  await runPalette(page, 'Testing: Focus on Test Explorer View');
  await page.waitForTimeout(2500);
  await shot('walk-07-test-explorer');
  const summary = await page.locator('.part.sidebar').innerText();
  const m = summary.match(/(\d+)\/(\d+)/);
  console.log(`Test Explorer shows: ${m ? m[0] : '(no count)'}`);
  const hidden = (problemFile('log-loss', 'test_hidden.py').match(/^def test_/gm) ?? []).length;
  check(!m || Number(m[2]) === hidden, `the Test Explorer's count is the ${hidden} hidden tests (${m?.[0]})`);
  await runPalette(page, 'View: Close All Editor Groups');

  // Problem 2 from the palette: confusion matrix, a wrong answer.
  await runPalette(page, 'MLPrep: Start Problem…');
  await page.locator('.quick-input-widget input').fill('confusion');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /onfusion/ }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await timed('second problem open from the palette', () => tabs().filter({ hasText: 'solution.py' }).first().waitFor({ timeout: 30_000 }));
  await page.waitForTimeout(1500);
  before = await statusNow();
  await pasteAndSave('import numpy as np\n\n\ndef confusion_matrix(y_true, y_pred, labels=None):\n    labels = sorted(set(y_true))\n    m = np.zeros((len(labels), len(labels)), dtype=np.int64)\n    for t, p in zip(y_true, y_pred):\n        m[labels.index(t), labels.index(p)] += 1\n    return m\n');
  console.log(`status: ${await timed('result of problem 2', () => nextStatus(before))}`);
  await page.waitForTimeout(2000);
  await shot('walk-08-problem2-fails');
  await runPalette(page, 'View: Close All Editor Groups');

  // A design session: start, Finish (confirmed), score every section, record.
  await runPalette(page, 'MLPrep: Start Design Session');
  const prompt = page.locator('.quick-input-list .monaco-list-row').first();
  await prompt.waitFor({ timeout: 30_000 });
  const tD = Date.now();
  await prompt.click();
  await frame().locator('body[data-interactive="true"] .excalidraw canvas').first().waitFor({ timeout: 90_000 });
  waits.push(['design whiteboard interactive after the pick', Date.now() - tD]);
  console.log(`waited ${Date.now() - tD} ms: design whiteboard interactive after the pick`);
  await frame().locator('[data-testid=start]').click();
  await frame().locator('[data-testid=pause]').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(1500);
  await frame().locator('[data-testid=finish]').click();
  await frame().locator('[data-testid=finish-confirm]').waitFor({ timeout: 5000 });
  await page.waitForTimeout(600);
  await shot('walk-09-design-finish-confirm');
  await frame().locator('[data-testid=finish-yes]').click();
  await frame().locator('.assessment').waitFor({ timeout: 10_000 });
  for (const group of await frame().locator('vscode-radio-group').all()) {
    await group.locator('vscode-radio').nth(2).click();
  }
  await frame().locator('[data-testid=complete]:not([disabled])').waitFor({ timeout: 10_000 });
  await frame().locator('[data-testid=complete]').click();
  await timed('design session recorded', () => frame().locator('h2', { hasText: 'Session recorded' }).waitFor({ timeout: 15_000 }));
  await page.waitForTimeout(800);
  await shot('walk-10-design-recorded');
  await runPalette(page, 'View: Close All Editor Groups');

  // A mock interview, L4: coding round, finish it, design round, Finish, score, record, report.
  await runPalette(page, 'MLPrep: Start Mock Interview');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'L4 (mid-level)' }).first().click({ timeout: 15_000 });
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Start the Clock' }).click({ timeout: 15_000 });
  await timed('mock coding round open', () => tabs().filter({ hasText: 'solution.py' }).first().waitFor({ timeout: 60_000 }));
  await statusItem(/Mock L4 · coding/).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await shot('walk-11-mock-coding');
  await runPalette(page, 'MLPrep: Mock Interview: Finish the Coding Part');
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Finish the coding round?' });
  await dialog.waitFor({ timeout: 15_000 });
  await dialog.locator('.monaco-button', { hasText: 'Finish Coding Round' }).click();
  await timed('mock design round after the hidden tests ran', () => frame().locator('body[data-interactive="true"] .excalidraw canvas').first().waitFor({ timeout: 120_000 }));
  await statusItem(/Mock L4 · design/).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2500);
  await frame().locator('[data-testid=finish]').click();
  await frame().locator('[data-testid=finish-confirm]').waitFor({ timeout: 5000 });
  await page.waitForTimeout(600);
  await frame().locator('[data-testid=finish-yes]').click();
  await frame().locator('.assessment').waitFor({ timeout: 10_000 });
  const stopped = statusItem(/design done in/);
  await timed('mock status bar stops at Finish', () => stopped.waitFor({ timeout: 10_000 }));
  const frozen = await stopped.innerText();
  await page.waitForTimeout(2500);
  const after = await stopped.innerText();
  check(frozen === after && /score yourself/.test(after), `the mock's clock stands still while scoring ("${after.trim()}")`);
  await shot('walk-12-mock-scoring');
  for (const group of await frame().locator('vscode-radio-group').all()) {
    await group.locator('vscode-radio').nth(1).click();
  }
  await frame().locator('[data-testid=complete]:not([disabled])').waitFor({ timeout: 10_000 });
  await frame().locator('[data-testid=complete]').click();
  await timed('mock report', () => tabs().filter({ hasText: /Preview .*L4/ }).first().waitFor({ timeout: 30_000 }));
  await page.waitForTimeout(2000);
  await shot('walk-13-mock-report');
  const reports = readdirSync(path.join(workspace, 'ml-interview', 'mock-interviews'));
  check(reports.length === 1, `one mock report written (${reports.join(', ')})`);
  const md = readFileSync(path.join(workspace, 'ml-interview', 'mock-interviews', reports[0]), 'utf8');
  console.log(md.split('\n').slice(0, 12).join('\n'));
  check(!/: 0\/0 tests/.test(md), 'the report gives the tests of the part reached (never "0/0 tests" after a run)');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('walk-FAILED');
} finally {
  console.log(`\nwaits (${theme}):\n${waits.map(([w, ms]) => `  ${String(ms).padStart(6)} ms  ${w}`).join('\n')}`);
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
