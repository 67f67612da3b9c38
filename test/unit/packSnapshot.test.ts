// Pack snapshots (src/core/catalog/packSnapshot.ts, src/adapters/packSnapshotFiles.ts): a saved
// load is used only while the files it looked at are unchanged, and a broken snapshot falls back
// to parsing with a log line saying why.
import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodePackFileSystem } from '../../src/adapters/packFiles';
import { DiskPackSnapshots, shippedSnapshotFile, writeSnapshotFile } from '../../src/adapters/packSnapshotFiles';
import { loadCatalog, type PackFileSystem, type PackSpec } from '../../src/core/catalog/loadPack';
import { makeSnapshot, readSnapshot, type SnapshotKind } from '../../src/core/catalog/packSnapshot';
import { loadTheoryDeck } from '../../src/core/theory/loadTheory';
import { loadQuestionBank } from '../../src/core/stories/loadBank';

const repo = path.resolve(__dirname, '..', '..');
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

async function temp(prefix: string): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** Every entry under `dir` (and `dir`) dated a minute ago: a snapshot never trusts an entry changed during its load. */
async function age(dir: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    await utimes(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), past, past);
  }
  await utimes(dir, past, past);
}

/**
 * A small pack from built-in content: two coding problems (one with follow-ups and a PyTorch
 * variant), a design prompt, a theory topic, and a problem whose YAML is broken.
 */
async function makePack(): Promise<string> {
  const dir = path.join(await temp('mlprep-snap-'), 'pack');
  const copy = (rel: string) => cp(path.join(repo, 'problems', rel), path.join(dir, rel), { recursive: true });
  await copy('ml-algorithms/batchnorm-forward');
  await copy('data-manipulation/sessionize-events');
  await copy('system-design/ad-ctr-prediction.yaml');
  await copy('theory/bias-variance.yaml');
  await copy('behavioural/questions.yaml');
  await copy('metrics/roc-auc');
  const broken = path.join(dir, 'metrics', 'roc-auc', 'problem.yaml');
  await writeFile(broken, (await readFile(broken, 'utf8')).replace(/^title: .*$/m, 'title: [unclosed'));
  await age(dir);
  return dir;
}

/** Node's file system, counting the YAML files read. */
function countingFs(): { fs: PackFileSystem; yamlReads: () => number } {
  let n = 0;
  const fs: PackFileSystem = {
    ...nodePackFileSystem,
    readFileUpTo: (p, max) => {
      if (p.endsWith('.yaml')) n++;
      return nodePackFileSystem.readFileUpTo!(p, max);
    },
  };
  return { fs, yamlReads: () => n };
}

const links = { codingIds: new Set<string>(), designIds: new Set<string>() };

function snapshotsIn(cacheDir: string | undefined, shipped?: { packDir: string; snapshotDir: string; times: boolean }, buildFile?: string) {
  const lines: string[] = [];
  const snapshots = new DiskPackSnapshots({
    cacheDir, shipped, saveDelayMs: 0, buildFile,
    log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) },
  });
  return { snapshots, lines };
}

