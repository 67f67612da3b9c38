// Screenshots of the behavioural story bank in the real workbench (MLPrep installed from the built
// .vsix): a "we"-heavy story without numbers with its diagnostics (editor squiggles and the
// Problems panel), the dashboard's coverage card (competencies x stories, gaps, value sets), and a
// rehearsal (the story pick, the clock in the status bar with the question's tooltip beside the
// story, the rating pick).
// Usage: npm run screenshots:stories        (both themes; PNGs in test-output/screenshots/)
//        node test/e2e/stories-screenshots.mjs --theme light
// Fails when a step is missing or a webview reports an error or CSP violation.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, runPalette, startCodeServer } from '../host/codeServer.mjs';
import { screenshotSetup } from '../host/screenshotSetup.mjs';

const { theme, colorTheme, extensionsDir, workspace, shooter } = screenshotSetup('mlprep-stories-shots-');

const stories = path.join(workspace, 'ml-interview', 'stories');
mkdirSync(stories, { recursive: true });
writeFileSync(path.join(stories, 'ranking-latency.md'), `---
title: "Cut ranking latency before launch"
competencies: [ownership, ambiguity]
level: L5
metrics: ["cut p99 latency 42%", "launch kept its date"]
---

## Situation
Two weeks before a launch, the ranking service I owned ran at 130 ms p99 against an 80 ms budget.

## Task
I had to get under budget without losing ranking quality.

## Action
I profiled a day of traffic and found feature fetches took 70% of the time. I chose to batch the lookups because each call paid its own network round trip, and I dropped two features whose offline gain was within noise so that the model stayed the same size.

## Result
p99 fell from 130 ms to 75 ms; NDCG moved by 0.1%; the launch kept its date. I now profile before I optimise.
`);
writeFileSync(path.join(stories, 'fairness-review.md'), `---
title: "Found a gap in loan model recall"
competencies: [ml-ethics, conflict]
level: L4
metrics: ["recall gap closed from 9 points to 2 points"]
---

## Situation
Our credit model passed its overall checks, but I sliced recall by age band before launch.

## Task
I owned the fairness review for the release.

## Action
I showed recall for applicants over 60 was 9 points lower. I proposed reweighting the training data because the gap came from too few older applicants, and I argued for a one-week delay with the product lead.

## Result
The gap fell to 2 points at the same overall recall, and slice metrics became part of every release check.
`);
writeFileSync(path.join(stories, 'platform-migration.md'), `---
title: "Migrated teams to the feature store"
competencies: [cross-team]
level: L5
metrics: []
---

## Situation
We had five teams computing the same features in different pipelines, and our numbers never matched.

## Task
We needed everyone on the shared feature store.

## Action
We met with each team and we wrote a migration guide. We paired with them on the first features and our platform team fixed the gaps we found along the way.

## Result
We got everyone moved and the teams were much happier with the consistency.
`);

const server = await startCodeServer({
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': colorTheme, 'editor.minimap.enabled': false, 'window.commandCenter': false, 'editor.wordWrap': 'on' },
});
const { browser, page } = await launchChromium({ colorScheme: theme, viewport: { width: 1500, height: 1000 } });
const shot = shooter(page);
const problems = [];
page.on('console', (m) => {
  const t = m.text();
  if (/Content Security Policy|Refused to/i.test(t)) problems.push(`[console.${m.type()}] ${t}`);
});
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

try {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 30_000 });
  await page.locator('.monaco-list-row', { hasText: /ML algorithms/ }).first().waitFor({ timeout: 30_000 });

  // 1. A story with diagnostics.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('platform-migration.md');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'platform-migration.md' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await expect('story editor', page.locator('.tab.active', { hasText: 'platform-migration.md' }));
  await runPalette(page, 'View: Focus Problems');
  await expect('the story checker in the Problems panel', page.locator('.markers-panel .monaco-list-row', { hasText: /"We" \d+ times/ }), 30_000);
  await expect('no-numbers diagnostic', page.locator('.markers-panel .monaco-list-row', { hasText: /No quantified outcome/ }));
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+End');
  await page.waitForTimeout(800);
  await shot('story-diagnostics');

  // 2. The dashboard's coverage card.
  await page.keyboard.press('Control+J'); // the panel away
  await runPalette(page, 'MLPrep: Show Progress Dashboard');
  const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await expect('coverage card', frame.locator('[data-testid=stories-card]'), 60_000);
  await expect('a highlighted gap', frame.locator('tr[data-gap=true]').first());
  await frame.locator('[data-testid=stories-card]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  await shot('stories-coverage');

  // 3. Rehearsal: the story pick, the clock beside the story, the rating.
  await runPalette(page, 'MLPrep: Rehearse a Behavioural Question');
  await expect('story pick', page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: /Answer without a story/ }));
  await page.waitForTimeout(500);
  await shot('rehearsal-pick');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: /Cut ranking latency/ }).first().click();
  const clock = page.locator('.statusbar-item', { hasText: /\d:\d\d \/ 3:00/ }).first();
  await expect('rehearsal clock', clock);
  await page.waitForTimeout(4000);
  await clock.hover();
  await expect('question tooltip', page.locator('.monaco-hover', { hasText: /listens for/ }), 10_000);
  await page.waitForTimeout(600);
  await shot('rehearsal-clock');
  await clock.click();
  await expect('rating pick', page.locator('.quick-input-widget .monaco-list-row', { hasText: /Good/ }));
  await page.waitForTimeout(400);
  await shot('rehearsal-rate');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: /^Good/ }).first().click();
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
  await shot('stories-FAILED');
} finally {
  await browser.close();
  server.stop();
}
if (problems.length) {
  failed = true;
  console.error(problems.join('\n'));
}
process.exit(failed ? 1 : 0);
