// The progress store of one window: VS Code wiring around ProgressLog (./progressLog.ts), whose
// header explains the storage (one append-only file per window under globalStorageUri, read as the
// union of all windows' files, plus a compacted snapshot under the synced globalState key).
// Here: the folder, the synced key, re-reading when another window writes (file watcher, window
// focus), publishing to Settings Sync shortly after changes, and the contract-2 API.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { RESET_ALL, type ProgressChange } from '../core/progress/events';
import type { Progress } from '../core/progress/progress';
import { ProgressLog, nodeLogFs, processAlive } from './progressLog';

export const PROGRESS_KEY = 'mlprep.progress';

/** What features use (contract 2 of the helpers' brief). Every method appends one event. */
export interface ProgressStore {
  /** The derived view (same shape as `Progress`, plus errors/hints and the practised state). */
  get(): Progress;
  readonly onDidChange: vscode.Event<Progress>;
  /** fresh: the solution was just written from the starter code (restarts an untimed clock). */
  recordStart(id: string, opts?: { fresh?: boolean }): Promise<void>;
  /** countsAsAttempt: false for a run that never reached the tests (syntax/import error, missing module). */
  recordRun(id: string, run: { passed: number; total: number; countsAsAttempt: boolean }): Promise<void>;
  /** Follow-up part `part` (2, 3, ...) passed: all tests of parts 1..part passed (contract F). */
  recordPart(id: string, part: number): Promise<void>;
  recordGiveUp(id: string): Promise<void>;
  recordHint(id: string): Promise<void>;
  recordDesignSession(id: string, score: number, detail?: { sections?: Record<string, number>; minutes?: Record<string, number> }): Promise<void>;
  recordMock(level: string, result: { passed?: number; total?: number; score?: number }): Promise<void>;
  /** A theory-card review (rating 1-4 = Again, Hard, Good, Easy; points = indexes of the key points ticked). Reset it with resetProblem(cardId). */
  recordReview(cardId: string, review: { rating: 1 | 2 | 3 | 4; points: number[]; secs: number }): Promise<void>;
  resetProblem(id: string): Promise<void>;
  resetAll(): Promise<void>;
  /** `record` as read from an exported file (kept verbatim in the event). */
  importRecord(record: unknown, mode: 'merge' | 'replace'): Promise<void>;
}

export interface ProgressStoreReport {
  (level: 'info' | 'warning', message: string, backupFile?: vscode.Uri): void;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const PUBLISH_DELAY_MS = 3000;

export class EventProgressStore implements ProgressStore, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Progress>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private watcher: FSWatcher | undefined;

  /** `dir`: the folder of all windows' progress files (tests open a second log on it). */
  private constructor(readonly log: ProgressLog, readonly dir: string, private readonly report: (e: unknown) => void) {
    this.disposables.push(log.onDidChange((p) => this.changed.fire(p)));
  }

  /**
   * Opens the log under `globalStorageUri` for a new window id, migrating the v1 record if it is
   * there. The caller registers PROGRESS_KEY with setKeysForSync (one call lists all synced keys).
   */
  static async open(context: vscode.ExtensionContext, report: ProgressStoreReport): Promise<EventProgressStore> {
    const dir = vscode.Uri.joinPath(context.globalStorageUri, 'progress').fsPath;
    const log = new ProgressLog({
      dir, windowId: randomBytes(8).toString('hex'), host: os.hostname(), pid: process.pid, fs: nodeLogFs,
      synced: { get: () => context.globalState.get(PROGRESS_KEY), set: (v) => Promise.resolve(context.globalState.update(PROGRESS_KEY, v)) },
      isAlive: processAlive, newId: randomUUID, now: Date.now, hash: sha256,
      report: (level, message, file) => report(level, message, file ? vscode.Uri.file(file) : undefined),
    });
    const store = new EventProgressStore(log, dir, (e) => report('warning', `MLPrep progress: ${(e as Error).message}`));
    await log.refresh();
    await log.compactAndPublish(); // collects finished windows' files and migrates v1 into the synced key
    store.watch(dir, context);
    return store;
  }

  /** Re-read when another window writes (fs.watch on the folder) and when this window gets focus. */
  private watch(dir: string, context: vscode.ExtensionContext): void {
    try {
      this.watcher = watch(dir, () => this.refreshSoon());
      this.watcher.on('error', () => undefined);
    } catch {
      // No native watcher: the VS Code one below and focus still refresh.
    }
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*'));
    this.disposables.push(
      w, w.onDidCreate(() => this.refreshSoon()), w.onDidChange(() => this.refreshSoon()),
      vscode.window.onDidChangeWindowState((s) => s.focused && this.refreshSoon()),
    );
    void context;
  }

  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.log.refresh().catch(this.report);
    }, 50);
  }

  /** Re-reads all windows' files now (tests, and before showing counts that must be fresh). */
  refresh(): Promise<void> {
    return this.log.refresh();
  }

  get(): Progress {
    return this.log.get();
  }

  private async append(change: ProgressChange): Promise<void> {
    await this.log.record(change);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = setTimeout(() => void this.log.compactAndPublish().catch(this.report), PUBLISH_DELAY_MS);
  }

  recordStart(id: string, opts?: { fresh?: boolean }): Promise<void> {
    return this.append(opts?.fresh ? { kind: 'start', p: id, fresh: true } : { kind: 'start', p: id });
  }
  recordRun(id: string, run: { passed: number; total: number; countsAsAttempt: boolean }): Promise<void> {
    return this.append({ kind: 'run', p: id, passed: run.passed, total: run.total, counts: run.countsAsAttempt });
  }
  recordPart(id: string, part: number): Promise<void> {
    return this.append({ kind: 'part', p: id, part });
  }
  recordGiveUp(id: string): Promise<void> {
    return this.append({ kind: 'giveUp', p: id });
  }
  recordHint(id: string): Promise<void> {
    return this.append({ kind: 'hint', p: id });
  }
  recordDesignSession(id: string, score: number, detail?: { sections?: Record<string, number>; minutes?: Record<string, number> }): Promise<void> {
    return this.append({ kind: 'design', p: id, score, ...(detail?.sections ? { sections: detail.sections } : {}), ...(detail?.minutes ? { minutes: detail.minutes } : {}) });
  }
  recordMock(level: string, result: { passed?: number; total?: number; score?: number }): Promise<void> {
    const r = Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
    return this.append({ kind: 'mock', level, ...r });
  }
  recordReview(cardId: string, review: { rating: 1 | 2 | 3 | 4; points: number[]; secs: number }): Promise<void> {
    return this.append({ kind: 'review', p: cardId, rating: review.rating, points: [...review.points], secs: Math.round(review.secs) });
  }
  resetProblem(id: string): Promise<void> {
    return this.append({ kind: 'reset', scope: id });
  }
  resetAll(): Promise<void> {
    return this.append({ kind: 'reset', scope: RESET_ALL });
  }
  importRecord(record: unknown, mode: 'merge' | 'replace'): Promise<void> {
    return this.append({ kind: 'import', mode, record });
  }

  /** Writes the snapshot and the synced key now (also done shortly after every change). */
  flush(): Promise<void> {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    return this.log.compactAndPublish();
  }

  dispose(): void {
    if (this.publishTimer) {
      clearTimeout(this.publishTimer);
      void this.log.compactAndPublish().catch(() => undefined);
    }
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.watcher?.close();
    for (const d of this.disposables) d.dispose();
  }
}
