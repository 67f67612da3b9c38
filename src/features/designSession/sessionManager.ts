// Finds, opens and restores design sessions; one panel per session folder.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { DesignPrompt } from '../../core/catalog/types';
import { checkSessionDir } from '../../core/design/location';
import { DESIGN_VIEW_TYPE, parseWebviewState, type Viewport } from '../../core/design/protocol';
import { createSession, newFolderName } from '../../core/design/session';
import { defaultSessionLength, planSections, type SessionLength } from '../../core/design/timer';
import { readSettings } from '../../adapters/settings';
import type { ProgressStore } from '../../adapters/progressStore';
import { DesignPanel, showDesignPage, type DesignCompletion, type DesignSessionPhase, type EarlyPage } from './designPanel';

/** A design session's phase changed (in this window or merged in from another). */
export interface DesignPhaseChange {
  promptId: string;
  sessionDir: string;
  phase: DesignSessionPhase;
}
import { designWebviewOptions } from './html';
import { findResumable, listSessionFolders, SessionStore } from './sessionStore';

export interface ManagerDeps {
  log: vscode.LogOutputChannel;
  catalog: () => Promise<{ designPrompts: DesignPrompt[] }>;
  progress: ProgressStore;
  extensionUri: vscode.Uri;
}

export class DesignSessionManager implements vscode.Disposable {
  private readonly panels = new Map<string, DesignPanel>();
  private lastActive: DesignPanel | undefined;
  private readonly completed = new vscode.EventEmitter<DesignCompletion>();
  /** A session's self-assessment was completed (progress is already recorded). */
  readonly onDidComplete = this.completed.event;
  private readonly phaseChanged = new vscode.EventEmitter<DesignPhaseChange>();
  /** A session went to its self-assessment (Finish), back to the board, or was recorded. */
  readonly onDidChangePhase = this.phaseChanged.event;

  /** The value last given to the `mlprep.design.paused` context key. */
  private pausedContext: boolean | undefined;

  constructor(private readonly deps: ManagerDeps) {}

  /**
   * Sets `mlprep.design.paused` from the active panel's clock: true while it is idle or paused
   * (the editor title then shows play), false while it runs or there is none (pause shown).
   */
  updateClockContext(): void {
    const p = this.all().find((x) => x.panel.active);
    const status = p?.store.session.phase === 'working' ? p.store.session.timer.status : undefined;
    const paused = status === 'idle' || status === 'paused';
    // The clock and section buttons in the editor title only while at the board (not while
    // scoring, nor once recorded: they did nothing there).
    const atBoard = p?.store.session.phase === 'working';
    if (atBoard !== this.boardContext) {
      this.boardContext = atBoard;
      void vscode.commands.executeCommand('setContext', 'mlprep.design.atBoard', atBoard);
    }
    if (paused === this.pausedContext) return;
    this.pausedContext = paused;
    void vscode.commands.executeCommand('setContext', 'mlprep.design.paused', paused);
  }

  /** The value last given to the `mlprep.design.atBoard` context key. */
  private boardContext: boolean | undefined;

  /** What `mlprep.design.atBoard` was last set to (for the integration tests). */
  get atBoardContext(): boolean | undefined {
    return this.boardContext;
  }

  /** What `mlprep.design.paused` was last set to (for the integration tests). */
  get clockContext(): boolean | undefined {
    return this.pausedContext;
  }

  all(): DesignPanel[] {
    return [...this.panels.values()];
  }

  get(sessionDir: string): DesignPanel | undefined {
    return this.panels.get(path.resolve(sessionDir));
  }

  /** The panel the keyboard commands act on: the active one, else the last one that was. */
  active(): DesignPanel | undefined {
    return this.all().find((p) => p.panel.active) ?? (this.lastActive && this.panels.has(this.lastActive.sessionDir) ? this.lastActive : undefined);
  }

  private workspaceFolder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  private designRoot(folder: vscode.WorkspaceFolder): string {
    return path.join(folder.uri.fsPath, ...readSettings(folder.uri).practiceFolder.split('/'), 'design');
  }

