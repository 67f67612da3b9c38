// Build: one esbuild context for the extension (node/cjs, `vscode` external), one for the
// webview bundles (browser/esm), one for the repo's own node tools (scripts/*.ts -> out/tools).
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const rel = (p) => path.join(root, p);

async function listEntries(dir, pattern) {
  if (!existsSync(rel(dir))) return [];
  return (await readdir(rel(dir))).filter((f) => pattern.test(f)).map((f) => rel(path.join(dir, f)));
}

/**
 * Python harness files travel next to the bundle (dist/python), the only place the extension reads
 * them: the launcher dist/python/mlprep_harness.py and the package dist/python/mlprep_harness/.
 * The folder is replaced, so a module removed from the package does not linger in dist.
 */
const copyPython = {
  name: 'copy-python',
  setup(build) {
    build.onEnd(async () => {
      await rm(rel('dist/python'), { recursive: true, force: true });
      await mkdir(rel('dist/python'), { recursive: true });
      await cp(rel('src/python'), rel('dist/python'), {
        recursive: true,
        filter: (src) => !src.includes('__pycache__') && !src.includes(`${path.sep}tests`),
      });
    });
  },
};

const extension = {
  entryPoints: [rel('src/extension.ts')],
  outfile: rel('dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [copyPython],
};

/**
 * Excalidraw's drawing fonts, copied next to the webview bundle where its EXCALIDRAW_ASSET_PATH
 * points (the CSP keeps its CDN fallback out). The small ones only (~400 KB): Excalifont, Nunito
 * and Comic Shanns (its font picker), Virgil, Cascadia and Liberation (older scenes), Lilita;
 * not Xiaolai (13 MB of CJK glyphs; such text falls back to a system font).
 */
const EXCALIDRAW_FONTS = ['Excalifont', 'Virgil', 'Nunito', 'Cascadia', 'ComicShanns', 'Liberation', 'Lilita'];
const copyExcalidrawFonts = {
  name: 'copy-excalidraw-fonts',
  setup(build) {
    build.onEnd(async () => {
      for (const font of EXCALIDRAW_FONTS) {
        await cp(rel(`node_modules/@excalidraw/excalidraw/dist/prod/fonts/${font}`), rel(`dist/webview/fonts/${font}`), { recursive: true });
      }
    });
  },
};

/** Excalidraw's font subsetting needs 'unsafe-eval', which the CSP never grants: 1.8 MB stubbed (see the stub). */
const stubFontSubsetting = {
  name: 'stub-excalidraw-font-subsetting',
  setup(build) {
    const inExcalidraw = `${path.sep}@excalidraw${path.sep}excalidraw${path.sep}`;
    build.onResolve({ filter: /^\.\/subset-(shared|worker)\.chunk\.js$/ }, (args) =>
      args.importer.includes(inExcalidraw) ? { path: rel('webview/design/fontSubsetStub.ts') } : undefined);
  },
};

/**
 * dist/webview/preload.json: for each webview entry, the chunks its app needs at once (the
 * modules it imports with import() itself, and everything those import statically), which the
 * page's HTML asks for with <link rel="modulepreload"> so they download while the entry runs,
 * not one level of imports after another. Locale and export chunks, loaded on demand deeper
 * down, are left out.
 */
const writePreloadManifest = {
  name: 'write-preload-manifest',
  setup(build) {
    const entries = new Set(build.initialOptions.entryPoints.map((e) => path.relative(root, e).split(path.sep).join('/')));
    build.onEnd(async (result) => {
      if (!result.metafile) return;
      const outputs = result.metafile.outputs;
      const base = rel('dist/webview');
      const name = (p) => path.relative(base, rel(p)).split(path.sep).join('/');
      const manifest = {};
      for (const [out, meta] of Object.entries(outputs)) {
        if (!meta.entryPoint || !entries.has(meta.entryPoint) || !out.endsWith('.js')) continue;
        const seen = new Set();
        const visit = (p) => {
          if (seen.has(p) || !outputs[p]) return;
          seen.add(p);
          for (const i of outputs[p].imports) if (i.kind === 'import-statement') visit(i.path);
        };
        for (const i of meta.imports) visit(i.path);
        seen.delete(out);
        manifest[name(out)] = [...seen].map(name).sort();
      }
      await writeFile(rel('dist/webview/preload.json'), `${JSON.stringify(manifest, null, 1)}\n`);
    });
  },
};

const webviewEntries = await listEntries('webview', /^[a-zA-Z]+\.tsx?$/);
const webview = {
  entryPoints: webviewEntries,
  outdir: rel('dist/webview'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  splitting: true,
  target: 'es2022',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff2': 'file', '.ttf': 'file', '.png': 'file', '.svg': 'file' },
  sourcemap: !production,
  minify: true,
  logLevel: 'warning',
  metafile: true,
  plugins: [copyExcalidrawFonts, stubFontSubsetting, writePreloadManifest],
  // Mermaid import (mermaid + KaTeX + cytoscape) would be most of the .vsix: left out, see the stub.
  alias: { '@excalidraw/mermaid-to-excalidraw': rel('webview/design/mermaidStub.ts') },
};

const toolEntries = await listEntries('scripts', /^[a-z-]+\.ts$/);
const tools = {
  entryPoints: toolEntries,
  outdir: rel('out/tools'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: true,
  logLevel: 'warning',
  // bench-catalog times the Problems view's provider outside an editor: its few vscode classes stubbed.
  alias: { vscode: rel('test/stubs/vscode.ts') },
};

const integration = {
  entryPoints: [rel('test/integration/index.ts')],
  outdir: rel('out/test/integration'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', 'mocha'],
  sourcemap: true,
  logLevel: 'warning',
};

await rm(rel('dist'), { recursive: true, force: true });
const configs = [extension, tools];
if (webviewEntries.length) configs.push(webview);
if (!production && existsSync(rel('test/integration/index.ts'))) configs.push(integration);

/**
 * dist/snapshots/: the built-in pack loaded once, as the extension would (scripts/snapshot-builtin.ts),
 * so the extension reads one JSON file per kind instead of parsing every YAML file. The extension
 * checks each file and folder it records (size, and time in a checkout) and parses the pack when
 * one changed, so an edit to problems/ after this build still takes effect (just slower).
 */
function writeSnapshots() {
  const r = spawnSync(process.execPath, [rel('out/tools/snapshot-builtin.js')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('writing the built-in pack snapshots failed');
}

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  writeSnapshots();
  console.log('watching…');
} else {
  const t0 = Date.now();
  await Promise.all(configs.map((c) => esbuild.build(c)));
  writeSnapshots();
  console.log(`built ${configs.length} bundles in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}
