// `npm run bench:ui`: what a user waits for in the real workbench, each against its floor measured
// the same way in the same run (a benchmark, not a test: it fails only when a step cannot be done).
//
// MLPrep (the packaged .vsix) and a floor extension (test/host/floor-extension: an empty webview
// panel and a plain tree view) are installed in one code-server. Each round reloads the window and
// measures, alternating MLPrep and floor so machine noise hits both alike:
//   problems view   click on the activity-bar icon -> the view's rows visible (first open in the
//                   window: activation, catalogue, tree)      vs   the floor's tree rows visible
//   whiteboard      click on the prompt in the quick pick -> interactive Excalidraw canvas (first
//                   open in the window)                        vs   the floor panel's script ran
//   after reload    page reload with the panel open -> interactive again (restored by its
//                   serializer)                                 vs   the floor panel restored
// Prints the medians, the ratio to the floor and the machine's load before and after.
// Options: --rounds N (default 3), --pack DIR (an extra problem pack for the Problems view, e.g.
// one written by `npm run bench:catalog -- --keep`), --keep (leave the temporary folder: code-server's
// logs, with MLPrep's own timings, are in it), --only "problems view" (measure that step alone;
// also "whiteboard", which includes "after reload"), --vsix FILE (another build of MLPrep, e.g. an
// earlier commit's, to compare before and after: run once with each).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const rounds = Number(arg('--rounds') ?? 3);
const pack = arg('--pack');
const only = arg('--only');
const vsix = path.resolve(arg('--vsix') ?? path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'));
const PROMPT_TITLE = 'Real-time fraud detection for card payments';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-ui-waits-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
installVsix(vsix, extensionsDir);
// The floor extension, packed with the same vsce as MLPrep.
const floorSrc = path.join(tmp, 'floor');
cpSync(path.join(repoRoot, 'test', 'host', 'floor-extension'), floorSrc, { recursive: true });
const floorVsix = path.join(tmp, 'floor.vsix');
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
const packed = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', floorVsix], { cwd: floorSrc, encoding: 'utf8' });
if (packed.status !== 0) throw new Error(`packing the floor extension failed: ${packed.stderr || packed.stdout}`);
installVsix(floorVsix, extensionsDir);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const workspace = path.join(tmp, 'practice');
cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const settings = {
  'workbench.activityBar.location': 'default', 'window.commandCenter': false, 'mlprep.design.chime': false,
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
  ...(pack ? { 'mlprep.problemPacks': [path.resolve(pack)] } : {}),
};
const server = await startCodeServer({ extensionsDir, smokeTestDriver: false, settings, workspaceTrust: false });
const { browser, page } = await launchChromium({ viewport: { width: 1600, height: 1000 } });
const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
const times = { 'problems view': { mlprep: [], floor: [] }, whiteboard: { mlprep: [], floor: [] }, 'after reload': { mlprep: [], floor: [] } };

async function freshWindow() {
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label*="Floor Tree"]').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500); // let the workbench settle: both sides start from the same quiet state
}

