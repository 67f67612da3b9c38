// Pack snapshots on disk (src/core/catalog/packSnapshot.ts): the built-in pack's, written at build
// time into dist/snapshots/ and shipped in the .vsix, and those the extension saves itself in its
// global storage after loading a pack from its files (user packs; the built-in pack of a checkout
// whose shipped snapshot is stale). A snapshot that cannot be read or no longer matches the disk
// is passed over with a log line saying why, and the pack is loaded from its files.
import { createHash } from 'node:crypto';
import { stat as statCb } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { PackSpec } from '../core/catalog/loadPack';
import { makeSnapshot, readSnapshot, type PackSnapshots, type SnapshotKind, type SnapshotValues, type SourceStat } from '../core/catalog/packSnapshot';

/** An entry's identity (following symbolic links), or undefined when it is missing or unreadable. */
export function statSource(abs: string): Promise<SourceStat | undefined> {
  return new Promise((resolve) => {
    statCb(abs, (err, s) => resolve(err ? undefined : {
      kind: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other',
      size: s.size,
      mtimeMs: s.mtimeMs,
    }));
  });
}

/** The file of the built-in pack's shipped snapshot of `kind` in `snapshotDir` (dist/snapshots). */
export function shippedSnapshotFile(snapshotDir: string, kind: SnapshotKind): string {
  return path.join(snapshotDir, `builtin-${kind}.json`);
}

/**
 * Stats the entries a load looked at and writes its snapshot to `file` (through a temporary file
 * and a rename, so a reader never sees half of it). Returns why nothing was written, if so.
 */
export async function writeSnapshotFile<K extends SnapshotKind>(
  file: string, kind: K, packDir: string, value: SnapshotValues[K], sources: ReadonlySet<string>, startedAt: number, stamp?: string,
): Promise<string | undefined> {
  const dir = path.resolve(packDir);
  const list = [...sources];
  const stats = await Promise.all(list.map(statSource));
  const made = makeSnapshot(kind, dir, value, new Map(list.map((p, i) => [p, stats[i]])), startedAt);
  if ('reason' in made) return made.reason;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(stamp === undefined ? made.snapshot : { ...made.snapshot, stamp }));
  await rename(tmp, file);
  return undefined;
}

export interface DiskPackSnapshotsOptions {
  /** Where the extension saves its own snapshots (a folder in its global storage); none saved when undefined. */
  cacheDir: string | undefined;
  /**
   * The built-in pack's shipped snapshots: the pack's folder and dist/snapshots. `times` false
   * compares sizes only: an installed extension's files all carry the time of installation (and
   * an installed .vsix is not edited in place); a checkout compares times too, so editing a
   * problem there takes effect at the next load.
   */
  shipped?: { packDir: string; snapshotDir: string; times: boolean };
  log: { info(message: string): void; warn(message: string): void };
  /** How long after a load its snapshot is saved (ms): out of the way of the first render. */
  saveDelayMs?: number;
  /**
   * A file whose size and time identify the build that saves and reads snapshots (dist/extension.js):
   * a saved snapshot is used only by the build that made it, since another build's loader may give
   * other results for the same files (a new field, a new check). The shipped one is made with its build.
   */
  buildFile?: string;
}

/** PackSnapshots on the local disk. */
export class DiskPackSnapshots implements PackSnapshots {
  private readonly pending = new Set<Promise<void>>();
  private readonly stamp: Promise<string>;

  constructor(private readonly options: DiskPackSnapshotsOptions) {
    this.stamp = options.buildFile
      ? statSource(options.buildFile).then((s) => (s ? `${s.size}-${s.mtimeMs}` : 'unknown'))
      : Promise.resolve('none');
  }

  private cacheFile(kind: SnapshotKind, packDir: string): string | undefined {
    if (!this.options.cacheDir) return undefined;
    const key = createHash('sha1').update(path.resolve(packDir)).digest('hex').slice(0, 16);
    return path.join(this.options.cacheDir, `${kind}-${key}.json`);
  }

  async load<K extends SnapshotKind>(kind: K, spec: PackSpec): Promise<SnapshotValues[K] | undefined> {
    const dir = path.resolve(spec.dir);
    const shipped = this.options.shipped;
    const candidates: { file: string; times: boolean; stamp?: string }[] = [];
    if (shipped && spec.source === 'builtin' && path.resolve(shipped.packDir) === dir) {
      candidates.push({ file: shippedSnapshotFile(shipped.snapshotDir, kind), times: shipped.times });
    }
    const cached = this.cacheFile(kind, dir);
    if (cached) candidates.push({ file: cached, times: true, stamp: await this.stamp });
    for (const { file, times, stamp } of candidates) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue; // none saved yet
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        this.options.log.warn(`pack snapshot ${file} cannot be read (${(e as Error).message}); loading the ${kind} of ${dir} from its files`);
        continue;
      }
      if (stamp !== undefined && (data as { stamp?: unknown } | null)?.stamp !== stamp) {
        this.options.log.info(`pack snapshot ${file} not used (saved by another build of MLPrep); loading the ${kind} of ${dir} from its files`);
        continue;
      }
      const got = await readSnapshot(kind, dir, data, statSource, { times });
      if ('value' in got) return got.value;
      this.options.log.info(`pack snapshot ${file} not used (${got.reason}); loading the ${kind} of ${dir} from its files`);
    }
    return undefined;
  }

  save<K extends SnapshotKind>(kind: K, spec: PackSpec, value: SnapshotValues[K], sources: ReadonlySet<string>, startedAt: number): void {
    const file = this.cacheFile(kind, spec.dir);
    if (!file) return;
    const job = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.stamp.then((stamp) => writeSnapshotFile(file, kind, spec.dir, value, sources, startedAt, stamp)).then(
          (reason) => { if (reason) this.options.log.info(`pack snapshot of ${spec.dir} not saved: ${reason}`); },
          (e: unknown) => this.options.log.warn(`pack snapshot ${file} could not be written (${String(e)})`),
        ).finally(resolve);
      }, this.options.saveDelayMs ?? 1500);
      timer.unref?.();
    });
    this.pending.add(job);
    void job.then(() => this.pending.delete(job));
  }

  /** Waits for the snapshots being saved (tests, benchmarks). */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }
}
