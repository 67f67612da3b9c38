// Writes the built-in pack's snapshots (src/core/catalog/packSnapshot.ts) into dist/snapshots/:
// its problems and prompts, its theory topics and its parsed behavioural bank, as the extension would load them, with the
// identity of every file and folder looked at. The extension takes them instead of parsing the
// pack while they match the disk. Run by scripts/build.mjs after each build.
// Usage: node out/tools/snapshot-builtin.js [--out DIR] [--pack DIR]
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalog, type PackSpec } from '../src/core/catalog/loadPack';
import type { PackSnapshots, SnapshotKind } from '../src/core/catalog/packSnapshot';
import { nodePackFileSystem } from '../src/adapters/packFiles';
import { shippedSnapshotFile, writeSnapshotFile } from '../src/adapters/packSnapshotFiles';
import { loadTheoryDeck } from '../src/core/theory/loadTheory';
import { loadQuestionBank } from '../src/core/stories/loadBank';

const root = path.resolve(__dirname, '..', '..');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const out = path.resolve(arg('--out') ?? path.join(root, 'dist', 'snapshots'));
const pack: PackSpec = { dir: path.resolve(arg('--pack') ?? path.join(root, 'problems')), source: 'builtin' };

async function main(): Promise<void> {
  const t0 = performance.now();
  const writes: Promise<void>[] = [];
  const snapshots: PackSnapshots = {
    load: async () => undefined,
    save: (kind: SnapshotKind, spec, value, sources, startedAt) => {
      writes.push(writeSnapshotFile(shippedSnapshotFile(out, kind), kind, spec.dir, value, sources, startedAt).then((reason) => {
        // Not fatal: without its snapshot the extension parses the pack as before.
        if (reason) console.warn(`snapshot-builtin: no ${kind} snapshot written: ${reason}`);
      }));
    },
  };
  const catalog = await loadCatalog([pack], nodePackFileSystem, { pythonText: 'later', snapshots });
  await loadTheoryDeck([pack], nodePackFileSystem, { codingIds: new Set(), designIds: new Set() }, { snapshots });
  await loadQuestionBank([pack], nodePackFileSystem, new Set(), { snapshots });
  await Promise.all(writes);
  console.log(`snapshot-builtin: ${catalog.problems.length} problems, ${catalog.designPrompts.length} prompts, theory, bank in ${path.relative(root, out)} (${(performance.now() - t0).toFixed(0)} ms)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
