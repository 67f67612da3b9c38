// File I/O of one design session folder, safe with the same session open in several windows.
//
// Storage, and why: VS Code gives two windows no lock and no compare-and-swap on a file, so any
// read-merge-rename of a shared file can lose the other window's write that lands between the read
// and the rename (measured: 10 of 10 trials lost one window's notes). So each window (each store
// instance, `site`) writes only its own files, `.sync/<site>.record.json` (the session as a
// convergent record, ../../core/design/record.ts) and `.sync/<site>.board.json` (the board's
// elements with deletions). No two writers share a file, so no write is lost; the session is the
// union of all windows' files, and merging is commutative, so every window converges.
//
// session.json, notes.md and whiteboard.excalidraw are views derived from that union, in their
// usual formats (whiteboard.excalidraw opens in any Excalidraw editor). Each save: write our own
// file, read the others, write the views, then check that no window's file changed since we read
// them, else merge and write the views again. The last view written therefore holds every
// window's last save: a window saving after our check writes the views itself, later.
//
// - whiteboard.excalidraw is also read back (a hand edit in another Excalidraw editor is merged by
//   element version), and session.json's fields this version does not know are written back.
// - A file that does not parse is renamed `<name>.corrupt-<timestamp>` and reported; it is never
//   written over (a hand-broken board is not replaced by an empty one).
// - notes.md ends with a digest of its text; a notes.md whose digest does not match was edited by
//   hand and is kept as `notes.md.edited-<timestamp>` (one written by another window matches).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, watch, writeSync, type FSWatcher } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DESIGN_SECTION_KEYS, type DesignPrompt, type DesignSectionKey } from '../../core/catalog/types';
import { parseJsonObject } from '../../core/design/jsonFile';
import { renderNotes } from '../../core/design/notes';
import {
  absorbUnknownFields,
  applyLocal,
  boardWithScene,
  conflictedSections,
  deriveSession,
  emptyBoard,
  mergeBoards,
  mergeRecords,
  notesForFile,
  parseBoardRecord,
  parseRecord,
  recordFromSession,
  sceneOf,
  serialiseBoardRecord,
  serialiseRecord,
  sessionFileObject,
  settleLocal,
  type BoardRecord,
  type NotesBase,
  type SessionRecord,
  type Site,
} from '../../core/design/record';
import { isSceneElement, parseExcalidrawFile, serialiseExcalidraw, type Scene } from '../../core/design/scene';
import { createSession, parseFolderName, parseSession, type DesignSession, type PromptShape, type SessionAction } from '../../core/design/session';
import { planSections } from '../../core/design/timer';

export const SESSION_FILE = 'session.json';
export const BOARD_FILE = 'whiteboard.excalidraw';
export const NOTES_FILE = 'notes.md';
export const SYNC_DIR = '.sync';
const RECORD_SUFFIX = '.record.json';
const BOARD_SUFFIX = '.board.json';

const SESSION_DEBOUNCE_MS = 400;
const SCENE_DEBOUNCE_MS = 500;
/** Rounds of "write the views, check nobody saved meanwhile" before leaving it to the next save. */
const MAX_ROUNDS = 8;

export interface StoreEvents {
  /** Something needs the user's attention (corrupt file kept aside, hand-edited notes kept). */
  report(level: 'info' | 'warning', message: string, file?: string): void;
  /** The in-memory session or board changed because of what was found on disk. */
  changedFromDisk(what: { session?: boolean; scene?: boolean }): void;
}

/** What identifies one version of a file: an atomic rename makes a new inode, a write changes size or times. */
type Sig = string;

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

const sigOf = (s: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): Sig => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

