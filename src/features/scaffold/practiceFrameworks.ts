// Which framework each started problem's practice folder is in, for views that must say so
// without reading files themselves (the Problems view's tooltip shows `pytorch`, not `numpy`, in
// the tags of a problem started in PyTorch). Read from the sidecars (.mlprep.json) of the problems
// that offer a choice, again when the catalogue changes or a sidecar is written or deleted.
import * as vscode from 'vscode';
import type { Framework } from '../../core/catalog/types';
import { FRAMEWORK_SIDECAR } from '../../core/scaffold/framework';
import type { CatalogService } from '../catalogService';
import { problemDirUri, sidecarFramework } from './practiceFolder';

export class PracticeFrameworks implements vscode.Disposable {
  private readonly known = new Map<string, Framework>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a refresh that changed some problem's framework. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private pending: Promise<void> | undefined;
  private again = false;

  constructor(private readonly catalog: CatalogService) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${FRAMEWORK_SIDECAR}`);
    const refresh = () => void this.refresh();
    this.disposables.push(watcher, watcher.onDidCreate(refresh), watcher.onDidChange(refresh), watcher.onDidDelete(refresh),
      catalog.onDidChange(refresh), vscode.workspace.onDidChangeWorkspaceFolders(refresh));
    refresh();
  }

  /** The framework of `id`'s practice folder, when it was started in one that the problem offers besides NumPy; else undefined. */
  get(id: string): Framework | undefined {
    return this.known.get(id);
  }

  /** Re-reads every sidecar of a problem with a PyTorch variant (a few small files); calls made meanwhile coalesce into one more pass. */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        await this.readAll();
      } while (this.again);
    })().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  private async readAll(): Promise<void> {
    const catalog = await this.catalog.get();
    const next = new Map<string, Framework>();
    await Promise.all(catalog.problems.filter((p) => p.frameworks.length > 1).map(async (p) => {
      const dir = problemDirUri(p.id);
      const f = dir ? await sidecarFramework(dir) : undefined;
      if (f && f !== 'numpy' && p.frameworks.includes(f)) next.set(p.id, f);
    }));
    const same = next.size === this.known.size && [...next].every(([id, f]) => this.known.get(id) === f);
    if (same) return;
    this.known.clear();
    next.forEach((f, id) => this.known.set(id, f));
    this.changed.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
