// Mock interview: one unsolved coding problem, then one design prompt, back to back against the
// clock for a chosen level; hints and reference solutions stay hidden until the report, which is
// saved in the practice folder as Markdown. State lives in globalState, so a reload resumes it.
import * as vscode from 'vscode';
import type { DesignSessions } from '../designSession';
import {
  designAverage, finishCoding, finishDesign, gradableProblems, isMockLevel, LEVEL_IDS, LEVELS, mockHidesAssistance, mockReportMarkdown,
  parseMockState, partDeadline, pickMock, LLM_TRACK_LEVELS, type MockTrack, recordCodingRun, remaining, resumeDesignClock, startMock, stopDesignClock,
  type CodingResult, type DesignResult, type MockLevel, type MockState,
} from '../../core/plan/mockInterview';
import { formatClock } from '../../core/design/timer';
import { Commands } from '../../commands';
import { readSettings } from '../../adapters/settings';
import type { ProgressStore } from '../../adapters/progressStore';
import type { CatalogService } from '../catalogService';
import type { RunOutcome, RunPipeline } from '../runner/runPipeline';
import { MANAGE_TRUST, TRUST_REASON, type TrustGate } from '../../services/trustGate';
import { listed } from '../tree/problemTree';
import { practiceRoot, problemDirUri } from '../scaffold/practiceFolder';
import { CONTENT_SCHEME, restoreStatementHints } from '../scaffold/scaffoldCommands';

export const MOCK_KEY = 'mlprep.mock';

/** What the mock needs from design sessions (src/features/designSession implements it). */
export type DesignLauncher = DesignSessions;

