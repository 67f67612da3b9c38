// File I/O of one design session folder: session.json, whiteboard.excalidraw and notes.md.
// - Writes are debounced and atomic (temp file, fsync, rename), serialised through one queue.
// - A file that does not parse is renamed `<name>.corrupt-<timestamp>` and reported; it is never
//   written over (so a hand-broken board is not replaced by an empty one).
// - Before each write the file's mtime/size is compared with what we last read or wrote: a change
//   made elsewhere (another window, a hand edit) is merged in first, never clobbered.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { renderNotes } from '../../core/design/notes';
import { emptyScene, mergeScenes, parseExcalidrawFile, sameScene, serialiseExcalidraw, type Scene } from '../../core/design/scene';
import { mergeSessions, parseFolderName, parseSession, serialiseSession, type DesignSession } from '../../core/design/session';
import type { DesignPrompt } from '../../core/catalog/types';

export const SESSION_FILE = 'session.json';
export const BOARD_FILE = 'whiteboard.excalidraw';
export const NOTES_FILE = 'notes.md';

const SESSION_DEBOUNCE_MS = 400;
const SCENE_DEBOUNCE_MS = 500;

export interface StoreEvents {
  /** Something needs the user's attention (corrupt file kept aside, merged changes). */
  report(level: 'info' | 'warning', message: string, file?: string): void;
  /** The in-memory session or board changed because of what was found on disk. */
  changedFromDisk(what: { session?: boolean; scene?: boolean }): void;
}

interface Known {
  mtimeMs: number;
  size: number;
}

