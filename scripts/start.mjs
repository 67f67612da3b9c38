// `npm start`: builds and packages MLPrep, then opens it in a real VS Code with a practice folder.
//  - `code` on PATH (and no --browser): installs the .vsix into your VS Code and opens the folder.
//  - otherwise: the bundled browser VS Code (code-server) on http://127.0.0.1:PORT, with Chromium
//    opened on it when a display is available. Ctrl+C stops it.
// Options: --browser, --port N (default 8080 or the next free one), --folder DIR (default ~/mlprep-practice)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { ensureChromium, installVsix, repoRoot, startCodeServer } from '../test/host/codeServer.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const folder = path.resolve(arg('--folder') ?? process.env.MLPREP_PRACTICE_DIR ?? path.join(os.homedir(), 'mlprep-practice'));
const vsix = path.join(repoRoot, 'dist-vsix', 'mlprep.vsix');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: repoRoot, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' }).status === 0;
}

async function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

console.log('[mlprep] building and packaging …');
run(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--production']);
run(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')]);
if (!existsSync(folder)) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'README.md'), '# ML interview practice\n\nOpen the **ML Interview** view in the activity bar and start a problem.\n');
}

if (onPath('code') && !process.argv.includes('--browser')) {
  run('code', ['--install-extension', vsix, '--force']);
  run('code', [folder]);
  console.log(`[mlprep] opened ${folder} in VS Code with MLPrep installed. Open the "ML Interview" view in the activity bar.`);
} else {
  let port = Number(arg('--port') ?? process.env.MLPREP_PORT ?? 8080);
  while (!(await portFree(port))) port += 1;
  const state = path.join(repoRoot, '.vscode-test', 'start');
  const extensionsDir = path.join(state, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  installVsix(vsix, extensionsDir);
  const server = await startCodeServer({ port, extensionsDir, userDataDir: path.join(state, 'user-data'), smokeTestDriver: false });
  const url = server.url(folder);
  console.log(`\n[mlprep] MLPrep is running in VS Code (browser) at\n\n    ${url}\n\n  practice folder: ${folder}\n  Ctrl+C stops it.\n`);
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
    try {
      spawn(ensureChromium(), [`--app=${url}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(state, 'chromium')}`], { stdio: 'ignore', detached: true }).unref();
    } catch (e) {
      console.log(`[mlprep] open the URL above in a browser (${e instanceof Error ? e.message : e})`);
    }
  }
  const stop = () => { server.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}