describe('pack snapshots', () => {
  it('a second load takes the saved snapshot (no YAML read) and gives exactly what parsing gives', async () => {
    const dir = await makePack();
    const pack: PackSpec = { dir, source: 'user' };
    const { snapshots, lines } = snapshotsIn(await temp('mlprep-snapcache-'));
    const parsed = await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later' });
    expect(parsed.problems.map((p) => p.id).sort()).toEqual(['batchnorm-forward', 'sessionize-events']);
    expect(parsed.errors.map((e) => e.displayPath)).toEqual(['pack/metrics/roc-auc/problem.yaml']);

    const first = countingFs();
    await loadCatalog([pack], first.fs, { pythonText: 'later', snapshots });
    await loadTheoryDeck([pack], first.fs, links, { snapshots });
    await loadQuestionBank([pack], first.fs, new Set(), { snapshots });
    expect(first.yamlReads()).toBeGreaterThan(0);
    await snapshots.flush();

    const second = countingFs();
    const fromSnapshot = await loadCatalog([pack], second.fs, { pythonText: 'later', snapshots });
    const deck = await loadTheoryDeck([pack], second.fs, links, { snapshots });
    const bank = await loadQuestionBank([pack], second.fs, new Set(), { snapshots });
    expect(second.yamlReads()).toBe(0);
    expect(bank).toEqual(await loadQuestionBank([pack], nodePackFileSystem, new Set()));
    expect(bank.questions.length).toBeGreaterThan(10);
    expect(fromSnapshot).toEqual(parsed); // the broken problem's error included, word for word
    expect(deck).toEqual(await loadTheoryDeck([pack], nodePackFileSystem, links));
    expect(lines).toEqual([]);
  });

  it('a bank read from its snapshot is validated as when parsed: an issue still names its line', async () => {
    const dir = await makePack();
    const pack: PackSpec = { dir, source: 'user' };
    const { snapshots } = snapshotsIn(await temp('mlprep-snapcache-'));
    await loadQuestionBank([pack], nodePackFileSystem, new Set(), { snapshots });
    await snapshots.flush();
    const parsed = await loadQuestionBank([pack], nodePackFileSystem, new Set());
    const id = parsed.questions[3].id;
    const counted = countingFs();
    // The reserved id (a theory card's) is an issue found after reading: its line comes from a parse.
    const reserved = await loadQuestionBank([pack], counted.fs, new Set([id]), { snapshots });
    expect(reserved).toEqual(await loadQuestionBank([pack], nodePackFileSystem, new Set([id])));
    expect(reserved.errors.find((e) => e.message.includes(id))?.line).toBeGreaterThan(1);
    expect(counted.yamlReads()).toBe(1); // that one parse, for the line
  });

  it('an edited problem.yaml makes the snapshot stale: the edit shows at the next load, with a log line', async () => {
    const dir = await makePack();
    const pack: PackSpec = { dir, source: 'user' };
    const { snapshots, lines } = snapshotsIn(await temp('mlprep-snapcache-'));
    await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots });
    await snapshots.flush();

    const yaml = path.join(dir, 'ml-algorithms', 'batchnorm-forward', 'problem.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/^title: .*$/m, 'title: "Batch norm, edited"'));
    const counted = countingFs();
    const after = await loadCatalog([pack], counted.fs, { pythonText: 'later', snapshots });
    expect(counted.yamlReads()).toBeGreaterThan(0);
    expect(after.problems.find((p) => p.id === 'batchnorm-forward')?.title).toBe('Batch norm, edited');
    expect(lines[0]).toMatch(/^info pack snapshot .*catalogue-\w+\.json not used \(ml-algorithms\/batchnorm-forward\/problem\.yaml changed\); loading the catalogue of .*pack from its files$/);
  });

  it('a problem folder added (or a file removed) makes it stale too: the folder times change', async () => {
    const dir = await makePack();
    const pack: PackSpec = { dir, source: 'user' };
    const { snapshots, lines } = snapshotsIn(await temp('mlprep-snapcache-'));
    await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots });
    await snapshots.flush();
    await cp(path.join(repo, 'problems', 'metrics', 'regression-metrics'), path.join(dir, 'metrics', 'regression-metrics'), { recursive: true });
    await age(dir);
    const added = await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots });
    expect(added.problems.map((p) => p.id)).toContain('regression-metrics');
    expect(lines.at(-1)).toMatch(/not used \(\S+ changed\)/);
    await snapshots.flush();

    await rm(path.join(dir, 'ml-algorithms', 'batchnorm-forward', 'starter.py'));
    const removed = await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots });
    expect(removed.problems.map((p) => p.id)).not.toContain('batchnorm-forward');
    expect(removed.errors.map((e) => `${e.displayPath}: ${e.message}`)).toContain('pack/ml-algorithms/batchnorm-forward/starter.py: file is missing');
    expect(lines.at(-1)).toMatch(/not used \(ml-algorithms\/batchnorm-forward changed\)/);
  });

  it('a snapshot saved by another build is not used: its loader may give other results for the same files', async () => {
    const dir = await makePack();
    const pack: PackSpec = { dir, source: 'user' };
    const cacheDir = await temp('mlprep-snapcache-');
    const build = path.join(await temp('mlprep-build-'), 'extension.js');
    await writeFile(build, '// build 1\n');
    const one = snapshotsIn(cacheDir, undefined, build);
    await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots: one.snapshots });
    await one.snapshots.flush();
    const same = countingFs();
    await loadCatalog([pack], same.fs, { pythonText: 'later', snapshots: snapshotsIn(cacheDir, undefined, build).snapshots });
    expect(same.yamlReads()).toBe(0);

    await writeFile(build, '// build 2, longer\n');
    const two = snapshotsIn(cacheDir, undefined, build);
    const other = countingFs();
    await loadCatalog([pack], other.fs, { pythonText: 'later', snapshots: two.snapshots });
    expect(other.yamlReads()).toBeGreaterThan(0);
    expect(two.lines[0]).toMatch(/not used \(saved by another build of MLPrep\)/);
  });

  it('a corrupted snapshot falls back to parsing, with a log line naming the file and the JSON error', async () => {
    const dir = await makePack();
    const pack: PackSpec = { dir, source: 'user' };
    const cacheDir = await temp('mlprep-snapcache-');
    const { snapshots, lines } = snapshotsIn(cacheDir);
    const parsed = await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots });
    await snapshots.flush();
    const [file] = (await readdir(cacheDir)).filter((f) => f.startsWith('catalogue-'));
    const text = await readFile(path.join(cacheDir, file), 'utf8');
    await writeFile(path.join(cacheDir, file), text.slice(0, text.length >> 1)); // cut off, say

    const counted = countingFs();
    expect(await loadCatalog([pack], counted.fs, { pythonText: 'later', snapshots })).toEqual(parsed);
    expect(counted.yamlReads()).toBeGreaterThan(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^warn pack snapshot ${path.join(cacheDir, file).replace(/[.\\/]/g, '\\$&')} cannot be read \\(.*JSON.*\\); loading the catalogue of .*pack from its files$`));

    // Well-formed JSON of another shape is no better.
    await snapshots.flush(); // (the fallback load saved a good snapshot again)
    await writeFile(path.join(cacheDir, file), JSON.stringify({ format: 1, kind: 'catalogue', name: 'pack', sources: [], value: { problems: 'x' }, stamp: 'none' }));
    expect(await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots })).toEqual(parsed);
    expect(lines.at(-1)).toMatch(/not used \(not a pack snapshot\)/);
  });

  it('a shipped snapshot holds where the pack is installed: paths follow the pack, sizes are compared without times', async () => {
    const dir = await makePack();
    const snapshotDir = await temp('mlprep-shipped-');
    const builtin: PackSpec = { dir, source: 'builtin' };
    const writes: Promise<string | undefined>[] = [];
    const writer = {
      load: async () => undefined,
      save: (kind: SnapshotKind, spec: PackSpec, value: never, sources: ReadonlySet<string>, startedAt: number) => {
        writes.push(writeSnapshotFile(shippedSnapshotFile(snapshotDir, kind), kind, spec.dir, value, sources, startedAt));
      },
    };
    await loadCatalog([builtin], nodePackFileSystem, { pythonText: 'later', snapshots: writer });
    await loadTheoryDeck([builtin], nodePackFileSystem, links, { snapshots: writer });
    expect(await Promise.all(writes)).toEqual([undefined, undefined]);

    // "Installed": the pack copied elsewhere, every entry with a new time.
    const installed = path.join(await temp('mlprep-installed-'), 'pack'); // same folder name: errors show paths from it
    await cp(dir, installed, { recursive: true });
    const spec: PackSpec = { dir: installed, source: 'builtin' };
    const parsed = await loadCatalog([spec], nodePackFileSystem, { pythonText: 'later' });
    const parsedDeck = await loadTheoryDeck([spec], nodePackFileSystem, links);

    const sizesOnly = snapshotsIn(undefined, { packDir: installed, snapshotDir, times: false });
    const counted = countingFs();
    expect(await loadCatalog([spec], counted.fs, { pythonText: 'later', snapshots: sizesOnly.snapshots })).toEqual(parsed);
    expect(await loadTheoryDeck([spec], counted.fs, links, { snapshots: sizesOnly.snapshots })).toEqual(parsedDeck);
    expect(counted.yamlReads()).toBe(0);
    expect(parsed.problems[0].files.starter.startsWith(installed + path.sep)).toBe(true);

    // In a checkout the times count: the copy's are all new, so it parses (and says so).
    const withTimes = snapshotsIn(undefined, { packDir: installed, snapshotDir, times: true });
    expect(await loadCatalog([spec], nodePackFileSystem, { pythonText: 'later', snapshots: withTimes.snapshots })).toEqual(parsed);
    expect(withTimes.lines[0]).toMatch(/builtin-catalogue\.json not used \(\. changed\)/);

    // Sizes alone still catch most edits of an installed copy.
    const yaml = path.join(installed, 'system-design', 'ad-ctr-prediction.yaml');
    await writeFile(yaml, `${await readFile(yaml, 'utf8')}# a comment\n`);
    expect(await loadCatalog([spec], nodePackFileSystem, { pythonText: 'later', snapshots: sizesOnly.snapshots })).toEqual(parsed);
    expect(sizesOnly.lines.at(-1)).toMatch(/not used \(system-design\/ad-ctr-prediction\.yaml changed\)/);
  });

  it('is not made from a load whose files changed while it ran, nor read when of another format or kind or leading outside the pack', async () => {
    const dir = path.resolve('/packs/p');
    const value = { problems: [], designPrompts: [], errors: [] };
    const stats = new Map([[dir, { kind: 'dir' as const, size: 4096, mtimeMs: 1000 }], [path.join(dir, 'a.yaml'), { kind: 'file' as const, size: 10, mtimeMs: 5000 }]]);
    expect(makeSnapshot('catalogue', dir, value, stats, 5800)).toEqual({ reason: 'a.yaml changed while the pack was loading' });
    const made = makeSnapshot('catalogue', dir, value, stats, 10_000);
    expect('snapshot' in made).toBe(true);
    const snap = (made as { snapshot: object }).snapshot;
    const stat = async (p: string) => stats.get(p);
    expect(await readSnapshot('catalogue', dir, snap, stat, { times: true })).toEqual({ value });
    expect(await readSnapshot('theory', dir, snap, stat, { times: true })).toEqual({ reason: 'holds catalogue, expected theory' });
    expect(await readSnapshot('catalogue', dir, { ...snap, format: 0 }, stat, { times: true })).toEqual({ reason: 'format 0, expected 1' });
    expect(await readSnapshot('catalogue', dir, snap, async () => undefined, { times: true })).toEqual({ reason: '. is missing' });
    // A snapshot is data: nothing in it may point outside the pack or name a folder that is not a slug.
    const withProblem = (p: object) => ({ ...snap, value: { ...value, problems: [p] } });
    const problem = { id: 'ok-id', packDir: '', dir: 'ml-algorithms/ok-id', files: { problemYaml: 'a', starter: 'b', solution: 'c', testExamples: 'd', testHidden: 'e' }, parts: [] };
    expect(await readSnapshot('catalogue', dir, withProblem(problem), stat, { times: true })).toHaveProperty('value');
    expect(await readSnapshot('catalogue', dir, withProblem({ ...problem, dir: '../../etc' }), stat, { times: true })).toEqual({ reason: 'not a pack snapshot (path "../../etc" leaves the pack)' });
    expect(await readSnapshot('catalogue', dir, withProblem({ ...problem, id: '../x' }), stat, { times: true })).toEqual({ reason: 'not a pack snapshot (id "../x")' });
  });
});
