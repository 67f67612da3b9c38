// Where progress events live, and why there (vscode-free, so tests can run two instances on one
// folder; src/adapters/progressStore.ts wires it to VS Code).
//
// VS Code's globalState has no compare-and-swap: two windows that read-modify-write one key lose
// one window's update (measured: 25 of 50 solves kept), and a reset written by one window is undone
// by the next write of another. So:
// - Each window (a random id per activation) APPENDS its own events, one JSON per line, to its own
//   file `events.<host>.<pid>.<window>.jsonl` under globalStorageUri (shared by every window of this
//   user on this machine). One writer per file: no read-modify-write, nothing to lose. A crash can
//   only tear the last line; a torn or unreadable line is skipped, copied to backups/ and reported.
// - The record is the UNION of all windows' files (see src/core/progress/events.ts for why union +
//   tombstones converge). Windows re-read on file-system events, on focus and before each write.
// - Compaction writes the window's own `snapshot.<host>.<pid>.<window>.json` (temp file, then
//   rename: a crash between the two leaves the old snapshot and every events file in place, so
//   nothing is lost; the stray temp file is backed up and reported). Only after that snapshot is on
//   disk are the files of windows that are gone (their pid is dead on this host) and fully covered
//   by it deleted. A window only ever rewrites its own files.
// - The compacted snapshot is also written to globalState under the synced key, so Settings Sync
//   carries it to other machines. That key is last-writer-wins, so it is never the only copy: each
//   machine merges it on read (union) into its local files and re-publishes when the key lacks
//   something it holds, which converges. Older MLPrep versions see format 2 as "newer" and leave it
//   alone (they show the `problems` written alongside, read-only).
// - The v1 record found in that key is migrated as one import event that embeds it verbatim (so
//   counts are exact and unknown fields survive), after a backup copy to a file.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import { RESET_ALL, asStoredEvent, compact, derive, effectiveEvents, holds, migrationEvent, newestTombstoneAt, summaryCoverage, type ProgressChange, type StoredEvent } from '../core/progress/events';
import { loadProgress } from '../core/progress/migrate';
import type { Progress } from '../core/progress/progress';

/** The file operations used (node:fs/promises in the extension, an in-memory fake in tests). */
export interface LogFs {
  mkdir(dir: string): Promise<void>;
  /** File names in `dir`; [] when it does not exist. */
  readdir(dir: string): Promise<string[]>;
  /** UTF-8 text, or undefined when the file does not exist. */
  readFile(file: string): Promise<string | undefined>;
  appendFile(file: string, text: string): Promise<void>;
  writeFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

/** The synced globalState key (Settings Sync). */
export interface SyncedSlot {
  get(): unknown;
  set(value: unknown): Promise<void>;
}

export interface ProgressLogOptions {
  /** The folder shared by all windows of this user on this machine (globalStorageUri). */
  dir: string;
  windowId: string;
  host: string;
  pid: number;
  fs: LogFs;
  synced: SyncedSlot;
  /** Whether the process `pid` on `host` may still write (unknown host: true). */
  isAlive(host: string, pid: number): boolean;
  newId(): string;
  now(): number;
  hash(text: string): string;
  report(level: 'info' | 'warning', message: string, backupFile?: string): void;
  /** Own events appended between compactions (default 500). */
  compactEvery?: number;
}

/** node:fs/promises as LogFs. */
export const nodeLogFs: LogFs = {
  mkdir: async (dir) => void (await fsp.mkdir(dir, { recursive: true })),
  readdir: (dir) => fsp.readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e))),
  readFile: (file) => fsp.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e))),
  appendFile: (file, text) => fsp.appendFile(file, text, 'utf8'),
  writeFile: (file, text) => fsp.writeFile(file, text, 'utf8'),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
};

