// Activation time of MLPrep in the real workbench, for one or more packaged builds, runs
// alternating between them so machine noise hits all alike. Reads the extension's own log line
// ("activated in X ms", measured around activate()).
// Usage: node test/e2e/activation.mjs [--runs 5] a.vsix [b.vsix …]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, launchChromium, repoRoot, startCodeServer } from '../host/codeServer.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
const vsixes = args.filter((a, i) => a.endsWith('.vsix') && args[i - 1] !== '--runs');
if (!vsixes.length) vsixes.push(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'));

function findLogLine(dir) {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (/MLPrep\.log$/.test(name)) {
        const m = readFileSync(p, 'utf8').match(/activated in ([\d.]+) ms/);
        if (m) return Number(m[1]);
      }
    }
  }
  return undefined;
}

async function once(vsix) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlprep-act-'));
  const extensionsDir = path.join(tmp, 'ext');
  const userDataDir = path.join(tmp, 'ud');
  mkdirSync(extensionsDir, { recursive: true });
  installVsix(vsix, extensionsDir);
  const workspace = path.join(tmp, 'ws');
  mkdirSync(workspace);
  const server = await startCodeServer({ extensionsDir, userDataDir, smokeTestDriver: false });
  const { browser, page } = await launchChromium();
  try {
    await page.goto(server.url(workspace));
    await page.locator('.activitybar [aria-label*="ML Interview"]').first().click({ timeout: 60_000 });
    await page.locator('.monaco-list-row', { hasText: /ML algorithms/ }).first().waitFor({ timeout: 60_000 });
    for (let i = 0; i < 50; i++) {
      const ms = findLogLine(userDataDir);
      if (ms !== undefined) return ms;
      await page.waitForTimeout(200);
    }
    throw new Error('no activation line in the MLPrep log');
  } finally {
    await browser.close();
    server.stop();
  }
}

const results = new Map(vsixes.map((v) => [v, []]));
for (let r = 0; r < runs; r++) for (const v of vsixes) results.get(v).push(await once(v));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [v, xs] of results) console.log(`${path.basename(path.dirname(v))}/${path.basename(v)}: median ${median(xs).toFixed(1)} ms (runs: ${xs.map((x) => x.toFixed(1)).join(', ')})`);