  /**
   * A new session of `prompt` lasting `minutes`, never a resumed one (a mock interview's design
   * round); its clock starts at once.
   */
  async openFresh(prompt: DesignPrompt, minutes: SessionLength): Promise<DesignPanel | undefined> {
    const folder = this.workspaceFolder();
    if (!folder) return this.open(prompt);
    const root = this.designRoot(folder);
    const dir = path.join(root, newFolderName(prompt.id, Date.now(), await listSessionFolders(root, prompt.id)));
    const panel = vscode.window.createWebviewPanel(DESIGN_VIEW_TYPE, `Design: ${prompt.title}`, vscode.ViewColumn.Active, designWebviewOptions(this.deps.extensionUri));
    const page = showDesignPage(panel, this.deps.extensionUri);
    const created = await this.attach(panel, dir, prompt, folder, minutes, undefined, page);
    created?.act({ type: 'timer', action: 'start' });
    return created;
  }

  /** Resumes the prompt's open session (or starts one) and shows it; an open panel is revealed. */
  async open(prompt: DesignPrompt): Promise<DesignPanel | undefined> {
    const folder = this.workspaceFolder();
    if (!folder) {
      const pick = await vscode.window.showWarningMessage('MLPrep saves design sessions in your workspace: open a folder first.', 'Open Folder…');
      if (pick) await vscode.commands.executeCommand('workbench.action.files.openFolder');
      return undefined;
    }
    const root = this.designRoot(folder);
    const existing = this.all().find((p) => p.prompt.id === prompt.id && path.dirname(p.sessionDir) === root && p.store.session.phase !== 'done');
    if (existing) {
      existing.reveal();
      return existing;
    }
    const dir = (await findResumable(root, prompt.id)) ?? path.join(root, newFolderName(prompt.id, Date.now(), await listSessionFolders(root, prompt.id)));
    const already = this.get(dir);
    if (already) {
      already.reveal();
      return already;
    }
    // Panel options (retainContextWhenHidden) only apply at creation; VS Code keeps them for restored panels.
    const panel = vscode.window.createWebviewPanel(DESIGN_VIEW_TYPE, `Design: ${prompt.title}`, vscode.ViewColumn.Active, designWebviewOptions(this.deps.extensionUri));
    return this.attach(panel, dir, prompt, folder, undefined, undefined, showDesignPage(panel, this.deps.extensionUri));
  }

  /**
   * Reopens the session in folder `dir` (a mock interview's own design round, after its tab was
   * closed or the window reloaded), with its clock as saved: a running clock kept running.
   * Undefined when `dir` is not a session folder of `prompt` in the practice folder, or is gone.
   */
  async reopen(prompt: DesignPrompt, dir: string): Promise<DesignPanel | undefined> {
    const already = this.get(dir);
    if (already) {
      already.reveal();
      return already;
    }
    const checked = await this.checkRestoredDir(dir, prompt.id);
    if (!checked.ok) {
      this.deps.log.warn(`design session not reopened: ${checked.reason}`);
      return undefined;
    }
    const exists = await stat(checked.dir).then((s) => s.isDirectory(), () => false);
    if (!exists) {
      this.deps.log.warn(`design session not reopened: ${checked.dir} is gone`);
      return undefined;
    }
    const panel = vscode.window.createWebviewPanel(DESIGN_VIEW_TYPE, `Design: ${prompt.title}`, vscode.ViewColumn.Active, designWebviewOptions(this.deps.extensionUri));
    return this.attach(panel, checked.dir, prompt, checked.folder, undefined, undefined, showDesignPage(panel, this.deps.extensionUri));
  }

  /** The serializer path: VS Code recreated a panel after a reload. */
  async restore(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    // The page loads while the catalogue and the session are read (a reload waited for both in turn).
    const page = showDesignPage(panel, this.deps.extensionUri);
    const state = parseWebviewState(rawState);
    const prompt = state && (await this.deps.catalog()).designPrompts.find((p) => p.id === state.promptId);
    if (!state || !prompt) {
      this.deps.log.warn(`design panel not restored: ${state ? `prompt ${state.promptId} is no longer in the catalogue` : 'no saved state'}`);
      panel.dispose();
      return;
    }
    const checked = await this.checkRestoredDir(state.sessionDir, prompt.id);
    if (!checked.ok) {
      this.deps.log.warn(`design panel not restored: ${checked.reason}`);
      panel.dispose();
      return;
    }
    const already = this.get(checked.dir);
    if (already) {
      panel.dispose();
      already.reveal();
      return;
    }
    const folder = checked.folder;
    await this.attach(panel, checked.dir, prompt, folder, undefined, state.viewport, page);
  }

