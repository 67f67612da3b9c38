// The progress dashboard: one panel per window. The host derives everything from the progress
// store and the catalogue (core/dashboard/stats) and pushes it; the webview only draws. Progress
// or catalogue changes are pushed while the panel is open.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { dashboardData, type CatalogEntry, type DashboardData } from '../../core/dashboard/stats';
import { parseWebviewMessage, type HostToWebview, type WebviewToHost } from '../../core/dashboard/protocol';
import { DESIGN_FOLDER } from '../../core/catalog/types';
import { dayKey } from '../../core/plan/days';
import type { ProgressStore } from '../../adapters/progressStore';
import { readSettings } from '../../adapters/settings';
import type { CatalogService } from '../catalogService';
import { webviewHtml, webviewOptions } from '../webview/html';
import type { StoryCoverage } from '../../core/stories/coverage';
import type { PlanSummary } from '../../core/dashboard/planCard';

export interface DashboardDeps {
  catalog: CatalogService;
  progress: ProgressStore;
  log: vscode.LogOutputChannel;
  /** Today's theory-card queue, for the dashboard's Theory line (optional). */
  theory?: { queue(): Promise<{ due: unknown[]; schedules: Map<string, { reviews: number }>; reviewedToday: number; started: number }> };
  /** Behavioural stories, for the coverage card (optional). */
  stories?: { coverage(): Promise<StoryCoverage>; onDidChange: vscode.Event<void>; storiesDir(): vscode.Uri | undefined; bank?(): Promise<{ questions: readonly { id: string }[] }> };
  /** The study plan's week against its targets, for the plan card (optional; undefined without a plan). */
  plan?: { summary(): Promise<PlanSummary | undefined>; onDidChange: vscode.Event<unknown> };
}

export const DASHBOARD_TITLE = 'MLPrep Progress';

/** What the webview reported after drawing, for the log and the tests. */
export interface Rendered {
  generatedAt: number;
  charts: number;
  empty: boolean;
}

export class DashboardPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private pushing: Promise<void> | undefined;
  private pushAgain = false;
  /** The last data sent and the last drawing reported, for the tests. */
  lastSent: DashboardData | undefined;
  lastRendered: Rendered | undefined;
  readonly problems: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: DashboardDeps & { extensionUri: vscode.Uri },
  ) {
    panel.title = DASHBOARD_TITLE;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activity.svg');
    // Hidden, the page is dropped (charts are cheap to redraw); it says 'ready' again when shown.
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, {
      title: DASHBOARD_TITLE,
      script: 'dashboard.js',
      styles: ['dashboard.css'],
      loading: 'Loading your progress…',
    });
    this.disposables.push(
      this.closed,
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
      deps.progress.onDidChange(() => this.push()),
      deps.catalog.onDidChange(() => this.push()),
      ...(deps.stories ? [deps.stories.onDidChange(() => void this.push())] : []),
      ...(deps.plan ? [deps.plan.onDidChange(() => void this.push())] : []),
      // Left open past midnight: "today", the streak and the calendar move on when it is looked at again.
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active && this.lastSent && this.lastSent.calendar.today !== dayKey(Date.now())) void this.push();
      }),
    );
  }

  get isReady(): boolean {
    return this.ready;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Resolves on the next message from the webview that `test` accepts (for the test hooks). */
  next<T>(test: () => T | undefined): Promise<T> {
    const now = test();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = () => {
        const v = test();
        if (v === undefined) return;
        this.listeners.delete(check);
        resolve(v);
      };
      this.listeners.add(check);
    });
  }

  /** Entry point for every message from the webview: validated first. */
  async receive(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.deps.log.warn(`dashboard: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(msg);
    } catch (e) {
      this.deps.log.error(`dashboard: ${msg.type} failed: ${(e as Error).stack ?? e}`);
    }
    this.listeners.forEach((l) => l());
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        await this.push();
        return;
      case 'rendered':
        this.lastRendered = { generatedAt: msg.generatedAt, charts: msg.charts, empty: msg.empty };
        return;
      case 'startProblem':
        await vscode.commands.executeCommand(Commands.startProblem, msg.id);
        return;
      case 'startDesignSession':
        await vscode.commands.executeCommand(Commands.startDesignSession, msg.id);
        return;
      case 'newStory':
        await vscode.commands.executeCommand(Commands.storiesNew, msg.competency ? { competencies: [msg.competency] } : undefined);
        return;
      case 'rehearse':
        await vscode.commands.executeCommand(Commands.storiesRehearse, msg.competency ? { competency: msg.competency } : undefined);
        return;
      case 'openStory': {
        // Only a story the data listed (a path under the stories folder), never any path the page names.
        const known = this.lastSent?.stories?.stories.some((s) => s.path === msg.path);
        const root = vscode.workspace.workspaceFolders?.[0];
        if (known && root) await vscode.window.showTextDocument(vscode.Uri.joinPath(root.uri, ...msg.path.split('/')));
        return;
      }
      case 'problem':
        this.problems.push(msg.message);
        this.deps.log.warn(`dashboard webview: ${msg.message}`);
    }
  }

  /** Recomputes and sends the data; bursts of changes collapse into one more push. */
  push(): Promise<void> {
    if (!this.ready || this.disposed) return Promise.resolve();
    if (this.pushing) {
      this.pushAgain = true;
      return this.pushing;
    }
    this.pushing = (async () => {
      do {
        this.pushAgain = false;
        const data = await this.compute();
        if (this.disposed) return;
        this.lastSent = data;
        this.post({ type: 'data', data });
      } while (this.pushAgain);
    })()
      .catch((e) => this.deps.log.error(`dashboard: could not compute the data: ${(e as Error).stack ?? e}`))
      .finally(() => {
        this.pushing = undefined;
        this.listeners.forEach((l) => l());
      });
    return this.pushing;
  }

  private async compute(): Promise<DashboardData> {
    const catalog = await this.deps.catalog.get();
    const entries: CatalogEntry[] = [
      ...catalog.problems.map((p) => ({ id: p.id, title: p.title, category: p.category, difficulty: p.difficulty, minutes: p.minutes, kind: 'coding' as const, followUps: p.followUps.length })),
      ...catalog.designPrompts.map((p) => ({ id: p.id, title: p.title, category: DESIGN_FOLDER, difficulty: p.difficulty, minutes: p.minutes, kind: 'design' as const })),
    ];
    const settings = readSettings();
    // Rehearsals are reviews keyed by question id: the calendar tells them from theory reviews.
    const bank = await this.deps.stories?.bank?.().catch(() => undefined);
    const data = dashboardData(this.deps.progress.get(), entries, {
      questionIds: new Set((bank?.questions ?? []).map((q) => q.id)),
      now: Date.now(),
      designSplit: settings['design.sectionSplit'],
      designMinutes: settings['design.durationMinutes'],
    });
    const q = await this.deps.theory?.queue().catch(() => undefined);
    if (q && q.schedules.size) data.theory = { cards: q.schedules.size, started: q.started, dueToday: q.due.length, reviewedToday: q.reviewedToday };
    const cov = await this.deps.stories?.coverage().catch(() => undefined);
    if (cov && cov.competencies.length) data.stories = cov;
    const plan = await this.deps.plan?.summary().catch(() => undefined);
    if (plan) data.plan = plan;
    return data;
  }

  private post(msg: HostToWebview): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    this.closed.fire();
    vscode.Disposable.from(...this.disposables).dispose();
    this.panel.dispose();
  }
}