export interface Clock {
  now(): number;
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export class MockInterviewService implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('mlprep.mockInterview', vscode.StatusBarAlignment.Left, 60);
  private readonly changed = new vscode.EventEmitter<MockState | undefined>();
  readonly onDidChange = this.changed.event;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.status, this.changed];
  private readonly warnedDeadline = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
    private readonly runner: RunPipeline,
    private readonly design: DesignLauncher,
    /** Asked at the start: in Restricted Mode the coding round cannot be graded. */
    private readonly gate: Pick<TrustGate, 'trusted' | 'allow'> | undefined,
    /** Replaceable for tests (a fake clock). */
    public clock: Clock = { now: () => Date.now() },
  ) {
    this.status.name = 'MLPrep mock interview';
    this.status.command = Commands.mockInterviewMenu;
    this.disposables.push(
      runner.onDidFinish((o) => {
        const s = this.current();
        if (s?.phase === 'coding' && o.problem.id === s.codingId && o.summary.kind !== 'cancelled' && o.report) {
          void this.save(recordCodingRun(s, codingResultOf(o)));
          // Part 1 done early: the interviewer moves on to the follow-up (contract F).
          if (o.parts?.unlocked) {
            const f = o.problem.followUps[o.parts.unlocked - 2];
            this.lastFollowUp = { part: o.parts.unlocked, title: f?.title ?? '' };
            void vscode.window.showInformationMessage(`Mock interview: Part ${o.parts.unlocked} unlocked. The interviewer asks a follow-up: “${f?.title ?? ''}”. It is appended to the statement; the clock keeps running.`);
          }
        }
      }),
      design.onDidComplete((e) => {
        const s = this.current();
        const result: DesignResult = { sectionsCovered: e.covered, selfScores: e.scores, clarifying: e.clarifying };
        if (s?.phase === 'design' && e.promptId === s.designId) void this.finish(finishDesign(s, this.clock.now(), result));
      }),
      // The panel's Finish ends the round's time (its report and progress use that moment, not
      // the later "Record result"); Back to the board runs the clock again.
      design.onDidChangePhase((e) => {
        const s = this.current();
        if (s?.phase !== 'design' || e.promptId !== s.designId || (s.designSessionDir && s.designSessionDir !== e.sessionDir)) return;
        if (e.phase === 'assessing') void this.save(stopDesignClock(s, this.clock.now()));
        else if (e.phase === 'working') void this.save(resumeDesignClock(s));
      }),
    );
    this.render();
  }

  current(): MockState | undefined {
    return parseMockState(this.state.get(MOCK_KEY));
  }

  /** True while a mock runs: hints and reference solutions stay hidden. */
  hidesAssistance(): boolean {
    return mockHidesAssistance(this.current());
  }

  private async save(s: MockState | undefined): Promise<void> {
    await this.state.update(MOCK_KEY, s);
    this.changed.fire(s);
    this.render();
  }

  /**
   * Starts a mock: `level`, `track` and `seed` may be given (tests, palette arguments); otherwise
   * the user picks a level and, at L5-L6, a general or an LLM-focused role.
   */
  async start(arg?: { level?: MockLevel; seed?: string; track?: MockTrack }): Promise<MockState | undefined> {
    const other = this.busy();
    if (other) {
      void vscode.window.showWarningMessage(`MLPrep: ${other} Finish or abandon it first.`);
      return undefined;
    }
    const running = this.current();
    if (running && running.phase !== 'review') {
      const a = await vscode.window.showWarningMessage('A mock interview is already running.', { modal: true }, 'Resume It', 'Abandon and Start a New One');
      if (a === 'Resume It') return this.resume();
      if (a !== 'Abandon and Start a New One') return undefined;
      await this.save(undefined);
    }
    let level = arg?.level;
    let track: MockTrack = arg?.track ?? 'general';
    if (!level) {
      const general = LEVEL_IDS.map((id) => ({
        label: LEVELS[id].label,
        description: `${LEVELS[id].codingMinutes} min coding + ${LEVELS[id].designMinutes} min design`,
        detail: LEVELS[id].designRubric,
        id, track: 'general' as MockTrack,
      }));
      const llm = LLM_TRACK_LEVELS.map((id) => ({
        label: `${LEVELS[id].label}, LLM-focused role`,
        description: `${LEVELS[id].codingMinutes} min LLM internals coding + ${LEVELS[id].designMinutes} min GenAI design`,
        detail: 'Coding from “LLM & GenAI internals” (attention, KV cache, sampling, tokenisation…); design from the GenAI prompts.',
        id, track: 'llm' as MockTrack,
      }));
      const pick = await vscode.window.showQuickPick([
        { label: 'ML engineer', kind: vscode.QuickPickItemKind.Separator },
        ...general,
        { label: 'LLM / GenAI engineer', kind: vscode.QuickPickItemKind.Separator },
        ...llm,
      ], { placeHolder: 'Which level and role are you interviewing for?', matchOnDetail: true, ignoreFocusOut: true });
      if (pick && 'id' in pick) {
        level = pick.id;
        track = pick.track;
      }
    }
    if (!level || !isMockLevel(level)) return undefined;
    const catalog = await this.catalog.get();
    // A coding problem that needs a module the interpreter lacks (pandas…) cannot be graded: it is
    // left out when others remain (its own start would warn, with the clock already running).
    const lacking = await this.missingModules?.([...new Set(catalog.problems.flatMap((p) => p.requires))]);
    const all = [...gradableProblems(catalog.problems, lacking), ...catalog.designPrompts];
    const picked = pickMock({ level, track, problems: all.map(listed), progress: this.progress.get(), seed: arg?.seed ?? String(this.clock.now()) });
    if ('error' in picked) {
      void vscode.window.showErrorMessage(`MLPrep: ${picked.error}`);
      return undefined;
    }
    // Said before the clock starts, not when the coding round ends: the user may go on (design
    // round, self-review) or trust the workspace first.
    if (this.gate && !this.gate.trusted) {
      this.gate.allow('Grading the mock interview’s coding round (running its hidden tests)', { quiet: true });
      if (!(await this.startUntrusted())) return undefined;
    }
    const spec = LEVELS[level];
    if (!arg?.level) {
      const go = await vscode.window.showInformationMessage(
        `Mock interview, ${spec.label}${track === 'llm' ? ', LLM-focused role' : ''}: ${spec.codingMinutes} minutes of ${track === 'llm' ? 'LLM internals ' : ''}coding, then ${spec.designMinutes} minutes of ${track === 'llm' ? 'GenAI ' : ''}system design.`,
        { modal: true, detail: 'The problems are revealed when the clock starts. Hints and reference solutions stay hidden until the report. Finish the coding part from the status bar when you are done.' },
        'Start the Clock',
      );
      if (go !== 'Start the Clock') return undefined;
    }
    const s = startMock(picked, level, this.clock.now(), track);
    await this.save(s);
    await vscode.commands.executeCommand(Commands.startProblem, s.codingId);
    return s;
  }

  /** "Go to the current part": the coding problem, or the design round's own session (clock as saved). */
  async resume(): Promise<MockState | undefined> {
    const s = this.current();
    if (!s) return undefined;
    if (s.phase === 'coding') await vscode.commands.executeCommand(Commands.startProblem, s.codingId);
    else if (s.phase === 'design') {
      await closeCodingEditors(s.codingId);
      await this.openDesignRound(s);
    }
    return this.current();
  }

  /** Opens the design round's session (its own one when it has one) and remembers its folder. */
  private async openDesignRound(s: MockState): Promise<void> {
    const dir = await this.design.startForMock(s.designId, Math.round(s.designMs / 60_000), s.designSessionDir);
    const now = this.current();
    if (dir && dir !== s.designSessionDir && now?.phase === 'design' && now.startedAt === s.startedAt) await this.save({ ...now, designSessionDir: dir });
  }

  /**
   * Restricted Mode at the start: go on without tests, or not (Manage Workspace Trust opens the
   * trust editor and cancels). Replaceable for tests (the modal cannot be clicked there).
   */
  startUntrusted: () => Promise<boolean> = async () => {
    const go = 'Start Without Tests';
    const a = await vscode.window.showWarningMessage(
      'This workspace is in Restricted Mode: the hidden tests cannot run, so the mock’s coding round will not be graded.',
      { modal: true, detail: `MLPrep needs workspace trust because ${TRUST_REASON}. Trust the workspace to have your solution graded, or start anyway and review it yourself.` },
      MANAGE_TRUST, go,
    );
    if (a === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
    return a === go;
  };

  /** What else holds the clock (a full-loop mock), as a sentence; the mock does not start meanwhile. */
  busy: () => string | undefined = () => undefined;

  /** The modules of a list the interpreter lacks (set by the composition root; undefined: not known). */
  missingModules: ((modules: string[]) => Promise<string[] | undefined>) | undefined;

  /** Asks before a step that cannot be undone; replaceable for tests (the modal cannot be clicked there). */
  confirm: (message: string, detail: string, action: string) => Promise<boolean> = async (message, detail, action) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

  /**
   * Ends the coding round: confirms (unless the user already chose to, e.g. from "time is up"),
   * then one last run of what is in the editor (saved first) through the same pipeline as a save,
   * so the report has the real result; then the design round opens in the whole editor area.
   */
  async finishCodingPart(opts: { confirmed?: boolean } = {}): Promise<void> {
    let s = this.current();
    if (s?.phase !== 'coding') return;
    if (!opts.confirmed && !(await this.confirm('Finish the coding round?', 'Your solution will be saved and the hidden tests run.', 'Finish Coding Round'))) return;
    // The round ends when the candidate chose to end it, not when the last run is over.
    const endedAt = this.clock.now();
    const started = s.startedAt;
    const problem = await this.catalog.problem(s.codingId);
    const last = problem && await this.runner.request(problem, 'mock');
    s = this.current();
    if (s?.phase !== 'coding' || s.startedAt !== started) return; // abandoned or finished meanwhile
    if (last?.report && last.summary.kind !== 'cancelled') s = recordCodingRun(s, codingResultOf(last));
    const designRound = finishCoding(s, endedAt, s.coding ?? { passed: 0, total: 0 });
    await this.save(designRound);
    await closeCodingEditors(s.codingId);
    await this.openDesignRound(designRound);
  }

  private async finish(done: MockState): Promise<void> {
    const catalog = await this.catalog.get();
    const coding = catalog.problems.find((p) => p.id === done.codingId);
    const design = catalog.designPrompts.find((p) => p.id === done.designId);
    const reference = coding ? await readFileText(coding.files.solution) : undefined;
    const md = mockReportMarkdown(done, {
      codingTitle: coding?.title ?? done.codingId, designTitle: design?.title ?? done.designId, levelLabel: `${LEVELS[done.level].label}${done.track === 'llm' ? ', LLM-focused role' : ''}`, now: this.clock.now(),
      revealed: coding && { hints: coding.hints, reference },
    });
    const root = practiceRoot();
    await this.progress.recordMock(done.level, { passed: done.coding?.passed, total: done.coding?.total, score: designAverage(done.design) });
    await this.save(undefined);
    await this.restoreAssistance(done.codingId);
    if (!root) {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
      await vscode.window.showTextDocument(doc);
      return;
    }
    const stamp = new Date(done.startedAt).toISOString().slice(0, 16).replace(/[T:]/g, '-');
    const file = vscode.Uri.joinPath(root.uri, ...readSettings(root.uri).practiceFolder.split('/'), 'mock-interviews', `${stamp}-${done.level}.md`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, Buffer.from(md, 'utf8'));
    this.lastReport = file;
    await vscode.commands.executeCommand('markdown.showPreview', file);
    void vscode.window.showInformationMessage(`Mock interview finished. Report saved to ${vscode.workspace.asRelativePath(file)}.`);
  }

  /** The mock is over: the statement it wrote without hints gets them back. */
  private async restoreAssistance(codingId: string): Promise<void> {
    const problem = await this.catalog.problem(codingId);
    if (problem && (await restoreStatementHints(problem, this.progress))) this.lastRestored = codingId;
  }

  /** The problem whose statement got its hints back last (for tests). */
  lastRestored: string | undefined;
  /** The last follow-up the mock moved on to ("Part 2 unlocked"), for tests. */
  lastFollowUp: { part: number; title: string } | undefined;

  /** The last report written (for tests). */
  lastReport: vscode.Uri | undefined;

  /** The status-bar clock's text while shown (for tests). */
  get statusText(): string | undefined {
    return this.current() && this.current()?.phase !== 'review' ? this.status.text : undefined;
  }

  async menu(): Promise<void> {
    const s = this.current();
    if (!s) return void vscode.commands.executeCommand(Commands.startMockInterview);
    const items = [
      ...(s.phase === 'coding' ? [{ label: '$(arrow-right) Finish the coding part and start the design part', id: 'finish' }] : []),
      { label: '$(go-to-file) Go to the current part', id: 'resume' },
      { label: '$(close) Abandon the mock interview', id: 'abandon' },
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: `Mock interview ${LEVELS[s.level].label}: ${s.phase} part` });
    if (pick?.id === 'finish') await this.finishCodingPart();
    if (pick?.id === 'resume') await this.resume();
    if (pick?.id === 'abandon') {
      const ok = await vscode.window.showWarningMessage('Abandon the mock interview? No report is written.', { modal: true }, 'Abandon');
      if (ok === 'Abandon') {
        await this.save(undefined);
        await this.restoreAssistance(s.codingId);
      }
    }
  }

  /** Status-bar clock for the running part: time left, red and counting up once over. */
  private render(): void {
    const s = this.current();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    if (!s || s.phase === 'review') {
      this.status.hide();
      void vscode.commands.executeCommand('setContext', 'mlprep.mockRunning', false);
      return;
    }
    void vscode.commands.executeCommand('setContext', 'mlprep.mockRunning', true);
    if (s.phase === 'design' && s.designStoppedAt !== undefined) {
      // The board is finished: the clock stands still and says what comes next.
      const used = remaining(s, s.designStoppedAt).design;
      // Read as the report reads it (whole seconds, rounded down).
      this.status.text = `$(record) Mock ${s.level} · design done in ${formatClock(used.elapsedMs)} · score yourself`;
      this.status.backgroundColor = undefined;
      this.status.tooltip = `Mock interview ${LEVELS[s.level].label}: the design round's clock stopped at ${formatClock(used.elapsedMs)} of ${formatClock(used.allottedMs)}. Score each section in the design panel and record the result to get the report. Click for options.`;
      this.status.show();
      return;
    }
    const tick = () => {
      const part = s.phase === 'coding' ? 'coding' : 'design';
      const c = remaining(s, this.clock.now())[part];
      const over = c.overtimeMs > 0;
      this.status.text = `$(record) Mock ${s.level} · ${part} ${over ? `+${clock(c.overtimeMs)} over` : `${clock(c.remainingMs)} left`}`;
      this.status.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.errorBackground') : new vscode.ThemeColor('statusBarItem.warningBackground');
      this.status.tooltip = `Mock interview ${LEVELS[s.level].label}: ${part} part. Click for options.`;
      const deadline = partDeadline(s);
      const key = `${s.startedAt}:${part}`;
      if (deadline !== undefined && this.clock.now() >= deadline && !this.warnedDeadline.has(key)) {
        this.warnedDeadline.add(key);
        void vscode.window.showWarningMessage(`Time is up for the ${part} part of the mock interview.`, ...(part === 'coding' ? ['Start the Design Part'] : []))
          .then((a) => {
            if (a) void this.finishCodingPart({ confirmed: true });
          });
      }
    };
    tick();
    this.status.show();
    this.ticker = setInterval(tick, 1000);
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.disposables.forEach((d) => d.dispose());
  }
}

