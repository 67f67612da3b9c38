// One design session open in two real windows: two browser pages on one code-server, each with
// its own extension host (checked: each page's workbench starts its own extension host process),
// MLPrep installed from the built .vsix. Both windows type into the notes at the same time, then
// each writes in another section; after reloading both pages, each shows every edit, and the
// files on disk hold them all, with no false notes.md.edited-* copy.
// Usage: npm run test:design-windows
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, runPalette, startCodeServer } from '../host/codeServer.mjs';

const PROMPT_TITLE = 'Real-time fraud detection for card payments';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-two-windows-'));
const extensionsDir = path.join(tmp, 'ext');
mkdirSync(extensionsDir, { recursive: true });
// MLPREP_VSIX: another build to compare (e.g. main's).
installVsix(process.env.MLPREP_VSIX ?? path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);
const workspace = path.join(tmp, 'practice');
cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

const server = await startCodeServer({ extensionsDir, smokeTestDriver: false, settings: { 'mlprep.design.chime': false, 'workbench.startupEditor': 'none' } });
const { browser, page: one } = await launchChromium({ viewport: { width: 1500, height: 950 } });
const two = await browser.newPage({ viewport: { width: 1500, height: 950 } });
const problems = [];
/** Extension host processes of this code-server (its process group). */
const extensionHosts = () =>
  execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, pgid, ...args]) => Number(pgid) === server.child.pid && args.join(' ').includes('extensionHost'))
    .map(([pid]) => Number(pid));
const frameOf = (page) => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
const notesOf = (page) => frameOf(page).locator('vscode-textarea[data-testid=notes] textarea');

async function openSession(page, name) {
  page.on('pageerror', (e) => problems.push(`[${name} pageerror] ${e.message}`));
  await page.goto(server.url(workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForTimeout(2500);
  // The remote extensions' commands appear once that window's extension host has scanned them.
  for (let attempt = 1; ; attempt++) {
    try {
      await runPalette(page, 'MLPrep: Start Design Session');
      break;
    } catch (e) {
      if (attempt === 4) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(3000);
    }
  }
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: PROMPT_TITLE }).first();
  await pick.waitFor({ timeout: 30_000 });
  await pick.click();
  await frameOf(page).locator('body[data-interactive="true"] .excalidraw canvas').first().waitFor({ timeout: 90_000 });
}

/** Waits until the page's notes editor (not focused) shows every one of `lines`. */
async function waitForLines(page, lines, what) {
  const deadline = Date.now() + 20_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await notesOf(page).inputValue();
    if (lines.every((l) => text.includes(l))) return;
    await page.waitForTimeout(250);
  }
  problems.push(`${what}: expected ${JSON.stringify(lines)}, the notes read ${JSON.stringify(text)}`);
}

let code = 0;
try {
  await openSession(one, 'window 1');
  const hostsOne = extensionHosts();
  await openSession(two, 'window 2');
  const hostsTwo = extensionHosts();
  console.log(`extension host processes: ${hostsOne.length} with one window (${hostsOne.join(', ')}), ${hostsTwo.length} with two (${hostsTwo.join(', ')})`);
  if (hostsTwo.length < 2 || hostsTwo.length <= hostsOne.length) problems.push('the second window did not get its own extension host');
  const designDir = path.join(workspace, 'ml-interview', 'design');
  const folders = readdirSync(designDir);
  if (folders.length !== 1) problems.push(`the two windows opened ${folders.length} session folders: ${folders.join(', ')}`);
  const dir = path.join(designDir, folders[0]);

  // Both type into the first section's notes at the same time.
  const lineOne = 'Window one: label = chargeback within 90 days.';
  const lineTwo = 'Window two: decline costs a good customer.';
  await notesOf(one).click();
  await notesOf(two).click();
  await Promise.all([one.keyboard.type(lineOne, { delay: 15 }), two.keyboard.type(lineTwo, { delay: 15 })]);
  // Leave the editors: each then shows what the other window saved.
  await frameOf(one).locator('.section-title h2').click();
  await frameOf(two).locator('.section-title h2').click();
  await waitForLines(one, [lineOne, lineTwo], 'window 1 after both typed');
  await waitForLines(two, [lineOne, lineTwo], 'window 2 after both typed');

  // Window two moves to the next section (the clock is shared: window one follows) and writes there.
  await frameOf(two).locator('[data-testid=next]').click();
  await frameOf(one).locator('.section-title h2', { hasText: 'Data' }).waitFor({ timeout: 20_000 });
  const dataLine = 'Window two: point-in-time features.';
  await notesOf(two).click();
  await two.keyboard.type(dataLine, { delay: 10 });
  await frameOf(two).locator('.section-title h2').click();
  await waitForLines(one, [dataLine], 'window 1 on Data');

  // Reload both windows: the panels come back through the serializer with everything.
  await one.waitForTimeout(1500);
  await Promise.all([one.reload(), two.reload()]);
  for (const [page, name] of [[one, 'window 1'], [two, 'window 2']]) {
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await frameOf(page).locator('body[data-interactive="true"]').waitFor({ timeout: 90_000 });
    await waitForLines(page, [dataLine], `${name} after reload (Data)`);
  }
  await frameOf(one).locator('.section-nav vscode-button').first().click(); // Previous
  await frameOf(one).locator('.section-title h2', { hasText: 'Problem definition' }).waitFor({ timeout: 20_000 });
  await waitForLines(one, [lineOne, lineTwo], 'window 1 after reload (Problem definition)');
  await waitForLines(two, [lineOne, lineTwo], 'window 2 after reload (Problem definition)');

  const notes = readFileSync(path.join(dir, 'notes.md'), 'utf8');
  for (const l of [lineOne, lineTwo, dataLine]) if (!notes.includes(l)) problems.push(`notes.md lacks "${l}"`);
  const session = JSON.parse(readFileSync(path.join(dir, 'session.json'), 'utf8'));
  for (const l of [lineOne, lineTwo]) if (!session.sections['problem-definition'].notes.includes(l)) problems.push(`session.json lacks "${l}"`);
  const edited = readdirSync(dir).filter((f) => f.startsWith('notes.md.edited-'));
  if (edited.length) problems.push(`false hand-edit copies: ${edited.join(', ')}`);
  console.log(`sync files: ${readdirSync(path.join(dir, '.sync')).join(', ')}`);
} catch (e) {
  problems.push(e instanceof Error ? e.message : String(e));
  const out = path.join(repoRoot, 'test-output');
  mkdirSync(out, { recursive: true });
  await one.screenshot({ path: path.join(out, 'two-windows-1.png') }).catch(() => undefined);
  await two.screenshot({ path: path.join(out, 'two-windows-2.png') }).catch(() => undefined);
  console.error('screenshots of both windows: test-output/two-windows-{1,2}.png');
} finally {
  await browser.close().catch(() => undefined);
  server.stop();
  await new Promise((r) => setTimeout(r, 2500));
}
if (problems.length) {
  console.error(`two windows: ${problems.length} problem(s)\n${problems.join('\n')}`);
  code = 1;
} else console.log('two windows: both windows typed at once and wrote in different sections; after reloading both, each shows every edit, and the files hold them all');
process.exit(code);
