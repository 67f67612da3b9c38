// Pack snapshots: what loading a pack produced (its problems and prompts, or its theory topics,
// with every error) saved as JSON together with the identity of every file and folder the load
// looked at (kind, size, modification time). A later load stats those entries again and, when
// none changed, takes the saved result (one read and JSON.parse) instead of walking the folders
// and parsing every YAML file. A change to a YAML file changes its size or time; adding,
// removing or renaming an entry changes its folder's time; so any edit the loader would see
// makes the snapshot stale and the pack is loaded (and parsed) again.
// This module is pure: the disk side (stat, read, write) is src/adapters/packSnapshotFiles.ts.
import path from 'node:path';
import type { PackEntryStat, PackFileSystem, PackSpec } from './loadPack';
import { isSlug, type CatalogError, type CodingProblem, type DesignPrompt, type PackContents } from './types';
import type { TheoryDeck } from '../theory/types';

/** Bumped whenever the snapshot's layout or the loaders' results change shape: older ones are then stale. */
export const SNAPSHOT_FORMAT = 1;

/**
 * A pack file read but not yet validated: its parsed YAML (when it parsed) and the errors of
 * reading it. For the behavioural bank, whose checks depend on the packs before it.
 */
export interface ParsedPackFile {
  parsed: boolean;
  data?: unknown;
  errors: CatalogError[];
}

/** What each kind of snapshot holds: a pack's problems and prompts, its theory topics, its parsed bank file. */
export interface SnapshotValues {
  catalogue: PackContents;
  theory: TheoryDeck;
  bank: ParsedPackFile;
}

export type SnapshotKind = keyof SnapshotValues;

/** An entry's identity: kind, size in bytes, modification time in ms since the epoch. */
export interface SourceStat {
  kind: PackEntryStat['kind'];
  size: number;
  mtimeMs: number;
}

/**
 * A saved load of one pack. Paths (in `sources` and inside `value`) are relative to the pack's
 * folder and '/'-separated, so a snapshot made at build time holds wherever the extension is
 * installed.
 */
export interface PackSnapshot {
  format: number;
  kind: SnapshotKind;
  /** The pack folder's name: error messages show paths from it (`problems/metrics/...`). */
  name: string;
  /** Every entry the load looked at: [relative path, kind, size, mtimeMs], or [path, null] when it was missing. */
  sources: ([string, PackEntryStat['kind'], number, number] | [string, null])[];
  /** The loader's result for the pack, paths relative. */
  value: unknown;
}

/**
 * Where snapshots come from and go to (src/adapters/packSnapshotFiles.ts). `load` returns a
 * snapshot's value only when it still matches the disk; otherwise undefined (and says why in
 * its own log), and the caller loads the pack from its files and calls `save`.
 */
export interface PackSnapshots {
  load<K extends SnapshotKind>(kind: K, spec: PackSpec): Promise<SnapshotValues[K] | undefined>;
  /** `sources`: absolute paths the load looked at; `startedAt`: epoch ms when it began. */
  save<K extends SnapshotKind>(kind: K, spec: PackSpec, value: SnapshotValues[K], sources: ReadonlySet<string>, startedAt: number): void;
}

/**
 * Wraps `fs` so that every path the loader passes to it is recorded: the entries whose identity
 * a snapshot of this load must check.
 */
export function recordingFileSystem(fs: PackFileSystem): { fs: PackFileSystem; paths: Set<string> } {
  const paths = new Set<string>();
  const rec = <A extends unknown[], R>(f: (p: string, ...rest: A) => Promise<R>) => (p: string, ...rest: A): Promise<R> => {
    paths.add(p);
    return f(p, ...rest);
  };
  const out: PackFileSystem = {
    realpath: rec((p) => fs.realpath(p)),
    lstat: rec((p) => fs.lstat(p)),
    stat: rec((p) => fs.stat(p)),
    readdir: rec((p) => fs.readdir(p)),
    readFile: rec((p) => fs.readFile(p)),
  };
  if (fs.readdirKinds) out.readdirKinds = rec((p) => fs.readdirKinds!(p));
  if (fs.readFileUpTo) out.readFileUpTo = rec((p: string, max: number) => fs.readFileUpTo!(p, max));
  return { fs: out, paths };
}