export function registerMockCommands(mock: MockInterviewService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.startMockInterview, (arg?: { level?: MockLevel; seed?: string; track?: MockTrack }) => mock.start(arg)),
    vscode.commands.registerCommand(Commands.mockInterviewMenu, () => mock.menu()),
    vscode.commands.registerCommand(Commands.finishMockCoding, () => mock.finishCodingPart()),
  ];
}

async function readFileText(file: string): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The coding round is over: its editors (solution, statement, examples) close and the editor
 * groups join into one, so the design round's whiteboard gets the whole editor area. The solution
 * was saved before; other files' tabs stay (in the one group).
 */
/**
 * The coding round's result from a run: all tests of the parts that ran, and for a problem with
 * follow-ups the furthest part reached with that part's own tests ("reached part 2 of 3").
 */
export function codingResultOf(o: RunOutcome): CodingResult {
  const result: CodingResult = { passed: o.summary.passed, total: o.summary.total };
  if (o.parts && o.parts.count > 1) {
    const part = o.parts.unlocked ?? o.parts.run;
    // A run of part 1 alone has no per-part summaries: its tests are the run's.
    const own = o.report?.partSummaries?.find((p) => p.part === part) ?? (part === o.parts.run && !o.report?.partSummaries?.length ? o.summary : undefined);
    // A part unlocked by this very run has not been run yet: 0 of its tests.
    result.reached = { part, of: o.parts.count, passed: own?.passed ?? 0, total: own?.total ?? 0 };
  }
  return result;
}

export async function closeCodingEditors(codingId: string): Promise<void> {
  const dir = problemDirUri(codingId)?.toString();
  const statement = vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/statement/${codingId}.md` }).toString();
  const ours = (uri: vscode.Uri) => uri.toString() === statement || (dir !== undefined && uri.toString().startsWith(`${dir}/`));
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const input = t.input;
    return (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) && ours(input.uri) && !t.isDirty;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  if (vscode.window.tabGroups.all.length > 1) await vscode.commands.executeCommand('workbench.action.joinAllGroups');
}
