// Where a run's outcome shows besides the Test Explorer: diagnostics on the solution, a status-bar
// item that follows the active editor's problem, the coloured "MLPrep Tests" output channel
// (syntaxes/mlprep-output.tmLanguage.json) and the notifications that need an action (solved,
// missing module, no interpreter). Everything here is derived from the pipeline's RunOutcome.
import * as vscode from 'vscode';
import { diagnosticsFor, formatMs, reportLines } from '../../core/runner/presentReport';
import { installCommand } from '../../core/runner/interpreterInfo';
import { liveHeadline, partsDetail, type OutcomeKind } from '../../core/runner/runOutcome';
import { formatMinutes } from '../../core/tree/problemList';
import { Commands } from '../../commands';
import type { ProgressStore } from '../../adapters/progressStore';
import type { TrustGate } from '../../services/trustGate';
import { installInTerminal } from '../environment/environmentCommands';
import { exists, problemDirUri, problemIdOf } from '../scaffold/practiceFolder';
import { partAnchor } from '../../core/scaffold/partAnchor';
import type { CatalogService } from '../catalogService';
import type { RunOutcome, RunPipeline } from './runPipeline';
import { MissingModuleNotices } from '../../core/runner/missingNotices';
import type { CodingProblem } from '../../core/catalog/types';
import type { DrillItem } from '../../core/plan/recommend';
import { drillCommand } from '../../core/plan/drillCommand';
import { parseReplacedAt, parseSavedResults, restoredResult, savedResult } from '../../core/runner/lastResult';
import { COMPARE_REFERENCE, READ_WRITEUP, learnText, writeUnlockedStatement } from '../scaffold/scaffoldCommands';

const ICON: Record<OutcomeKind, string> = {
  passed: '$(pass-filled)', failed: '$(error)', error: '$(warning)', cancelled: '$(circle-slash)',
  'timed-out': '$(watch)', 'no-interpreter': '$(warning)', 'missing-module': '$(warning)',
};

/** The workspace-memento key of each problem's last result (src/core/runner/lastResult.ts). */
export const LAST_RESULTS_KEY = 'mlprep.lastResults';
/** Workspace-memento key: problem id -> when its code was replaced (Reset to Starter), epoch ms. */
export const REPLACED_AT_KEY = 'mlprep.lastResults.replacedAt';

/** The "Next in Today's drill" action of the solved notification. */
export const NEXT_IN_DRILL = 'Next in Drill';

/** The solved notification's action that opens the problem's related theory cards. */
export const RELATED_THEORY = 'Related theory';

/** Dependencies of the solved notification's actions. */
export interface SolvedActionsDeps {
  /** Ids of the theory cards whose `related` names the problem. */
  relatedTheory?: (problemId: string) => Promise<string[]>;
  /** The questions of theory cards (same order), for the pick when a problem has several. */
  cardQuestions?: (ids: string[]) => Promise<string[]>;
  /** The first unfinished item of Today's drill (any kind) other than one on `solvedId`, if any. */
  nextInDrill?: (solvedId: string) => Promise<DrillItem | undefined>;
  /** True while a mock interview runs: no reference, write-up or drill actions. */
  assistanceHidden?: () => boolean;
}

/** The follow-up notification's action: opens the statement with the new part. */
export const SHOW_FOLLOW_UP = 'Show';

export class ResultViews implements vscode.Disposable {
  /** The last "Follow-up unlocked" notification (for tests and screenshots). */
  lastFollowUpNotice: { problemId: string; part: number; message: string; readmeUpdated: boolean } | undefined;
  /** The last solved notification: its text and action labels (for tests and screenshots). */
  lastSolvedNotice: { problemId: string; part: number; message: string; actions: string[]; next?: DrillItem; nextId?: string } | undefined;
  readonly output = vscode.window.createOutputChannel('MLPrep Tests', 'mlprep-output');
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('mlprep');
  private readonly status = vscode.window.createStatusBarItem('mlprep.testStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.output, this.diagnostics, this.status];
  /** The problem of the active editor (the status bar shows only its runs). */
  private active: { id: string; title: string } | undefined;
  /** Problems with a run that ended in this window (their stored result is not "from before the reload"). */
  private readonly ranHere = new Set<string>();
  constructor(
    private readonly pipeline: RunPipeline, private readonly catalog: CatalogService, private readonly progress: ProgressStore, private readonly gate: TrustGate,
    /** Shared with the start-time module check: one notification per interpreter and module. */
    private readonly notices: MissingModuleNotices = new MissingModuleNotices(),
    /** What the solved notification offers (composition root supplies the drill and the mock state). */
    private readonly solved: SolvedActionsDeps = {},
    /** Where each problem's last result is kept across window reloads (the workspace memento). */
    readonly memory?: vscode.Memento,
  ) {
    this.status.name = 'MLPrep test results';
    this.status.command = Commands.showTestOutput;
    this.disposables.push(
      pipeline.onDidFinish((o) => this.finished(o)),
      pipeline.onDidChangeState((id) => { if (id === this.active?.id) this.render(); }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.follow()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Diagnostics describe the saved file; once it is edited they may point at the wrong lines.
        if (e.contentChanges.length && this.diagnostics.has(e.document.uri)) this.diagnostics.delete(e.document.uri);
      }),
    );
    void this.follow();
  }

