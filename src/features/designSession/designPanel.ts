// One design-session panel: owns its webview, its SessionStore and the one timeout that wakes it
// at the current section's planned end. All state lives in the store (host side); the webview
// renders what it is sent and asks for changes through the protocol.
import path from 'node:path';
import * as vscode from 'vscode';
import { DESIGN_SECTION_KEYS, type DesignPrompt, type DesignSectionKey } from '../../core/catalog/types';
import { interviewerReport } from '../../core/design/interviewer';
import { SECTION_TITLES } from '../../core/design/notes';
import { parseWebviewMessage, type DesignWebviewState, type HostToWebview, type PromptView, type Viewport, type WebviewToHost } from '../../core/design/protocol';
import { NotesViews } from '../../core/design/notesViews';
import { parseSceneParts } from '../../core/design/scene';
import { averageScore, type DesignSession, type PromptShape, type Score, type SessionAction } from '../../core/design/session';

/** A design session's phase: at the board, assessing itself (clock stopped at Finish), recorded. */
export type DesignSessionPhase = DesignSession['phase'];
import { elapsedIn, nextBoundary, planSections } from '../../core/design/timer';
import { readSettings } from '../../adapters/settings';
import type { ProgressStore } from '../../adapters/progressStore';
import { designHtml, designWebviewOptions } from './html';
import { atomicWrite, BOARD_FILE, NOTES_FILE, type SessionStore } from './sessionStore';

/** A completed self-assessment, per section (for progress trends and the mock interview report). */
export interface DesignCompletion {
  promptId: string;
  sessionDir: string;
  average: number;
  scores: Partial<Record<DesignSectionKey, Score>>;
  covered: Partial<Record<DesignSectionKey, { ticked: number; total: number }>>;
  /** Minutes spent per section. */
  minutes: Partial<Record<DesignSectionKey, number>>;
  /** The clarifying questions asked of the interviewer, in the order asked, and the ones never asked. */
  clarifying: { asked: string[]; notAsked: string[] };
}

export interface PanelDeps {
  log: vscode.LogOutputChannel;
  progress: ProgressStore;
  /** Called once a session's self-assessment is completed. */
  onCompleted?: (c: DesignCompletion) => void;
  /** Called whenever the session shown changed (the clock's state drives the editor title's play/pause). */
  onSessionChanged?: () => void;
  /** Called when the session's phase changed: Finish (working → assessing), Back to the board, Record result (→ done). */
  onPhaseChanged?: (phase: DesignSessionPhase) => void;
  extensionUri: vscode.Uri;
  /** Workspace folder the session lives in (settings are read for it). */
  workspaceFolder: vscode.WorkspaceFolder | undefined;
  /** The board's viewport this window saw last (from the state VS Code kept across a reload). */
  viewport?: Viewport;
  /** The page already showing in the panel (see showDesignPage) and what it said meanwhile. */
  page?: EarlyPage;
}

/** A design page shown before its panel is attached: messages it sent in the meantime. */
export interface EarlyPage {
  /** Stops holding messages and returns those held, in order. */
  take(): unknown[];
}

/**
 * Shows the whiteboard's page in `panel` at once, so the webview loads its scripts while the host
 * still reads the catalogue and the session from disk; holds what the page says (its `ready`)
 * until the DesignPanel attached to `panel` takes it. Loading the two in turn made the first
 * open and a reload wait for both, one after the other.
 */
export function showDesignPage(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): EarlyPage {
  panel.webview.options = designWebviewOptions(extensionUri);
  panel.webview.html = designHtml(panel.webview, extensionUri, panel.title);
  const held: unknown[] = [];
  const sub = panel.webview.onDidReceiveMessage((m) => held.push(m));
  return {
    take() {
      sub.dispose();
      return held.splice(0);
    },
  };
}

export function promptView(p: DesignPrompt): PromptView {
  return {
    id: p.id,
    title: p.title,
    difficulty: p.difficulty,
    companies: p.companies,
    tags: p.tags,
    prompt: p.prompt,
    context: p.context.map((f) => (f.ask === undefined ? { answer: f.answer } : { ask: f.ask, answer: f.answer })),
    sections: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, { questions: p.sections[k].questions, rubric: p.sections[k].rubric }])) as PromptView['sections'],
    commonMistakes: p.commonMistakes,
  };
}

