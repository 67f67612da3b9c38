// `npm run bench:catalog`: how a big problem pack loads and renders, measured on this machine.
// Generates a pack of N coding problems (default 1,000, spread over the five categories; each a
// copy of a built-in problem's files under a new id, so file sizes are real), then times, in this
// process:
//   catalogue ms   loadCatalog from disk as the extension does it (built-in pack + the generated
//                  one; the user pack's Python text check deferred, timed apart): the first (cold)
//                  load, then the median of the next runs; wall time and CPU time (a loaded
//                  machine inflates the first by waiting, hardly the second). Twice: parsing every
//                  file (no snapshots: a pack's first load, or any load before snapshots), then
//                  with pack snapshots as the extension uses them (the built-in pack's from
//                  dist/snapshots, the generated pack's saved by a first load into a temporary
//                  folder standing for the extension's global storage)
//   tree ms        the Problems view's provider (the real ProblemTreeProvider, its `vscode`
//                  classes stubbed): root rows + the rows of every expanded row, a TreeItem each,
//                  per grouping (category, tag, company), median, with 30% of the problems
//                  carrying progress
// and prints the targets (catalogue < 300 ms, tree < 100 ms) next to each figure. A benchmark, not
// a test: it fails nothing. Options: --problems N (default 1000), --runs R (default 9), --keep,
// --pack DIR (use a pack generated before, e.g. with --keep, instead of generating one).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkPythonTextsOnDisk, loadCatalogFromDisk } from '../src/adapters/packFiles';
import { DiskPackSnapshots } from '../src/adapters/packSnapshotFiles';
import type { Catalog } from '../src/core/catalog/loadPack';
import { CODING_CATEGORIES } from '../src/core/catalog/types';
import { emptyProgress, recordRun, recordStart, type Progress } from '../src/core/progress/progress';
import type { Grouping } from '../src/core/tree/problemList';
import { ProblemTreeProvider, type ProblemNode } from '../src/features/tree/problemTree';

const root = path.resolve(__dirname, '..', '..');
const builtin = path.join(root, 'problems');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const count = Number(arg('--problems') ?? 1000);
const runs = Number(arg('--runs') ?? 9);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => x.toFixed(1);
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** The built-in coding problems' folders, as templates. */
function templates(): string[] {
  const out: string[] = [];
  for (const cat of CODING_CATEGORIES) {
    let names: string[] = [];
    try { names = readdirSync(path.join(builtin, cat)); } catch { continue; }
    for (const n of names.sort()) out.push(path.join(builtin, cat, n));
  }
  return out;
}

/** Writes `n` problems into a new pack folder: template files, new id/title/category/tags. */
function generatePack(n: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlprep-bench-pack-'));
  const from = templates();
  for (let i = 0; i < n; i++) {
    const t = from[i % from.length];
    const category = CODING_CATEGORIES[i % CODING_CATEGORIES.length];
    const id = `gen-${String(i).padStart(4, '0')}-${path.basename(t)}`.slice(0, 64).replace(/-+$/, '');
    const out = path.join(dir, category, id);
    mkdirSync(out, { recursive: true });
    cpSync(t, out, { recursive: true, filter: (src) => !src.includes(`${path.sep}__pycache__`) });
    const yaml = readFileSync(path.join(t, 'problem.yaml'), 'utf8')
      .replace(/^id: .*$/m, `id: ${id}`)
      .replace(/^category: .*$/m, `category: ${category}`)
      .replace(/^title: (.*)$/m, (_, title: string) => `title: "${title.replace(/"/g, "'")} #${i}"`)
      .replace(/^tags: \[(.*)\]$/m, (_, tags: string) => `tags: [${tags}${tags ? ', ' : ''}gen-tag-${i % 40}]`)
      .replace(/^companies: \[(.*)\]$/m, `companies: [Company${i % 25}]`);
    writeFileSync(path.join(out, 'problem.yaml'), yaml);
  }
  return dir;
}

/** Progress on 30% of the problems: some solved, some attempted, some only started. */
function sampleProgress(c: Catalog): Progress {
  let p = emptyProgress();
  const t0 = Date.parse('2026-11-01T09:00:00Z');
  c.problems.forEach((e, i) => {
    if (i % 10 === 0) p = recordRun(recordStart(p, e.id, t0 + i * 60_000), e.id, { passed: 5, total: 5 }, t0 + i * 60_000 + 900_000).progress;
    else if (i % 10 === 3) p = recordRun(p, e.id, { passed: 2, total: 5 }, t0 + i * 60_000).progress;
    else if (i % 10 === 6) p = recordStart(p, e.id, t0 + i * 60_000);
  });
  return p;
}

