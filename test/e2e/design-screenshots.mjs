// Screenshots of a design session in the real workbench (MLPrep installed from the built .vsix),
// in the dark and light themes: opens the session through the command palette, starts the clock,
// writes notes, ticks a question, asks the interviewer, draws a small diagram. Also measures the
// time from the command to an interactive whiteboard, and fails on any CSP violation or error
// the webview logs.
// Usage: npm run screenshots:design        (PNGs in test-output/screenshots/)
//        node test/e2e/design-screenshots.mjs --theme light [--keep]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, startCodeServer, runPalette } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const only = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : undefined;
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern', hc: 'Default High Contrast' };
const PROMPT_TITLE = 'Real-time fraud detection for card payments';
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-design-shots-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);

async function shoot(theme) {
  const workspace = path.join(tmp, `practice-${theme}`);
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer({
    extensionsDir,
    smokeTestDriver: false,
    settings: { 'workbench.colorTheme': themes[theme], 'workbench.activityBar.location': 'default', 'window.commandCenter': false, 'mlprep.design.chime': false },
  });
  const { browser, page } = await launchChromium({ colorScheme: theme === 'light' ? 'light' : 'dark', viewport: { width: 1600, height: 1000 } });
  const problems = [];
  let cdnFontRefusals = 0;
  // Excalidraw lists its CDN after our bundled font in each @font-face src; Chrome checks every
  // listed URL against the CSP, so those refusals are expected. Anything else is a problem, and so
  // is any request leaving the machine that actually completes.
  page.on('console', (m) => {
    const t = m.text();
    if (/Loading the font 'https:\/\/esm\.sh\/.*font-src/.test(t)) cdnFontRefusals++;
    else if (/Content Security Policy|Refused to|design webview/i.test(t)) problems.push(`[console.${m.type()}] ${t}`);
  });
  page.on('requestfinished', (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== '127.0.0.1' && !host.endsWith('.vscode-cdn.net') && r.url().startsWith('http')) problems.push(`remote load: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`[pageerror] ${e.message}`));
  /** One element of the panel alone (the side pane by default), at the size it has there. */
  const shotPane = async (name, selector = 'aside.side') => {
    const file = path.join(outDir, `${name}-${theme}.png`);
    await page.frameLocator('iframe.webview').frameLocator('iframe#active-frame').locator(selector).screenshot({ path: file });
    console.log(`saved ${path.relative(repoRoot, file)}`);
    return file;
  };
  const shot = async (name) => {
    const file = path.join(outDir, `${name}-${theme}.png`);
    await page.screenshot({ path: file });
    console.log(`saved ${path.relative(repoRoot, file)}`);
    return file;
  };
  try {
    await page.goto(server.url(workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForTimeout(2500);
    await runPalette(page, 'View: Close Primary Side Bar');
    await page.waitForTimeout(500);

    // Command -> quick pick -> interactive whiteboard.
    await runPalette(page, 'MLPrep: Start Design Session');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: PROMPT_TITLE }).first();
    await pick.waitFor({ timeout: 30_000 });
    const t0 = Date.now();
    await pick.click();
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('body[data-interactive="true"] .excalidraw canvas').first().waitFor({ timeout: 60_000 });
    const interactiveMs = Date.now() - t0;
    const inWebviewMs = Math.round(await frame.locator('body').evaluate(() => performance.getEntriesByName('mlprep:whiteboard-interactive')[0]?.startTime ?? -1));
    console.log(`[${theme}] command to interactive whiteboard: ${interactiveMs} ms (${inWebviewMs} ms of it inside the webview, from its navigation start)`);

    // The per-session length: 60 minutes re-plans every section before the start, then back to 45.
    const pickLength = async (label, clock) => {
      await frame.locator('vscode-single-select').click();
      await frame.locator('vscode-single-select li', { hasText: label }).first().click();
      await frame.locator('[data-testid=total-clock]', { hasText: clock }).waitFor({ timeout: 10_000 });
    };
    // The prompt suggests 60 minutes: the session opens at 60 whatever the 45-minute default setting.
    await frame.locator('[data-testid=total-clock]', { hasText: '60:00' }).waitFor({ timeout: 10_000 });
    await pickLength('45 minutes', '45:00');
    await pickLength('60 minutes', '60:00');
    await frame.locator('.step', { hasText: 'Modelling' }).locator('.clock', { hasText: '18:00' }).waitFor({ timeout: 5_000 });
    await pickLength('45 minutes', '45:00');
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await shot('design-idle');
    // The editor title shows play while the clock is idle, pause while it runs, play while paused.
    const titleAction = (icon) => page.locator(`.editor-actions .action-label.codicon-${icon}`);
    await titleAction('debug-start').waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid=start]').click();
    await titleAction('debug-pause').waitFor({ timeout: 10_000 });
    await titleAction('debug-pause').click();
    await frame.locator('[data-testid=resume]').waitFor({ timeout: 10_000 });
    await titleAction('debug-start').waitFor({ timeout: 10_000 });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await shot('design-paused');
    await titleAction('debug-start').click();
    await frame.locator('[data-testid=pause]').waitFor({ timeout: 10_000 });
    await titleAction('debug-pause').waitFor({ timeout: 10_000 });
    // Ask the interviewer: the panel's picker (first question), then the command's quick pick.
    await frame.locator('[data-testid=ask-open]').click();
    await frame.locator('.ask-picker [data-testid=ask-0]').waitFor({ timeout: 10_000 });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(600);
    await shot('design-ask-picker');
    await shotPane('design-ask-picker-pane');
    await frame.locator('.ask-picker [data-testid=ask-0]').click();
    await frame.locator('[data-testid=answer-0]').waitFor({ timeout: 10_000 });
    await runPalette(page, 'MLPrep: Design Session: Ask the Interviewer');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'What actions can we take on a transaction' }).first();
    await row.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await shot('design-ask-quickpick');
    await row.click();
    await frame.locator('[data-testid=answer-3].latest').waitFor({ timeout: 10_000 });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(800);
    await shotPane('design-answers-pane');
    {
      const designDir = path.join(workspace, 'ml-interview', 'design');
      const deadline = Date.now() + 10_000;
      let asked = [];
      while (Date.now() < deadline) {
        try {
          asked = JSON.parse(readFileSync(path.join(designDir, readdirSync(designDir)[0], 'session.json'), 'utf8')).asked.map((a) => a.fact);
        } catch { /* not written yet */ }
        if (asked.join() === '0,3') break;
        await page.waitForTimeout(200);
      }
      if (asked.join() !== '0,3') problems.push(`session.json asked ${JSON.stringify(asked)}, expected facts 0 then 3`);
    }
    await frame.locator('vscode-textarea[data-testid=notes] textarea').click();
    await page.keyboard.type('Label: a fraud chargeback within 90 days of the payment.\nDecision: expected loss vs cost of a false decline → approve / step-up / review / decline.', { delay: 2 });
    await frame.locator('[data-testid=question-0]').click();
    await frame.locator('[data-testid=question-1]').click();

    // A small serving diagram: three boxes with labels, joined by arrows.
    const canvas = frame.locator('.excalidraw canvas.interactive');
    const box = await canvas.boundingBox();
    const at = (x, y) => ({ x: box.x + x, y: box.y + y });
    const drag = async (from, to) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
      await page.mouse.move(to.x, to.y, { steps: 4 });
      await page.mouse.up();
    };
    const tool = async (name) => {
      await frame.locator(`[data-testid="toolbar-${name}"]`).click({ force: true });
      await page.waitForTimeout(150);
    };
    await page.mouse.click(at(900, 520).x, at(900, 520).y); // focus the board
    const boxes = [
      // Right of the properties panel Excalidraw shows while a tool is active.
      { x: 270, y: 170, label: 'Payment\nevents' },
      { x: 550, y: 170, label: 'Feature store\n(velocity)' },
      { x: 830, y: 170, label: 'GBDT scorer\n< 30 ms' },
    ];
    for (const b of boxes) {
      await tool('rectangle');
      await drag(at(b.x, b.y), at(b.x + 190, b.y + 100));
      await page.waitForTimeout(250);
      await page.mouse.dblclick(at(b.x + 95, b.y + 50).x, at(b.x + 95, b.y + 50).y);
      await frame.locator('textarea.excalidraw-wysiwyg').waitFor({ timeout: 5_000 });
      await page.keyboard.type(b.label, { delay: 5 });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(150);
    }
    for (let i = 0; i < boxes.length - 1; i++) {
      await tool('arrow');
      await drag(at(boxes[i].x + 195, boxes[i].y + 50), at(boxes[i + 1].x - 5, boxes[i + 1].y + 50));
    }
    await tool('text');
    await page.mouse.click(at(560, 360).x, at(560, 360).y);
    await page.keyboard.type('decision = argmin expected cost', { delay: 5 });
    await page.keyboard.press('Escape');
    await page.mouse.click(at(900, 500).x, at(900, 500).y); // deselect
    await page.waitForTimeout(1500);
    const main = await shot('design');

    // Export: Excalidraw renders the image in the webview (SVG with its fonts embedded, subset
    // without a worker under this CSP) and the host saves it beside the board.
    const designDir = path.join(workspace, 'ml-interview', 'design');
    for (const format of ['png', 'svg']) {
      await frame.locator('.main-menu-trigger').click();
      await frame.locator(`[data-testid="save-${format}"]`).click();
      const deadline = Date.now() + 20_000;
      let file;
      while (!file && Date.now() < deadline) {
        const folder = readdirSync(designDir)[0];
        const candidate = path.join(designDir, folder, `whiteboard.${format}`);
        try { file = readFileSync(candidate); } catch { await page.waitForTimeout(200); }
      }
      if (!file) problems.push(`whiteboard.${format} was not saved`);
      else if (format === 'png' && file.readUInt32BE(0) !== 0x89504e47) problems.push('whiteboard.png is not a PNG');
      else if (format === 'svg' && !/^\s*<svg[\s\S]*@font-face[\s\S]*Excalifont/.test(file.toString('utf8'))) problems.push('whiteboard.svg lacks its embedded Excalifont');
      else console.log(`[${theme}] saved whiteboard.${format} (${(file.length / 1024).toFixed(0)} KB)`);
    }
    await runPalette(page, 'Notifications: Clear All Notifications');

    // The assessment view.
    // Finish asks first; "Keep working" changes nothing.
    await frame.locator('[data-testid=finish]').click();
    await frame.locator('[data-testid=finish-confirm]', { hasText: 'Finish the session? You will score each section.' }).waitFor({ timeout: 10_000 });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await shot('design-finish-confirm');
    await frame.locator('[data-testid=finish-no]').click();
    await frame.locator('[data-testid=finish]').waitFor({ timeout: 10_000 });
    if (await frame.locator('.assessment').count()) problems.push('"Keep working" opened the assessment');
    if (!(await frame.locator('[data-testid=pause]').count())) problems.push('"Keep working" stopped the clock');
    await frame.locator('[data-testid=finish]').click();
    await frame.locator('[data-testid=finish-yes]').click();
    await frame.locator('.assessment').waitFor();
    await frame.locator('[data-testid="score-problem-definition"] vscode-radio').nth(2).click();
    await frame.locator('[data-testid="score-data"] vscode-radio').nth(1).click();
    await frame.locator('.assessment').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(800);
    await shot('design-assessment');
    // The report names the 6 facts never asked (card fraud has 8; facts 0 and 3 were asked).
    const notAsked = await frame.locator('[data-testid=not-asked] li').count();
    if (notAsked !== 6) problems.push(`the assessment lists ${notAsked} questions not asked, expected 6`);
    await shotPane('design-assessment-interviewer', '[data-testid=interviewer-report]');

    // Warm: close the panel and open the same session again (extension already active).
    await runPalette(page, 'View: Close Editor');
    await frame.locator('body').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    await runPalette(page, 'MLPrep: Start Design Session');
    const again = page.locator('.quick-input-list .monaco-list-row', { hasText: PROMPT_TITLE }).first();
    await again.waitFor({ timeout: 30_000 });
    const t1 = Date.now();
    await again.click();
    await frame.locator('body[data-interactive="true"] .excalidraw canvas').first().waitFor({ state: 'attached', timeout: 60_000 });
    const warmMs = Date.now() - t1;
    console.log(`[${theme}] reopening the session (extension active): ${warmMs} ms`);

    const sessionDir = path.join(workspace, 'ml-interview', 'design');
    const folder = readdirSync(sessionDir)[0];

    // Overtime after a "reload": with the panel closed, the stored clock says section 2 started
    // 11 minutes ago (9 planned); reopening must show it 2 minutes over, from timestamps alone.
    await runPalette(page, 'View: Close Editor');
    await page.waitForTimeout(1000);
    // The session is the windows' records under .sync/ (session.json is a view of them): the
    // clock is set in the record's starting state, with its clock events cleared.
    const syncDir = path.join(sessionDir, folder, '.sync');
    const MIN = 60_000;
    for (const name of readdirSync(syncDir).filter((n) => n.endsWith('.record.json'))) {
      const rec = JSON.parse(readFileSync(path.join(syncDir, name), 'utf8'));
      rec.events = {};
      rec.init.phase = 'working';
      Object.assign(rec.init.timer, { status: 'running', current: 1, spentMs: [rec.init.timer.planMs[0] + 40_000, 0, 0, 0, 0, 0], segmentStart: Date.now() - 11 * MIN });
      delete rec.init.timer.finishedAt;
      writeFileSync(path.join(syncDir, name), JSON.stringify(rec));
    }
    await runPalette(page, 'MLPrep: Start Design Session');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: PROMPT_TITLE }).first().click();
    await frame.locator('body[data-interactive="true"] .section-head.over').waitFor({ timeout: 60_000 });
    await frame.locator('vscode-textarea[data-testid=notes] textarea').click();
    await page.keyboard.type('Point-in-time joins; labels mature after 90 days.', { delay: 2 });
    await page.waitForTimeout(1200);
    await shot('design-overtime');

    // The same session in another window changes the line just typed, while this panel changes it
    // too: both versions are kept, the panel says so, and notes.md marks them.
    const typed = 'Point-in-time joins; labels mature after 90 days.';
    const mine = readdirSync(syncDir).filter((n) => n.endsWith('.record.json')).map((n) => JSON.parse(readFileSync(path.join(syncDir, n), 'utf8'))).find((r) => JSON.stringify(r.notes.data).includes(typed));
    if (!mine) problems.push('the typed notes line is in no record');
    else {
      const [lineId] = Object.entries(mine.notes.data.lines).find(([, n]) => n.text === typed);
      const c = mine.clock + 1;
      mine.clock = c;
      mine.notes.data.lines[`other-window:${c}`] = { after: mine.notes.data.lines[lineId].after, c, t: Date.now(), text: 'Point-in-time joins; labels mature after 60 days for card-present.', r: [lineId] };
      mine.notes.data.deleted = [...new Set([...mine.notes.data.deleted, lineId])].sort();
      writeFileSync(path.join(syncDir, 'other-window.record.json'), JSON.stringify(mine));
      await frame.locator('vscode-textarea[data-testid=notes] textarea').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Snapshot features at T-90d.', { delay: 2 });
      await page.waitForTimeout(1200);
      await frame.locator('.section-title h2').click(); // leave the editor: it shows the merged text
      await frame.locator('[data-testid=notes-conflict]').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(800);
      await shot('design-conflict');
      const notesMd = readFileSync(path.join(sessionDir, folder, 'notes.md'), 'utf8');
      if (!notesMd.includes('<<<<<<< changed in two windows at once')) problems.push('notes.md has no conflict marker');
    }
    const board = JSON.parse(readFileSync(path.join(sessionDir, folder, 'whiteboard.excalidraw'), 'utf8'));
    console.log(`[${theme}] saved ${board.elements.length} elements to ml-interview/design/${folder}/whiteboard.excalidraw`);
    if (board.elements.length < 8) problems.push(`only ${board.elements.length} elements were saved`);
    console.log(`[${theme}] ${cdnFontRefusals} CDN font fallbacks refused by the CSP (expected), ${problems.length} problems`);
    return { theme, interactiveMs, inWebviewMs, warmMs, main, problems };
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    // stop() sends SIGTERM and schedules SIGKILL 2 s later on an unref'd timer: stay alive for it,
    // or a failing run leaves a code-server behind.
    await new Promise((r) => setTimeout(r, 2500));
  }
}

const results = [];
for (const theme of only ? [only] : ['dark', 'light']) results.push(await shoot(theme));
writeFileSync(path.join(outDir, 'design-timings.json'), JSON.stringify(results.map(({ theme, interactiveMs, inWebviewMs, warmMs }) => ({ theme, interactiveMs, inWebviewMs, warmMs })), null, 2));
const problems = results.flatMap((r) => r.problems);
if (problems.length) {
  console.error(`problems seen in the webview:\n${problems.join('\n')}`);
  process.exit(1);
}
