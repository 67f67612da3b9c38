// Screenshots of the full-loop mock in the real workbench (MLPrep installed from the built .vsix),
// driven as a user would: the start picker (company styles), an Apple-style L4 loop whose first
// round is ML fundamentals (the card panel as "card i of n", no clock of its own: the loop's one
// clock is in the status bar), every card revealed, ticked and rated; the break offered after the
// round (its own clock in the status bar, the loop at a glance in its hover); then the coding round finished from
// the status-bar menu (the reference solution written into the file, as a candidate who solved it,
// so its hidden tests pass), the design round's self-assessment scored in the panel, the first
// behavioural question told with a story of the bank (the story checker's findings reach the
// report), the others without one; and the committee's report.
// Usage: npm run screenshots:loop        (both themes; PNGs in test-output/screenshots/)
//        node test/e2e/loop-screenshots.mjs --theme light
// Fails when a step is missing or a webview reports an error.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, shooter } = screenshotSetup('mlprep-loop-shots-');

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: {
    'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'mlprep.framework': 'numpy', 'mlprep.design.chime': false,
    'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
  },
});
const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1400, height: 1000 } });
const shot = shooter(page);
let failed = false;
const step = async (what, locator, timeout = 20_000) => {
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
const pickRow = (re) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: re }).first();
const dialogButton = (text) => page.locator('.monaco-dialog-box .monaco-button', { hasText: text }).first();
const toast = (re) => page.locator('.notifications-toasts .notification-toast', { hasText: re }).first();
const loopStatus = () => page.locator('.statusbar-item', { hasText: /Loop Apple L4|Break / }).first();
const cardFrame = () => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

/** Opens the loop's status-bar menu and picks the row matching `re`. */
async function menu(re) {
  await loopStatus().click();
  await step(`menu row ${re}`, pickRow(re));
  await pickRow(re).click();
}

// A story in the user's bank: numbers and an owned result, but "we" more than "I" and no decision with its reason.
const storiesDir = path.join(workspace, 'ml-interview', 'stories');
mkdirSync(storiesDir, { recursive: true });
writeFileSync(path.join(storiesDir, 'on-device-ranker.md'), `---
title: "Shrinking the on-device ranker"
competencies: [ownership, customer, ml-ethics]
level: L4
metrics: ["model 38 MB to 9 MB", "p95 latency 41 ms to 12 ms"]
---

## Situation
Our keyboard suggestions model ran on the phone and we were over the 10 MB memory budget for the next release.

## Task
We had four weeks to get under budget without losing suggestion quality, and I owned the model side.

## Action
We tried pruning first and we measured quality on our offline set. Then we moved to int8 quantisation with per-channel scales and we kept the embedding table in float16.

## Result
The model went from 38 MB to 9 MB, p95 latency from 41 ms to 12 ms, and acceptance rate stayed within 0.2 points. It shipped on time.
`);

