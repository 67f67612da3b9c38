// Timed rehearsal of a behavioural question: a question (due ones first, then competencies no
// story covers), a story picked from the user's stories (those tagged with the competency first)
// opened beside, a clock in the status bar aiming at 2-3 minutes, then a self-rating
// Again/Hard/Good/Easy recorded as a progress 'review' keyed by the question id and scheduled
// with FSRS exactly as theory cards are (src/core/theory/schedule.ts), so every window converges.
// The running rehearsal (question, story, clock start) is kept in the workspace memento, so a window
// reload brings back the same question and the clock as it was (as the theory card panel does with
// its open card), not a fresh clock that would let the user answer again.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { pickRehearsalQuestion, type RehearsalReason } from '../../core/stories/coverage';
import type { BehaviouralQuestion } from '../../core/stories/types';
import { dayKey } from '../../core/plan/days';
import { cardSchedule, previewIntervals, RATINGS, theoryScheduler, type CardRating } from '../../core/theory/schedule';
import type { StoryService } from './storyService';

/** The target window of a spoken answer (seconds). */
export const REHEARSAL_MIN_SECONDS = 120;
export const REHEARSAL_MAX_SECONDS = 180;

export interface RehearseArgs {
  /** Rehearse this question (else one is picked). */
  questionId?: string;
  /** Only questions of this competency. */
  competency?: string;
  /** A story's workspace-relative path to open, or null for none (else the quick pick). */
  story?: string | null;
}