  /** What the status bar shows now (for tests and screenshots). */
  get statusText(): string | undefined {
    return this.active && this.status.text ? this.status.text : undefined;
  }

  /** The status bar's tooltip as text (for tests). */
  get statusTooltip(): string | undefined {
    const t = this.active && this.status.text ? this.status.tooltip : undefined;
    return typeof t === 'string' ? t : t?.value;
  }

  private async follow(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const id = uri && problemIdOf(uri);
    const problem = id ? await this.catalog.problem(id) : undefined;
    // Another editor became active meanwhile: its own follow() renders.
    if (vscode.window.activeTextEditor?.document.uri.toString() !== uri?.toString()) return;
    this.active = problem && { id: problem.id, title: problem.title };
    this.render();
  }

  private render(): void {
    const state = this.active && this.pipeline.stateOf(this.active.id);
    if (this.active && !state && this.renderRestored(this.active)) return;
    if (!this.active || !state) {
      this.status.text = '';
      this.status.hide();
      return;
    }
    const title = this.active.title;
    this.status.backgroundColor = undefined;
    this.status.color = undefined;
    if (state.kind === 'queued') {
      this.status.text = `$(clock) ${title}: waiting for another run…`;
      this.status.tooltip = 'MLPrep runs one problem at a time; this one is next.';
    } else if (state.kind === 'running') {
      this.status.text = `$(sync~spin) ${title}: ${liveHeadline(state.done, state.total, state.failing)}`;
      this.status.tooltip = state.total ? `Running the hidden tests: ${state.done} of ${state.total} finished so far${state.failing ? `, ${state.failing} of them failed` : ''}` : 'MLPrep is running the hidden tests';
      if (state.failing) this.status.color = new vscode.ThemeColor('testing.iconFailed');
    } else {
      const o = state.outcome;
      const k = o.summary.kind;
      this.status.text = `${ICON[k]} ${title}: ${o.summary.headline}${o.report && k !== 'cancelled' ? `, ${formatMs(o.wallMs)}` : ''}`;
      const py = o.report?.python.version ? `\n\nPython ${o.report.python.version} (${o.report.python.executable || o.python})` : o.python ? `\n\nInterpreter: ${o.python}` : '';
      const parts = partsDetail(o.report?.partSummaries, [o.problem.title, ...o.problem.followUps.map((f) => f.title)]);
      const perPart = parts.length ? `\n\n${parts.map((l) => `- ${l}`).join('\n')}` : '';
      const counts = o.report ? `${perPart}\n\n${o.report.summary.passed} passed · ${o.report.summary.failed} failed · ${o.report.summary.errors} errors · ${o.report.summary.timeouts} timed out` : '';
      const attempt = k === 'cancelled' ? '' : `\n\n${o.summary.countsAsAttempt ? 'Counted as an attempt.' : 'Not counted as an attempt (the tests did not run, or an autosave started it).'}`;
      this.status.tooltip = new vscode.MarkdownString(`**${title}** — hidden tests: ${o.summary.headline} in ${formatMs(o.wallMs)}${o.summary.detail ? `\n\n${o.summary.detail}` : ''}${counts}${py}${attempt}\n\nClick to see the details.`);
      this.status.backgroundColor = k === 'passed' || k === 'cancelled' ? undefined
        : new vscode.ThemeColor(k === 'failed' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
      if (k === 'passed') this.status.color = new vscode.ThemeColor('testing.iconPassed');
    }
    this.status.show();
  }

  /**
   * Before a problem's first run in this window: its last result from before the reload (the
   * workspace memento, else the progress store's last counted run), marked as such. False when none.
   */
  private renderRestored(active: { id: string; title: string }): boolean {
    if (this.ranHere.has(active.id)) return false;
    const r = restoredResult(parseSavedResults(this.memory?.get(LAST_RESULTS_KEY))[active.id], this.progress.get().problems[active.id]?.lastRun, parseReplacedAt(this.memory?.get(REPLACED_AT_KEY))[active.id]);
    if (!r) return false;
    const when = new Date(r.at);
    const stamp = `${when.toLocaleDateString()} ${when.toTimeString().slice(0, 5)}`;
    this.status.text = `${ICON[r.kind]} ${active.title}: ${r.headline}${r.wallMs !== undefined ? `, ${formatMs(r.wallMs)}` : ''} (before reload)`;
    this.status.tooltip = new vscode.MarkdownString(`**${active.title}** — hidden tests: ${r.headline}${r.detail ? `\n\n${r.detail}` : ''}\n\nLast run ${stamp}, before this window was reloaded. Save the solution to run the tests again.`);
    this.status.backgroundColor = r.kind === 'passed' ? undefined
      : new vscode.ThemeColor(r.kind === 'failed' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    this.status.color = r.kind === 'passed' ? new vscode.ThemeColor('testing.iconPassed') : undefined;
    this.status.show();
    return true;
  }

  /**
   * Forgets what is kept of `problemId`'s last result (its code was replaced, e.g. Reset to Starter):
   * a reload then shows no "(before reload)" result for code that no longer exists.
   */
  async forget(problemId: string, at = Date.now()): Promise<void> {
    if (!this.memory) return;
    const all = parseSavedResults(this.memory.get(LAST_RESULTS_KEY));
    delete all[problemId];
    await this.memory.update(LAST_RESULTS_KEY, all);
    // The progress store's last run is older than this too: remember when, so neither comes back.
    await this.memory.update(REPLACED_AT_KEY, { ...parseReplacedAt(this.memory.get(REPLACED_AT_KEY)), [problemId]: at });
  }

  /** Keeps the outcome's result for the next window (or drops the kept one when this kind is not kept). */
  private remember(o: RunOutcome): void {
    if (!this.memory) return;
    const all = parseSavedResults(this.memory.get(LAST_RESULTS_KEY));
    const kept = savedResult(o.summary, o.wallMs, Date.now());
    if (kept) all[o.problem.id] = kept;
    else delete all[o.problem.id];
    void this.memory.update(LAST_RESULTS_KEY, all);
  }

  private finished(o: RunOutcome): void {
    this.ranHere.add(o.problem.id);
    if (o.summary.kind === 'cancelled') {
      this.output.appendLine(`[${new Date().toTimeString().slice(0, 8)}] ━━ ${o.problem.title}: cancelled${o.summary.detail ? ` (${o.summary.detail})` : ''}`);
      return;
    }
    this.remember(o);
    const { problem, report, solution } = o;
    if (report) {
      for (const line of reportLines(problem.title, report, o.wallMs, new Date())) this.output.appendLine(line);
    } else {
      this.output.appendLine(`[${new Date().toTimeString().slice(0, 8)}] ━━ ${problem.title}: ${o.summary.headline} after ${formatMs(o.wallMs)}`);
      this.output.appendLine(`  ! ${o.summary.detail}`);
    }
    this.output.appendLine('');

    const lines = o.source.split(/\r?\n/);
    const data = report ? diagnosticsFor(report, solution.fsPath, o.entryLine)
      : o.entryLine !== undefined && o.summary.kind === 'timed-out' ? [{ line: o.entryLine, column: 1, message: o.summary.detail, severity: 'warning' as const }] : [];
    const diags = data.map((d) => {
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
    this.notify(o);
  }

  /**
   * A follow-up part unlocked (contract F): the practice folder's README.md gets the new part
   * (unless the user edited it), then "Follow-up unlocked: <title>" with Show, which opens it.
   */
  private async followUpNotice(problem: CodingProblem, part: number): Promise<void> {
    const f = problem.followUps[part - 2];
    if (!f) return;
    const hidden = this.solved.assistanceHidden?.() ?? false;
    const readmeUpdated = await writeUnlockedStatement(problem, part, hidden).catch(() => false);
    const message = `Follow-up unlocked: ${f.title} (part ${part} of ${1 + problem.followUps.length} of “${problem.title}”)`;
    this.lastFollowUpNotice = { problemId: problem.id, part, message, readmeUpdated };
    const a = await vscode.window.showInformationMessage(message, SHOW_FOLLOW_UP);
    if (a === SHOW_FOLLOW_UP) void this.showUnlockedPart(problem, part);
  }

  /**
   * "Show" of the follow-up notice: the practice folder's README.md in ONE Markdown preview
   * (the preview already open is replaced in its own column, else one opens beside), scrolled
   * to part `part`'s heading via the URI fragment (`README.md#part-2-of-3-log-softmax`; the
   * built-in preview scrolls to the element with that id). Without a README (or without the
   * part's heading, i.e. an edited README) the statement opens as MLPrep: Show Statement does.
   * Returns the URI opened, for tests.
   */
  async showUnlockedPart(problem: CodingProblem, part: number): Promise<vscode.Uri | undefined> {
    const dir = problemDirUri(problem.id);
    const readme = dir && vscode.Uri.joinPath(dir, 'README.md');
    if (!readme || !(await exists(readme))) {
      // No practice README: MLPrep's own statement document, previewed at the part.
      const statement = vscode.Uri.from({ scheme: 'mlprep', path: `/statement/${problem.id}.md` });
      const text = await vscode.workspace.openTextDocument(statement).then((d) => d.getText(), () => undefined);
      const at = text === undefined ? undefined : partAnchor(text, part);
      if (!at) {
        await vscode.commands.executeCommand(Commands.showStatement, problem.id);
        return undefined;
      }
      const target = statement.with({ fragment: at.slug });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
      return target;
    }
    const anchor = partAnchor(Buffer.from(await vscode.workspace.fs.readFile(readme)).toString('utf8'), part);
    const target = anchor ? readme.with({ fragment: anchor.slug }) : readme;
    const same = (u: vscode.Uri) => u.with({ fragment: '' }).toString() === readme.toString();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ t, column: g.viewColumn }))).filter(({ t }) =>
      (t.input instanceof vscode.TabInputCustom && t.input.viewType === 'vscode.markdown.preview.editor' && same(t.input.uri))
      || (t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('markdown.preview') && t.label.endsWith(' README.md')));
    const column = tabs[0]?.column ?? vscode.ViewColumn.Beside;
    // The open preview cannot be scrolled from here: replace it by one opened at the part.
    if (tabs.length) await vscode.window.tabGroups.close(tabs.map(({ t }) => t), true);
    try {
      await vscode.commands.executeCommand('vscode.openWith', target, 'vscode.markdown.preview.editor', { viewColumn: column, preserveFocus: true, preview: false });
    } catch {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
    }
    return target;
  }