async function sig(file: string): Promise<Sig | undefined> {
  try {
    return sigOf(await stat(file));
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function readTextSync(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const NOTES_DIGEST = /\n<!-- mlprep-digest: ([0-9a-f]{16}) -->\n$/;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
/** notes.md with its digest line: how any window recognises a notes.md that MLPrep wrote. */
export const withDigest = (body: string) => `${body}\n<!-- mlprep-digest: ${digest(body)} -->\n`;
/** Whether notes.md is as some MLPrep window wrote it (a file from before digests counts when it has MLPrep's header). */
export function isGeneratedNotes(text: string): boolean {
  const m = NOTES_DIGEST.exec(text);
  if (m) return digest(text.slice(0, m.index)) === m[1];
  return text.includes('<!-- Written by MLPrep from session.json');
}

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
    const text = await readText(path.join(dir, SESSION_FILE)).catch(() => undefined);
    if (text === undefined) continue;
    const r = parseSession(text);
    if (!r.ok || r.value.phase !== 'done') return dir;
  }
  return undefined;
}

type Kind = 'session' | 'scene';

const PLACEHOLDER = recordFromSession(createSession({ promptId: 'placeholder', promptTitle: '', folder: 'placeholder', durationMinutes: 45, planMs: planSections(45), now: 0 }));

export class SessionStore {
  /** This window's identity in the record (fresh per store: a window never reuses another's ids). */
  readonly site: Site = { id: randomBytes(6).toString('hex') };
  /** Signatures of the other windows' files and the views as last merged. */
  private seen = new Map<string, Sig | undefined>();
  private derived: DesignSession;
  private queue: Promise<unknown> = Promise.resolve();
  private timers = new Map<Kind, NodeJS.Timeout>();
  private dirty = new Set<Kind>();
  private disposed = false;
  private reportedBad = new Set<string>();
  private compacted = new Set<Kind>();
  private watcher: FSWatcher | undefined;
  private watchTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly dir: string,
    private readonly prompt: DesignPrompt,
    private rec: SessionRecord,
    private board: BoardRecord,
    private readonly events: StoreEvents,
  ) {
    this.derived = deriveSession(rec);
  }

  get session(): DesignSession {
    return this.derived;
  }

  get record(): SessionRecord {
    return this.rec;
  }

  get scene(): Scene {
    return sceneOf(this.board);
  }

  /** Sections whose notes hold versions from two windows at once (marked in notes.md). */
  conflicts(): DesignSectionKey[] {
    return conflictedSections(this.rec);
  }

  /**
   * Opens the session in `dir`, creating the folder and files when missing. Reads every window's
   * record; a folder saved before records existed is imported from its session.json. A
   * session.json or board that does not parse is kept aside and reported.
   */
  static async open(dir: string, prompt: DesignPrompt, create: () => DesignSession, events: StoreEvents, now = Date.now()): Promise<SessionStore> {
    await mkdir(path.join(dir, SYNC_DIR), { recursive: true });
    // Starts from an empty placeholder: `create` is called only for a folder with no session yet.
    const store = new SessionStore(dir, prompt, PLACEHOLDER, emptyBoard(), events);
    const found = await store.readOthers('session');
    const sessionText = await readText(store.file(SESSION_FILE));
    let onDisk: { session: DesignSession; raw: Record<string, unknown> } | undefined;
    if (sessionText !== undefined) {
      const r = parseSession(sessionText);
      const json = parseJsonObject(sessionText);
      if (!r.ok || !json.ok) await store.keepAside(SESSION_FILE, r.ok ? 'not a JSON object' : r.error, now);
      else {
        onDisk = { session: r.value, raw: json.value };
        store.seen.set(SESSION_FILE, await sig(store.file(SESSION_FILE)));
      }
    }
    // The windows' records are the session; session.json alone (a session saved before records
    // existed) is imported, with ids every window derives alike.
    if (found) {
      store.rec = found;
      if (onDisk) absorbUnknownFields(store.rec, onDisk.raw);
    } else if (onDisk) store.rec = recordFromSession(onDisk.session, onDisk.raw);
    else store.rec = recordFromSession(create());
    store.board = (await store.readOthers('scene')) ?? emptyBoard();
    await store.readBoardView(now);
    store.derived = deriveSession(store.rec);
    store.markDirty('session', 0);
    store.markDirty('scene', 0);
    store.watchOthers();
    return store;
  }

  /**
   * Another window's save shows up here without waiting for our next save: the sync folder is
   * watched and what changed is merged (our own writes there find nothing new). Best effort:
   * where watching is not supported, merges still happen on every save and on panel focus.
   */
  private watchOthers(): void {
    try {
      this.watcher = watch(path.join(this.dir, SYNC_DIR), () => {
        if (this.disposed) return;
        clearTimeout(this.watchTimer);
        this.watchTimer = setTimeout(() => void this.checkDisk(), 150);
      });
      this.watcher.on('error', () => this.stopWatching());
    } catch {
      this.watcher = undefined;
    }
  }

  private stopWatching(): void {
    clearTimeout(this.watchTimer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  /**
   * Applies one request of this window. `base` is the notes editor's view for a notes request.
   * Returns whether the session changed and, for notes, the editor's new view.
   */
  act(action: SessionAction, shape: PromptShape, now = Date.now(), base?: NotesBase): { changed: boolean; view?: { ids: string[]; lines: string[] } } {
    const r = applyLocal(this.rec, this.derived, this.site, action, shape, now, base);
    if (r.record === this.rec) return { changed: false, view: r.view };
    const before = this.derived;
    this.rec = r.record;
    this.derived = deriveSession(this.rec);
    // Clock changes are saved at once: they are what a crash must not lose.
    const immediate = before.timer !== this.derived.timer && JSON.stringify(before.timer) !== JSON.stringify(this.derived.timer);
    this.markDirty('session', immediate || before.phase !== this.derived.phase ? 0 : SESSION_DEBOUNCE_MS);
    return { changed: true, view: r.view };
  }

  /** Auto-advance and section-end announcements due at `now`; returns the sections whose end is announced. */
  settle(now: number, opts: { autoAdvance: boolean }): { changed: boolean; ended: number[] } {
    const r = settleLocal(this.rec, this.derived, this.site, now, opts);
    if (r.record === this.rec) return { changed: false, ended: r.ended };
    this.rec = r.record;
    this.derived = deriveSession(this.rec);
    this.markDirty('session', 0);
    return { changed: true, ended: r.ended };
  }

  setScene(next: Scene, now = Date.now()): void {
    const b = boardWithScene(this.board, next, this.site, now);
    if (b === this.board) return;
    this.board = b;
    this.markDirty('scene', SCENE_DEBOUNCE_MS);
  }

  /** Writes everything pending now. */
  flush(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const kinds = [...this.dirty];
    this.dirty.clear();
    return this.enqueue(async () => {
      for (const k of kinds) await this.save(k);
    });
  }

  /**
   * Merges what other windows saved (their files changed, or the panel became active). Nothing is
   * written: the window that saved wrote the views with everything it knew, and we add nothing.
   */
  checkDisk(): Promise<void> {
    return this.enqueue(async () => {
      if (this.disposed) return;
      const s = await this.absorb('session');
      const b = await this.absorb('scene');
      if (s || b) this.events.changedFromDisk({ session: s, scene: b });
    });
  }

  async dispose(): Promise<void> {
    this.stopWatching();
    await this.flush().catch(() => undefined);
    this.disposed = true;
  }

  /**
   * Writes what is still pending, synchronously: VS Code does not wait for promises when it
   * disposes an extension's subscriptions on reload or quit. Our own record file is what must
   * reach the disk (it holds everything this window did); the views are refreshed from every
   * window's files once.
   */
  flushSync(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const kinds = [...this.dirty];
    this.dirty.clear();
    this.disposed = true;
    this.stopWatching();
    if (!kinds.length) return;
    mkdirSync(path.join(this.dir, SYNC_DIR), { recursive: true });
    const others = (suffix: string) =>
      readdirSync(path.join(this.dir, SYNC_DIR))
        .filter((n) => n.endsWith(suffix) && n !== this.own(suffix))
        .map((n) => {
          try {
            return JSON.parse(readFileSync(path.join(this.dir, SYNC_DIR, n), 'utf8')) as unknown;
          } catch {
            return undefined;
          }
        });
    const now = Date.now();
    if (kinds.includes('session')) {
      atomicWriteSync(this.syncFile(RECORD_SUFFIX), serialiseRecord(this.rec));
      for (const raw of others(RECORD_SUFFIX)) {
        const r = parseRecord(raw);
        if (r) this.rec = mergeRecords(this.rec, r);
      }
      this.derived = deriveSession(this.rec);
      const onDisk = readTextSync(this.file(SESSION_FILE));
      const parsed = onDisk === undefined ? undefined : parseJsonObject(onDisk);
      if (parsed?.ok) absorbUnknownFields(this.rec, parsed.value);
      else if (parsed) renameSync(this.file(SESSION_FILE), this.file(`${SESSION_FILE}.corrupt-${fileStamp(now)}`));
      atomicWriteSync(this.file(SESSION_FILE), this.sessionText());
      const notes = readTextSync(this.file(NOTES_FILE));
      if (notes !== undefined && !isGeneratedNotes(notes)) renameSync(this.file(NOTES_FILE), this.file(`${NOTES_FILE}.edited-${fileStamp(now)}`));
      atomicWriteSync(this.file(NOTES_FILE), this.notesText(now));
    }
    if (kinds.includes('scene')) {
      atomicWriteSync(this.syncFile(BOARD_SUFFIX), serialiseBoardRecord(this.board));
      for (const raw of others(BOARD_SUFFIX)) {
        const b = parseBoardRecord(raw, isSceneElement);
        if (b) this.board = mergeBoards(this.board, b);
      }
      const onDisk = readTextSync(this.file(BOARD_FILE));
      const parsed = onDisk === undefined ? undefined : parseExcalidrawFile(onDisk);
      if (parsed?.ok) this.board = boardWithScene(this.board, parsed.value, this.site, now);
      else if (parsed) renameSync(this.file(BOARD_FILE), this.file(`${BOARD_FILE}.corrupt-${fileStamp(now)}`));
      atomicWriteSync(this.file(BOARD_FILE), serialiseExcalidraw(sceneOf(this.board)));
    }
  }

  private markDirty(kind: Kind, delay: number): void {
    if (this.disposed) return;
    this.dirty.add(kind);
    clearTimeout(this.timers.get(kind));
    this.timers.set(
      kind,
      setTimeout(() => {
        this.timers.delete(kind);
        if (!this.dirty.delete(kind)) return;
        void this.enqueue(() => this.save(kind));
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

  private own(suffix: string): string {
    return `${this.site.id}${suffix}`;
  }

  private syncFile(suffix: string): string {
    return path.join(this.dir, SYNC_DIR, this.own(suffix));
  }

  private sessionText(): string {
    return `${JSON.stringify(sessionFileObject(this.rec, this.derived), null, 2)}\n`;
  }

  private notesText(now: number): string {
    const text = Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, notesForFile(this.rec, k).text]));
    return withDigest(renderNotes(this.derived, this.prompt, now, text).trimEnd());
  }

  /** The other windows' files of one kind, with their signatures. */
  private async othersSigs(kind: Kind): Promise<Map<string, Sig | undefined>> {
    const suffix = kind === 'session' ? RECORD_SUFFIX : BOARD_SUFFIX;
    let names: string[] = [];
    try {
      names = await readdir(path.join(this.dir, SYNC_DIR));
    } catch {
      names = [];
    }
    const out = new Map<string, Sig | undefined>();
    for (const n of names) if (n.endsWith(suffix) && n !== this.own(suffix)) out.set(path.join(SYNC_DIR, n), await sig(path.join(this.dir, SYNC_DIR, n)));
    out.set(kind === 'session' ? SESSION_FILE : BOARD_FILE, await sig(this.file(kind === 'session' ? SESSION_FILE : BOARD_FILE)));
    return out;
  }

  /** Reads every other window's file of one kind (for open); undefined when there is none. */
  private async readOthers(kind: 'session'): Promise<SessionRecord | undefined>;
  private async readOthers(kind: 'scene'): Promise<BoardRecord | undefined>;
  private async readOthers(kind: Kind): Promise<SessionRecord | BoardRecord | undefined> {
    let merged: SessionRecord | BoardRecord | undefined;
    const sigs = await this.othersSigs(kind);
    for (const [name, s] of sigs) {
      if (!name.startsWith(SYNC_DIR)) continue;
      const parsed = await this.parseSyncFile(kind, name);
      this.seen.set(name, s);
      if (!parsed) continue;
      merged = !merged ? parsed : kind === 'session' ? mergeRecords(merged as SessionRecord, parsed as SessionRecord) : mergeBoards(merged as BoardRecord, parsed as BoardRecord);
    }
    return merged;
  }

  private async parseSyncFile(kind: Kind, name: string): Promise<SessionRecord | BoardRecord | undefined> {
    const text = await readText(this.file(name)).catch(() => undefined);
    if (text === undefined) return undefined;
    const json = parseJsonObject(text);
    const parsed = json.ok ? (kind === 'session' ? parseRecord(json.value) : parseBoardRecord(json.value, isSceneElement)) : undefined;
    if (!parsed && !this.reportedBad.has(name)) {
      // Another window may be a newer MLPrep; its file is left alone.
      this.reportedBad.add(name);
      this.events.report('warning', `${name} in ${path.basename(this.dir)} could not be read (${json.ok ? 'not a record this version knows' : json.error}); it was left as it is.`, this.file(name));
    }
    return parsed;
  }

  /** Reads whiteboard.excalidraw: a hand edit elsewhere is merged by element version. */
  private async readBoardView(now: number): Promise<boolean> {
    const s = await sig(this.file(BOARD_FILE));
    this.seen.set(BOARD_FILE, s);
    if (!s) return false;
    const text = await readText(this.file(BOARD_FILE));
    if (text === undefined) return false;
    const r = parseExcalidrawFile(text);
    if (!r.ok) {
      await this.keepAside(BOARD_FILE, r.error, now);
      return false;
    }
    const b = boardWithScene(this.board, r.value, this.site, now);
    if (b === this.board) return false;
    this.board = b;
    return true;
  }

  /** Merges what changed on disk since we last looked; returns whether what we show changed. */
  private async absorb(kind: Kind): Promise<boolean> {
    const now = await this.othersSigs(kind);
    let changed = false;
    for (const [name, s] of now) {
      if (this.seen.get(name) === s && this.seen.has(name)) continue;
      if (name === BOARD_FILE) {
        changed = (await this.readBoardView(Date.now())) || changed;
        continue;
      }
      if (name === SESSION_FILE) {
        this.seen.set(name, s);
        const text = s ? await readText(this.file(SESSION_FILE)) : undefined;
        if (text === undefined) continue;
        const json = parseJsonObject(text);
        if (!json.ok || !parseSession(text).ok) await this.keepAside(SESSION_FILE, json.ok ? (parseSession(text) as { error: string }).error : json.error);
        else absorbUnknownFields(this.rec, json.value);
        continue;
      }
      this.seen.set(name, s);
      const parsed = await this.parseSyncFile(kind, name);
      if (!parsed) continue;
      if (kind === 'session') {
        const merged = mergeRecords(this.rec, parsed as SessionRecord);
        const before = JSON.stringify(this.derived);
        this.rec = merged;
        this.derived = deriveSession(merged);
        if (JSON.stringify(this.derived) !== before) changed = true;
      } else {
        const merged = mergeBoards(this.board, parsed as BoardRecord);
        if (JSON.stringify(sceneOf(merged)) !== JSON.stringify(sceneOf(this.board))) changed = true;
        this.board = merged;
      }
    }
    return changed;
  }

  /** Whether no other window saved its record since we read it (the views do not count: they only repeat records). */
  private async unchangedSince(kind: Kind): Promise<boolean> {
    const now = await this.othersSigs(kind);
    for (const [name, s] of now) if (name.startsWith(SYNC_DIR) && this.seen.get(name) !== s) return false;
    return true;
  }

  private async keepAside(name: string, reason: string, now = Date.now()): Promise<void> {
    const aside = `${name}.corrupt-${fileStamp(now)}`;
    try {
      await rename(this.file(name), this.file(aside));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // another window kept it aside first
      throw e;
    }
    this.seen.set(name, undefined);
    this.events.report('warning', `${name} in ${path.basename(this.dir)} could not be read (${reason}). It was kept as ${aside}.`, this.file(aside));
  }

  /** One save of one kind: our own file, then the views until no other window saved meanwhile. */
  private async save(kind: Kind): Promise<void> {
    await mkdir(path.join(this.dir, SYNC_DIR), { recursive: true });
    if (kind === 'session') await atomicWrite(this.syncFile(RECORD_SUFFIX), serialiseRecord(this.rec));
    else await atomicWrite(this.syncFile(BOARD_SUFFIX), serialiseBoardRecord(this.board));
    let merged = false;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      merged = (await this.absorb(kind)) || merged;
      if (kind === 'session') await this.writeSessionViews();
      else {
        await atomicWrite(this.file(BOARD_FILE), serialiseExcalidraw(sceneOf(this.board)));
        this.seen.set(BOARD_FILE, await sig(this.file(BOARD_FILE)));
      }
      if (await this.unchangedSince(kind)) break;
    }
    if (!this.compacted.has(kind)) {
      this.compacted.add(kind);
      merged = (await this.compact(kind)) || merged;
    }
    if (merged) this.events.changedFromDisk(kind === 'session' ? { session: true } : { scene: true });
  }

  /**
   * Each window that ever opened the session left its own file; once, after our first save, the
   * others' files are folded into ours and removed, so the folder holds about one file per open
   * window. Safe against their owners writing meanwhile: a file is renamed away first (an owner
   * that saves afterwards writes a new one), what was renamed is merged into our file, and it is
   * deleted only after our file holding it is on disk.
   */
  private async compact(kind: Kind): Promise<boolean> {
    const suffix = kind === 'session' ? RECORD_SUFFIX : BOARD_SUFFIX;
    const syncDir = path.join(this.dir, SYNC_DIR);
    const names = (await readdir(syncDir).catch(() => [] as string[])).filter((n) => n.endsWith(suffix) && n !== this.own(suffix));
    const taken: string[] = [];
    let changed = false;
    for (const n of names) {
      const aside = path.join(SYNC_DIR, `${n}.compact-${this.site.id}`);
      try {
        await rename(path.join(syncDir, n), this.file(aside));
      } catch {
        continue; // its owner or another window got there first
      }
      const parsed = await this.parseSyncFile(kind, aside);
      if (!parsed) {
        await rename(this.file(aside), path.join(syncDir, n)).catch(() => undefined); // not ours to judge: put it back
        continue;
      }
      taken.push(aside);
      this.seen.delete(path.join(SYNC_DIR, n));
      if (kind === 'session') {
        const before = JSON.stringify(this.derived);
        this.rec = mergeRecords(this.rec, parsed as SessionRecord);
        this.derived = deriveSession(this.rec);
        changed = JSON.stringify(this.derived) !== before || changed;
      } else {
        const before = JSON.stringify(sceneOf(this.board));
        this.board = mergeBoards(this.board, parsed as BoardRecord);
        changed = JSON.stringify(sceneOf(this.board)) !== before || changed;
      }
    }
    if (!taken.length) return false;
    if (kind === 'session') await atomicWrite(this.syncFile(RECORD_SUFFIX), serialiseRecord(this.rec));
    else await atomicWrite(this.syncFile(BOARD_SUFFIX), serialiseBoardRecord(this.board));
    for (const t of taken) await unlink(this.file(t)).catch(() => undefined);
    return changed;
  }

  private async writeSessionViews(): Promise<void> {
    const now = Date.now();
    await atomicWrite(this.file(SESSION_FILE), this.sessionText());
    this.seen.set(SESSION_FILE, await sig(this.file(SESSION_FILE)));
    await this.keepHandEditedNotes(now);
    await atomicWrite(this.file(NOTES_FILE), this.notesText(now));
  }

  /**
   * notes.md is generated, but a hand edit is still the user's text: keep it. Renamed first and
   * judged after, so a notes.md another window writes meanwhile is never mistaken for a hand edit.
   */
  private async keepHandEditedNotes(now: number): Promise<void> {
    const text = await readText(this.file(NOTES_FILE));
    if (text === undefined || isGeneratedNotes(text)) return;
    const aside = `${NOTES_FILE}.edited-${fileStamp(now)}`;
    const probe = this.file(`${NOTES_FILE}.check-${this.site.id}`);
    try {
      await rename(this.file(NOTES_FILE), probe);
    } catch {
      return;
    }
    const moved = await readText(probe);
    if (moved === undefined || isGeneratedNotes(moved)) {
      await unlink(probe).catch(() => undefined);
      return;
    }
    await rename(probe, this.file(aside));
    this.events.report('info', `notes.md was edited outside the design panel; your version was kept as ${aside}.`, this.file(aside));
  }
}

/** Exposed for tests: the sync folder's files. */
export function syncFiles(dir: string): string[] {
  try {
    return readdirSync(path.join(dir, SYNC_DIR)).sort();
  } catch {
    return [];
  }
}
