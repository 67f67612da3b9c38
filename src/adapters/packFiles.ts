// Node's file system for the pack loader (src/core/catalog/loadPack.ts stays free of I/O), and
// the two calls that load packs from disk.
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { loadCatalog, loadPack, type Catalog, type PackEntryStat, type PackFileSystem, type PackSpec } from '../core/catalog/loadPack';
import type { PackContents, PackSource } from '../core/catalog/types';

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
};

/** loadPack on the local disk. */
export function loadPackFromDisk(dir: string, options: { source: PackSource }): Promise<PackContents> {
  return loadPack(dir, { ...options, fs: nodePackFileSystem });
}

/** loadCatalog on the local disk. */
export function loadCatalogFromDisk(packs: PackSpec[]): Promise<Catalog> {
  return loadCatalog(packs, nodePackFileSystem);
}
