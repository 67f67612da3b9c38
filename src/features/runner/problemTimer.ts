// Status-bar clock for the problem in the active editor: time since it was started against its
// suggested time. Derived from the stored start timestamp, so reloads don't reset it.
// While a mock interview runs on the problem, the mock's own clock is the only one shown.
import * as vscode from 'vscode';
import { problemState, TIMING_RULE } from '../../core/progress/progress';
import { formatMinutes } from '../../core/tree/problemList';
import type { ProgressStore } from '../../adapters/progressStore';
import type { CatalogService } from '../catalogService';
import { problemIdOf } from '../scaffold/practiceFolder';

export class ProblemTimer implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlprep.problemTimer', vscode.StatusBarAlignment.Left, 49);
  private timer: ReturnType<typeof setInterval> | undefined;
  private current: { id: string; title: string; minutes: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
    /** The problem a running mock interview times (its coding problem), if any: that problem's clock hides. */
    private readonly mockProblem: () => string | undefined = () => undefined,
    /** Fires when mockProblem() may have changed (a mock starts, moves on or ends). */
    onMockChange?: vscode.Event<unknown>,
  ) {
    this.item.name = 'MLPrep problem timer';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.follow()),
      progress.onDidChange(() => this.render()),
    );
    if (onMockChange) this.disposables.push(onMockChange(() => this.render()));
    void this.follow();
  }

  /** What the status bar shows now (undefined: hidden). For tests. */
  get shown(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;

  private async follow(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const id = uri && problemIdOf(uri);
    const problem = id ? await this.catalog.problem(id) : undefined;
    this.current = problem && { id: problem.id, title: problem.title, minutes: problem.minutes };
    // Drives the Run Hidden Tests / Show Statement buttons in the editor title.
    void vscode.commands.executeCommand('setContext', 'mlprep.activeIsSolution', !!problem);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.current) this.timer = setInterval(() => this.render(), 1000);
    this.render();
  }

  private render(): void {
    if (!this.current || this.mockProblem() === this.current.id) {
      this.hide();
      return;
    }
    const p = this.progress.get().problems[this.current.id];
    if (problemState(p) === 'solved') {
      this.item.text = `$(pass-filled) solved${p?.solveMs !== undefined ? ` in ${formatMinutes(p.solveMs)}` : ''}`;
      this.item.tooltip = `${this.current.title}: solved (suggested ${this.current.minutes} min)`;
      this.item.backgroundColor = undefined;
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
    } else if (p?.untimed) {
      this.item.text = '$(watch) not timed';
      this.item.tooltip = `${this.current.title}: ${TIMING_RULE}`;
      this.item.backgroundColor = undefined;
    } else if (p?.startedAt !== undefined) {
      const elapsed = Math.max(0, Date.now() - p.startedAt);
      const over = elapsed > this.current.minutes * 60_000;
      this.item.text = `$(watch) ${clock(elapsed)} / ${this.current.minutes}:00`;
      this.item.tooltip = `${this.current.title}: ${formatMinutes(elapsed)} since you started; suggested ${this.current.minutes} min${over ? ' (over)' : ''}`;
      this.item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } else {
      this.hide();
      return;
    }
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
