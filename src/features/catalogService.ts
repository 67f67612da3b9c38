// Loads the problem catalogue (built-in pack + mlprep.problemPacks) on first use, reloads it on
// demand or when the setting changes, and reports pack errors in one place. The extra packs are
// workspace-chosen files, so in Restricted Mode only the built-in catalogue loads; the others
// follow as soon as the workspace is trusted (the trust gate's onDidChange).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/loadPack';
import { checkPythonTextsOnDisk, loadCatalogFromDisk } from '../adapters/packFiles';
import { formatCatalogError, type CodingProblem, type DesignPrompt } from '../core/catalog/types';
import { readSettings } from '../adapters/settings';
import type { TrustGate } from '../services/trustGate';
import type { PackSnapshots } from '../core/catalog/packSnapshot';

export class CatalogService implements vscode.Disposable {
  private loading: Promise<Catalog> | undefined;
  private readonly changed = new vscode.EventEmitter<Catalog>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private lastErrorCount = 0;
  /** Which load is current: a text check of an older load must not replace a newer catalogue. */
  private generation = 0;

  constructor(
    private readonly builtinDir: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly gate: TrustGate,
    /** Saved loads of the packs (src/core/catalog/packSnapshot.ts), also used for the theory deck. */
    readonly snapshots?: PackSnapshots,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlprep.problemPacks')) void this.reload();
      }),
      gate.onDidChange(() => void this.reload()),
    );
  }

  /** The catalogue, loading it the first time. Never rejects for content errors. */
  get(): Promise<Catalog> {
    this.loading ??= this.load();
    return this.loading;
  }

  async reload(): Promise<Catalog> {
    this.loading = this.load();
    const c = await this.loading;
    this.changed.fire(c);
    return c;
  }

  async problem(id: string): Promise<CodingProblem | undefined> {
    return (await this.get()).problems.find((p) => p.id === id);
  }

  async designPrompt(id: string): Promise<DesignPrompt | undefined> {
    return (await this.get()).designPrompts.find((p) => p.id === id);
  }

  private async load(): Promise<Catalog> {
    const t0 = performance.now();
    const generation = ++this.generation;
    const userPacks = this.gate.allow('Loading the problem packs in mlprep.problemPacks', { quiet: true }) ? this.userPackDirs() : [];
    const packs = [{ dir: this.builtinDir, source: 'builtin' as const }, ...userPacks.map((dir) => ({ dir, source: 'user' as const }))];
    // The user packs' Python files are held to the text rules right after the list is shown, not
    // before (a big pack would wait on thousands of reads); a problem that fails them leaves the
    // list with its error, as if the load had found it.
    const catalog = await loadCatalogFromDisk(packs, { pythonText: 'later', snapshots: this.snapshots });
    this.log.info(`catalogue: ${catalog.problems.length} problems, ${catalog.designPrompts.length} design prompts from ${packs.length} pack(s) in ${(performance.now() - t0).toFixed(0)} ms`);
    this.report(catalog);
    if (userPacks.length) void this.checkText(catalog, generation);
    return catalog;
  }

  private async checkText(catalog: Catalog, generation: number): Promise<void> {
    const t0 = performance.now();
    const checked = await checkPythonTextsOnDisk(catalog);
    if (checked === catalog || generation !== this.generation) return;
    this.log.info(`catalogue: the Python files' text check took out ${catalog.problems.length - checked.problems.length} problem(s) in ${(performance.now() - t0).toFixed(0)} ms`);
    this.loading = Promise.resolve(checked);
    this.report(checked, catalog.errors.length);
    this.changed.fire(checked);
  }

  /** Logs the catalogue's errors from `from` on and warns when their number changed. */
  private report(catalog: Catalog, from = 0): void {
    for (const e of catalog.errors.slice(from)) this.log.error(`pack error: ${formatCatalogError(e)}`);
    if (catalog.errors.length && catalog.errors.length !== this.lastErrorCount) {
      const n = catalog.errors.length;
      void vscode.window.showWarningMessage(`MLPrep: ${n} problem-pack error${n === 1 ? '' : 's'}; the affected problems are not listed.`, 'Show Errors').then((a) => a && this.log.show());
    }
    this.lastErrorCount = catalog.errors.length;
  }

  private userPackDirs(): string[] {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return readSettings().problemPacks.map((p) => {
      const expanded = p.startsWith('~') ? path.join(os.homedir(), p.slice(1)) : p;
      return path.isAbsolute(expanded) || !root ? path.resolve(expanded) : path.resolve(root, expanded);
    });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