/** `20261123T091500Z`: sortable, and safe in file names on every OS. */
export const fileStamp = (now: number) => new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export async function atomicWrite(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** The same, synchronously: only for the extension host's shutdown, which does not wait for promises. */
function atomicWriteSync(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function statOfSync(file: string): Known | undefined {
  try {
    const s = statSync(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined;
  }
}

async function statOf(file: string): Promise<Known | undefined> {
  try {
    const s = await stat(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined;
  }
}

const sameStat = (a: Known | undefined, b: Known | undefined) => a?.mtimeMs === b?.mtimeMs && a?.size === b?.size;

/** Session folders under `designRoot` for `slug`, newest first. */
export async function listSessionFolders(designRoot: string, slug: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(designRoot);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, parsed: parseFolderName(slug, name) }))
    .filter((x): x is { name: string; parsed: { date: string; n: number } } => !!x.parsed)
    .sort((a, b) => (a.parsed.date === b.parsed.date ? b.parsed.n - a.parsed.n : a.parsed.date < b.parsed.date ? 1 : -1))
    .map((x) => x.name);
}

/** The newest session of `slug` not yet completed (a session.json that does not parse counts as open). */
export async function findResumable(designRoot: string, slug: string): Promise<string | undefined> {
  for (const name of await listSessionFolders(designRoot, slug)) {
    const dir = path.join(designRoot, name);
    let text: string;
    try {
      text = await readFile(path.join(dir, SESSION_FILE), 'utf8');
    } catch {
      continue;
    }
    const r = parseSession(text);
    if (!r.ok || r.value.phase !== 'done') return dir;
  }
  return undefined;
}

export class SessionStore {
  private known = new Map<string, Known | undefined>();
  private queue: Promise<unknown> = Promise.resolve();
  private timers = new Map<string, NodeJS.Timeout>();
  private dirty = new Set<'session' | 'scene'>();
  private disposed = false;

  private constructor(
    readonly dir: string,
    private prompt: DesignPrompt,
    private current: DesignSession,
    private board: Scene,
    private readonly events: StoreEvents,
  ) {}

  get session(): DesignSession {
    return this.current;
  }

  get scene(): Scene {
    return this.board;
  }

  /**
   * Opens the session in `dir`, creating the folder and files when missing. A session.json or
   * board that does not parse is kept aside and reported; the session then starts afresh from
   * `create()` (its board, if valid, is kept).
   */
  static async open(dir: string, prompt: DesignPrompt, create: () => DesignSession, events: StoreEvents, now = Date.now()): Promise<SessionStore> {
    await mkdir(dir, { recursive: true });
    const store = new SessionStore(dir, prompt, create(), emptyScene(), events);
    const sessionText = await store.readTracked(SESSION_FILE);
    let writeSession = true;
    if (sessionText !== undefined) {
      const r = parseSession(sessionText);
      if (r.ok) {
        store.current = r.value;
        writeSession = false;
      } else {
        await store.keepAside(SESSION_FILE, r.error, now);
      }
    }
    const boardText = await store.readTracked(BOARD_FILE);
    let writeBoard = true;
    if (boardText !== undefined) {
      const r = parseExcalidrawFile(boardText);
      if (r.ok) {
        store.board = r.value;
        writeBoard = false;
      } else {
        await store.keepAside(BOARD_FILE, r.error, now);
      }
    }
    store.known.set(NOTES_FILE, await statOf(path.join(dir, NOTES_FILE)));
    if (writeSession) store.markDirty('session', 0);
    if (writeBoard) store.markDirty('scene', 0);
    return store;
  }

  /** Replaces the in-memory session and schedules its save (and notes.md). */
  setSession(next: DesignSession, opts: { immediate?: boolean } = {}): void {
    if (next === this.current) return;
    this.current = next;
    this.markDirty('session', opts.immediate ? 0 : SESSION_DEBOUNCE_MS);
  }

  setScene(next: Scene): void {
    this.board = next;
    this.markDirty('scene', SCENE_DEBOUNCE_MS);
  }

  /** Writes everything pending now. */
  flush(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const kinds = [...this.dirty];
    this.dirty.clear();
    return this.enqueue(async () => {
      for (const k of kinds) await (k === 'session' ? this.writeSession() : this.writeScene());
    });
  }

  /** Looks for changes made on disk by someone else (e.g. when the panel becomes active). */
  checkDisk(): Promise<void> {
    return this.enqueue(async () => {
      const s = await this.mergeSessionFromDisk();
      const b = await this.mergeSceneFromDisk();
      if (s || b) this.events.changedFromDisk({ session: s, scene: b });
    });
  }

  async dispose(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.disposed = true;
  }

  /**
   * Writes what is still pending, synchronously: VS Code does not wait for promises when it
   * disposes an extension's subscriptions on reload or quit, so a debounced write would be lost.
   * Merges with a newer file on disk like the async path; keeps a corrupt file aside untouched.
   */
  flushSync(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const kinds = [...this.dirty];
    this.dirty.clear();
    this.disposed = true;
    const changed = (name: string) => {
      const now = statOfSync(this.file(name));
      return now && !sameStat(now, this.known.get(name)) ? readFileSync(this.file(name), 'utf8') : undefined;
    };
    const stamp = fileStamp(Date.now());
    if (kinds.includes('session')) {
      const disk = changed(SESSION_FILE);
      const parsed = disk === undefined ? undefined : parseSession(disk);
      if (parsed && !parsed.ok) renameSync(this.file(SESSION_FILE), this.file(`${SESSION_FILE}.corrupt-${stamp}`));
      if (parsed?.ok) this.current = mergeSessions(this.current, parsed.value);
      const now = Date.now();
      this.current = { ...this.current, revision: this.current.revision + 1, updatedAt: now };
      atomicWriteSync(this.file(SESSION_FILE), serialiseSession(this.current));
      if (changed(NOTES_FILE) !== undefined) renameSync(this.file(NOTES_FILE), this.file(`${NOTES_FILE}.edited-${stamp}`));
      atomicWriteSync(this.file(NOTES_FILE), renderNotes(this.current, this.prompt, now));
    }
    if (kinds.includes('scene')) {
      const disk = changed(BOARD_FILE);
      const parsed = disk === undefined ? undefined : parseExcalidrawFile(disk);
      if (parsed && !parsed.ok) renameSync(this.file(BOARD_FILE), this.file(`${BOARD_FILE}.corrupt-${stamp}`));
      if (parsed?.ok) this.board = mergeScenes(this.board, parsed.value);
      atomicWriteSync(this.file(BOARD_FILE), serialiseExcalidraw(this.board));
    }
  }

  private markDirty(kind: 'session' | 'scene', delay: number): void {
    if (this.disposed) return;
    this.dirty.add(kind);
    clearTimeout(this.timers.get(kind));
    this.timers.set(
      kind,
      setTimeout(() => {
        this.timers.delete(kind);
        if (!this.dirty.delete(kind)) return;
        void this.enqueue(() => (kind === 'session' ? this.writeSession() : this.writeScene()));
      }, delay),
    );
  }

  private enqueue(job: () => Promise<unknown>): Promise<void> {
    const run = async () => {
      try {
        await job();
      } catch (e) {
        this.events.report('warning', `Could not save the design session in ${this.dir}: ${(e as Error).message}`);
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p;
    return p;
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private async readTracked(name: string): Promise<string | undefined> {
    const before = await statOf(this.file(name));
    if (!before) {
      this.known.set(name, undefined);
      return undefined;
    }
    const text = await readFile(this.file(name), 'utf8');
    this.known.set(name, await statOf(this.file(name)));
    return text;
  }

  /** The file's text if it changed on disk since we last read or wrote it, else undefined. */
  private async readIfChanged(name: string): Promise<string | undefined> {
    const now = await statOf(this.file(name));
    if (!now || sameStat(now, this.known.get(name))) return undefined;
    return this.readTracked(name);
  }

  private async keepAside(name: string, reason: string, now = Date.now()): Promise<void> {
    const aside = `${name}.corrupt-${fileStamp(now)}`;
    await rename(this.file(name), this.file(aside));
    this.known.set(name, undefined);
    this.events.report('warning', `${name} in ${path.basename(this.dir)} could not be read (${reason}). It was kept as ${aside}.`, this.file(aside));
  }

  private async mergeSessionFromDisk(): Promise<boolean> {
    const text = await this.readIfChanged(SESSION_FILE);
    if (text === undefined) return false;
    const r = parseSession(text);
    if (!r.ok) {
      await this.keepAside(SESSION_FILE, r.error);
      this.dirty.add('session');
      return false;
    }
    if (r.value.revision === this.current.revision && serialiseSession(r.value) === serialiseSession(this.current)) return false;
    this.current = mergeSessions(this.current, r.value);
    this.dirty.add('session');
    return true;
  }

  private async mergeSceneFromDisk(): Promise<boolean> {
    const text = await this.readIfChanged(BOARD_FILE);
    if (text === undefined) return false;
    const r = parseExcalidrawFile(text);
    if (!r.ok) {
      await this.keepAside(BOARD_FILE, r.error);
      this.dirty.add('scene');
      return false;
    }
    const merged = mergeScenes(this.board, r.value);
    const changed = !sameScene(merged, this.board);
    this.board = merged;
    if (!sameScene(merged, r.value)) this.dirty.add('scene');
    return changed;
  }

  private async writeSession(): Promise<void> {
    if (await this.mergeSessionFromDisk()) this.events.changedFromDisk({ session: true });
    this.dirty.delete('session');
    const now = Date.now();
    this.current = { ...this.current, revision: this.current.revision + 1, updatedAt: now };
    await atomicWrite(this.file(SESSION_FILE), serialiseSession(this.current));
    this.known.set(SESSION_FILE, await statOf(this.file(SESSION_FILE)));
    await this.writeNotes(now);
  }

  private async writeNotes(now: number): Promise<void> {
    const onDisk = await statOf(this.file(NOTES_FILE));
    if (onDisk && !sameStat(onDisk, this.known.get(NOTES_FILE))) {
      // notes.md is generated, but a hand edit is still the user's text: keep it.
      const aside = `${NOTES_FILE}.edited-${fileStamp(now)}`;
      await rename(this.file(NOTES_FILE), this.file(aside));
      this.events.report('info', `notes.md was edited outside the design panel; your version was kept as ${aside}.`, this.file(aside));
    }
    await atomicWrite(this.file(NOTES_FILE), renderNotes(this.current, this.prompt, now));
    this.known.set(NOTES_FILE, await statOf(this.file(NOTES_FILE)));
  }

  private async writeScene(): Promise<void> {
    if (await this.mergeSceneFromDisk()) this.events.changedFromDisk({ scene: true });
    this.dirty.delete('scene');
    await atomicWrite(this.file(BOARD_FILE), serialiseExcalidraw(this.board));
    this.known.set(BOARD_FILE, await statOf(this.file(BOARD_FILE)));
  }
}
