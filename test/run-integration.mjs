// Runs the mocha integration suite (out/test/integration/index.js) inside a REAL VS Code
// extension host and exits with the suite's own exit code.
//   default:                    code-server + Chromium (works offline; installs itself under .vscode-test/)
//   MLPREP_TEST_HOST=electron:  @vscode/test-electron (downloads desktop VS Code; same suite)
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, startCodeServer, launchChromium } from './host/codeServer.mjs';
import { serveSecondWindow } from './host/secondWindow.mjs';

const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const timeoutMs = Number(process.env.MLPREP_TEST_TIMEOUT_MS || 10 * 60_000);

function makeWorkspace() {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'mlprep-ws-'));
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  return ws;
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

async function runCodeServer(workspace) {
  const reportFile = path.join(repoRoot, 'test-output', 'integration-report.log');
  mkdirSync(path.dirname(reportFile), { recursive: true });
  const stopFollowing = follow(reportFile);
  const server = await startCodeServer({ env: { MLPREP_TEST_LOG: reportFile, MLPREP_SECOND_WINDOW: '1', ...(process.env.MLPREP_TEST_GREP ? { MLPREP_TEST_GREP: process.env.MLPREP_TEST_GREP } : {}) } });
  const { browser, page } = await launchChromium();
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  // The smoke-test driver forwards every console message of the workbench: kept in a file for
  // debugging. The suite's own report arrives through MLPREP_TEST_LOG (see test/integration/index.ts).
  const hostLog = path.join(repoRoot, 'test-output', 'integration-host.log');
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

const workspace = makeWorkspace();
const host = process.env.MLPREP_TEST_HOST || 'code-server';
const t0 = Date.now();
console.log(`[integration] host=${host} workspace=${workspace}`);
let code;
try {
  code = host === 'electron' ? await runElectron(workspace) : await runCodeServer(workspace);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
}
rmSync(workspace, { recursive: true, force: true });
console.log(`[integration] finished in ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${code}`);
process.exit(code);