async function closeAllEditors() {
  // A restored panel may hold the keyboard focus (F1 would go to its page): focus the workbench first.
  await page.locator('.part.statusbar').click({ position: { x: 3, y: 3 } }).catch(() => undefined);
  await runPalette(page, 'View: Close All Editors');
  await frame.locator('body').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

async function viewOpen(which) {
  await freshWindow();
  const [label, row] = which === 'mlprep' ? ['ML Interview', /ML algorithms/] : ['Floor Tree', /Floor row 1/];
  const t0 = Date.now();
  await page.locator(`.activitybar [aria-label*="${label}"]`).first().click();
  await page.locator('.part.sidebar .monaco-list-row', { hasText: row }).first().waitFor({ timeout: 60_000 });
  const t1 = Date.now();
  if (which === 'mlprep') viewBreakdown.push(mlprepTimeline(t0, t1));
  return t1 - t0;
}

/**
 * Where MLPrep's Problems-view wait went, from the logs of the extension host that just
 * activated it (same machine clock as the click): the click until VS Code asked the host to
 * activate MLPrep, then until activate() began (loading the bundle, the extension context),
 * activate() itself, the catalogue ready, and the rows visible.
 */
const viewBreakdown = [];
function mlprepTimeline(t0, t1) {
  const stamp = (line) => new Date(line.slice(0, 23).replace(' ', 'T')).getTime();
  try {
    const logs = path.join(server.userDataDir, 'logs');
    const hosts = readdirSync(logs).flatMap((d) => readdirSync(path.join(logs, d)).filter((h) => h.startsWith('exthost')).map((h) => path.join(logs, d, h)))
      .filter((h) => existsSync(path.join(h, 'mlprep.mlprep', 'MLPrep.log')))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    if (!hosts.length) return undefined;
    const own = readFileSync(path.join(hosts[0], 'mlprep.mlprep', 'MLPrep.log'), 'utf8').split('\n');
    const host = readFileSync(path.join(hosts[0], 'remoteexthost.log'), 'utf8').split('\n');
    const asked = stamp(host.find((l) => l.includes('_doActivateExtension mlprep.mlprep')) ?? '');
    const activated = own.find((l) => / activated in /.test(l)) ?? '';
    const activateMs = Number(/activated in ([\d.]+) ms/.exec(activated)?.[1] ?? NaN);
    const catalogue = stamp(own.find((l) => l.includes('] catalogue: ')) ?? '');
    return { asked: asked - t0, loaded: stamp(activated) - activateMs - asked, activate: activateMs, catalogue: catalogue - (stamp(activated) - activateMs), rows: t1 - catalogue };
  } catch {
    return undefined;
  }
}

async function panelOpen(which) {
  await freshWindow();
  await closeAllEditors();
  const [command, item] = which === 'mlprep' ? ['MLPrep: Start Design Session', PROMPT_TITLE] : ['Floor: Open Empty Panel', 'Empty floor panel'];
  await runPalette(page, command);
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first();
  await pick.waitFor({ timeout: 30_000 });
  const t0 = Date.now();
  await pick.click();
  await interactive(which, 'whiteboard', t0);
  return Date.now() - t0;
}

const breakdown = { whiteboard: { mlprep: [], floor: [] }, 'after reload': { mlprep: [], floor: [] } };
async function interactive(which, what, t0) {
  const ready = which === 'mlprep' ? 'body[data-interactive="true"] .excalidraw canvas' : 'body[data-interactive="true"]';
  await frame.locator(ready).first().waitFor({ timeout: 90_000 });
  if (!what) return;
  // Where the wait went: until the webview's page started loading (host work, VS Code creating the
  // webview), then inside it from its navigation start.
  const marks = await frame.locator('body').evaluate(() => ({
    origin: performance.timeOrigin,
    hostAt: Number(globalThis.document.getElementById('root')?.dataset.hostAt ?? NaN),
    ...Object.fromEntries(['mlprep:script-start', 'mlprep:app-module', 'mlprep:init', 'mlprep:whiteboard-interactive']
      .map((n) => [n.slice(7), Math.round(performance.getEntriesByName(n)[0]?.startTime ?? -1)])),
  }));
  breakdown[what][which].push({ ...marks, host: Math.round(marks.hostAt - t0), page: Math.round(marks.origin - t0) });
}

async function afterReload(which) {
  // The panel from panelOpen is still open: reload and time until it is interactive again.
  // VS Code stores the open editors (and so the panel to restore) a few seconds after a change: a
  // reload sooner may find nothing to restore, for MLPrep and the floor alike.
  await page.waitForTimeout(5000);
  const t0 = Date.now();
  await page.reload();
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await interactive(which, 'after reload', t0);
  const ms = Date.now() - t0;
  await closeAllEditors();
  return ms;
}

console.log(`load average before: ${load()}`);
try {
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first each round.
    const order = r % 2 ? ['floor', 'mlprep'] : ['mlprep', 'floor'];
    const step = async (what, which, fn) => {
      const ms = await fn(which);
      times[what][which].push(ms);
      const b = what === 'problems view' && which === 'mlprep' ? viewBreakdown.at(-1) : undefined;
      if (process.argv.includes('--verbose')) console.log(`  ${what} ${which}: ${ms} ms${b ? ` (${Object.entries(b).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')})` : ''}`);
    };
    if (!only || only === 'problems view') for (const which of order) await step('problems view', which, viewOpen);
    if (!only || only === 'whiteboard') {
      for (const which of order) {
        await step('whiteboard', which, panelOpen);
        await step('after reload', which, afterReload);
      }
    }
    console.log(`round ${r + 1}: ${Object.entries(times).filter(([, v]) => v.mlprep.length).map(([k, v]) => `${k} ${v.mlprep.at(-1)} vs ${v.floor.at(-1)} ms`).join('; ')}`);
  }
  console.log('');
  console.log('what the user waits for        MLPrep ms   floor ms   ratio');
  for (const [k, v] of Object.entries(times)) {
    if (!v.mlprep.length) continue;
    const m = median(v.mlprep);
    const f = median(v.floor);
    console.log(`${k.padEnd(30)} ${String(m).padStart(9)}  ${String(f).padStart(9)}   ${(m / f).toFixed(2)}x`);
  }
  console.log('');
  const views = viewBreakdown.filter(Boolean);
  if (views.length) {
    const med = (k) => Math.round(median(views.map((v) => v[k])));
    console.log(`where the Problems view wait went (MLPrep, medians of ${views.length}, ms): click -> host asked to activate ${med('asked')}, -> activate() began (bundle load, context) ${med('loaded')}, activate() ${med('activate')}, -> catalogue ready ${med('catalogue')}, -> rows visible ${med('rows')}`);
  }
  console.log('where the panel wait went (medians, ms): until the host made the page, until the page starts loading | then, from its navigation start: script, app module, init from the host, interactive');
  for (const [k, sides] of Object.entries(breakdown)) {
    for (const [which, list] of Object.entries(sides)) {
      if (!list.length) continue;
      const med = (key) => median(list.map((x) => x[key]));
      console.log(`${`${k} (${which})`.padEnd(30)} ${which === 'mlprep' ? `host page ${med('host')}, ` : ''}${med('page')} | ${['script-start', 'app-module', 'init', 'whiteboard-interactive'].map(med).join(' / ')}`);
    }
  }
} catch (e) {
  const shot = path.join(repoRoot, 'test-output', 'ui-waits-failure.png');
  mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot }).catch(() => undefined);
  console.log(`failed; the page at that moment: ${path.relative(repoRoot, shot)}`);
  throw e;
} finally {
  console.log(`load average after: ${load()}`);
  await browser.close();
  await server.stop();
  if (process.argv.includes('--keep')) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