  private notify(o: RunOutcome): void {
    const { problem, report } = o;
    if (o.parts?.unlocked) void this.followUpNotice(problem, o.parts.unlocked);
    // A follow-up part passed: the same notice as a first solve, for that part (its reference and write-up).
    const passed = Math.max(0, ...(o.parts?.newlyPassed ?? []));
    if (o.parts && passed >= 2) {
      const title = problem.followUps[passed - 2]?.title ?? '';
      const all = passed === o.parts.count ? ` Every follow-up of “${problem.title}” is done.` : '';
      void this.solvedNotice(o.problem, `Part ${passed} of ${o.parts.count} passed: “${title}”.${all}`, passed);
    }
    if (o.newlySolved) {
      const p = this.progress.get().problems[problem.id];
      const took = p?.solveMs !== undefined ? ` in ${formatMinutes(p.solveMs)}` : '';
      const attempts = p?.attemptsToSolve ?? 1;
      void this.solvedNotice(o.problem, `Solved “${problem.title}”${took} (${attempts} attempt${attempts === 1 ? '' : 's'}). All ${o.summary.total} hidden tests pass.`);
    }
    if (o.summary.kind === 'missing-module' && report) this.reportMissing(report, o.python ?? '');
    if (o.summary.kind === 'no-interpreter') {
      void vscode.window.showErrorMessage(`MLPrep: ${o.summary.detail}`, 'Choose Interpreter', 'Open Setting').then((a) => {
        if (a === 'Choose Interpreter') void vscode.commands.executeCommand(Commands.selectInterpreter);
        if (a === 'Open Setting') void vscode.commands.executeCommand('workbench.action.openSettings', 'mlprep.pythonPath');
      });
    }
    if (o.summary.kind === 'timed-out' && !report) {
      void vscode.window.showErrorMessage(`MLPrep: ${o.problem.title}: ${o.summary.detail}`, 'Show Output').then((a) => a && this.output.show(true));
    }
  }

