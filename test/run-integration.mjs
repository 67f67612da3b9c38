// Runs the mocha integration suite (out/test/integration/index.js) inside a REAL VS Code
// extension host and exits with the suite's own exit code.
//   default:                    code-server + Chromium (works offline; installs itself under .vscode-test/)
//   MLPREP_TEST_HOST=electron:  @vscode/test-electron (downloads desktop VS Code; same suite)
// code-server runs two profiles, each its own launch (MLPREP_TEST_PROFILES=default,restricted):
//   default:     a trusted workspace (trust off), every suite but "Restricted Mode";
//   restricted:  workspace trust on and the folder never trusted, so it opens in Restricted Mode;
//                its settings point mlprep.pythonPath at a script that writes a marker file.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, startCodeServer, launchChromium } from './host/codeServer.mjs';
import { serveSecondWindow } from './host/secondWindow.mjs';
import { layRestrictedTrap } from './host/restrictedTrap.mjs';

const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const timeoutMs = Number(process.env.MLPREP_TEST_TIMEOUT_MS || 10 * 60_000);

function makeWorkspace() {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'mlprep-ws-'));
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  return ws;
}

/**
 * The Restricted Mode workspace: `.vscode/settings.json` points mlprep.pythonPath at a script in
 * the workspace and mlprep.problemPacks at a pack in it. The script, and python3/python shims put
 * first on the host's PATH, append to a marker file outside the workspace when anything runs them.
 */
function makeRestrictedWorkspace() {
  const ws = makeWorkspace();
  const trap = mkdtempSync(path.join(os.tmpdir(), 'mlprep-trap-'));
  const { marker, script, env } = layRestrictedTrap(ws, trap);
  return {
    workspace: ws,
    cleanup: () => rmSync(trap, { recursive: true, force: true }),
    // VSCODE_CLI=1 (in env): the server then keeps this PATH for the extension host instead of
    // replacing it with the login shell's (resolveShellEnv), so the shims are what a bare `python3` finds.
    env: { ...env, MLPREP_TEST_PROFILE: 'restricted', MLPREP_TEST_MARKER: marker, MLPREP_TEST_TRAP: script, MLPREP_TEST_TRUST_SIGNAL: path.join(trap, 'grant-trust') },
  };
}

async function runElectron(workspace) {
  const { runTests } = await import('@vscode/test-electron');
  return runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsIndex,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  }).then(() => 0, (e) => { console.error(e); return 1; });
}

/** Prints what the suite appends to `file` as it arrives. Returns a function that flushes and stops. */
function follow(file) {
  writeFileSync(file, '');
  let offset = 0;
  const pump = () => {
    const buf = readFileSync(file);
    if (buf.length > offset) {
      process.stdout.write(buf.subarray(offset));
      offset = buf.length;
    }
  };
  const timer = setInterval(pump, 200);
  return () => { clearInterval(timer); pump(); };
}

async function grantTrustWhenAsked(page, signal, done) {
  let finished = false;
  void done.then(() => { finished = true; });
  // The suite writes the signal after opening the trust editor and removes it once trust is
  // granted. Until then, click "Trust" again every few seconds: on a loaded machine the first
  // click can land before the editor's button is wired up.
  while (!finished) {
    if (existsSync(signal)) {
      await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: 5_000 })
        .catch((e) => console.error(`[integration] could not click Trust yet: ${e.message.split('\n')[0]}`));
      await new Promise((r) => setTimeout(r, 3_000));
    } else {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function runCodeServer(workspace, { profile = 'default', env = {}, workspaceTrust = false } = {}) {
  const reportFile = path.join(repoRoot, 'test-output', 'integration-report.log');
  mkdirSync(path.dirname(reportFile), { recursive: true });
  const stopFollowing = follow(reportFile);
  const server = await startCodeServer({ workspaceTrust, env: { MLPREP_TEST_LOG: reportFile, MLPREP_TEST_PROFILE: profile, MLPREP_SECOND_WINDOW: '1', ...(process.env.MLPREP_TEST_GREP ? { MLPREP_TEST_GREP: process.env.MLPREP_TEST_GREP } : {}), ...env } });
  const { browser, page } = await launchChromium();
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  // The smoke-test driver forwards every console message of the workbench: kept in a file for
  // debugging. The suite's own report arrives through MLPREP_TEST_LOG (see test/integration/index.ts).
  const hostLog = path.join(repoRoot, 'test-output', profile === 'default' ? 'integration-host.log' : `integration-host-${profile}.log`);
  mkdirSync(path.dirname(hostLog), { recursive: true });
  writeFileSync(hostLog, '');
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    appendFileSync(hostLog, `[${type}] ${format(...(Array.isArray(args) ? args : [args]))}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  page.on('pageerror', (e) => process.env.MLPREP_TEST_VERBOSE && console.error('[page]', e.message));
  const payload = [
    ['extensionDevelopmentPath', server.remote(repoRoot)],
    ['extensionTestsPath', server.remote(testsIndex)],
  ];
  const timer = setTimeout(() => { console.error(`integration tests timed out after ${timeoutMs / 1000} s`); finish(124); }, timeoutMs);
  // A second window on the same workspace, opened when a suite asks for it (test/host/secondWindow.mjs).
  const second = serveSecondWindow({ browser, url: server.url(workspace, payload.slice(0, 1)), workspace, log: (m) => appendFileSync(hostLog, `${m}\n`) });
  try {
    await page.goto(server.url(workspace, payload));
    // The suite cannot grant trust itself (no API does): once it has opened the trust editor and
    // written MLPREP_TEST_TRUST_SIGNAL, the runner clicks "Trust" as a person would.
    if (env.MLPREP_TEST_TRUST_SIGNAL) void grantTrustWhenAsked(page, env.MLPREP_TEST_TRUST_SIGNAL, done);
    const code = await done;
    return code;
  } finally {
    clearTimeout(timer);
    second.stop();
    await browser.close().catch(() => {});
    server.stop();
    stopFollowing();
  }
}

const host = process.env.MLPREP_TEST_HOST || 'code-server';
// Electron runs with --disable-workspace-trust: only the default profile.
const profiles = host === 'electron' ? ['default'] : (process.env.MLPREP_TEST_PROFILES || 'default,restricted').split(',').map((p) => p.trim()).filter(Boolean);
const t0 = Date.now();
let code = 0;
for (const profile of profiles) {
  const setup = profile === 'restricted' ? makeRestrictedWorkspace() : { workspace: makeWorkspace(), env: {}, cleanup: () => {} };
  console.log(`[integration] host=${host} profile=${profile} workspace=${setup.workspace}`);
  let c;
  try {
    c = host === 'electron'
      ? await runElectron(setup.workspace)
      : await runCodeServer(setup.workspace, { profile, env: setup.env, workspaceTrust: profile === 'restricted' });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    c = 1;
  }
  rmSync(setup.workspace, { recursive: true, force: true });
  setup.cleanup();
  if (c !== 0 && code === 0) code = c;
}
console.log(`[integration] finished in ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${code}`);
process.exit(code);