/** Copies the reference solution of the coding problem just opened into the user's file (a candidate who solved it). */
function solveCodingProblem() {
  const practice = path.join(workspace, 'ml-interview');
  const slug = readdirSync(practice).find((d) => existsSync(path.join(practice, d, 'solution.py')));
  const category = slug && readdirSync(path.join(repoRoot, 'problems')).find((c) => existsSync(path.join(repoRoot, 'problems', c, slug, 'solution.py')));
  if (!slug || !category) throw new Error('the coding round’s problem was not scaffolded');
  writeFileSync(path.join(practice, slug, 'solution.py'), readFileSync(path.join(repoRoot, 'problems', category, slug, 'solution.py'), 'utf8'));
  console.log(`ok solved ${slug}`);
}

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await page.waitForTimeout(1500);

  // 1. The start picker: company styles.
  await runPalette(page, 'MLPrep: Start Full-Loop Mock');
  await step('company picker', pickRow(/^Google/), 30_000);
  await page.waitForTimeout(400);
  await shot('loop-start-picker');
  await pickRow(/^Apple/).click();
  await step('level picker', pickRow(/L4 \(mid-level\)/));
  await pickRow(/L4 \(mid-level\)/).click();
  await step('confirmation', dialogButton('Start the Loop'));
  await dialogButton('Start the Loop').click();

  // 2. ML fundamentals: card i of n, the loop's clock in the status bar.
  const frame = cardFrame();
  await step('round card', frame.locator('main.card-view[data-revealed="false"] [data-testid=round]'), 60_000);
  await page.waitForTimeout(1200);
  await frame.locator('[data-testid=reveal]').click();
  await step('revealed round card', frame.locator('main.card-view[data-revealed="true"] .markdown'));
  await frame.locator('[data-testid=point-0]').check();
  await frame.locator('[data-testid=point-1]').check();
  await page.waitForTimeout(500);
  await shot('loop-fundamentals');
  const roundText = await frame.locator('[data-testid=round]').innerText();
  const total = Number(/of (\d+)/.exec(roundText)?.[1] ?? 0);
  console.log(`round: ${roundText}`);
  for (let i = 0; i < total; i++) {
    if (i > 0) {
      await step(`card ${i + 1}`, frame.locator('[data-testid=round]', { hasText: `card ${i + 1} of ${total}` }), 30_000);
      await frame.locator('[data-testid=reveal]').click();
      await step(`card ${i + 1} revealed`, frame.locator('main.card-view[data-revealed="true"] .markdown'));
      // Most cards answered fully, a few with gaps.
      const points = await frame.locator('.points input[type=checkbox]').count();
      const hit = i % 3 === 2 ? 1 : points;
      for (let k = 0; k < hit; k++) await frame.locator(`[data-testid=point-${k}]`).check();
      await frame.locator(`[data-testid=rate-${i % 3 === 2 ? 2 : 3}]`).click();
      continue;
    }
    await frame.locator('[data-testid=rate-2]').click();
  }

  // 3. The break: offered in a notification, its own clock in the status bar.
  await step('break offer', toast(/ML fundamentals is over/), 30_000);
  await step('break clock', page.locator('.statusbar-item', { hasText: /Break .* left/ }).first());
  // The loop at a glance in the clock's hover.
  await page.locator('.statusbar-item', { hasText: /Break .* left/ }).first().hover();
  await step('the loop at a glance', page.locator('.monaco-hover', { hasText: /Break.*left of \d+ min/ }).first(), 10_000);
  await page.waitForTimeout(800);
  await shot('loop-break');
  await page.mouse.move(700, 400);
  await toast(/ML fundamentals is over/).locator('.monaco-button', { hasText: /Take \d+ Minutes/ }).click();

  // 4. Coding: started from the menu, finished from it (the hidden tests run on the starter).
  await menu(/Start “Coding” now/);
  await step('coding problem open', page.locator('.tab', { hasText: 'solution.py' }).first(), 60_000);
  solveCodingProblem();
  await page.waitForTimeout(1500);
  await menu(/Finish “Coding”/);
  await dialogButton('Finish the Round').click();
  await step('break offer after coding', toast(/Coding is over/), 120_000);
  await toast(/Coding is over/).locator('.monaco-button', { hasText: /Skip/ }).click();

  // 5. Design: the session opens; finished from the menu without a self-assessment.
  await step('design session', page.locator('.tab', { hasText: /^Design: / }).first(), 60_000);
  const design = page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
  await step('design panel', design.locator('[data-testid=finish]'), 60_000);
  await design.locator('[data-testid=finish]').click();
  await design.locator('[data-testid=finish-yes]').click();
  await step('design assessment', design.locator('.assessment'));
  const scores = { 'problem-definition': 3, data: 3, modelling: 4, evaluation: 3, 'deployment-serving': 2, 'monitoring-iteration': 3 };
  for (const [section, score] of Object.entries(scores)) await design.locator(`[data-testid="score-${section}"] vscode-radio`).nth(score - 1).click();
  await design.locator('[data-testid=complete]').click();
  await step('break offer after design', toast(/ML system design is over/), 30_000);
  await toast(/ML system design is over/).locator('.monaco-button', { hasText: /Skip/ }).click();

  // 6. Behavioural: each question answered without a story, then rated.
  for (let q = 1; q <= 3; q++) {
    await step(`question ${q}`, pickRow(/Answer without a story/), 30_000);
    await (q === 1 ? pickRow(/Shrinking the on-device ranker/) : pickRow(/Answer without a story/)).click();
    await step(`question ${q} prompt`, toast(new RegExp(`question ${q} of`)), 15_000);
    await toast(new RegExp(`question ${q} of`)).locator('.monaco-button', { hasText: 'Done, Rate It' }).click();
    await step(`rating ${q}`, pickRow(/^3\. Good/));
    await pickRow(q === 3 ? /^2\. Hard/ : /^3\. Good/).click();
  }

  // 7. The report, in the Markdown preview.
  await step('report preview', page.locator('.tab', { hasText: /Preview .*loop-apple-L4/ }).first(), 60_000);
  await page.waitForTimeout(2500);
  await shot('loop-report');
  const dir = path.join(workspace, 'ml-interview', 'mock-interviews');
  const file = readdirSync(dir).find((f) => /loop-apple-L4\.md$/.test(f));
  const md = file ? readFileSync(path.join(dir, file), 'utf8') : '';
  if (!/^# Full-loop mock: Apple, L4/.test(md) || !md.includes('## Hiring manager and team debrief:')) {
    failed = true;
    console.error(`the report is not as expected:\n${md.slice(0, 600)}`);
  } else console.log(`ok report ${file}`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('loop-FAILED');
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