  /**
   * "Next in Drill": does what a click on the item's row does (drillCommand): starts a problem on
   * its unlocked part or a design prompt, opens the card panel, starts a rehearsal.
   */
  openDrillItem(d: DrillItem): Thenable<unknown> {
    const c = drillCommand(d);
    return vscode.commands.executeCommand(c.command, ...c.args);
  }

  /** One related card opens directly; several, a pick of their questions. */
  private async openRelatedTheory(ids: string[]): Promise<void> {
    if (ids.length === 1) return void vscode.commands.executeCommand(Commands.theoryOpenCard, ids[0]);
    const questions = await this.solved.cardQuestions?.(ids) ?? ids;
    const pick = await vscode.window.showQuickPick(ids.map((id, i) => ({ label: questions[i] ?? id, id })), { placeHolder: 'Related theory cards' });
    if (pick) void vscode.commands.executeCommand(Commands.theoryOpenCard, pick.id);
  }

  /**
   * The solved notification of part `part` (1 = the problem; 2, 3, ... = a follow-up just passed),
   * with what to do next: the next unfinished item of Today's drill (whatever its kind), the
   * side-by-side diff against that part's reference, and that part's write-up (part 1's when it
   * has none). During a mock interview only the message (no reference, no write-up, no drill).
   */
  private async solvedNotice(problem: CodingProblem, message: string, part = 1): Promise<void> {
    const hidden = this.solved.assistanceHidden?.() ?? false;
    const next = hidden ? undefined : await this.solved.nextInDrill?.(problem.id).catch(() => undefined);
    const learn = !hidden && (await learnText(problem, part).catch(() => undefined)) !== undefined;
    const related = hidden ? [] : await this.solved.relatedTheory?.(problem.id).catch(() => []) ?? [];
    const actions = hidden ? [] : [...(next ? [NEXT_IN_DRILL] : []), COMPARE_REFERENCE, ...(learn ? [READ_WRITEUP] : []), ...(related.length ? [RELATED_THEORY] : [])];
    this.lastSolvedNotice = { problemId: problem.id, part, message, actions, ...(next ? { next, nextId: next.id } : {}) };
    const a = await vscode.window.showInformationMessage(message, ...actions);
    if (a === NEXT_IN_DRILL && next) void this.openDrillItem(next);
    else if (a === COMPARE_REFERENCE) void vscode.commands.executeCommand(Commands.compareWithReference, problem.id, part);
    else if (a === READ_WRITEUP) void vscode.commands.executeCommand(Commands.showWriteup, problem.id, part);
    else if (a === RELATED_THEORY) void this.openRelatedTheory(related);
  }

  private reportMissing(report: NonNullable<RunOutcome['report']>, python: string): void {
    const modules = report.error?.modules ?? [];
    if (!this.notices.first(report.python.executable || python, modules)) return;
    const info = { executable: report.python.executable || python, version: report.python.version, numpy: modules.includes('numpy') ? null : report.python.numpy ?? '?', pandas: modules.includes('pandas') ? null : report.python.pandas ?? '?' };
    const cmd = modules.every((m) => m === 'numpy' || m === 'pandas')
      ? installCommand(info, process.platform) ?? report.error?.installCommand ?? `${python} -m pip install ${modules.join(' ')}`
      : report.error?.installCommand ?? `${python} -m pip install ${modules.join(' ')}`;
    void vscode.window.showWarningMessage(
      `MLPrep: ${modules.join(' and ') || 'a required module'} ${modules.length > 1 ? 'are' : 'is'} not installed for ${report.python.executable || python}. Install with: ${cmd}`,
      'Install in Terminal', 'Choose Interpreter',
    ).then((a) => {
      if (a === 'Install in Terminal') installInTerminal(this.gate, cmd);
      else if (a === 'Choose Interpreter') void vscode.commands.executeCommand(Commands.selectInterpreter);
    });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
