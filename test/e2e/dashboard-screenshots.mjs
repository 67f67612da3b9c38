// Screenshots of the progress dashboard in the real workbench (MLPrep installed from the built
// .vsix), in the dark and light themes.
// Usage: npm run screenshots:dashboard        (PNGs in test-output/screenshots/)
//        node test/e2e/dashboard-screenshots.mjs --theme light
//
// Scenario: a fresh profile opens the dashboard from the Problems view toolbar and gets the
// first-run view; then half a year of practice is imported through the real "Import Progress"
// command (its file + mode arguments, bound to a key in the profile's keybindings.json, since the
// command palette cannot pass arguments) and the open dashboard redraws from the progress store.
// The imported record is SAMPLE data generated below (deterministic), shaped like what MLPrep
// records: starts, hidden-test runs, solves and design sessions with per-section scores/minutes.
// Fails on any CSP violation or error the webview reports.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { installVsix, launchChromium, repoRoot, startCodeServer, runPalette } from '../host/codeServer.mjs';

const outDir = path.join(repoRoot, 'test-output', 'screenshots');
const only = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : undefined;
const themes = { dark: 'Default Dark Modern', light: 'Default Light Modern', hc: 'Default High Contrast', 'hc-light': 'Default High Contrast Light' };
const IMPORT_KEY = 'ctrl+alt+shift+9';
const IMPORT_PRESS = 'Control+Alt+Shift+9';
mkdirSync(outDir, { recursive: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-dashboard-shots-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);

// ---------------------------------------------------------------------------------------------
// Sample progress: ~26 weeks, getting more regular, a current streak, design sessions where
// Modelling keeps running over and Monitoring gets squeezed.

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function catalogue() {
  const coding = [];
  for (const cat of ['ml-algorithms', 'metrics', 'data-manipulation', 'production']) {
    const dir = path.join(repoRoot, 'problems', cat);
    if (!existsSync(dir)) continue;
    for (const slug of readdirSync(dir)) {
      const file = path.join(dir, slug, 'problem.yaml');
      if (!existsSync(file)) continue;
      const y = parse(readFileSync(file, 'utf8'));
      coding.push({ id: y.id, minutes: y.minutes, difficulty: y.difficulty });
    }
  }
  const design = readdirSync(path.join(repoRoot, 'problems', 'system-design')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  return { coding, design };
}

function sampleProgress(now) {
  const rand = mulberry32(20261123);
  const { coding, design } = catalogue();
  const order = { easy: 0, medium: 1, hard: 2 };
  // Mostly easy ones first, with some shuffling.
  const queue = coding.map((p) => ({ p, k: order[p.difficulty] + rand() * 1.6 })).sort((a, b) => a.k - b.k).map((x) => x.p);
  const history = [];
  const problems = {};
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const dayAt = (daysAgo, hour) => midnight.getTime() - daysAgo * 86_400_000 + hour * 3_600_000;
  const inProgress = [];

  const work = (p, t0, firstDay) => {
    const e = (problems[p.id] ??= { attempts: 0 });
    if (firstDay) {
      e.startedAt = t0;
      history.push({ at: t0, id: p.id, kind: 'start' });
    }
    const hard = order[p.difficulty];
    const ratio = Math.exp((rand() - 0.45) * 1.3 + hard * 0.15);
    const solves = rand() < (firstDay ? 0.78 - hard * 0.12 : 0.7);
    const runs = 1 + Math.floor(rand() * (2 + hard * 2));
    const span = p.minutes * ratio * 60_000;
    let t = t0;
    for (let i = 1; i <= runs; i++) {
      t = t0 + (span * i) / runs;
      const last = i === runs && solves;
      const total = 6 + hard * 2;
      const passed = last ? total : Math.min(total - 1, Math.floor((total * i) / (runs + 1)));
      e.attempts++;
      e.lastRun = { passed, total, at: t };
      history.push({ at: t, id: p.id, kind: 'run', passed, total });
      if (last) {
        history.push({ at: t, id: p.id, kind: 'solve' });
        e.solvedAt = t;
        e.attemptsToSolve = e.attempts;
        e.solveMs = t - e.startedAt;
      }
    }
    if (!solves && rand() < 0.25) e.gaveUp = true;
    return solves;
  };

  // Spaced repetition: a solved problem run again, green at once.
  const rerun = (t) => {
    const ids = Object.keys(problems).filter((id) => problems[id].solvedAt !== undefined && problems[id].solvedAt < t);
    if (!ids.length) return false;
    const e = problems[ids[Math.floor(rand() * ids.length)]];
    const id = Object.keys(problems).find((k) => problems[k] === e);
    e.attempts++;
    e.lastRun = { passed: e.lastRun.total, total: e.lastRun.total, at: t };
    history.push({ at: t, id, kind: 'run', passed: e.lastRun.total, total: e.lastRun.total });
    return true;
  };

  const forced = new Set([0, 1, 2, 3, 4, 5, 6, 7, ...Array.from({ length: 12 }, (_, i) => 58 + i)]);
  for (let ago = 181; ago >= 0; ago--) {
    const p = ago > 150 ? 0.08 : ago > 100 ? 0.3 : ago > 40 ? 0.45 : 0.6;
    if (ago === 8 || ago === 57 || ago === 70) continue; // streak boundaries
    if (!forced.has(ago) && rand() > p) continue;
    let hour = 7 + Math.floor(rand() * 14);
    const items = 1 + (rand() < 0.35 ? 1 : 0) + (rand() < 0.1 ? 1 : 0);
    for (let k = 0; k < items; k++) {
      const t0 = dayAt(ago, hour) + Math.floor(rand() * 40) * 60_000;
      const r = rand();
      // Left unsolved more than a week ago: stays unsolved.
      while (inProgress.length && inProgress[0].ago - ago > 7) inProgress.shift();
      if (inProgress.length && r < 0.12) {
        // Back to one left unsolved on an earlier day: its time to solve spans the days between.
        const { p, ago: startedAgo } = inProgress.shift();
        if (!work(p, t0, false) && rand() < 0.5) inProgress.push({ p, ago: startedAgo });
      } else if (r < 0.3 && rerun(t0)) {
        // done
      } else if (queue.length > 14 && (ago < 150 || rand() < 0.5)) {
        const p = queue.shift();
        if (!work(p, t0, true)) inProgress.push({ p, ago });
      } else rerun(t0);
      hour = Math.min(23, hour + 1);
    }
  }

  // Design sessions: scores improving; Modelling runs over, Monitoring gets squeezed.
  const plan = { 'problem-definition': 4.5, data: 9, modelling: 13.5, evaluation: 4.5, 'deployment-serving': 9, 'monitoring-iteration': 4.5 };
  const base = { 'problem-definition': 2.6, data: 2.1, modelling: 1.6, evaluation: 2.2, 'deployment-serving': 1.8, 'monitoring-iteration': 1.2 };
  const gain = { 'problem-definition': 1.2, data: 1.2, modelling: 2.2, evaluation: 1.0, 'deployment-serving': 1.4, 'monitoring-iteration': 0.7 };
  const when = [74, 62, 50, 41, 33, 24, 16, 9, 3];
  when.forEach((ago, i) => {
    const f = i / (when.length - 1);
    const sections = {};
    const minutes = {};
    for (const k of Object.keys(plan)) {
      sections[k] = Math.max(1, Math.min(4, Math.round(base[k] + gain[k] * f + (rand() - 0.5) * 0.9)));
      const m = k === 'modelling' ? plan[k] + 3 + rand() * 4 : k === 'monitoring-iteration' ? 1 + rand() * 1.5 : plan[k] * (0.8 + rand() * 0.35);
      minutes[k] = Math.round(m * 2) / 2;
    }
    const score = Math.round((Object.values(sections).reduce((a, b) => a + b, 0) / 6) * 100) / 100;
    const id = design[i % design.length];
    const at = dayAt(ago, 19) + 50 * 60_000;
    history.push({ at, id, kind: 'design', score, sections, minutes });
    const e = (problems[id] ??= { attempts: 0 });
    e.sessions = (e.sessions ?? 0) + 1;
    e.bestScore = Math.max(e.bestScore ?? 0, score);
    e.startedAt ??= at;
    e.solvedAt ??= at;
  });
  history.sort((a, b) => a.at - b.at);
  return { exportedBy: 'MLPrep sample for screenshots', exportedAt: new Date(now).toISOString(), version: 1, problems, history };
}

const sampleFile = path.join(tmp, 'sample-progress.json');
const sample = sampleProgress(Date.now());
writeFileSync(sampleFile, JSON.stringify(sample, null, 2));
const solved = Object.values(sample.problems).filter((p) => p.solvedAt).length;
console.log(`sample progress: ${Object.keys(sample.problems).length} problems touched, ${solved} solved, ${sample.history.length} events`);

// ---------------------------------------------------------------------------------------------

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
    settings: { 'workbench.colorTheme': themes[theme], 'window.commandCenter': false, 'workbench.activityBar.location': 'default', 'editor.minimap.enabled': false },
  });
  const { browser, page } = await launchChromium({ colorScheme: theme.endsWith('light') ? 'light' : 'dark', viewport: { width: 1600, height: 1000 } });
  const problems = [];
  page.on('console', (m) => {
    const t = m.text();
    if (/Content Security Policy|Refused to|dashboard/i.test(t)) problems.push(`[console.${m.type()}] ${t}`);
  });
  page.on('pageerror', (e) => problems.push(`[pageerror] ${e.message}`));
  const shot = async (name, opts = {}) => {
    const file = path.join(outDir, `${name}-${theme}.png`);
    await page.screenshot({ path: file, ...opts });
    console.log(`saved ${path.relative(repoRoot, file)}`);
  };
  try {
    await page.goto(server.url(workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const container = page.locator('.activitybar [aria-label*="ML Interview"]').first();
    await container.waitFor({ timeout: 30_000 });
    await container.click();
    await page.locator('.monaco-list-row', { hasText: /ML algorithms/ }).first().waitFor({ timeout: 30_000 });

    // The toolbar button of the Problems view.
    const t0 = Date.now();
    await page.locator('.part.sidebar .actions-container [aria-label*="Show Progress Dashboard"]').first().click();
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('.empty svg[data-chart]').first().waitFor({ timeout: 60_000 });
    console.log(`[${theme}] toolbar click to first-run view: ${Date.now() - t0} ms`);
    await page.waitForTimeout(600);
    await shot('dashboard-empty');

    // Import the sample through the real command; the open dashboard redraws by itself.
    await page.locator('.monaco-workbench').click({ position: { x: 800, y: 10 } }).catch(() => {});
    const t1 = Date.now();
    await page.keyboard.press(IMPORT_PRESS);
    await frame.locator('svg[data-chart="calendar"]').waitFor({ timeout: 30_000 });
    console.log(`[${theme}] import to redrawn dashboard: ${Date.now() - t1} ms`);
    await runPalette(page, 'Notifications: Clear All Notifications');
    await page.waitForTimeout(800);
    await shot('dashboard');

    // The lower half: time to solve, attempts and the design trends.
    await frame.locator('section[aria-label="System design"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await shot('dashboard-design');

    // Without the side bar, the way it looks in a wide editor.
    await runPalette(page, 'View: Close Primary Side Bar');
    await frame.locator('section[aria-label="Practice calendar"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await shot('dashboard-wide');

    // A narrow editor (a split, a small window): cards stack in one column.
    await page.setViewportSize({ width: 760, height: 1000 });
    await page.waitForTimeout(1000);
    await shot('dashboard-narrow');
    return { theme, problems };
  } finally {
    await browser.close();
    server.stop();
  }
}

const results = [];
for (const theme of only ? [only] : ['dark', 'light']) results.push(await shoot(theme));
const problems = results.flatMap((r) => r.problems);
if (problems.length) {
  console.error(`problems seen in the webview:\n${problems.join('\n')}`);
  process.exit(1);
}