  /**
   * The serializer's folder comes from the webview's saved state: open it only when it is a
   * session folder of the prompt inside a workspace folder's practice folder, also once symlinks
   * are resolved. Nothing is created anywhere else.
   */
  private async checkRestoredDir(dir: string, promptId: string): Promise<{ ok: true; dir: string; folder: vscode.WorkspaceFolder } | { ok: false; reason: string }> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const roots = folders.map((f) => this.designRoot(f));
    const c = checkSessionDir(roots, dir, promptId);
    if (!c.ok) return c;
    const folder = folders[roots.indexOf(path.dirname(c.dir))];
    const real = async (p: string) => realpath(p).catch(() => undefined);
    // Existing parts must not lead elsewhere through a symlink.
    const realRoot = await real(path.dirname(c.dir));
    const realDir = await real(c.dir);
    const realWorkspace = await real(folder.uri.fsPath);
    const rel = realRoot && realWorkspace ? path.relative(realWorkspace, realRoot) : '';
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, reason: `${path.dirname(c.dir)} leads outside the workspace (${realRoot})` };
    if (realDir && realRoot && path.dirname(realDir) !== realRoot) return { ok: false, reason: `${c.dir} leads outside the practice folder (${realDir})` };
    return { ok: true, dir: c.dir, folder };
  }

  private async attach(panel: vscode.WebviewPanel, dir: string, prompt: DesignPrompt, folder: vscode.WorkspaceFolder | undefined, minutes?: SessionLength, viewport?: Viewport, page?: EarlyPage): Promise<DesignPanel | undefined> {
    const key = path.resolve(dir);
    // The store reports disk changes to the panel, which is created after the store.
    const late: { panel?: DesignPanel } = {};
    let store: SessionStore;
    try {
      const settings = readSettings(folder?.uri);
      store = await SessionStore.open(
        key,
        prompt,
        () => {
          const length = minutes ?? defaultSessionLength(prompt.minutes, settings['design.durationMinutes']);
          return createSession({ promptId: prompt.id, promptTitle: prompt.title, folder: path.basename(key), durationMinutes: length, planMs: planSections(length, settings['design.sectionSplit']), now: Date.now() });
        },
        {
          report: (level, message, file) => this.report(level, message, file),
          changedFromDisk: (what) => late.panel?.onChangedFromDisk(what),
        },
      );
    } catch (e) {
      panel.dispose();
      void vscode.window.showErrorMessage(`MLPrep could not open the design session in ${dir}: ${(e as Error).message}`);
      return undefined;
    }
    const created = new DesignPanel(panel, store, prompt, { log: this.deps.log, progress: this.deps.progress, extensionUri: this.deps.extensionUri, workspaceFolder: folder, viewport, page, onCompleted: (c) => this.completed.fire(c), onSessionChanged: () => this.updateClockContext(), onPhaseChanged: (phase) => this.phaseChanged.fire({ promptId: prompt.id, sessionDir: key, phase }) });
    late.panel = created;
    this.panels.set(key, created);
    this.lastActive = created;
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastActive = created;
      this.updateClockContext();
    });
    created.onDidClose(() => {
      if (this.panels.get(key) === created) this.panels.delete(key);
      this.updateClockContext();
    });
    this.updateClockContext();
    this.deps.log.info(`design session ${path.basename(key)} opened`);
    return created;
  }

  private report(level: 'info' | 'warning', message: string, file?: string): void {
    this.deps.log[level === 'info' ? 'info' : 'warn'](message);
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`MLPrep: ${message}`, ...(file ? ['Reveal File'] : [])).then((a) => {
      if (a && file) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
    });
  }

  /** Writes everything pending (deactivation, tests). */
  async flushAll(): Promise<void> {
    await Promise.all(this.all().map((p) => p.store.flush()));
  }

  /** Extension shutdown (reload, quit): pending writes go to disk synchronously, then panels close. */
  dispose(): void {
    for (const p of this.all()) {
      try {
        p.store.flushSync();
      } catch (e) {
        this.deps.log.error(`design session ${p.sessionDir} could not be saved on shutdown: ${(e as Error).message}`);
      }
      void p.dispose();
    }
    this.panels.clear();
    this.completed.dispose();
    this.phaseChanged.dispose();
  }
}
