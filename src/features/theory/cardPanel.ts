// The theory-card panel: one per window. The host holds the session (which card, when its clock
// started, revealed, ticked points, the typed answer) and pushes a CardView; the webview draws it
// and reports clicks and keys. Rating a card records the review in the progress record and moves to
// the next card due today (or a "done for today" view).
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import { dayKey } from '../../core/plan/days';
import { cardDueText, intervalLabel, relativeDay } from '../../core/theory/deckView';
import { renderCardMarkdown, renderInlineMarkdown } from '../../core/theory/markdown';
import { parseWebviewMessage, type CardView, type HostToWebview, type Rating, type WebviewToHost } from '../../core/theory/protocol';
import { cardSchedule, previewIntervals } from '../../core/theory/schedule';
import type { TheoryCard } from '../../core/theory/types';
import type { CatalogService } from '../catalogService';
import { webviewHtml, webviewOptions } from '../webview/html';
import type { TheoryService } from './theoryService';

export const THEORY_TITLE = 'MLPrep Theory';

interface Session {
  card: TheoryCard;
  startedAt: number;
  revealedAt?: number;
  ticked: Set<number>;
  draft: string;
  /** Set while the card belongs to a full-loop mock's fundamentals round. */
  round?: CardRound;
}

/**
 * A full-loop mock's fundamentals round as the card panel sees it (src/features/loop implements
 * it): the card on now and its place in the round, and where a rating goes after FSRS has it.
 */
export interface CardRound {
  /** The card on now (its clock started at `startedAt`), or undefined when the round has none left. */
  current(): { cardId: string; index: number; of: number; title: string; startedAt: number } | undefined;
  /** The card was rated (the review is already recorded); the round moves on. */
  rated(cardId: string, result: { rating: Rating; points: number[]; secs: number }): Promise<void>;
}

export interface CardPanelDeps {
  theory: TheoryService;
  catalog: CatalogService;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  /** Where the open card's state is kept (the workspace's memento), so a reload resumes it. */
  memo?: vscode.Memento;
  /** The fundamentals round of a full-loop mock this window drives, if one is on (a reload restores into it). */
  round?: () => CardRound | undefined;
}

/** The open card as kept across a reload: its clock, reveal, ticks and typed answer. */
interface SavedSession {
  cardId: string;
  startedAt: number;
  revealedAt?: number;
  ticked: number[];
  draft: string;
}

const SAVED_KEY = 'mlprep.theory.openCard';

/** A saved card's reveal, ticks (those the card has) and typed answer. */
function savedSession(card: TheoryCard, saved: SavedSession): Omit<Session, 'startedAt'> {
  const ticked = Array.isArray(saved.ticked) ? saved.ticked.filter((i) => Number.isInteger(i) && i >= 0 && i < card.keyPoints.length) : [];
  return {
    card, ticked: new Set(ticked), draft: typeof saved.draft === 'string' ? saved.draft : '',
    ...(typeof saved.revealedAt === 'number' ? { revealedAt: saved.revealedAt } : {}),
  };
}

