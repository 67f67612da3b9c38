// Status-bar clock for the problem in the active editor: time since it was started against its
// suggested time. Derived from the stored start timestamp, so reloads don't reset it.
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

  constructor(private readonly catalog: CatalogService, private readonly progress: ProgressStore) {
    this.item.name = 'MLPrep problem timer';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.follow()),
      progress.onDidChange(() => this.render()),
    );
    void this.follow();
  }

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
    if (!this.current) {
      this.item.hide();
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
      this.item.hide();
      return;
    }
    this.item.show();
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
