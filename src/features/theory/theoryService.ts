// The theory deck of the loaded packs and today's review queue. The deck follows the catalogue
// (same packs, reloaded with it; cards link to its coding problems); the queue is derived from the
// progress record's reviews whenever asked, so every window shows the same schedule.
import * as vscode from 'vscode';
import type { ProgressStore } from '../../adapters/progressStore';
import { loadTheoryDeckFromDisk } from '../../adapters/packFiles';
import { readSettings } from '../../adapters/settings';
import { formatCatalogError } from '../../core/catalog/types';
import { dayKey } from '../../core/plan/days';
import { relatedCards } from '../../core/theory/deckView';
import { theoryQueue, theoryScheduler, type CardRating, type TheoryQueue } from '../../core/theory/schedule';
import { deckCards, type TheoryCard, type TheoryDeck } from '../../core/theory/types';
import type { CatalogService } from '../catalogService';

export class TheoryService implements vscode.Disposable {
  private loading: Promise<TheoryDeck> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The deck reloaded or the daily limit changed. (Reviews: the progress store's onDidChange.) */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly scheduler = theoryScheduler();

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    /** Epoch ms; injectable for tests. */
    readonly now: () => number = Date.now,
  ) {
    this.disposables.push(
      catalog.onDidChange(() => {
        this.loading = undefined;
        this.loaded = undefined;
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mlprep.theory') && this.changed.fire()),
    );
  }

  /** The deck, loading it on first use. Never rejects for content errors (they go to the log). */
  deck(): Promise<TheoryDeck> {
    if (!this.loading) {
      const loading = this.load();
      this.loading = loading;
      void loading.then((d) => { if (this.loading === loading) this.loaded = d; }, () => undefined);
    }
    return this.loading;
  }

  private loaded: TheoryDeck | undefined;
  /** The deck if it has loaded (and the catalogue not reloaded since), without waiting. */
  loadedDeck(): TheoryDeck | undefined {
    return this.loaded;
  }

  private async load(): Promise<TheoryDeck> {
    const t0 = performance.now();
    const c = await this.catalog.get();
    const deck = await loadTheoryDeckFromDisk(c.packs.map((p) => ({ dir: p.dir, source: p.source })), {
      codingIds: new Set(c.problems.map((p) => p.id)), designIds: new Set(c.designPrompts.map((p) => p.id)),
    }, this.catalog.snapshots);
    this.log.info(`theory: ${deckCards(deck).length} cards in ${deck.topics.length} topics in ${(performance.now() - t0).toFixed(0)} ms`);
    for (const e of deck.errors) this.log.error(`theory card error: ${formatCatalogError(e)}`);
    return deck;
  }

  /** New cards a day (setting mlprep.theory.newCardsPerDay). */
  newCardsPerDay(): number {
    return readSettings()['theory.newCardsPerDay'];
  }

  /** Today's queue as of now (the day in the machine's time zone). */
  async queue(): Promise<TheoryQueue> {
    const deck = await this.deck();
    return theoryQueue(deckCards(deck), this.progress.get().reviews, {
      now: this.now(), newPerDay: this.newCardsPerDay(), dayOf: (ms) => dayKey(ms),
    }, this.scheduler);
  }

  async card(id: string): Promise<TheoryCard | undefined> {
    return deckCards(await this.deck()).find((c) => c.id === id);
  }

  /** Cards whose `related` names the coding problem. */
  async related(problemId: string): Promise<TheoryCard[]> {
    return relatedCards(deckCards(await this.deck()), problemId);
  }

  record(cardId: string, review: { rating: CardRating; points: number[]; secs: number }): Promise<void> {
    return this.progress.recordReview(cardId, review);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