export function parseRehearseArgs(v: unknown): RehearseArgs {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  return {
    questionId: typeof o.questionId === 'string' ? o.questionId : undefined,
    competency: typeof o.competency === 'string' ? o.competency : undefined,
    story: typeof o.story === 'string' || o.story === null ? o.story : undefined,
  };
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const REASON: Record<RehearsalReason, string> = {
  due: 'due for review', uncovered: 'no story covers this competency yet', new: 'not rehearsed yet', any: 'practice',
};

interface Running {
  question: BehaviouralQuestion;
  startedAt: number;
  story?: vscode.Uri;
  timer: ReturnType<typeof setInterval>;
  warned: boolean;
  /** While the rating is asked: the moment the clock stopped (the time recorded), shown still. */
  ratingAt?: number;
}

/** The running rehearsal as kept across a reload. */
interface SavedRehearsal {
  questionId: string;
  startedAt: number;
  /** The story's URI (string), if one was picked. */
  story?: string;
  warned: boolean;
}

/** Workspace-memento key of the running rehearsal (cleared when it is rated or stopped). */
export const REHEARSAL_KEY = 'mlprep.stories.rehearsal';

export class Rehearsal implements vscode.Disposable {
  private running: Running | undefined;
  private readonly item = vscode.window.createStatusBarItem('mlprep.rehearsal', vscode.StatusBarAlignment.Left, 1000);
  private readonly scheduler = theoryScheduler();
  private readonly ended = new vscode.EventEmitter<{ questionId: string; rating: CardRating; secs: number }>();
  /** A rehearsal was rated and recorded. */
  readonly onDidRate = this.ended.event;

  constructor(
    private readonly stories: StoryService,
    /** Where the running rehearsal is kept (the workspace's memento), so a reload resumes it. */
    private readonly memo?: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {
    this.item.name = 'MLPrep rehearsal clock';
    this.item.command = Commands.storiesFinishRehearsal;
  }

  /** The question being rehearsed, if any. */
  current(): BehaviouralQuestion | undefined {
    return this.running?.question;
  }

  /** The running rehearsal as the tests see it: question, clock start, story. */
  /** The status-bar clock's text while a rehearsal runs (for tests). */
  get statusText(): string | undefined {
    return this.running ? this.item.text : undefined;
  }

  state(): { questionId: string; startedAt: number; story?: string } | undefined {
    const r = this.running;
    return r && { questionId: r.question.id, startedAt: r.startedAt, ...(r.story ? { story: r.story.toString() } : {}) };
  }

  /**
   * After a reload: the rehearsal that was running, on the same question and story, with its clock
   * as it was (it kept running meanwhile, as an interviewer's would). Nothing when none was running
   * or its question left the bank (then the saved state is dropped).
   */
  async restore(): Promise<BehaviouralQuestion | undefined> {
    const saved = this.memo?.get<SavedRehearsal>(REHEARSAL_KEY);
    if (!saved || typeof saved.questionId !== 'string' || typeof saved.startedAt !== 'number' || !Number.isFinite(saved.startedAt)) return undefined;
    const bank = await this.stories.bank();
    const question = bank.questions.find((q) => q.id === saved.questionId);
    if (!question) {
      await this.memo?.update(REHEARSAL_KEY, undefined);
      return undefined;
    }
    if (this.running) return this.running.question; // started again meanwhile: that one wins
    let story: vscode.Uri | undefined;
    try {
      story = typeof saved.story === 'string' ? vscode.Uri.parse(saved.story, true) : undefined;
    } catch {
      story = undefined;
    }
    this.begin(question, bank.competencies.find((c) => c.id === question.competency)?.title ?? question.competency, saved.startedAt, story, saved.warned === true);
    void vscode.window.showInformationMessage(`Rehearsal resumed (${mmss((this.now() - saved.startedAt) / 1000)} so far): "${question.question}"`, 'Done, rate it').then((a) => {
      if (a && this.running?.question === question) void this.finish();
    });
    return question;
  }

  async start(args: RehearseArgs = {}): Promise<BehaviouralQuestion | undefined> {
    const bank = await this.stories.bank();
    const pool = args.competency ? bank.questions.filter((q) => q.competency === args.competency) : bank.questions;
    let question = args.questionId ? bank.questions.find((q) => q.id === args.questionId) : undefined;
    let reason: RehearsalReason = 'any';
    if (args.questionId && !question) {
      void vscode.window.showWarningMessage(`MLPrep: no behavioural question "${args.questionId}".`);
      return undefined;
    }
    const stories = await this.stories.stories();
    if (!question) {
      const covered = new Set(stories.flatMap((s) => s.summary.competencies));
      const picked = pickRehearsalQuestion(pool, this.stories.progress.get().reviews, covered, { now: this.now(), dayOf: (ms) => dayKey(ms), random: Math.random, scheduler: this.scheduler });
      if (!picked) {
        void vscode.window.showWarningMessage('MLPrep: the behavioural question bank is empty.');
        return undefined;
      }
      ({ question, reason } = picked);
    }
    const competency = bank.competencies.find((c) => c.id === question.competency);
    let story: vscode.Uri | undefined;
    if (args.story !== undefined) {
      story = args.story === null ? undefined : stories.find((s) => s.summary.path === args.story)?.uri;
    } else {
      const tagged = stories.filter((s) => s.summary.competencies.includes(question.competency));
      const others = stories.filter((s) => !tagged.includes(s));
      type Item = vscode.QuickPickItem & { uri?: vscode.Uri; action?: 'none' | 'new' };
      const row = (s: (typeof stories)[number]): Item => ({ label: `$(book) ${s.summary.title}`, description: s.summary.competencies.join(', '), detail: s.summary.path, uri: s.uri });
      const items: Item[] = [
        ...(tagged.length ? [{ label: `Tagged ${competency?.title ?? question.competency}`, kind: vscode.QuickPickItemKind.Separator } as Item, ...tagged.map(row)] : []),
        ...(others.length ? [{ label: 'Other stories', kind: vscode.QuickPickItemKind.Separator } as Item, ...others.map(row)] : []),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        { label: '$(mic) Answer without a story', action: 'none' },
        { label: '$(new-file) Write a new story for this competency', action: 'new' },
      ];
      const choice = await vscode.window.showQuickPick(items, {
        title: `Rehearse (${competency?.title ?? question.competency}; ${REASON[reason]})`,
        placeHolder: `"${question.question}" Pick the story you will tell`, matchOnDescription: true, ignoreFocusOut: true,
      });
      if (!choice) return undefined;
      if (choice.action === 'new') {
        await vscode.commands.executeCommand(Commands.storiesNew, { competencies: [question.competency] });
        return undefined;
      }
      story = choice.uri;
    }
    this.stop();
    if (story) await vscode.window.showTextDocument(story, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    this.begin(question, competency?.title ?? question.competency, this.now(), story, false);
    void vscode.window.showInformationMessage(`Rehearse aloud (2–3 min): "${question.question}"`, 'Done, rate it').then((a) => {
      if (a && this.running?.question === question) void this.finish();
    });
    return question;
  }

  /** Runs the clock of `question` from `startedAt` (shows it, keeps it in the memento). */
  private begin(question: BehaviouralQuestion, competencyTitle: string, startedAt: number, story: vscode.Uri | undefined, warned: boolean): void {
    const timer = setInterval(() => this.render(), 1000);
    this.running = { question, startedAt, story, timer, warned };
    void this.save();
    const md = new vscode.MarkdownString(`**${question.question}**\n\n_${competencyTitle}_ · aim for ${mmss(REHEARSAL_MIN_SECONDS)}–${mmss(REHEARSAL_MAX_SECONDS)}\n\nThe interviewer listens for:\n${question.listenFor.map((l) => `- ${l}`).join('\n')}\n\nClick to stop and rate.`);
    this.item.tooltip = md;
    this.render();
    this.item.show();
    void vscode.commands.executeCommand('setContext', 'mlprep.rehearsing', true);
  }

  /** Keeps the running rehearsal in the memento (cleared when none runs). */
  private save(): Thenable<void> | undefined {
    const r = this.running;
    return this.memo?.update(REHEARSAL_KEY, r ? {
      questionId: r.question.id, startedAt: r.startedAt, warned: r.warned, ...(r.story ? { story: r.story.toString() } : {}),
    } satisfies SavedRehearsal : undefined);
  }

  private render(): void {
    const r = this.running;
    if (!r) return;
    const secs = ((r.ratingAt ?? this.now()) - r.startedAt) / 1000;
    const phase = r.ratingAt !== undefined ? 'stopped, rate it' : secs < REHEARSAL_MIN_SECONDS ? 'warming' : secs <= REHEARSAL_MAX_SECONDS ? 'in the window' : 'over time';
    this.item.text = `$(mic) ${mmss(secs)} / ${mmss(REHEARSAL_MAX_SECONDS)} · ${phase}`;
    this.item.backgroundColor = secs > REHEARSAL_MAX_SECONDS ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (secs > REHEARSAL_MAX_SECONDS && !r.warned) {
      r.warned = true;
      void this.save();
      void vscode.window.showWarningMessage(`Time: ${mmss(REHEARSAL_MAX_SECONDS)}. Wrap up with the Result, then rate.`, 'Rate now').then((a) => {
        if (a && this.running === r) void this.finish();
      });
    }
  }

  /**
   * Stops the clock and records a rating (asked with a quick pick showing each rating's next due
   * date, unless `rating` is given). Returns the rating, or undefined when cancelled or idle.
   */
  async finish(rating?: CardRating): Promise<CardRating | undefined> {
    const r = this.running;
    if (!r) {
      void vscode.window.showInformationMessage('MLPrep: no rehearsal is running. Start one with "MLPrep: Rehearse a Behavioural Question".');
      return undefined;
    }
    const at = this.now();
    const secs = Math.round((at - r.startedAt) / 1000);
    if (rating === undefined) {
      // The clock stands still while the rating is asked: what it shows is what gets recorded.
      r.ratingAt = at;
      this.render();
      const schedule = cardSchedule(this.stories.progress.get().reviews?.[r.question.id], this.scheduler);
      const next = previewIntervals(schedule, this.now(), this.scheduler);
      const days = (ms: number) => Math.max(1, Math.round((ms - this.now()) / 86_400_000));
      const choice = await vscode.window.showQuickPick(
        RATINGS.map((x) => ({ label: x.label, description: `next rehearsal in ${days(next[x.rating])} day${days(next[x.rating]) === 1 ? '' : 's'}`, rating: x.rating })),
        { title: `How did it go? (${mmss(secs)} spoken)`, placeHolder: r.question.question, ignoreFocusOut: true },
      );
      if (!choice) {
        // Cancelled: the rehearsal goes on, and so does its clock.
        if (this.running === r) { r.ratingAt = undefined; this.render(); }
        return undefined;
      }
      rating = choice.rating;
    }
    if (this.running !== r) return undefined;
    this.stop();
    await this.stories.progress.recordReview(r.question.id, { rating, points: [], secs });
    this.ended.fire({ questionId: r.question.id, rating, secs });
    return rating;
  }

  /** Ends the clock without recording anything (and forgets it: a reload does not bring it back). */
  stop(): void {
    const was = this.running;
    this.halt();
    if (was) void this.memo?.update(REHEARSAL_KEY, undefined);
  }

  /** Stops the clock here without forgetting it (the window is going away: a reload resumes it). */
  private halt(): void {
    if (this.running) clearInterval(this.running.timer);
    if (this.running) void vscode.commands.executeCommand('setContext', 'mlprep.rehearsing', false);
    this.running = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.halt();
    this.item.dispose();
    this.ended.dispose();
  }
}
