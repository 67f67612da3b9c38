// The full-loop mock: a company style and a level give four timed rounds back to back (coding,
// ML fundamentals, ML system design, behavioural) with a break offered between them, then a
// hiring-committee report saved in the practice folder. The loop's state lives in globalState (as
// the mock interview's does), so a reload resumes it; a lease in that state (window id, process,
// last seen) lets one window drive it while others show that it runs elsewhere. One clock is shown:
// the loop's, in the status bar (a round's or a break's).
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { processAlive } from '../../adapters/progressLog';
import { readSettings } from '../../adapters/settings';
import type { ProgressStore } from '../../adapters/progressStore';
import { formatClock } from '../../core/design/timer';
import {
  answerLoopQuestion, buildLoop, chooseLoopStory, chosenStory, COMPANIES, COMPANY_IDS, currentCard, currentQuestion, currentRound, finishLoopRound, isCompanyId,
  leaseHolder, levelExpectations, LOOP_LEVELS, loopClock, loopOverview, loopDeadline, loopHidesAssistance, parseLoopState, rateLoopCard, recordLoopCoding, recordLoopDesign,
  startLoop, startNextRound, type CompanyId, type LoopState, type RoundPlan,
} from '../../core/loop/fullLoop';
import { loopReportMarkdown } from '../../core/loop/loopReport';
import { designAverage, isMockLevel, LEVEL_IDS, LEVELS, type MockLevel } from '../../core/plan/mockInterview';
import { checkStory } from '../../core/stories/checkStory';
import type { BehaviouralQuestion } from '../../core/stories/types';
import { RATINGS } from '../../core/theory/schedule';
import { deckCards } from '../../core/theory/types';
import type { TrustGate } from '../../services/trustGate';
import type { CatalogService } from '../catalogService';
import type { DesignSessions } from '../designSession';
import { closeCodingEditors, codingResultOf, type Clock } from '../mock/mockInterview';
import type { RunPipeline } from '../runner/runPipeline';
import { exists, practiceRoot } from '../scaffold/practiceFolder';
import { restoreStatementHints } from '../scaffold/scaffoldCommands';
import type { StoryFile, StoryService } from '../stories/storyService';
import type { CardRound } from '../theory/cardPanel';
import type { TheoryService } from '../theory/theoryService';
import { listed } from '../tree/problemTree';

export const LOOP_KEY = 'mlprep.fullLoop';
/** workspaceState: the start time of the loop this workspace's window drove last. */
const DROVE_KEY = 'mlprep.fullLoop.drove';
/** How often the driving window renews its lease (LEASE_MS in the core says when it lapses). */
const HEARTBEAT_MS = 5_000;
/** The checker's rules that a behavioural interviewer would mark down (the report names them). */
const CONTENT_RULES = new Set(['we-not-i', 'no-numbers', 'missing-part', 'too-long', 'no-decision']);

/** Where the fundamentals round's cards are shown (the theory card panel, src/features/theory). */
export interface LoopCardsUi {
  openRound(round: CardRound): Promise<void>;
  closeRound(round: CardRound): void;
}

export interface FullLoopDeps {
  /** globalState: the loop follows the user to any window, as the mock interview does. */
  state: vscode.Memento;
  /** workspaceState: which loop this workspace's window drove last, so a reload picks it up again (and other windows do not). */
  workspaceState: vscode.Memento;
  catalog: CatalogService;
  progress: ProgressStore;
  runner: RunPipeline;
  design: DesignSessions;
  theory: TheoryService;
  stories: StoryService;
  cards: () => LoopCardsUi;
  log: vscode.LogOutputChannel;
  /** Asked at the start: in Restricted Mode the coding round cannot be graded. */
  gate?: Pick<TrustGate, 'trusted' | 'allow'>;
  /** A mock interview is running: no loop starts meanwhile (one clock). */
  mockRunning: () => boolean;
}

export interface StartLoopArgs {
  company?: CompanyId;
  level?: MockLevel;
  seed?: string;
}

const mmss = (ms: number) => formatClock(ms);
/** The loop as compared between ticks: without the lease, whose heartbeat changes every few seconds. */
const seenKey = (s: LoopState | undefined) => JSON.stringify(s ? { ...s, driver: undefined } : null);

