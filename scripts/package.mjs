// Packs the built extension into dist-vsix/mlprep.vsix (allowlist in .vscodeignore) and reports its size.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist-vsix', 'mlprep.vsix');
mkdirSync(path.dirname(out), { recursive: true });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// README links are relative (problems/README.md); vsce needs a base URL for them when the
// repository is not on GitHub/GitLab.
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const base = `${String(pkg.repository?.url ?? 'https://example.invalid/mlprep').replace(/\.git$/, '')}/blob/HEAD/`;
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--baseContentUrl', base, '--baseImagesUrl', base, '-o', out], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`vsix: ${path.relative(root, out)} ${(statSync(out).size / 1024).toFixed(1)} KiB`);
