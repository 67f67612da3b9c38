// The common start of the screenshot scripts in test/e2e/: the theme from `--theme dark|light`,
// the output folder test-output/screenshots/ (ignored by git), a temporary folder with MLPrep
// installed from the built .vsix, a practice workspace copied from test/fixtures/workspace, and
// `seed` to scaffold a problem there as "Start problem" leaves it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, repoRoot } from './codeServer.mjs';

export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };

/**
 * Sets up one screenshot run. `prefix` names the temporary folder. Returns
 * { outDir, theme, colorTheme, tmp, extensionsDir, workspace, seed(category, slug, solution?), shooter(page) },
 * where shooter(page) gives `shot(name, clip?)` that saves <name>-<theme>.png in outDir.
 */
export function screenshotSetup(prefix) {
  const outDir = path.join(repoRoot, 'test-output', 'screenshots');
  const theme = process.argv.includes('--theme') ? process.argv[process.argv.indexOf('--theme') + 1] : 'dark';
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  const extensionsDir = path.join(tmp, 'ext');
  mkdirSync(extensionsDir, { recursive: true });
  installVsix(path.join(repoRoot, 'dist-vsix', 'mlprep.vsix'), extensionsDir);
  const workspace = path.join(tmp, 'practice');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

  /** A scaffolded problem with `solution` (default: the reference solution) as the user's code. */
  function seed(category, slug, solution) {
    const src = path.join(repoRoot, 'problems', category, slug);
    const dir = path.join(workspace, 'ml-interview', slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'solution.py'), solution ?? readFileSync(path.join(src, 'solution.py'), 'utf8'));
    cpSync(path.join(src, 'test_examples.py'), path.join(dir, 'test_examples.py'));
    writeFileSync(path.join(dir, 'README.md'), `# ${slug}\n`);
  }

  const shooter = (page) => async (name, clip) => {
    const file = path.join(outDir, `${name}-${theme}.png`);
    await page.screenshot({ path: file, clip });
    console.log(`saved ${path.relative(repoRoot, file)}`);
  };
  return { outDir, theme, colorTheme: THEMES[theme], tmp, extensionsDir, workspace, seed, shooter };
}