export class CardPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private session: Session | undefined;
  /** The full-loop round the panel serves (kept while a rating is on its way, when no session is set). */
  private round: CardRound | undefined;
  /** The last message sent and the webview's last report of drawing, for the tests. */
  lastSent: HostToWebview | undefined;
  lastRendered: { cardId?: string; revealed: boolean } | undefined;
  readonly problems: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly deps: CardPanelDeps) {
    panel.title = THEORY_TITLE;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activity.svg');
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, {
      title: THEORY_TITLE,
      script: 'theory.js',
      styles: ['theory.css'],
      loading: 'Loading the card…',
    });
    this.disposables.push(
      this.closed,
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get isReady(): boolean {
    return this.ready;
  }

  get current(): { cardId?: string; revealed: boolean; ticked: number[] } {
    const s = this.session;
    return { cardId: s?.card.id, revealed: s?.revealedAt !== undefined, ticked: s ? [...s.ticked].sort() : [] };
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Shows `card` with a fresh clock, or the first card due today when none is given. */
  async show(card?: TheoryCard): Promise<void> {
    this.round = undefined;
    if (!card) card = (await this.deps.theory.queue()).due[0];
    this.session = card ? { card, startedAt: this.deps.theory.now(), ticked: new Set(), draft: '' } : undefined;
    await this.save();
    await this.titleAndPush();
  }

  /**
   * The fundamentals round's card on now, numbered "card i of n", without a clock of its own (the
   * round's clock is in the status bar). Keeps the reveal, ticks and typed answer when the same card
   * is open already (a reload). Nothing open when the round has no card left.
   */
  async showRound(round: CardRound, saved?: SavedSession): Promise<void> {
    this.round = round;
    const on = round.current();
    const card = on && (await this.deps.theory.card(on.cardId));
    if (!on || !card) {
      this.session = undefined;
      await this.save();
      return this.push();
    }
    const same = this.session?.round === round && this.session.card.id === card.id ? this.session : undefined;
    const keep = same ?? (saved?.cardId === card.id ? savedSession(card, saved) : undefined);
    this.session = { card, startedAt: on.startedAt, ticked: keep?.ticked ?? new Set(), draft: keep?.draft ?? '', round, ...(keep?.revealedAt !== undefined ? { revealedAt: keep.revealedAt } : {}) };
    await this.save();
    await this.titleAndPush();
  }

  /** Whether the panel shows a card of `round`. */
  showsRound(round: CardRound): boolean {
    return this.round === round;
  }

  /**
   * After a reload: the card that was open, with its clock, reveal, ticks and typed answer as they
   * were (the clock kept running meanwhile, as an interviewer's would); today's first due card
   * when nothing was open or the card is gone.
   */
  async restore(): Promise<void> {
    const saved = this.deps.memo?.get<SavedSession>(SAVED_KEY);
    const round = this.deps.round?.();
    if (round) return this.showRound(round, saved);
    const card = saved && typeof saved.cardId === 'string' ? await this.deps.theory.card(saved.cardId) : undefined;
    if (!saved || !card || typeof saved.startedAt !== 'number') return this.show();
    this.session = { ...savedSession(card, saved), startedAt: saved.startedAt };
    await this.titleAndPush();
  }

  private async titleAndPush(): Promise<void> {
    const card = this.session?.card;
    const topic = card && (await this.deps.theory.deck()).topics.find((t) => t.cards.includes(card));
    this.panel.title = topic ? `Theory: ${topic.title}` : THEORY_TITLE;
    await this.push();
  }

  /** Keeps the open card's state in the memento (cleared when no card is open). */
  private async save(): Promise<void> {
    const s = this.session;
    await this.deps.memo?.update(SAVED_KEY, s ? {
      cardId: s.card.id, startedAt: s.startedAt, ticked: [...s.ticked].sort((a, b) => a - b), draft: s.draft,
      ...(s.revealedAt !== undefined ? { revealedAt: s.revealedAt } : {}),
    } satisfies SavedSession : undefined);
  }

  /** Resolves once `test` accepts the panel's state (checked after every message and push). */
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
      this.deps.log.warn(`theory panel: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(msg);
    } catch (e) {
      this.deps.log.error(`theory panel: ${msg.type} failed: ${(e as Error).stack ?? e}`);
    }
    this.listeners.forEach((l) => l());
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    const s = this.session;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        await this.push();
        return;
      case 'reveal':
        if (s && s.revealedAt === undefined) {
          s.revealedAt = this.deps.theory.now();
          await this.save();
          await this.push();
        }
        return;
      case 'tick':
        if (!s || msg.index >= s.card.keyPoints.length) return;
        if (msg.on) s.ticked.add(msg.index);
        else s.ticked.delete(msg.index);
        await this.save();
        return; // the webview already shows it; pushed again with the next change
      case 'draft':
        if (s) {
          s.draft = msg.text;
          await this.save();
        }
        return;
      case 'rate':
        if (s && s.revealedAt !== undefined) await this.rate(s, msg.rating);
        return;
      case 'reviewDue':
        await this.show();
        return;
      case 'openProblem':
        await vscode.commands.executeCommand(Commands.openProblem, msg.id);
        return;
      case 'rendered':
        this.lastRendered = { cardId: msg.cardId, revealed: msg.revealed };
        return;
      case 'problem':
        this.problems.push(msg.message);
        this.deps.log.warn(`theory webview: ${msg.message}`);
    }
  }

  private async rate(s: Session, rating: Rating): Promise<void> {
    const secs = Math.max(0, ((s.revealedAt ?? this.deps.theory.now()) - s.startedAt) / 1000);
    this.session = undefined; // a second key press must not record the review twice
    const points = [...s.ticked].sort((a, b) => a - b);
    await this.deps.theory.record(s.card.id, { rating, points, secs });
    this.deps.log.info(`theory: reviewed ${s.card.id} (rating ${rating}, ${s.ticked.size}/${s.card.keyPoints.length} points, ${Math.round(secs)} s)${s.round ? ' in a full-loop round' : ''}`);
    if (!s.round) return this.show();
    await s.round.rated(s.card.id, { rating, points, secs });
    if (!this.disposed) await this.showRound(s.round);
  }

  private async view(s: Session): Promise<CardView> {
    const theory = this.deps.theory;
    const now = theory.now();
    const queue = await theory.queue();
    const schedule = queue.schedules.get(s.card.id) ?? cardSchedule(undefined, theory.scheduler);
    const catalog = await this.deps.catalog.get();
    const titles = new Map(catalog.problems.map((p) => [p.id, p.title]));
    const dueIds = queue.due.map((c) => c.id);
    const revealed = s.revealedAt !== undefined;
    const round = s.round?.current();
    let answer: CardView['answer'];
    if (revealed) {
      const next = previewIntervals(schedule, now, theory.scheduler);
      const label = (r: Rating) => intervalLabel(now, next[r], (ms) => dayKey(ms));
      answer = {
        answerHtml: renderCardMarkdown(s.card.answer),
        keyPointsHtml: s.card.keyPoints.map(renderInlineMarkdown),
        weakAnswersHtml: s.card.weakAnswers.map(renderInlineMarkdown),
        followUpHtml: renderInlineMarkdown(s.card.followUp),
        intervals: { 1: label(1), 2: label(2), 3: label(3), 4: label(4) },
        usedSeconds: Math.round((s.revealedAt! - s.startedAt) / 1000),
      };
    }
    const topic = (await theory.deck()).topics.find((t) => t.cards.includes(s.card));
    return {
      id: s.card.id,
      topicTitle: topic?.title ?? s.card.topic,
      level: s.card.level,
      questionHtml: renderInlineMarkdown(s.card.question),
      seconds: s.card.seconds,
      startedAt: s.startedAt,
      hostNow: now,
      revealed,
      draft: s.draft,
      ...(answer ? { answer } : {}),
      ticked: [...s.ticked].sort((a, b) => a - b),
      // A round card links nowhere: the interview goes on.
      related: s.round ? [] : s.card.related.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)! })),
      dueLeft: !s.round && dueIds.includes(s.card.id) ? dueIds.length : 0,
      status: cardDueText(schedule, dayKey(now), (ms) => dayKey(ms)),
      ...(round ? { round: { index: round.index, of: round.of, title: round.title } } : {}),
    };
  }

  /** Sends what the panel shows now. */
  async push(): Promise<void> {
    if (!this.ready || this.disposed) return;
    const s = this.session;
    let msg: HostToWebview;
    if (s) msg = { type: 'card', card: await this.view(s) };
    else {
      const q = await this.deps.theory.queue();
      const today = dayKey(this.deps.theory.now());
      msg = {
        type: 'done',
        done: {
          reviewedToday: q.reviewedToday,
          ...(q.nextDue !== undefined ? { nextDue: relativeDay(today, dayKey(q.nextDue)) } : {}),
        },
      };
    }
    if (this.disposed) return;
    this.lastSent = msg;
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
    this.listeners.forEach((l) => l());
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
