// The Python worker as the user sees it: a status item (starting / ready / running / stopped),
// "MLPrep: Restart Python Worker", a pre-warm when a solution.py is opened in a trusted workspace
// (so the first save is warm), and a re-check when another interpreter is chosen.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import type { PoolStatus, PythonWorkerPool } from '../../adapters/pythonWorkerPool';
import type { TrustGate } from '../../services/trustGate';
import { problemIdOf } from '../scaffold/practiceFolder';
import { readSettings } from '../../adapters/settings';
import { PythonInterpreterWatch, chooseInterpreter } from './interpreter';
import type { RunPipeline } from './runPipeline';

const TEXT: Record<PoolStatus['state'], string> = {
  starting: '$(loading~spin) Python',
  ready: '$(server-process) Python',
  running: '$(sync~spin) Python',
  stopped: '$(debug-stop) Python',
};

export class WorkerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlprep.workerStatus', vscode.StatusBarAlignment.Left, 48);
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** Set once a solution was opened: before that, MLPrep shows nothing about Python. */
  private shown = false;
  /** "Python: Select Interpreter" matters only while mlprep.pythonPath is unset (the setting wins). */
  private readonly pythonWatch = new PythonInterpreterWatch(() => {
    if (!readSettings(vscode.window.activeTextEditor?.document.uri).pythonPath) void this.interpreterChanged();
  });

  constructor(
    private readonly pool: PythonWorkerPool,
    private readonly pipeline: RunPipeline,
    private readonly trust: TrustGate,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = 'MLPrep Python worker';
    this.item.command = Commands.restartWorker;
    const sub = pool.onDidChangeStatus(() => this.render());
    this.disposables.push(
      { dispose: () => sub.dispose() },
      vscode.commands.registerCommand(Commands.restartWorker, () => this.restart()),
      vscode.window.onDidChangeActiveTextEditor((e) => e && void this.prewarm(e.document.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => void this.prewarm(d.uri)),
      trust.onDidChange(() => { const uri = vscode.window.activeTextEditor?.document.uri; if (uri) void this.prewarm(uri); }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlprep.pythonPath')) void this.interpreterChanged();
      }),
      // "Python: Select Interpreter" matters only while mlprep.pythonPath is unset (the setting wins).
      this.pythonWatch,
    );
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri) void this.prewarm(uri);
  }

  /** What the item shows (for tests and screenshots). */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  private render(): void {
    if (!this.shown) return;
    const s = this.pool.status();
    const where = s.info ? `Python ${s.info.version} (${s.python})` : s.python ?? 'Python';
    this.item.text = `${TEXT[s.state]}: ${s.state}`;
    const libs = s.info ? [s.info.numpy && `numpy ${s.info.numpy}`, s.info.pandas && `pandas ${s.info.pandas}`].filter(Boolean).join(', ') : '';
    const lines = [
      `**MLPrep Python worker**: ${s.state}`,
      s.state === 'stopped' ? `Starts on the next run.${s.note ? ` Last worker ${s.note}.` : ''}` : `${where}${s.pid ? `, pid ${s.pid}` : ''}${libs ? `\n\n${libs}` : ''}`,
      'Click to restart the worker.',
    ];
    this.item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
    this.item.backgroundColor = s.state === 'stopped' && s.note && !/idle|restarted|keep at most/.test(s.note)
      ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  private async prewarm(uri: vscode.Uri): Promise<void> {
    if (!problemIdOf(uri) || !uri.path.endsWith('/solution.py')) return;
    this.shown = true;
    this.render();
    // Quiet: opening a file must not pop a Restricted Mode warning; running the tests will.
    if (!this.trust.allow('Starting the Python worker', { quiet: true })) return;
    try {
      const choice = await chooseInterpreter(this.trust, uri);
      this.pythonWatch.check(); // choosing may have activated the Python extension
      if (choice) await this.pool.warm(choice.candidates[0]);
    } catch (e) {
      this.log.debug(`pre-warm: ${(e as Error).message}`); // the run reports it properly
    }
  }

  private async restart(): Promise<void> {
    this.shown = true;
    await this.pool.restart();
    this.log.info('Python worker restarted by the user');
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri && problemIdOf(uri) && this.trust.allow('Starting the Python worker')) {
      const choice = await chooseInterpreter(this.trust, uri);
      if (choice) await this.pool.warm(choice.candidates[0]).catch((e: Error) => this.log.warn(`restart: ${e.message}`));
    }
    this.render();
  }

  /**
   * Another interpreter was chosen: say which, check it, and drop results it makes stale
   * ("missing pandas", "no Python found") so the status bar does not show them until the next save.
   */
  private async interpreterChanged(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!this.trust.allow('Checking the chosen Python interpreter', { quiet: true })) return;
    const choice = await chooseInterpreter(this.trust, uri);
    if (!choice) return;
    const python = choice.candidates[0];
    try {
      const info = await this.pool.warm(python);
      const p = info.python;
      this.pipeline.clearOutcomes((o) => o.summary.kind === 'no-interpreter'
        || (o.summary.kind === 'missing-module' && (o.report?.error?.modules ?? []).every((m) => (m === 'numpy' && p.numpy) || (m === 'pandas' && p.pandas))));
      void vscode.window.showInformationMessage(`MLPrep now runs the tests with Python ${p.version} at ${p.executable} (numpy ${p.numpy ?? 'not installed'}, pandas ${p.pandas ?? 'not installed'}).`);
    } catch (e) {
      this.pipeline.clearOutcomes((o) => o.summary.kind === 'missing-module');
      void vscode.window.showWarningMessage(`MLPrep: the chosen interpreter ${python} does not start: ${(e as Error).message}`);
    }
    this.render();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
