// Where a run's result shows besides the Test Explorer: diagnostics on the solution, a status-bar
// item, and the coloured "MLPrep Tests" output channel (syntaxes/mlprep-output.tmLanguage.json).
import * as vscode from 'vscode';
import { diagnosticsFor, reportLines, statusText, verdict } from '../../core/runner/presentReport';
import { Commands } from '../../commands';
import type { RunOutcome, TestRunService } from './testRunService';

export class ResultViews implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('MLPrep Tests', 'mlprep-output');
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('mlprep');
  private readonly status = vscode.window.createStatusBarItem('mlprep.testStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.output, this.diagnostics, this.status];

  constructor(runner: TestRunService) {
    this.status.name = 'MLPrep test results';
    this.status.command = Commands.showTestOutput;
    this.disposables.push(
      runner.onDidStart(({ problem }) => {
        this.status.text = `$(sync~spin) ${problem.title}: running hidden tests…`;
        this.status.tooltip = 'MLPrep is running the hidden tests';
        this.status.backgroundColor = undefined;
        this.status.color = undefined;
        this.status.show();
      }),
      runner.onDidFinish((o) => this.show(o)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Diagnostics describe the saved file; once it is edited they may point at the wrong lines.
        if (e.contentChanges.length && this.diagnostics.has(e.document.uri)) this.diagnostics.delete(e.document.uri);
      }),
    );
  }

  private show(o: RunOutcome): void {
    const { problem, report, wallMs, solution } = o;
    const v = verdict(report);
    const icon = v === 'passed' ? '$(pass-filled)' : v === 'failed' ? '$(error)' : '$(warning)';
    this.status.text = `${icon} ${statusText(problem.title, report, wallMs)}`;
    this.status.tooltip = new vscode.MarkdownString(`**${problem.title}** — hidden tests\n\n${report.summary.passed} passed · ${report.summary.failed} failed · ${report.summary.errors} errors · ${report.summary.timeouts} timed out\n\nPython ${report.python.version} (${o.python})\n\nClick to see the details.`);
    this.status.backgroundColor = v === 'passed' ? undefined : new vscode.ThemeColor(v === 'failed' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    this.status.color = v === 'passed' ? new vscode.ThemeColor('testing.iconPassed') : undefined;
    this.status.show();

    for (const line of reportLines(problem.title, report, wallMs, new Date())) this.output.appendLine(line);
    this.output.appendLine('');

    const lines = o.source.split(/\r?\n/);
    const diags = diagnosticsFor(report, solution.fsPath, o.entryLine).map((d) => {
      const line = Math.min(Math.max(0, d.line - 1), Math.max(0, lines.length - 1));
      const text = lines[line] ?? '';
      const start = Math.max(0, Math.min(d.column - 1, text.length));
      const indent = text.length - text.trimStart().length;
      const range = new vscode.Range(line, start > 0 ? start : indent, line, Math.max(text.length, indent + 1));
      const diag = new vscode.Diagnostic(range, d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diag.source = 'MLPrep';
      return diag;
    });
    this.diagnostics.set(solution, diags);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