export class FullLoopService implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('mlprep.fullLoop', vscode.StatusBarAlignment.Left, 60);
  private readonly changed = new vscode.EventEmitter<LoopState | undefined>();
  /** The loop started, moved on, or ended (in this window or another). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.status, this.changed];
  private readonly ticker: ReturnType<typeof setInterval>;
  private readonly warned = new Set<string>();
  private lastSeen = '';
  private lastContext: boolean | undefined;
  private lastHover = '';
  private lastHeartbeat = 0;
  /** Stories the behavioural round opened beside, closed when it ends. */
  private readonly openedStories = new Set<string>();
  /** This window's id in the lease (a reload is a new extension host, so a new id; tests play another window by changing it). */
  windowId: string = randomUUID();
  /** Replaceable for tests (a fake clock for the rounds; the lease keeps real time). */
  clock: Clock = { now: () => Date.now() };
  /** The last report written (for tests). */
  lastReport: vscode.Uri | undefined;

  /** The fundamentals round as the card panel sees it. */
  readonly cardRound: CardRound = {
    current: () => {
      const s = this.current();
      if (!s || this.holder(s) !== 'mine') return undefined;
      const c = currentCard(s);
      const round = currentRound(s);
      return c && round ? { ...c, title: round.title, startedAt: s.itemStartedAt ?? s.times[s.index].startedAt ?? s.startedAt } : undefined;
    },
    rated: async (cardId, r) => {
      const s = this.current();
      if (!s || this.holder(s) !== 'mine') return;
      const card = await this.deps.theory.card(cardId);
      const next = rateLoopCard(s, { cardId, of: card?.keyPoints.length ?? 0, points: r.points, rating: r.rating, secs: Math.round(r.secs) }, this.clock.now());
      if (next === s) return;
      await this.save(next);
      if (!currentCard(next)) {
        this.deps.cards().closeRound(this.cardRound);
        await this.endRound(next);
      }
    },
  };

  constructor(private readonly deps: FullLoopDeps) {
    this.status.name = 'MLPrep full-loop mock';
    this.status.command = Commands.fullLoopMenu;
    this.disposables.push(
      deps.runner.onDidFinish((o) => {
        const s = this.current();
        const round = s && currentRound(s);
        // The run Finish asks for is recorded by finishRound itself: recording it here too raced with
        // the round's end (this save could land after it and put the loop back in the round).
        if (this.finishing) return;
        if (s?.phase === 'round' && round?.kind === 'coding' && o.problem.id === round.problemId && this.holder(s) === 'mine' && o.summary.kind !== 'cancelled' && o.report) {
          void this.save(recordLoopCoding(s, codingResultOf(o)));
        }
      }),
      deps.design.onDidComplete((e) => {
        const s = this.current();
        const round = s && currentRound(s);
        if (s?.phase !== 'round' || round?.kind !== 'design' || e.promptId !== round.promptId || this.holder(s) !== 'mine') return;
        const at = this.stoppedAt(s);
        void this.save(recordLoopDesign(s, { sessionDir: e.sessionDir, design: { sectionsCovered: e.covered, selfScores: e.scores, clarifying: e.clarifying } }))
          .then((next) => this.endRound(next, at));
      }),
      // The design round's time ends at the panel's Finish, not at "Record result" (as in the mock
      // interview); Back to the board runs it again. Kept in the loop's state, so a reload keeps it.
      deps.design.onDidChangePhase((e) => {
        const s = this.current();
        const round = s && currentRound(s);
        if (s?.phase !== 'round' || round?.kind !== 'design' || e.promptId !== round.promptId || this.holder(s) !== 'mine') return;
        if (e.phase === 'assessing' && this.stoppedAt(s) === undefined) void this.save({ ...s, stopped: { index: s.index, at: this.clock.now() } });
        else if (e.phase === 'working' && s.stopped) void this.save({ ...s, stopped: undefined });
        else this.tick();
      }),
    );
    this.ticker = setInterval(() => this.tick(), 1000);
    this.tick();
  }

  current(): LoopState | undefined {
    return parseLoopState(this.deps.state.get(LOOP_KEY));
  }

  /** The status-bar clock's text while shown (for tests). */
  get statusText(): string | undefined {
    return this.current() ? this.status.text : undefined;
  }

  /** The end of the running round when it already stopped (the design board's Finish), else undefined. */
  private stoppedAt(s: LoopState): number | undefined {
    return s.stopped?.index === s.index && s.phase === 'round' ? s.stopped.at : undefined;
  }

  /** The behavioural question whose story has been chosen and whose answer is awaited (for tests). */
  get pendingAnswer(): string | undefined {
    const s = this.current();
    return s && chosenStory(s)?.questionId;
  }

  /** True while a loop runs (in any window): hints and reference solutions stay hidden. */
  hidesAssistance(): boolean {
    return loopHidesAssistance(this.current());
  }

  /** The running loop's coding problem: its own problem clock hides (one clock). */
  codingProblem(): string | undefined {
    const s = this.current();
    if (!s || s.phase === 'done') return undefined;
    return s.plan.rounds.find((r): r is Extract<RoundPlan, { kind: 'coding' }> => r.kind === 'coding')?.problemId;
  }

  /** Who drives `s`, as this window sees it. */
  holder(s: LoopState): 'mine' | 'other' | 'free' {
    return leaseHolder(s, this.windowId, Date.now(), (d) => processAlive(d.host, d.pid));
  }

  private me() {
    return { id: this.windowId, pid: process.pid, host: os.hostname(), seenAt: Date.now() };
  }

  /** Stores `s` (undefined: no loop) with this window as its driver; returns what was stored. */
  private async save(s: LoopState | undefined): Promise<LoopState> {
    const stored = s && { ...s, driver: this.me() };
    await this.deps.state.update(LOOP_KEY, stored);
    if (stored && this.deps.workspaceState.get(DROVE_KEY) !== stored.startedAt) await this.deps.workspaceState.update(DROVE_KEY, stored.startedAt);
    this.lastHeartbeat = Date.now();
    this.lastSeen = seenKey(stored);
    this.changed.fire(stored);
    this.tick();
    return stored as LoopState;
  }

  /**
   * The loop, once this window drives it: taken when free (its window is gone or went quiet);
   * when another live window drives it, the user may take it over. Undefined: no loop, or not ours.
   */
  private async owned(): Promise<LoopState | undefined> {
    const s = this.current();
    if (!s || s.phase === 'done') return undefined;
    const h = this.holder(s);
    if (h === 'mine') return s;
    if (h === 'free') return this.save(s);
    const take = 'Take Over Here';
    const a = await this.confirm('This full-loop mock is running in another window.', 'One window runs a loop at a time. Take it over here? The other window stops driving it.', take);
    return a ? this.save(this.current() ?? s) : undefined;
  }

  /** Asks before a step that cannot be undone; replaceable for tests (a modal cannot be clicked there). */
  confirm: (message: string, detail: string, action: string) => Promise<boolean> = async (message, detail, action) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

  /** After a round: take the break or go straight on (undefined: decide later from the status bar). Replaceable for tests. */
  offerBreak: (done: RoundPlan, next: RoundPlan, minutes: number) => Promise<'take' | 'skip' | undefined> = async (done, next, minutes) => {
    const take = `Take ${minutes} Minutes`;
    const skip = `Skip: Start ${next.title}`;
    const a = await vscode.window.showInformationMessage(`${done.title} is over. Take a break before ${next.title}?`, take, skip);
    return a === take ? 'take' : a === skip ? 'skip' : undefined;
  };

  /** The coding round runs but its problem did not open; offers to open it (replaceable for tests). */
  notOpened: (round: Extract<RoundPlan, { kind: 'coding' }>) => Promise<void> = async (round) => {
    const open = 'Open the Problem';
    const title = (await this.deps.catalog.problem(round.problemId))?.title ?? round.problemId;
    const a = await vscode.window.showWarningMessage(`MLPrep: the ${round.title.toLowerCase()} round is on the clock, but its problem (“${title}”) is not open. Open it now, or later from the loop's status-bar menu (Go to the current round).`, open);
    if (a === open) await this.resume();
  };

  /** The story for a behavioural question: a story file, null to answer without one, undefined when dismissed. Replaceable for tests. */
  pickStory: (q: BehaviouralQuestion, stories: StoryFile[], where: string) => Promise<StoryFile | null | undefined> = async (q, stories, where) => {
    const tagged = stories.filter((s) => s.summary.competencies.includes(q.competency));
    const others = stories.filter((s) => !tagged.includes(s));
    type Item = vscode.QuickPickItem & { story?: StoryFile | null };
    const row = (s: StoryFile): Item => ({ label: `$(book) ${s.summary.title}`, description: s.summary.competencies.join(', '), detail: s.summary.path, story: s });
    const items: Item[] = [
      ...(tagged.length ? [{ label: 'Tagged with this competency', kind: vscode.QuickPickItemKind.Separator } as Item, ...tagged.map(row)] : []),
      ...(others.length ? [{ label: 'Other stories', kind: vscode.QuickPickItemKind.Separator } as Item, ...others.map(row)] : []),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(mic) Answer without a story', story: null },
    ];
    // The question in full before the choice: in the title and in a notification (which wraps; the
    // placeholder and the title are cut to one line).
    void vscode.window.showInformationMessage(`${where}: “${q.question}”`);
    const choice = await vscode.window.showQuickPick(items, { title: `${where}: “${q.question}”`, placeHolder: 'Pick the story you will tell', ignoreFocusOut: true, matchOnDescription: true });
    return choice ? choice.story ?? null : undefined;
  };

  /** The self-rating of a behavioural answer; replaceable for tests. */
  rateAnswer: (q: BehaviouralQuestion, secs: number) => Promise<1 | 2 | 3 | 4 | undefined> = async (q, secs) => {
    const hints: Record<number, string> = { 1: 'lost the thread, no result', 2: 'got there, with gaps', 3: 'clear STAR, my part, numbers', 4: 'crisp, a decision and its reasoning, measured outcome' };
    const choice = await vscode.window.showQuickPick(RATINGS.map((r) => ({ label: `${r.key}. ${r.label}`, description: hints[r.rating], rating: r.rating })), {
      title: `How did the answer go? (${mmss(secs * 1000)} spoken)`, placeHolder: q.question, ignoreFocusOut: true,
    });
    return choice?.rating;
  };

  /**
   * Starts a loop: `company`, `level` and `seed` may be given (tests, palette arguments); otherwise
   * the user picks a company style and a level, and confirms.
   */
  async start(arg: StartLoopArgs = {}): Promise<LoopState | undefined> {
    if (this.deps.mockRunning()) {
      void vscode.window.showWarningMessage('MLPrep: a mock interview is running. Finish or abandon it before a full loop.');
      return undefined;
    }
    const running = this.current();
    if (running && running.phase !== 'done') {
      const elsewhere = this.holder(running) === 'other';
      const go = await vscode.window.showWarningMessage(
        elsewhere ? 'A full-loop mock is running in another window.' : 'A full-loop mock is already running.', { modal: true },
        'Go to It', 'Abandon and Start a New One',
      );
      if (go === 'Go to It') return this.resume();
      if (go !== 'Abandon and Start a New One') return undefined;
      await this.abandon(running);
    }
    const company = arg.company ?? (await this.pickCompany());
    if (!company) return undefined;
    const level = arg.level ?? (await this.pickLevel(company));
    if (!level) return undefined;
    const catalog = await this.deps.catalog.get();
    const [deck, bank] = await Promise.all([this.deps.theory.deck(), this.deps.stories.bank()]);
    const plan = buildLoop({
      company, level, problems: [...catalog.problems, ...catalog.designPrompts].map(listed), cards: deckCards(deck),
      bank, progress: this.deps.progress.get(), seed: arg.seed ?? String(this.clock.now()),
    });
    if ('error' in plan) {
      void vscode.window.showErrorMessage(`MLPrep: ${plan.error}`);
      return undefined;
    }
    const untrusted = this.deps.gate && !this.deps.gate.trusted;
    if (untrusted) this.deps.gate!.allow('Grading the full-loop mock’s coding round (running its hidden tests)', { quiet: true });
    if (!arg.company || !arg.level) {
      const rounds = plan.rounds.map((r) => `${r.title} (${r.minutes} min)`).join(' → ');
      const ok = await this.confirm(
        `Full-loop mock, ${COMPANIES[company].label} ${LEVELS[level].label}: ${rounds}.`,
        `A break of up to ${plan.breakMinutes} minutes between rounds, which you may skip. The problem, prompt, cards and questions are revealed as each round starts; hints and reference solutions stay hidden until the report.${untrusted ? ' This workspace is in Restricted Mode: the coding round will not be graded.' : ''}`,
        'Start the Loop',
      );
      if (!ok) return undefined;
    }
    const s = await this.save(startLoop(plan, this.clock.now()));
    this.deps.log.info(`full loop: started ${company} ${level}: ${plan.rounds.map((r) => r.kind).join(', ')}`);
    await this.enterRound(s);
    return this.current();
  }

  private async pickCompany(): Promise<CompanyId | undefined> {
    const items = COMPANY_IDS.map((id) => {
      const c = COMPANIES[id];
      return { label: c.label, description: c.summary, detail: c.order.map((k) => c.titles[k] ?? { coding: 'Coding', fundamentals: 'ML fundamentals', design: 'ML system design', behavioural: 'Behavioural' }[k]).join(' → '), id };
    });
    const pick = await vscode.window.showQuickPick(items, { title: 'Full-loop mock (1/2)', placeHolder: 'Which company style? (a style drawn from public interview guides)', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
    return pick && isCompanyId(pick.id) ? pick.id : undefined;
  }

  private async pickLevel(company: CompanyId): Promise<MockLevel | undefined> {
    const c = COMPANIES[company];
    const items = LEVEL_IDS.map((id) => {
      const l = LEVELS[id];
      const x = LOOP_LEVELS[id];
      const cards = Math.max(3, x.cards + c.extraCards);
      return {
        label: l.label, id,
        description: `${c.codingMinutes ?? l.codingMinutes} min coding · ${cards} cards · ${l.designMinutes} min design · ${x.questions + c.extraQuestions} questions`,
        detail: levelExpectations(id),
      };
    });
    const pick = await vscode.window.showQuickPick(items, { title: `Full-loop mock (2/2): ${c.label}`, placeHolder: 'Which level are you interviewing for?', matchOnDetail: true, ignoreFocusOut: true });
    return pick && isMockLevel(pick.id) ? pick.id : undefined;
  }

  /** Opens what the current round needs: the coding problem, the card panel, the design session, the next question. */
  private async enterRound(s: LoopState): Promise<void> {
    const round = currentRound(s);
    if (s.phase !== 'round' || !round) return;
    switch (round.kind) {
      case 'coding': {
        await vscode.commands.executeCommand(Commands.startProblem, round.problemId);
        // Starting can stop short (the NumPy/PyTorch choice dismissed) while the round's clock runs: say so, with the way back.
        const root = practiceRoot();
        const file = root && vscode.Uri.joinPath(root.uri, ...readSettings(root.uri).practiceFolder.split('/'), round.problemId, 'solution.py');
        const now = this.current();
        if (file && !(await exists(file)) && now?.phase === 'round' && now.index === s.index && now.startedAt === s.startedAt) void this.notOpened(round);
        return;
      }
      case 'fundamentals':
        await this.deps.cards().openRound(this.cardRound);
        return;
      case 'design': {
        const r = s.results[s.index];
        const dir = await this.deps.design.startForMock(round.promptId, round.minutes, r.kind === 'design' ? r.sessionDir : undefined);
        const now = this.current();
        if (dir && now && now.index === s.index && now.startedAt === s.startedAt) await this.save(recordLoopDesign(now, { sessionDir: dir }));
        return;
      }
      case 'behavioural':
        void this.askQuestion();
    }
  }

  /** "Go to the current round": reopens what it needs (taking the loop over when another window had it). */
  async resume(): Promise<LoopState | undefined> {
    const s = await this.owned();
    if (!s) return this.current();
    if (s.phase === 'round') await this.enterRound(s);
    else if (s.phase === 'break') void this.promptBreak(s);
    return this.current();
  }

  /** Asks the behavioural question on now: the story to tell, then the answer aloud, then a rating. */
  async askQuestion(): Promise<void> {
    const s = await this.owned();
    const q = s && currentQuestion(s);
    if (!s || !q) return;
    const bank = await this.deps.stories.bank();
    const question = bank.questions.find((x) => x.id === q.pick.questionId);
    if (!question) {
      // Gone from the bank (a pack changed): skipped, with no rating.
      const next = answerLoopQuestion(s, { questionId: q.pick.questionId, findings: [], secs: 0 }, this.clock.now());
      await this.save(next);
      return currentQuestion(next) ? this.askQuestion() : this.endRound(next);
    }
    const where = `${currentRound(s)?.title}: question ${q.index + 1} of ${q.of}${q.pick.value ? ` (${q.pick.value})` : ''}`;
    // The story is asked once per question: the choice is kept in the loop's state, so a reload
    // mid-question asks only for the rating.
    if (!chosenStory(s)) {
      const story = await this.pickStory(question, await this.deps.stories.stories(), where);
      if (story === undefined) return; // dismissed: the status bar menu asks again
      const latest = this.current();
      if (!latest || currentQuestion(latest)?.pick.questionId !== question.id) return; // answered meanwhile
      await this.save(chooseLoopStory(latest, question.id, story ? story.summary.path : undefined));
      if (story) {
        this.openedStories.add(story.uri.toString());
        await vscode.window.showTextDocument(story.uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      }
    } else {
      const story = await this.chosenStoryFile(s);
      if (story) this.openedStories.add(story.uri.toString());
    }
    const rate = 'Done, Rate It';
    void vscode.window.showInformationMessage(`${where}: “${question.question}” Answer aloud (2-3 minutes), then rate it.`, rate).then((a) => {
      if (a === rate) void this.answerQuestion();
    });
  }

  /**
   * Records the answer to the question on now: its self-rating (asked unless given), the story told
   * and the checker's findings on it; the rating is scheduled with FSRS like a rehearsal. Then the
   * next question, or the round ends.
   */
  async answerQuestion(rating?: 1 | 2 | 3 | 4): Promise<void> {
    const s = await this.owned();
    const q = s && currentQuestion(s);
    if (!s || !q) return;
    const bank = await this.deps.stories.bank();
    const question = bank.questions.find((x) => x.id === q.pick.questionId);
    const secs = Math.max(0, Math.round((this.clock.now() - (s.itemStartedAt ?? this.clock.now())) / 1000));
    rating ??= question && (await this.rateAnswer(question, secs));
    if (!rating) return;
    const storyPath = chosenStory(this.current() ?? s)?.story;
    const storyFile = storyPath !== undefined ? await this.chosenStoryFile(this.current() ?? s) : undefined;
    const findings = storyFile ? await this.storyFindings(storyFile.uri) : [];
    const latest = this.current();
    if (!latest || currentQuestion(latest)?.pick.questionId !== q.pick.questionId) return; // answered meanwhile
    await this.deps.progress.recordReview(q.pick.questionId, { rating, points: [], secs });
    const next = answerLoopQuestion(latest, {
      questionId: q.pick.questionId, findings, rating, secs,
      ...(storyPath !== undefined ? { story: storyPath } : {}), ...(storyFile ? { storyCompetencies: [...storyFile.summary.competencies] } : {}),
    }, this.clock.now());
    await this.save(next);
    if (question) this.debrief(question);
    if (currentQuestion(next)) void this.askQuestion();
    else await this.endRound(next);
  }

  /** After the answer is rated (never before): what the interviewer listens for. Replaceable for tests. */
  debrief: (q: BehaviouralQuestion) => void = (q) => {
    if (q.listenFor.length) void vscode.window.showInformationMessage(`The interviewer listened for: ${q.listenFor.join('; ')}.`);
  };

  /** The story file chosen for the question on now (found among the workspace's stories by path), if any. */
  private async chosenStoryFile(s: LoopState): Promise<StoryFile | undefined> {
    const rel = chosenStory(s)?.story;
    if (rel === undefined) return undefined;
    return (await this.deps.stories.stories()).find((f) => f.summary.path === rel);
  }

  private async storyFindings(uri: vscode.Uri): Promise<string[]> {
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const bank = await this.deps.stories.bank();
      return [...new Set(checkStory(text, { competencies: new Set(bank.competencies.map((c) => c.id)) }).map((f) => f.rule).filter((r) => CONTENT_RULES.has(r)))];
    } catch {
      return [];
    }
  }

  /**
   * Ends the running round (confirming first unless `confirmed`): the coding round saves and runs
   * the hidden tests once more, as the mock's does; unanswered cards and questions count as not reached.
   */
  async finishRound(opts: { confirmed?: boolean } = {}): Promise<void> {
    let s = await this.owned();
    const round = s && currentRound(s);
    if (!s || s.phase !== 'round' || !round) return;
    const left = (n: number, what: string) => (n > 0 ? ` ${n} ${what}${n === 1 ? '' : 's'} not reached count as missed.` : '');
    const detail = {
      coding: 'Your solution will be saved and the hidden tests run.',
      fundamentals: `${left((round.kind === 'fundamentals' ? round.cardIds.length : 0) - (currentCard(s)?.index ?? 0), 'card')}`.trim() || 'All cards are rated.',
      design: 'The design round ends without your self-assessment (finish it in the panel to have it scored).',
      behavioural: `${left((round.kind === 'behavioural' ? round.questions.length : 0) - (currentQuestion(s)?.index ?? 0), 'question')}`.trim() || 'All questions are answered.',
    }[round.kind];
    if (!opts.confirmed && !(await this.confirm(`Finish “${round.title}”?`, detail, 'Finish the Round'))) return;
    // The round ends when the candidate chose to end it (or finished the design board), not
    // after the last hidden-test run.
    const endedAt = this.stoppedAt(s) ?? this.clock.now();
    const key = `${s.startedAt}:${s.index}`;
    if (round.kind === 'coding') {
      this.finishing = true;
      try {
        const problem = await this.deps.catalog.problem(round.problemId);
        const last = problem && (await this.deps.runner.request(problem, 'mock'));
        s = this.current();
        if (!s || `${s.startedAt}:${s.index}` !== key || s.phase !== 'round') return; // moved on meanwhile
        if (last?.report && last.summary.kind !== 'cancelled') s = recordLoopCoding(s, codingResultOf(last));
        await closeCodingEditors(round.problemId);
        await this.endRound(s, endedAt);
      } finally {
        this.finishing = false;
      }
      return;
    }
    if (round.kind === 'fundamentals') this.deps.cards().closeRound(this.cardRound);
    await this.endRound(s, endedAt);
  }

  /** True while finishRound runs and records the coding round's last run (the runner's event then records nothing). */
  private finishing = false;

  /** The round is over: the report after the last one, else the break starts and the user may skip it. */
  private async endRound(s: LoopState, at = this.clock.now()): Promise<void> {
    if (currentRound(s)?.kind === 'behavioural') await this.closeStories();
    const ended = await this.save(finishLoopRound(s, at));
    if (ended.phase === 'done') return this.finish(ended);
    void this.promptBreak(ended);
  }

  private async promptBreak(s: LoopState): Promise<void> {
    const done = s.plan.rounds[s.index];
    const next = s.plan.rounds[s.index + 1];
    if (!done || !next) return;
    const a = await this.offerBreak(done, next, s.plan.breakMinutes);
    const now = this.current();
    if (a === 'skip' && now?.phase === 'break' && now.index === s.index && now.startedAt === s.startedAt) await this.startNext(true);
  }

  /** Ends the break (skipped: straight on) and starts the next round. */
  async startNext(skipped = false): Promise<void> {
    const s = await this.owned();
    if (s?.phase !== 'break') return;
    const next = await this.save(startNextRound(s, this.clock.now(), skipped));
    await this.enterRound(next);
  }

  private async finish(done: LoopState): Promise<void> {
    const catalog = await this.deps.catalog.get();
    const deck = await this.deps.theory.deck();
    const bank = await this.deps.stories.bank();
    const root = practiceRoot();
    const practice = root && vscode.Uri.joinPath(root.uri, ...readSettings(root.uri).practiceFolder.split('/'));
    const reportDir = practice && vscode.Uri.joinPath(practice, 'mock-interviews');
    const rel = (target: string) => (reportDir ? path.relative(reportDir.fsPath, target).split(path.sep).join('/') : target);
    const names = done.plan.rounds.map((r, i) => {
      if (r.kind === 'coding') return { title: catalog.problems.find((p) => p.id === r.problemId)?.title ?? r.problemId, ...(practice ? { link: rel(path.join(practice.fsPath, r.problemId, 'solution.py')) } : {}) };
      if (r.kind === 'design') {
        const res = done.results[i];
        const dir = res.kind === 'design' ? res.sessionDir : undefined;
        return { title: catalog.designPrompts.find((p) => p.id === r.promptId)?.title ?? r.promptId, ...(dir ? { link: rel(path.join(dir, 'notes.md')) } : {}) };
      }
      return {};
    });
    const cards = Object.fromEntries(deckCards(deck).map((c) => [c.id, { question: c.question, keyPoints: c.keyPoints }]));
    const questions = Object.fromEntries(bank.questions.map((q) => [q.id, { question: q.question, competency: q.competency }]));
    // A value question is on topic for any competency of the value's questions (the style's value set).
    const valueSet = bank.valueSets.find((v) => v.id === COMPANIES[done.plan.company].valueSet);
    const competencyOf = new Map(bank.questions.map((q) => [q.id, q.competency]));
    const valueCompetencies = Object.fromEntries((valueSet?.values ?? []).map((v) => [v.name, [...new Set(v.questions.map((id) => competencyOf.get(id)).filter((c): c is string => !!c))]]));
    const competencyTitles = Object.fromEntries(bank.competencies.map((c) => [c.id, c.title]));
    const workspaceRoot = root?.uri.fsPath;
    const md = loopReportMarkdown(done, {
      names, cards, questions, competencyTitles, valueCompetencies, now: this.clock.now(),
      storyLink: (p) => (workspaceRoot ? rel(path.join(workspaceRoot, p)) : p),
    });
    const coding = done.results.find((r) => r.kind === 'coding');
    const design = done.results.find((r) => r.kind === 'design');
    await this.deps.progress.recordMock(`loop-${done.plan.company}-${done.plan.level}`, {
      passed: coding?.kind === 'coding' ? coding.coding?.passed : undefined, total: coding?.kind === 'coding' ? coding.coding?.total : undefined,
      score: design?.kind === 'design' ? designAverage(design.design) : undefined,
    });
    await this.save(undefined);
    await this.restoreHints(done);
    this.deps.log.info(`full loop: finished ${done.plan.company} ${done.plan.level}`);
    if (!reportDir) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: md }));
      return;
    }
    const stamp = new Date(done.startedAt).toISOString().slice(0, 16).replace(/[T:]/g, '-');
    const file = vscode.Uri.joinPath(reportDir, `${stamp}-loop-${done.plan.company}-${done.plan.level}.md`);
    await vscode.workspace.fs.createDirectory(reportDir);
    await vscode.workspace.fs.writeFile(file, Buffer.from(md, 'utf8'));
    this.lastReport = file;
    await vscode.commands.executeCommand('markdown.showPreview', file);
    void vscode.window.showInformationMessage(`Full-loop mock finished. The committee’s report is in ${vscode.workspace.asRelativePath(file)}.`);
  }

  /** Closes the stories the behavioural round opened (unless edited), so the next view gets the editor area. */
  private async closeStories(): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && this.openedStories.has(t.input.uri.toString()) && !t.isDirty);
    this.openedStories.clear();
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  private async restoreHints(s: LoopState): Promise<void> {
    for (const r of s.plan.rounds) {
      if (r.kind !== 'coding') continue;
      const problem = await this.deps.catalog.problem(r.problemId);
      if (problem) await restoreStatementHints(problem, this.deps.progress);
    }
  }

  /** Ends the loop without a report (the menu confirms first). */
  async abandon(s: LoopState): Promise<void> {
    this.deps.cards().closeRound(this.cardRound);
    await this.save(undefined);
    await this.restoreHints(s);
    // Abandoned during coding: the round's problem closes as finishing it would (unsaved editors stay).
    const round = currentRound(s);
    if (s.phase === 'round' && round?.kind === 'coding') await closeCodingEditors(round.problemId);
  }

  /** The status-bar menu: finish the round, go to it, start the next round, take over, abandon. */
  async menu(): Promise<void> {
    const s = this.current();
    if (!s || s.phase === 'done') return void vscode.commands.executeCommand(Commands.startFullLoop);
    const round = currentRound(s);
    const next = s.plan.rounds[s.index + 1];
    const elsewhere = this.holder(s) !== 'mine';
    const items = [
      ...(elsewhere ? [{ label: '$(arrow-swap) Take the loop over in this window', id: 'resume' }] : []),
      ...(!elsewhere && s.phase === 'round' && round?.kind === 'behavioural'
        ? [chosenStory(s) ? { label: '$(pass) Rate this answer and go on', id: 'answer' } : { label: '$(comment-discussion) Answer the question', id: 'ask' }] : []),
      ...(!elsewhere && s.phase === 'round' ? [{ label: `$(arrow-right) Finish “${round?.title}”`, id: 'finish' }] : []),
      ...(!elsewhere && s.phase === 'break' && next ? [{ label: `$(play) Start “${next.title}” now`, id: 'next' }] : []),
      ...(!elsewhere ? [{ label: '$(go-to-file) Go to the current round', id: 'resume' }] : []),
      { label: '$(close) Abandon the loop (no report)', id: 'abandon' },
    ];
    const steps = s.plan.rounds.map((r, i) => `${i < s.index ? '✓' : i === s.index ? '▶' : '·'} ${r.title}`).join('  ');
    const pick = await vscode.window.showQuickPick(items, { title: `Full loop ${COMPANIES[s.plan.company].label} ${s.plan.level}`, placeHolder: steps });
    if (pick?.id === 'answer') await this.answerQuestion();
    if (pick?.id === 'ask') await this.askQuestion();
    if (pick?.id === 'finish') await this.finishRound();
    if (pick?.id === 'next') await this.startNext(); // a break cut short, not skipped
    if (pick?.id === 'resume') await this.resume();
    if (pick?.id === 'abandon' && (await this.confirm('Abandon the full-loop mock?', 'No report is written.', 'Abandon'))) await this.abandon(s);
  }

  /** Once a second: the clock, the lease, "time is up". */
  private tick(): void {
    const s = this.current();
    const seen = seenKey(s);
    if (seen !== this.lastSeen) {
      // Changed here or in another window: the views that hide hints re-render.
      if (this.lastSeen) this.changed.fire(s);
      this.lastSeen = seen;
    }
    const running = !!s && s.phase !== 'done';
    if (running !== this.lastContext) {
      this.lastContext = running;
      void vscode.commands.executeCommand('setContext', 'mlprep.loopRunning', running);
    }
    if (!s || s.phase === 'done') {
      this.status.hide();
      return;
    }
    const h = this.holder(s);
    const tag = `${COMPANIES[s.plan.company].label} ${s.plan.level}`;
    if (h === 'other') {
      this.status.text = `$(record) Full loop ${tag} · in another window`;
      this.status.tooltip = 'This full-loop mock is being run in another window. Click to take it over here.';
      this.lastHover = '';
      this.status.backgroundColor = undefined;
      this.status.show();
      return;
    }
    if (h === 'free') {
      if (this.deps.workspaceState.get(DROVE_KEY) === s.startedAt) {
        // This window drove it before a reload: it carries on (a pending question is asked again).
        void this.save(s).then((c) => {
          if (c.phase === 'round' && currentRound(c)?.kind === 'behavioural') void this.askQuestion();
        });
        return;
      }
      // Another window drove it and went away: continued here only when the user says so.
      this.status.text = `$(debug-pause) Full loop ${tag} · its window closed: continue here?`;
      this.status.tooltip = 'The window running this full-loop mock was closed. Click to continue it here.';
      this.lastHover = '';
      this.status.backgroundColor = undefined;
      this.status.show();
      return;
    }
    if (Date.now() - this.lastHeartbeat >= HEARTBEAT_MS) {
      this.lastHeartbeat = Date.now();
      void this.deps.state.update(LOOP_KEY, { ...s, driver: this.me() });
    }
    const now = this.clock.now();
    const stopped = this.stoppedAt(s);
    if (stopped !== undefined) {
      // The design board is finished: the clock stands still and says what comes next.
      const used = loopClock(s, stopped);
      this.status.text = `$(record) Loop ${tag} · ${s.index + 1}/${s.plan.rounds.length} ${used?.title ?? ''} done in ${mmss(used?.elapsedMs ?? 0)} · score yourself`;
      this.status.tooltip = 'The design round’s clock stopped at its Finish. Score each section in the design panel and record the result to go on.';
      this.lastHover = '';
      this.status.backgroundColor = undefined;
      this.status.show();
      return;
    }
    const c = loopClock(s, now);
    if (!c) return;
    const over = c.overtimeMs > 0;
    const left = over ? `+${mmss(c.overtimeMs)} over` : `${mmss(c.remainingMs)} left`;
    const position = `${s.index + 1}/${s.plan.rounds.length}`;
    const next = s.plan.rounds[s.index + 1];
    this.status.text = c.what === 'break' ? `$(coffee) Break ${left} · next: ${next?.title ?? ''}` : `$(record) Loop ${tag} · ${position} ${c.title} ${left}`;
    const hover = [
      `**Full-loop mock: ${COMPANIES[s.plan.company].label}, ${LEVELS[s.plan.level].label}**`, '',
      ...loopOverview(s, now).map((l) => `${l}  `), '',
      c.what === 'break' ? `Click to start “${next?.title}” now.` : 'Click for options: finish the round, go to it, abandon.',
    ].join('\n');
    if (hover !== this.lastHover) {
      this.lastHover = hover;
      this.status.tooltip = new vscode.MarkdownString(hover);
    }
    this.status.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.errorBackground') : c.what === 'round' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.status.show();
    const deadline = loopDeadline(s);
    const key = `${s.startedAt}:${s.index}:${s.phase}`;
    if (deadline !== undefined && now >= deadline && !this.warned.has(key)) {
      this.warned.add(key);
      if (c.what === 'break' && next) {
        const go = `Start ${next.title}`;
        void vscode.window.showInformationMessage(`The break is over: ${next.title} is waiting.`, go).then((a) => {
          if (a) void this.startNext();
        });
      } else {
        const fin = 'Finish the Round';
        void vscode.window.showWarningMessage(`Time is up for ${c.title}.`, fin).then((a) => {
          if (a) void this.finishRound({ confirmed: true });
        });
      }
    }
  }

  dispose(): void {
    clearInterval(this.ticker);
    // Let another window (or this one after a reload) carry on at once rather than after the lease lapses.
    const s = this.current();
    if (s && s.driver?.id === this.windowId) void this.deps.state.update(LOOP_KEY, { ...s, driver: undefined });
    this.disposables.forEach((d) => d.dispose());
  }
}

export function registerFullLoopCommands(loop: FullLoopService): vscode.Disposable[] {
  const parse = (v: unknown): StartLoopArgs => {
    const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
    return {
      ...(isCompanyId(o.company) ? { company: o.company } : {}),
      ...(isMockLevel(o.level) ? { level: o.level } : {}),
      ...(typeof o.seed === 'string' ? { seed: o.seed } : {}),
    };
  };
  return [
    vscode.commands.registerCommand(Commands.startFullLoop, (arg?: unknown) => loop.start(parse(arg))),
    vscode.commands.registerCommand(Commands.fullLoopMenu, () => loop.menu()),
    vscode.commands.registerCommand(Commands.fullLoopFinishRound, () => loop.finishRound()),
  ];
}