/** `abs` relative to `dir`, '/'-separated ('' for `dir` itself). Throws for a path outside `dir`. */
function toRelative(dir: string, abs: string): string {
  if (abs === dir) return '';
  if (!abs.startsWith(dir + path.sep)) throw new Error(`${abs} is outside the pack ${dir}`);
  return abs.slice(dir.length + 1).split(path.sep).join('/');
}

/**
 * The absolute path of `rel` (from toRelative) under `dir`. Throws for anything that could lead
 * outside it (an absolute path, a `..` segment): a snapshot is data, held to the loader's rules.
 */
function toAbsolute(dir: string, rel: string): string {
  if (rel === '') return dir;
  if (typeof rel !== 'string' || rel.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(rel) || rel.includes('\\')) throw new Error(`path ${JSON.stringify(rel)} leaves the pack`);
  return dir + path.sep + (path.sep === '/' ? rel : rel.split('/').join(path.sep));
}

/**
 * A copy of a `files` record with every path in it mapped through `f`: every string value, and
 * those of nested records (`pytorch`), so a file added to the record later is mapped too.
 */
function mapFiles<T extends object>(files: T, f: (p: string) => string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(files)) {
    out[k] = typeof v === 'string' ? f(v) : v && typeof v === 'object' ? mapFiles(v as object, f) : v;
  }
  return out as T;
}

/** A copy of a pack's contents with every path mapped through `f` (the fields that hold paths). */
export function mapContentsPaths(c: PackContents, f: (p: string) => string): PackContents {
  const error = (e: CatalogError): CatalogError => ({ ...e, file: f(e.file) });
  const problem = (p: CodingProblem): CodingProblem => ({
    ...p,
    packDir: f(p.packDir),
    dir: f(p.dir),
    files: mapFiles(p.files, f),
    parts: p.parts.map((part) => ({ ...part, dir: f(part.dir), files: mapFiles(part.files, f) })),
  });
  const prompt = (d: DesignPrompt): DesignPrompt => ({ ...d, packDir: f(d.packDir), file: f(d.file) });
  return { problems: c.problems.map(problem), designPrompts: c.designPrompts.map(prompt), errors: c.errors.map(error) };
}

/** A copy of a theory deck with every path mapped through `f`. */
export function mapDeckPaths(d: TheoryDeck, f: (p: string) => string): TheoryDeck {
  return {
    topics: d.topics.map((t) => ({ ...t, file: f(t.file), cards: t.cards.map((c) => ({ ...c, file: f(c.file) })) })),
    errors: d.errors.map((e) => ({ ...e, file: f(e.file) })),
  };
}

const mapPaths = (kind: SnapshotKind, value: unknown, f: (p: string) => string): unknown => {
  if (kind === 'catalogue') return mapContentsPaths(value as PackContents, f);
  if (kind === 'theory') return mapDeckPaths(value as TheoryDeck, f);
  const read = value as ParsedPackFile;
  return { ...read, errors: read.errors.map((e) => ({ ...e, file: f(e.file) })) };
};

/**
 * How long before a load began an entry's time must lie for the snapshot to trust it. File
 * times come from a coarse clock that can lag the real one by a few ms, and some file systems
 * keep whole seconds: an entry changed within this margin may have been read before or after
 * the change, so no snapshot is made (the next load makes one).
 */
const RACY_MS = 1000;

/**
 * The snapshot of a load of the pack in `dir` that began at `startedAt` (epoch ms), given the
 * identity of each entry it looked at now (`stats`, undefined for a missing one). Returns a
 * reason instead when the snapshot could not be trusted: an entry modified after the load began
 * or just before (RACY_MS).
 */
