// Progress persisted in globalState (per user, across workspaces) and synced with Settings Sync.
// Every write re-reads the stored value and merges, so two windows never erase each other's
// solves; unreadable values are backed up to a file before anything is written over them.
import * as vscode from 'vscode';
import { loadProgress } from '../core/progress/migrate';
import { emptyProgress, mergeProgress, type Progress } from '../core/progress/progress';

export const PROGRESS_KEY = 'mlprep.progress';

export interface ProgressStore {
  get(): Progress;
  update(fn: (p: Progress) => Progress): Promise<Progress>;
  readonly onDidChange: vscode.Event<Progress>;
}

export interface ProgressStoreReport {
  (level: 'info' | 'warning', message: string, backupFile?: vscode.Uri): void;
}

export class GlobalStateProgressStore implements ProgressStore, vscode.Disposable {
  private current: Progress = emptyProgress();
  /** Set when the stored value came from a newer MLPrep: we never write over it. */
  private readOnlyReason: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<Progress>();
  readonly onDidChange = this.changed.event;

  private constructor(
    private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
    private readonly backupDir: vscode.Uri,
    private readonly report: ProgressStoreReport,
  ) {}

  /** The caller registers PROGRESS_KEY with globalState.setKeysForSync (one call lists every synced key). */
  static async open(context: vscode.ExtensionContext, report: ProgressStoreReport): Promise<GlobalStateProgressStore> {
    const store = new GlobalStateProgressStore(context.globalState, vscode.Uri.joinPath(context.globalStorageUri, 'progress-backups'), report);
    store.current = await store.read();
    return store;
  }

  get(): Progress {
    return this.current;
  }

  /** Applies `fn` to the freshest stored progress (merged with ours) and persists it. Serialised. */
  update(fn: (p: Progress) => Progress): Promise<Progress> {
    const run = async () => {
      const stored = await this.read();
      const base = mergeProgress(stored, this.current);
      const next = fn(base);
      this.current = next;
      if (!this.readOnlyReason) await this.state.update(PROGRESS_KEY, next);
      this.changed.fire(next);
      return next;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Replaces the whole record (import). The previous one is backed up first. */
  async replace(next: Progress): Promise<vscode.Uri> {
    const backup = await this.backup(this.state.get(PROGRESS_KEY), 'before-import');
    this.current = next;
    this.readOnlyReason = undefined;
    await this.state.update(PROGRESS_KEY, next);
    this.changed.fire(next);
    return backup;
  }

  private async read(): Promise<Progress> {
    const raw = this.state.get<unknown>(PROGRESS_KEY);
    const outcome = loadProgress(raw);
    switch (outcome.kind) {
      case 'empty':
        return outcome.progress;
      case 'ok':
        if (outcome.rejected) {
          const file = await this.backup(outcome.rejected, 'unreadable-entries');
          for (const w of outcome.warnings) this.report('warning', `MLPrep progress: ${w}.`, file);
        }
        if (outcome.migratedFrom !== undefined) {
          const file = await this.backup(raw, `v${outcome.migratedFrom}`);
          await this.state.update(PROGRESS_KEY, outcome.progress);
          this.report('info', `MLPrep progress migrated from version ${outcome.migratedFrom}; the old record is kept.`, file);
        } else if (outcome.rejected) {
          await this.state.update(PROGRESS_KEY, outcome.progress);
        }
        return outcome.progress;
      case 'corrupt': {
        const file = await this.backup(raw, 'corrupt');
        await this.state.update(PROGRESS_KEY, outcome.progress);
        this.report('warning', `MLPrep progress could not be read (${outcome.reason}). It was backed up and progress starts afresh.`, file);
        return outcome.progress;
      }
      case 'newer':
        if (!this.readOnlyReason) {
          this.readOnlyReason = `written by a newer MLPrep (format ${outcome.version})`;
          this.report('warning', `MLPrep progress was ${this.readOnlyReason}. Update MLPrep; until then new progress is not saved, so nothing of it is overwritten.`);
        }
        return outcome.progress;
    }
  }

  private async backup(value: unknown, why: string): Promise<vscode.Uri> {
    await vscode.workspace.fs.createDirectory(this.backupDir);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = vscode.Uri.joinPath(this.backupDir, `progress-${why}-${stamp}.json`);
    const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    await vscode.workspace.fs.writeFile(file, Buffer.from(text ?? 'undefined', 'utf8'));
    return file;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
