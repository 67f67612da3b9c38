// Node's file system for the pack loader (src/core/catalog/loadPack.ts stays free of I/O), and
// the two calls that load packs from disk.
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { close as closeCb, fstat as fstatCb, open as openCb, readdir as readdirCb, readFile as readFileCb, type Dirent, type Stats } from 'node:fs';
import { checkPythonTexts, loadCatalog, loadPack, type Catalog, type PackEntryStat, type PackFileSystem, type PackSpec } from '../core/catalog/loadPack';
import type { PackContents, PackSource } from '../core/catalog/types';
import type { PackSnapshots } from '../core/catalog/packSnapshot';
import { loadTheoryDeck, type TheoryLinks } from '../core/theory/loadTheory';
import type { TheoryDeck } from '../core/theory/types';
import { loadQuestionBank } from '../core/stories/loadBank';
import type { QuestionBank } from '../core/stories/types';

const kind = (s: Stats): PackEntryStat => ({
  kind: s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other',
  size: s.size,
});

/** The local disk, through node:fs/promises. Rejections keep Node's error `code` (ENOENT…). */
export const nodePackFileSystem: PackFileSystem = {
  realpath: (p) => realpath(p),
  lstat: async (p) => kind(await lstat(p)),
  stat: async (p) => kind(await stat(p)),
  readdir: (p) => readdir(p),
  readFile: (p) => readFile(p),
  // Node's callback API for the two calls a big pack makes thousands of times: measured on 1,000
  // problems (scripts/bench-catalog.ts), it costs a third less CPU than the promise API's
  // FileHandle round trips.
  readdirKinds: (p) => new Promise((resolve, reject) => {
    readdirCb(p, { withFileTypes: true }, (err, list) => (err ? reject(err) : resolve(list.map((d: Dirent) => ({
      name: d.name,
      kind: d.isSymbolicLink() ? 'symlink' : d.isFile() ? 'file' : d.isDirectory() ? 'dir' : 'other',
    })))));
  }),
  readFileUpTo: (p, maxBytes) => new Promise((resolve, reject) => {
    openCb(p, 'r', (err, fd) => {
      if (err) return reject(err);
      const done = (e: Error | null, value?: Uint8Array | { size: number }) => closeCb(fd, () => (e ? reject(e) : resolve(value!)));
      fstatCb(fd, (e, st) => {
        if (e) return done(e);
        if (st.size > maxBytes) return done(null, { size: st.size });
        readFileCb(fd, (e2, bytes) => done(e2, bytes));
      });
    });
  }),
};

/** loadPack on the local disk. */
export function loadPackFromDisk(dir: string, options: { source: PackSource }): Promise<PackContents> {
  return loadPack(dir, { ...options, fs: nodePackFileSystem });
}

/** loadCatalog on the local disk. */
export function loadCatalogFromDisk(packs: PackSpec[], options: { pythonText?: 'now' | 'later'; snapshots?: PackSnapshots } = {}): Promise<Catalog> {
  return loadCatalog(packs, nodePackFileSystem, options);
}

/** checkPythonTexts on the local disk (the second half of a `pythonText: 'later'` load). */
export function checkPythonTextsOnDisk(catalog: Catalog): Promise<Catalog> {
  return checkPythonTexts(catalog, nodePackFileSystem);
}

/** loadTheoryDeck (theory cards of the packs) on the local disk. */
export function loadTheoryDeckFromDisk(packs: PackSpec[], links: TheoryLinks, snapshots?: PackSnapshots): Promise<TheoryDeck> {
  return loadTheoryDeck(packs, nodePackFileSystem, links, { snapshots });
}

/** loadQuestionBank (the behavioural question bank of the packs) on the local disk. */
export function loadQuestionBankFromDisk(packs: PackSpec[], reservedIds?: ReadonlySet<string>, snapshots?: PackSnapshots): Promise<QuestionBank> {
  return loadQuestionBank(packs, nodePackFileSystem, reservedIds, { snapshots });
}