export function makeSnapshot(
  kind: SnapshotKind,
  dir: string,
  value: SnapshotValues[SnapshotKind],
  stats: ReadonlyMap<string, SourceStat | undefined>,
  startedAt: number,
): { snapshot: PackSnapshot } | { reason: string } {
  const sources: PackSnapshot['sources'] = [];
  try {
    for (const [abs, st] of [...stats].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // The real path of a pack folder that is itself a symbolic link: the entries under `dir`
      // (stat follows links) already stand for it.
      if (abs !== dir && !abs.startsWith(dir + path.sep)) continue;
      const rel = toRelative(dir, abs);
      if (!st) {
        sources.push([rel, null]);
        continue;
      }
      if (st.mtimeMs >= startedAt - RACY_MS) return { reason: `${rel || '.'} changed while the pack was loading` };
      sources.push([rel, st.kind, st.size, st.mtimeMs]);
    }
    return { snapshot: { format: SNAPSHOT_FORMAT, kind, name: path.basename(dir), sources, value: mapPaths(kind, value, (p) => toRelative(dir, p)) } };
  } catch (e) {
    return { reason: (e as Error).message };
  }
}

/** How a snapshot is checked: `times` false compares kinds and sizes only (see readSnapshot). */
export interface SnapshotCheck {
  times: boolean;
}

/**
 * The value of a snapshot of the pack in `dir` (parsed JSON, any shape) if it is well formed, of
 * this format and kind, and every entry it records still has the same identity (`stat` gives the
 * entry now, undefined when missing); its paths made absolute under `dir`. Otherwise the reason,
 * naming the first entry that changed. `check.times` false compares only kinds and sizes: for a
 * snapshot shipped inside an installed extension, whose files all got the time of installation.
 */
export async function readSnapshot<K extends SnapshotKind>(
  kind: K, dir: string, data: unknown, stat: (abs: string) => Promise<SourceStat | undefined>, check: SnapshotCheck,
): Promise<{ value: SnapshotValues[K] } | { reason: string }> {
  const s = data as Partial<PackSnapshot> | null;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.sources) || typeof s.value !== 'object' || s.value === null) {
    return { reason: 'not a pack snapshot' };
  }
  if (s.format !== SNAPSHOT_FORMAT) return { reason: `format ${String(s.format)}, expected ${SNAPSHOT_FORMAT}` };
  if (s.kind !== kind) return { reason: `holds ${String(s.kind)}, expected ${kind}` };
  if (s.name !== path.basename(dir)) return { reason: `made for a pack folder named ${JSON.stringify(s.name)}` };
  const value = s.value as { errors?: unknown; problems?: unknown; designPrompts?: unknown; topics?: unknown };
  const shapeOk = Array.isArray(value.errors) && (kind === 'catalogue' ? Array.isArray(value.problems) && Array.isArray(value.designPrompts)
    : kind === 'theory' ? Array.isArray(value.topics) : typeof (value as { parsed?: unknown }).parsed === 'boolean');
  if (!shapeOk) return { reason: 'not a pack snapshot' };
  const changed = await Promise.all(s.sources.map(async (src): Promise<string | undefined> => {
    if (!Array.isArray(src) || typeof src[0] !== 'string') return 'a malformed entry';
    const [rel, k, size, mtimeMs] = src as [string, PackEntryStat['kind'] | null, number?, number?];
    const now = await stat(toAbsolute(dir, rel));
    const name = rel || '.';
    if (k === null) return now ? `${name} appeared` : undefined;
    if (!now) return `${name} is missing`;
    if (now.kind !== k || (k === 'file' && now.size !== size)) return `${name} changed`;
    if (check.times && now.mtimeMs !== mtimeMs) return `${name} changed`;
    return undefined;
  }));
  const first = changed.find((c) => c !== undefined);
  if (first) return { reason: first };
  try {
    const value = mapPaths(kind, s.value, (p) => toAbsolute(dir, p));
    // Ids become folder names in the practice folder: the slug rule holds here as in the loader.
    // (A bank's data is validated after it is read, as when parsed.)
    const ids = kind === 'catalogue'
      ? [...(value as PackContents).problems, ...(value as PackContents).designPrompts].map((p) => p.id)
      : kind === 'theory' ? (value as TheoryDeck).topics.flatMap((t) => [t.id, ...t.cards.map((c) => c.id)]) : [];
    const bad = ids.find((id) => typeof id !== 'string' || !isSlug(id));
    if (bad !== undefined) return { reason: `not a pack snapshot (id ${JSON.stringify(bad)})` };
    return { value: value as SnapshotValues[K] };
  } catch (e) {
    return { reason: `not a pack snapshot (${(e as Error).message})` };
  }
}