/** True unless `pid` is known dead on this host (another host: cannot tell, so alive). */
export function processAlive(host: string, pid: number): boolean {
  if (host !== os.hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export const SNAPSHOT_FORMAT = 2;
const join = (dir: string, name: string) => `${dir.replace(/[\\/]+$/, '')}/${name}`;
const enc = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E');

interface FileName { type: 'events' | 'snapshot'; host: string; pid: number; window: string; tmp: boolean }
function parseName(name: string): FileName | undefined {
  const m = /^(events|snapshot)\.([^.]+)\.(\d+)\.([A-Za-z0-9_-]+)\.(jsonl|json|json\.tmp)$/.exec(name);
  if (!m) return undefined;
  if ((m[1] === 'events') !== (m[5] === 'jsonl')) return undefined;
  return { type: m[1] as FileName['type'], host: decodeURIComponent(m[2]), pid: Number(m[3]), window: m[4], tmp: m[5] === 'json.tmp' };
}

/** The event log of one window, reading every window's files. Operations are serialised. */
export class ProgressLog {
  private known = new Map<string, StoredEvent>();
  private coverage = new Map<string, number>();
  private derived: Progress | undefined;
  private seq = 0;
  private lastAt = 0;
  private lastTombstoneAt = -Infinity;
  private sinceCompact = 0;
  private unwritten: StoredEvent[] = [];
  private tornOwnTail = false;
  /** Per events file: bytes consumed, and the events read from it (to know when it is covered). */
  private readonly files = new Map<string, { offset: number; events: StoredEvent[] }>();
  private readonly snapshots = new Map<string, { text: string; events: StoredEvent[] }>();
  private readonly reported = new Set<string>();
  private lastSynced: unknown = undefined;
  /** Something arrived or was recorded since this window's snapshot was written. */
  private snapshotStale = true;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(p: Progress) => void>();
  private readonly ownEvents: string;
  private readonly ownSnapshot: string;

  constructor(private readonly o: ProgressLogOptions) {
    const base = `${enc(o.host)}.${o.pid}.${o.windowId}`;
    this.ownEvents = join(o.dir, `events.${base}.jsonl`);
    this.ownSnapshot = join(o.dir, `snapshot.${base}.json`);
  }

  /** The derived progress (cached; recomputed when the set of events changed). */
  get(): Progress {
    return (this.derived ??= derive(this.known.values()));
  }

  /** Every stored event this window knows (union of all sources), for tests and export. */
  events(): StoredEvent[] {
    return [...this.known.values()];
  }

  onDidChange(listener: (p: Progress) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Re-reads every window's files and the synced key; fires onDidChange when something new arrived. */
  refresh(): Promise<void> {
    return this.serial(async () => {
      if (await this.readAll()) this.changed();
    });
  }

  /** Appends one event for `change` (after a refresh, so a reset covers what this window has seen). */
  record(change: ProgressChange): Promise<StoredEvent> {
    return this.serial(async () => {
      await this.readAll();
      // Ordered after every removal this window has seen (a run right after another window's reset
      // must count, even within the same millisecond or with that machine's clock a little ahead).
      let at = Math.max(this.o.now(), this.lastAt, this.lastTombstoneAt + 1);
      // A reset removes what the user saw, even if another machine's clock ran ahead.
      if (change.kind === 'reset' || (change.kind === 'import' && change.mode === 'replace')) {
        for (const e of effectiveEvents(this.known.values())) if (change.kind !== 'reset' || change.scope === RESET_ALL || e.p === change.scope) at = Math.max(at, e.at + 1);
      }
      this.lastAt = at;
      const e: StoredEvent = { id: this.o.newId(), w: this.o.windowId, n: ++this.seq, at, ...change };
      this.add(e);
      this.unwritten.push(e);
      this.changed();
      await this.writeOwn();
      if (++this.sinceCompact >= (this.o.compactEvery ?? 500)) await this.compactNow();
      return e;
    });
  }

  /**
   * Compacts what this window knows into its own snapshot file, deletes the files of windows that
   * are gone and fully covered by it, and publishes the snapshot to the synced key.
   */
  compactAndPublish(): Promise<void> {
    return this.serial(async () => {
      await this.readAll();
      await this.compactNow();
    });
  }

  private async compactNow(): Promise<void> {
    await this.writeOwn();
    if (!this.snapshotStale) {
      await this.publish(this.known);
      return;
    }
    const set = compact(this.known.values());
    const body = JSON.stringify({ format: SNAPSHOT_FORMAT, window: this.o.windowId, events: [...set.values()] });
    await this.o.fs.mkdir(this.o.dir);
    const tmp = `${this.ownSnapshot}.tmp`;
    await this.o.fs.writeFile(tmp, body);
    await this.o.fs.rename(tmp, this.ownSnapshot);
    this.snapshots.set(this.ownSnapshot, { text: body, events: [...set.values()] });
    this.known = set;
    this.coverage = summaryCoverage(set.values());
    this.sinceCompact = 0;
    this.snapshotStale = false;
    await this.collectDeadFiles(set);
    await this.publish(set);
  }

  private async publish(set: Map<string, StoredEvent>): Promise<void> {
    const events = [...set.values()];
    // Write only when the key lacks something we hold: a machine that has nothing new must not
    // overwrite (last writer wins) a fuller copy that another machine published.
    const cur = (this.o.synced.get() as { events?: unknown } | undefined)?.events;
    if (Array.isArray(cur)) {
      const there = new Map<string, StoredEvent>();
      for (const e of cur.map(asStoredEvent)) if (e) there.set(e.id, e);
      const cov = summaryCoverage(there.values());
      if (events.every((e) => holds(there, cov, e))) return;
    }
    // `problems` is for older MLPrep versions, which show it read-only; this version reads `events`.
    const value = { version: SNAPSHOT_FORMAT, events, problems: this.get().problems };
    await this.o.synced.set(value);
    this.lastSynced = value;
  }

  private async collectDeadFiles(set: Map<string, StoredEvent>): Promise<void> {
    const cov = summaryCoverage(set.values());
    const held = (evs: StoredEvent[]) => evs.every((e) => holds(set, cov, e));
    for (const [file, f] of this.files) {
      const n = this.name(file.slice(file.lastIndexOf('/') + 1));
      if (!n || file === this.ownEvents || this.o.host !== n.host || this.o.isAlive(n.host, n.pid) || !held(f.events)) continue;
      await this.o.fs.unlink(file).catch(() => undefined);
      this.files.delete(file);
    }
    for (const [file, s] of this.snapshots) {
      const n = this.name(file.slice(file.lastIndexOf('/') + 1));
      if (!n || file === this.ownSnapshot || this.o.host !== n.host || this.o.isAlive(n.host, n.pid) || !held(s.events)) continue;
      await this.o.fs.unlink(file).catch(() => undefined);
      this.snapshots.delete(file);
    }
  }

  private async writeOwn(): Promise<void> {
    if (!this.unwritten.length) return;
    const text = (this.tornOwnTail ? '\n' : '') + this.unwritten.map((e) => JSON.stringify(e) + '\n').join('');
    try {
      await this.o.fs.mkdir(this.o.dir);
      await this.o.fs.appendFile(this.ownEvents, text);
      this.unwritten = [];
      this.tornOwnTail = false;
    } catch (e) {
      // Kept in memory and retried on the next write; a partial line is closed by the leading newline.
      this.tornOwnTail = true;
      this.o.report('warning', `MLPrep could not save progress (${(e as Error).message}); it is kept in this window and retried.`);
      throw e;
    }
  }

  /** Reads everything new; true when the set of events grew. */
  private async readAll(): Promise<boolean> {
    const before = this.known.size;
    const names = await this.o.fs.readdir(this.o.dir);
    for (const name of names.sort()) {
      const n = this.name(name);
      if (!n) continue;
      const file = join(this.o.dir, name);
      if (n.type === 'events') await this.readEvents(file, n);
      else await this.readSnapshot(file, n);
    }
    await this.readSynced();
    if (this.known.size !== before) {
      this.derived = undefined;
      return true;
    }
    return false;
  }

  private async readEvents(file: string, n: FileName): Promise<void> {
    const text = await this.o.fs.readFile(file);
    if (text === undefined) return;
    let f = this.files.get(file);
    if (!f || text.length < f.offset) this.files.set(file, (f = { offset: 0, events: [] }));
    const end = text.lastIndexOf('\n') + 1;
    let lineStart = f.offset;
    while (lineStart < end) {
      const nl = text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, nl);
      if (line.trim()) {
        const e = asStoredEvent(safeParse(line));
        if (e) {
          f.events.push(e);
          this.add(e);
        } else await this.keepBad(file, lineStart, line, 'an unreadable line (a write torn by a crash, or an edit)');
      }
      lineStart = nl + 1;
    }
    f.offset = end;
    // A last line without its newline is still being written, unless its writer is gone.
    const tail = text.slice(end);
    if (tail.trim() && file !== this.ownEvents && !this.o.isAlive(n.host, n.pid)) {
      await this.keepBad(file, end, tail, 'a last line torn by a crash');
      f.offset = text.length;
    }
  }

  private async readSnapshot(file: string, n: FileName): Promise<void> {
    const text = await this.o.fs.readFile(file);
    if (text === undefined || this.snapshots.get(file)?.text === text) return;
    const v = safeParse(text) as { events?: unknown } | undefined;
    const events = Array.isArray(v?.events) ? v!.events.map(asStoredEvent) : undefined;
    if (!events || events.some((e) => !e)) {
      if (this.o.isAlive(n.host, n.pid) && n.tmp) return; // being written
      const backup = await this.keepBad(file, 0, text, n.tmp ? 'a snapshot left by a crash before its rename (the previous snapshot and all events are intact)' : 'an unreadable snapshot');
      // Only a leftover temp file is removed, and only once its copy is in backups/.
      if (backup && n.tmp) await this.o.fs.unlink(file).catch(() => undefined);
      return;
    }
    this.snapshots.set(file, { text, events: events as StoredEvent[] });
    for (const e of events as StoredEvent[]) this.add(e);
  }

  private async readSynced(): Promise<void> {
    const value = this.o.synced.get();
    if (value === undefined || value === this.lastSynced) return;
    this.lastSynced = value;
    const events = (value as { events?: unknown })?.events;
    if (Array.isArray(events)) {
      const parsed = events.map(asStoredEvent);
      for (const e of parsed) if (e) this.add(e);
      if (parsed.some((e) => !e)) await this.keepBad('globalState', 0, JSON.stringify(value), 'unreadable entries in the synced progress');
      return;
    }
    // A record from before events (v1, v0), or a value this version cannot read.
    const outcome = loadProgress(value);
    if (outcome.kind === 'empty') return;
    const m = migrationEvent(value, this.o.hash);
    if (this.known.has(m.id)) return;
    const backup = await this.backup(`progress-v1-${m.id.slice(3, 15)}.json`, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    if (outcome.kind === 'corrupt') {
      this.o.report('warning', `MLPrep progress could not be read (${outcome.reason}). It is kept in a backup and in the record; progress continues.`, backup);
    } else this.o.report('info', 'MLPrep progress moved to the new format (every window and machine keeps its own log now). The old record is kept.', backup);
    this.add(m);
  }

  private add(e: StoredEvent): void {
    if (this.known.has(e.id) || holds(this.known, this.coverage, e)) return;
    this.known.set(e.id, e);
    this.snapshotStale = true;
    this.lastTombstoneAt = Math.max(this.lastTombstoneAt, newestTombstoneAt(e));
    if (e.kind === 'summary') this.coverage = summaryCoverage(this.known.values());
    this.derived = undefined;
  }

  /** Copies a bad piece to backups/ once and reports it. Returns the backup path. */
  private async keepBad(file: string, offset: number, text: string, what: string): Promise<string | undefined> {
    const key = `${file}@${offset}:${this.o.hash(text)}`;
    if (this.reported.has(key)) return undefined;
    this.reported.add(key);
    const short = file.slice(file.lastIndexOf('/') + 1);
    const backup = await this.backup(`${short}.at${offset}.${this.o.hash(text).slice(0, 8)}.txt`, text);
    this.o.report('warning', `MLPrep progress: ${what} in ${short} was skipped and kept in a backup.`, backup);
    return backup;
  }

  private async backup(name: string, text: string): Promise<string> {
    const dir = join(this.o.dir, 'backups');
    await this.o.fs.mkdir(dir);
    const file = join(dir, name);
    await this.o.fs.writeFile(file, text);
    return file;
  }

  private readonly nameCache = new Map<string, FileName | undefined>();
  private name(file: string): FileName | undefined {
    if (!this.nameCache.has(file)) this.nameCache.set(file, parseName(file));
    return this.nameCache.get(file);
  }

  private changed(): void {
    this.derived = undefined;
    if (!this.listeners.size) return; // derived lazily by get()
    const p = this.get();
    for (const l of this.listeners) l(p);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => undefined);
    return p;
  }
}

const safeParse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};