export class DesignPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private wake: NodeJS.Timeout | undefined;
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  private disposed = false;
  /** Problems the webview reported (errors, CSP violations), for the log and the tests. */
  readonly problems: string[] = [];
  private readonly shape: PromptShape;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  /** The notes views sent to the webview: what each notes edit applies to. */
  private readonly notesViews = new NotesViews();
  private toldAboutMerges = false;
  /** This window's board viewport: view state, kept in the webview state, not the shared record. */
  private viewport: Viewport | undefined;
  /** How many viewport reports arrived (the page sends one once its board is drawn). */
  viewportReports = 0;
  /** The phase last announced through onPhaseChanged. */
  private phase: DesignSessionPhase;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly store: SessionStore,
    readonly prompt: DesignPrompt,
    private readonly deps: PanelDeps,
  ) {
    this.shape = {
      questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, prompt.sections[k].questions.length])) as PromptShape['questions'],
      facts: prompt.context.length,
    };
    this.viewport = deps.viewport;
    this.phase = store.session.phase;
    panel.title = `Design: ${prompt.title}`;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activity.svg');
    const held = (deps.page ?? showDesignPage(panel, deps.extensionUri)).take();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      panel.onDidDispose(() => void this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) void this.store.checkDisk();
      }),
    );
    this.settle();
    for (const m of held) void this.receive(m);
  }

  get sessionDir(): string {
    return this.store.dir;
  }

  get state(): DesignWebviewState {
    return { sessionDir: this.store.dir, promptId: this.prompt.id, ...(this.viewport ? { viewport: { ...this.viewport } } : {}) };
  }

  get isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Entry point for every message from the webview (and for the test hook): validated first. */
  async receive(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.deps.log.warn(`design panel: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      // A board the host cannot take is said in the panel, not only in the log: the page keeps
      // the drawing, and the board saved last stays on disk.
      const scene = (raw as { type?: unknown; scene?: unknown } | null)?.type === 'scene' ? (raw as { scene: unknown }).scene : undefined;
      if (scene !== undefined) {
        const why = scene && typeof scene === 'object' ? parseSceneParts(scene as Record<string, unknown>) : 'not a board';
        this.post({ type: 'notice', level: 'warning', message: `The whiteboard could not be saved (${typeof why === 'string' ? why : 'malformed'}). Your drawing is still here; the last saved board is in whiteboard.excalidraw.` });
      }
      return;
    }
    try {
      await this.handle(msg);
    } catch (e) {
      this.deps.log.error(`design panel: ${msg.type} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** The keyboard commands (next/previous section, pause). */
  act(action: SessionAction): void {
    this.apply(action);
  }

  /** Called by the store when it merged changes found on disk. */
  onChangedFromDisk(what: { session?: boolean; scene?: boolean }): void {
    this.deps.log.info(`design session ${path.basename(this.store.dir)}: merged changes found on disk (${Object.keys(what).join(', ')})`);
    // Said once per panel: with the session open in two windows, every save of the other one merges in.
    if (!this.toldAboutMerges) {
      this.toldAboutMerges = true;
      this.post({ type: 'notice', level: 'info', message: `This session is also being changed outside this panel (another window?); those changes are merged in as they are saved.` });
    }
    if (what.session) {
      this.postSession();
      this.schedule();
    }
    if (what.scene) this.post({ type: 'scene', scene: this.store.scene });
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready': {
        const settings = this.settings();
        const root = this.deps.workspaceFolder?.uri.fsPath;
        this.post({
          type: 'init',
          prompt: promptView(this.prompt),
          session: this.store.session,
          view: this.notesViews.viewOf(this.store.record),
          scene: this.store.scene,
          settings: { chime: settings['design.chime'], autoAdvance: settings['design.autoAdvance'], plans: { 45: this.plan(45), 60: this.plan(60) } },
          folderLabel: root ? path.relative(root, this.store.dir) : this.store.dir,
          state: this.state,
        });
        this.ready = true;
        this.readyWaiters.splice(0).forEach((r) => r());
        return;
      }
      case 'scene':
        this.store.setScene(msg.scene);
        return;
      case 'viewport':
        this.viewport = msg.viewport;
        this.viewportReports++;
        return;
      case 'setDuration':
        this.apply({ type: 'setDuration', minutes: msg.minutes, planMs: this.plan(msg.minutes) });
        return;
      case 'notes': {
        const base = this.notesViews.baseFor(msg.section, msg.rev);
        if (msg.rev !== undefined && !base) this.deps.log.warn(`design panel: notes of ${msg.section} arrived on an unknown view ${msg.rev}; applied to the current text`);
        const r = this.store.act({ type: 'notes', section: msg.section, text: msg.text }, this.shape, Date.now(), base);
        this.notesViews.edited(msg.section, msg.rev, r.view);
        if (r.changed) this.postSession();
        return;
      }
      case 'complete':
        await this.complete();
        return;
      case 'open':
        await this.open(msg.target);
        return;
      case 'saveImage':
        await this.saveImage(msg.format, msg.data);
        return;
      case 'problem':
        this.problems.push(msg.message);
        this.deps.log.warn(`design webview: ${msg.message}`);
        return;
      default:
        this.apply(msg);
    }
  }

  private settings() {
    return readSettings(this.deps.workspaceFolder?.uri);
  }

  private plan(minutes: 45 | 60): number[] {
    return planSections(minutes, this.settings()['design.sectionSplit']);
  }

  private apply(action: SessionAction): void {
    if (!this.store.act(action, this.shape, Date.now()).changed) return;
    this.postSession();
    this.settle();
  }

  private postSession(): void {
    this.post({ type: 'session', session: this.store.session, view: this.notesViews.viewOf(this.store.record) });
    this.deps.onSessionChanged?.();
    // Said whoever changed it (this panel, a keyboard command, another window's save merged in).
    const phase = this.store.session.phase;
    if (phase !== this.phase) {
      this.phase = phase;
      this.deps.onPhaseChanged?.(phase);
    }
  }

  /** Auto-advance and section-end announcements due now, then sleep until the next boundary. */
  private settle(): void {
    if (this.disposed) return;
    const settings = this.settings();
    const { changed, ended } = this.store.settle(Date.now(), { autoAdvance: settings['design.autoAdvance'] });
    const session = this.store.session;
    if (changed) this.postSession();
    if (ended.length && settings['design.chime']) {
      const last = ended[ended.length - 1];
      this.post({ type: 'chime', section: last });
      const title = SECTION_TITLES[DESIGN_SECTION_KEYS[last]];
      const nextTitle = last + 1 < DESIGN_SECTION_KEYS.length ? SECTION_TITLES[DESIGN_SECTION_KEYS[last + 1]] : undefined;
      void vscode.window.showInformationMessage(
        `Design session: time is up for ${title}.${nextTitle ? (session.timer.current > last ? ` Now on ${nextTitle}.` : ` Next: ${nextTitle}.`) : ''}`,
      );
    }
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.wake);
    this.wake = undefined;
    if (this.disposed) return;
    const now = Date.now();
    const at = nextBoundary(this.store.session.timer, now);
    // One timeout to the next planned end: nothing counts ticks. A late wake-up (sleep) is fine,
    // settle() derives everything from timestamps.
    if (at !== undefined) this.wake = setTimeout(() => this.settle(), Math.min(at - now + 20, 2 ** 31 - 1));
  }

  private async complete(): Promise<void> {
    // Recorded once: a second "Record result" (a double-click, another window) finds it done and
    // must not record the session again nor end a mock interview twice.
    if (this.store.session.phase !== 'assessing') return;
    const avg = averageScore(this.store.session);
    this.apply({ type: 'complete' });
    const s = this.store.session;
    if (s.phase !== 'done' || avg === undefined) return;
    await this.store.flush();
    const at = s.completedAt ?? Date.now();
    const interviewer = interviewerReport(this.prompt.context, s);
    const clarifying = { asked: interviewer.asked.map((a) => a.question), notAsked: interviewer.notAsked.map((n) => n.question) };
    const completion: DesignCompletion = { promptId: this.prompt.id, sessionDir: this.store.dir, average: avg, scores: {}, covered: {}, minutes: {}, clarifying };
    DESIGN_SECTION_KEYS.forEach((k, i) => {
      const work = s.sections[k];
      if (work.score !== undefined) completion.scores[k] = work.score;
      completion.covered[k] = { ticked: work.ticked.length, total: this.prompt.sections[k].questions.length };
      completion.minutes[k] = Math.round((elapsedIn(s.timer, i, at) / 60_000) * 10) / 10;
    });
    await this.deps.progress.recordDesignSession(this.prompt.id, avg, { sections: completion.scores as Record<string, number>, minutes: completion.minutes as Record<string, number> });
    this.deps.onCompleted?.(completion);
    this.deps.log.info(`design session ${path.basename(this.store.dir)} completed, average score ${avg}`);
  }

  private async open(target: 'notes' | 'whiteboard' | 'folder'): Promise<void> {
    await this.store.flush();
    const dir = vscode.Uri.file(this.store.dir);
    if (target === 'folder') {
      await vscode.commands.executeCommand('revealInExplorer', dir);
      return;
    }
    const file = vscode.Uri.joinPath(dir, target === 'notes' ? NOTES_FILE : BOARD_FILE);
    if (target === 'notes') await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    else await vscode.commands.executeCommand('vscode.open', file, { viewColumn: vscode.ViewColumn.Beside });
  }

  private async saveImage(format: 'png' | 'svg', data: string): Promise<void> {
    const name = `whiteboard.${format}`;
    const file = path.join(this.store.dir, name);
    await atomicWrite(file, format === 'png' ? Buffer.from(data, 'base64') : data);
    this.deps.log.info(`design session ${path.basename(this.store.dir)}: saved ${name}`);
    // Not awaited: the message resolves only when the user acts on it or dismisses it.
    void vscode.window.showInformationMessage(`Saved ${name} in ${path.basename(this.store.dir)}.`, 'Open', 'Reveal in Explorer').then((pick) => {
      if (pick === 'Open') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside });
      if (pick === 'Reveal in Explorer') void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
    });
  }

  private post(msg: HostToWebview): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.wake);
    vscode.Disposable.from(...this.disposables).dispose();
    this.panel.dispose();
    await this.store.dispose();
    this.closed.fire();
    this.closed.dispose();
  }
}