/**
 * Every row the view shows on first open, with its TreeItem: what VS Code asks the provider for
 * (the children of expanded rows; collapsed groups are asked for when the user opens them).
 */
async function renderAll(tree: ProblemTreeProvider): Promise<number> {
  let rows = 0;
  const walk = async (node?: ProblemNode): Promise<void> => {
    for (const child of await tree.getChildren(node)) {
      const item = tree.getTreeItem(child);
      rows++;
      if (item.collapsibleState === 2 /* Expanded */) await walk(child);
    }
  };
  await walk();
  return rows;
}

async function main(): Promise<void> {
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const t0 = performance.now();
  const given = arg('--pack');
  const dir = given ? path.resolve(given) : generatePack(count);
  if (!given) console.log(`generated ${count} problems in ${dir} (${ms(performance.now() - t0)} ms)`);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'mlprep-bench-snapshots-'));
  const packs = [{ dir: builtin, source: 'builtin' as const }, { dir, source: 'user' as const }];
  try {
    const timeLoads = async (what: string, load: () => Promise<Catalog>): Promise<Catalog> => {
      const c0 = performance.now();
      const u0 = process.cpuUsage();
      let catalog = await load();
      const cold = performance.now() - c0;
      const coldCpu = cpuMs(process.cpuUsage(u0));
      const warm: number[] = [];
      const warmCpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        const u = process.cpuUsage();
        catalog = await load();
        warm.push(performance.now() - s);
        warmCpu.push(cpuMs(process.cpuUsage(u)));
      }
      const total = catalog.problems.length + catalog.designPrompts.length;
      if (catalog.errors.length) console.log(`pack errors: ${catalog.errors.length} (first: ${JSON.stringify(catalog.errors[0])})`);
      console.log(`catalogue ms, ${what}: cold ${ms(cold)}, median ${ms(median(warm))} (${total} problems and prompts; target < 300)`);
      console.log(`catalogue cpu ms, ${what}: cold ${ms(coldCpu)}, median ${ms(median(warmCpu))} (this process and its I/O threads: what a loaded machine cannot inflate by waiting)`);
      return catalog;
    };
    const parsed = await timeLoads('parsing every file', () => loadCatalogFromDisk(packs, { pythonText: 'later' }));
    const snapshots = new DiskPackSnapshots({
      cacheDir,
      shipped: { packDir: builtin, snapshotDir: path.join(root, 'dist', 'snapshots'), times: true },
      log: { info: (m) => console.log(`  log: ${m}`), warn: (m) => console.log(`  log: ${m}`) },
      saveDelayMs: 0,
    });
    // The first load with snapshots parses the generated pack and saves its snapshot, as the
    // extension's first load of a new pack does.
    const s0 = performance.now();
    await loadCatalogFromDisk(packs, { pythonText: 'later', snapshots });
    await snapshots.flush();
    console.log(`first load saving the pack's snapshot: ${ms(performance.now() - s0)} ms (${(statSync(readdirSync(cacheDir).map((f) => path.join(cacheDir, f))[0]).size / 1e6).toFixed(1)} MB)`);
    const catalog = await timeLoads('from snapshots', () => loadCatalogFromDisk(packs, { pythonText: 'later', snapshots }));
    if (JSON.stringify(catalog) !== JSON.stringify(parsed)) console.log('!! the catalogue from snapshots differs from the parsed one');
    // What the extension runs right after showing the list: the user packs' Python files against the text rules.
    const textWall: number[] = [];
    const textCpu: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) {
      const s = performance.now();
      const u = process.cpuUsage();
      const checked = await checkPythonTextsOnDisk(catalog);
      textWall.push(performance.now() - s);
      textCpu.push(cpuMs(process.cpuUsage(u)));
      if (checked !== catalog) console.log(`text check took out ${catalog.problems.length - checked.problems.length} problems`);
    }
    console.log(`text check ms (after the list shows): median ${ms(median(textWall))}, cpu ${ms(median(textCpu))}`);

    const progress = sampleProgress(catalog);
    const noChange = () => ({ dispose() {} });
    for (const grouping of ['category', 'tag', 'company'] as Grouping[]) {
      const memento = { get: () => ({ grouping }), update: async () => undefined, keys: () => [] };
      const tree = new ProblemTreeProvider(
        { get: async () => catalog, onDidChange: noChange } as never,
        { get: () => progress, onDidChange: noChange } as never,
        memento as never,
        { get: () => undefined, onDidChange: noChange } as never,
      );
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        rows = await renderAll(tree);
        times.push(performance.now() - s);
      }
      tree.dispose();
      console.log(`tree ms (${grouping}): first ${ms(times[0])}, median ${ms(median(times))} (${rows} rows; target < 100)`);
    }
  } finally {
    if (!process.argv.includes('--keep') && !given) rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
