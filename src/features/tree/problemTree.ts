// The Problems view: groups with solved counts, problems with state icons, filters in the description.
import { partRows, partsDescription, partsTooltip } from '../../core/tree/partsView';
import * as vscode from 'vscode';
import type { Catalog } from '../../core/catalog/loadPack';
import type { CodingProblem, DesignPrompt, Framework } from '../../core/catalog/types';
import { frameworkTags } from '../../core/scaffold/pytorchText';
import { ATTEMPTS_RULE, DESIGN_RULE, TIMING_RULE, problemState, type Progress, type ProblemState } from '../../core/progress/progress';
import {
  categoryLabel, emptyFilter, filterSummary, formatMinutes, groupLabel, groupProblems, isFilterEmpty,
  type Filter, type Grouping, type ListedProblem, type ProblemGroup,
} from '../../core/tree/problemList';
import { treeLabel } from '../../core/tree/shortTitle';
import type { CatalogService } from '../catalogService';
import { dayKey } from '../../core/plan/days';
import { todaysDrill, type DrillItem } from '../../core/plan/recommend';
import { drillCommand, nextDrillItem } from '../../core/plan/drillCommand';
import { planStatus, STUDY_PLANS, weekComplete, type ActivePlan, type PlanStatus } from '../../core/plan/studyPlan';
import type { PlanStore } from '../plan/planStore';
import type { ProgressStore } from '../../adapters/progressStore';
import { Commands } from '../../commands';
import { cardDueText, shortQuestion, theoryGroupLabel, topicDescription, topicSummary } from '../../core/theory/deckView';
import type { CardSchedule, TheoryQueue } from '../../core/theory/schedule';
import type { TheoryCard, TheoryDeck, TheoryTopic } from '../../core/theory/types';
import type { TheoryService } from '../theory/theoryService';
import type { StoryService } from '../stories/storyService';
import { practiceInputs, type PracticeInputs } from '../plan/planInputs';

export type CatalogEntry = CodingProblem | DesignPrompt;

export type ProblemNode =
  | { kind: 'group'; group: ProblemGroup; grouping: Grouping }
  | { kind: 'problem'; entry: CatalogEntry; parent: string; drill?: DrillItem }
  | { kind: 'drill'; items: DrillItem[]; plan?: { plan: ActivePlan; status: PlanStatus }; practice?: PracticeInputs }
  /** A drill item that is not a problem: today's theory cards, or a behavioural rehearsal. */
  | { kind: 'practice'; item: DrillItem; label: string }
  | { kind: 'plan'; plan?: { plan: ActivePlan; status: PlanStatus }; practice?: PracticeInputs }
  | { kind: 'errors'; count: number }
  /** The first row while a filter or search is on: what it is, click (or its button) to clear. */
  | { kind: 'filter'; summary: string }
  /** Theory cards: today's queue and the deck by topic (src/core/theory). */
  | { kind: 'theory'; queue: TheoryQueue; deck: TheoryDeck }
  | { kind: 'theoryDue'; queue: TheoryQueue }
  | { kind: 'theoryTopic'; topic: TheoryTopic; queue: TheoryQueue }
  | { kind: 'card'; card: TheoryCard; parent: string; schedule?: CardSchedule; topicTitle: string };

export function listed(e: CatalogEntry): ListedProblem {
  return {
    id: e.id, title: e.title, difficulty: e.difficulty, tags: e.tags, companies: e.companies, minutes: e.minutes,
    category: e.kind === 'coding' ? e.category : 'system-design', kind: e.kind,
    ...(e.kind === 'coding' && e.followUps.length ? { followUpTitles: e.followUps.map((f) => f.title) } : {}),
  };
}

const VIEW_STATE_KEY = 'mlprep.view';
interface ViewState { grouping: Grouping; filter: Filter }

const STATE_ICON: Record<ProblemState, vscode.ThemeIcon> = {
  new: new vscode.ThemeIcon('circle-large-outline'),
  attempted: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('charts.yellow')),
  practised: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('charts.blue')),
  solved: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
};

export class ProblemTreeProvider implements vscode.TreeDataProvider<ProblemNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProblemNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<ProblemNode> | undefined;
  private state: ViewState;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private byId = new Map<string, CatalogEntry>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
    private readonly memento: vscode.Memento,
    private readonly plans: PlanStore,
    /** Epoch ms; injectable for tests. */
    private readonly now: () => number = Date.now,
  ) {
    const saved = memento.get<Partial<ViewState>>(VIEW_STATE_KEY);
    this.state = { grouping: saved?.grouping ?? 'category', filter: { ...emptyFilter(), ...saved?.filter } };
    this.disposables.push(
      catalog.onDidChange(() => this.refresh()),
      progress.onDidChange(() => this.refresh()),
      plans.onDidChange(() => this.refresh()),
    );
  }

  private theory: TheoryService | undefined;
  /** Adds the "Theory" group (cards due today, the deck by topic). */
  setTheory(theory: TheoryService): void {
    this.theory = theory;
    this.disposables.push(theory.onDidChange(() => this.refresh()));
    this.refresh();
  }

  private stories: StoryService | undefined;
  /** Adds the behavioural rehearsal to Today's drill and the plan's behavioural targets. */
  setStories(stories: StoryService): void {
    this.stories = stories;
    this.disposables.push(stories.onDidChange(() => this.refresh()));
    this.refresh();
  }

  private frameworks: { get(id: string): Framework | undefined; onDidChange: vscode.Event<void> } | undefined;
  /** What each started problem's practice folder is written in: its tooltip then shows `pytorch` (not `numpy`) among the tags. */
  setFrameworks(frameworks: { get(id: string): Framework | undefined; onDidChange: vscode.Event<void> }): void {
    this.frameworks = frameworks;
    this.disposables.push(frameworks.onDidChange(() => this.refresh()));
    this.refresh();
  }

  attach(view: vscode.TreeView<ProblemNode>): void {
    this.view = view;
    this.updateChrome();
  }

  /** A message kept above the tree (Restricted Mode), after the filter's own; undefined clears it. */
  private standingMessage: string | undefined;
  setStandingMessage(message: string | undefined): void {
    this.standingMessage = message;
    this.refresh();
  }

  get grouping(): Grouping { return this.state.grouping; }
  get filter(): Filter { return this.state.filter; }

  async setGrouping(grouping: Grouping): Promise<void> {
    this.state = { ...this.state, grouping };
    await this.persist();
  }

  async setFilter(filter: Filter): Promise<void> {
    this.state = { ...this.state, filter };
    await this.persist();
  }

  private async persist(): Promise<void> {
    await this.memento.update(VIEW_STATE_KEY, this.state);
    this.refresh();
  }

  refresh(): void {
    this.updateChrome();
    this.changed.fire(undefined);
  }

  entry(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  private updateChrome(): void {
    void vscode.commands.executeCommand('setContext', 'mlprep.filtered', !isFilterEmpty(this.state.filter));
    void vscode.commands.executeCommand('setContext', 'mlprep.grouping', this.state.grouping);
    // The filter is shown as the tree's first row: a view's description is hidden when the view
    // is alone in its container, so it cannot carry it.
    if (!this.view) return;
    if (!isFilterEmpty(this.state.filter)) this.view.description = undefined;
  }

  getTreeItem(node: ProblemNode): vscode.TreeItem {
    switch (node.kind) {
      case 'filter': {
        const item = new vscode.TreeItem(node.summary);
        item.id = 'filter';
        item.iconPath = new vscode.ThemeIcon('filter-filled');
        item.description = 'click to clear';
        item.tooltip = `${node.summary}\n\nClick this row (or its ✕ button) to show every problem again; the filter button above changes it.`;
        item.contextValue = 'filter';
        item.command = { command: Commands.clearFilter, title: 'Clear Problem Filter' };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(node.group), node.grouping === 'category' || node.grouping === 'difficulty'
          ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.grouping}:${node.group.key}`;
        item.contextValue = 'group';
        item.tooltip = `${node.group.solved} of ${node.group.total} solved.\n\n${ATTEMPTS_RULE}\n${DESIGN_RULE}`;
        return item;
      }
      case 'drill': {
        const item = new vscode.TreeItem('Today’s drill', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'drill';
        item.iconPath = new vscode.ThemeIcon('flame', new vscode.ThemeColor('charts.orange'));
        const done = node.items.filter((i) => i.done).length;
        item.description = node.plan
          ? `${done}/${node.items.length} done · week ${node.plan.status.weekIndex + 1}/${node.plan.plan.weeks}`
          : `${done}/${node.items.length} done`;
        item.tooltip = 'A mix of new problems, follow-up parts to continue and reviews of problems solved a while ago (spaced repetition), with today’s theory cards and a behavioural rehearsal. It stays the same all day.';
        item.contextValue = 'drill';
        return item;
      }
      case 'plan': {
        if (!node.plan) {
          const item = new vscode.TreeItem('Pick a 4-, 8- or 12-week plan…');
          item.iconPath = new vscode.ThemeIcon('calendar');
          item.command = { command: Commands.choosePlan, title: 'Choose Study Plan' };
          item.tooltip = 'A study plan sets weekly targets and steers Today’s drill.';
          item.contextValue = 'plan:none';
          return item;
        }
        const { plan, status } = node.plan;
        const t = status.targets;
        const mocks = t.mocks ? ` · ${status.done.mocks}/${t.mocks} mock` : '';
        const practice = node.practice?.theory || node.practice?.stories ? ` · ${status.done.theory}/${t.theory} theory · ${status.done.behavioural}/${t.behavioural} stories` : '';
        const label = status.finished ? `${STUDY_PLANS[plan.weeks].title} finished` : `Week ${status.weekIndex + 1} of ${plan.weeks}: ${status.done.coding}/${t.coding} coding · ${status.done.design}/${t.design} design${mocks}${practice}`;
        const item = new vscode.TreeItem(label);
        item.iconPath = new vscode.ThemeIcon(status.finished ? 'pass-filled' : 'calendar', weekComplete(status) ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        item.description = status.finished ? undefined : `${status.daysLeftInWeek} day${status.daysLeftInWeek === 1 ? '' : 's'} left`;
        const md = new vscode.MarkdownString(`**${STUDY_PLANS[plan.weeks].title}** (since ${plan.startDay})\n\n`);
        md.appendMarkdown(`This week (${status.weekStartDay} – ${status.weekEndDay}): ${t.note}\n\n`);
        md.appendMarkdown(`- Coding problems and follow-up parts passed: **${status.done.coding} / ${t.coding}**\n- Design sessions: **${status.done.design} / ${t.design}**\n`);
        if (t.mocks) md.appendMarkdown(`- Mock interviews: **${status.done.mocks} / ${t.mocks}**\n`);
        md.appendMarkdown(`- Theory cards reviewed: **${status.done.theory} / ${t.theory}**\n- Behavioural questions rehearsed: **${status.done.behavioural} / ${t.behavioural}**\n`);
        const title = (id: string) => node.practice?.stories?.competencies.find((c) => c.id === id)?.title ?? id;
        if (t.competencies.length) md.appendMarkdown(`- Competencies to rehearse: ${t.competencies.map((c) => `${status.done.competencies.includes(c) ? '✓' : '○'} ${escapeMd(title(c))}`).join(', ')}\n`);
        if (t.focus.length) md.appendMarkdown(`\nFocus: ${t.focus.map(categoryLabel).join(', ')}`);
        item.tooltip = md;
        item.command = { command: Commands.choosePlan, title: 'Choose Study Plan' };
        item.contextValue = 'plan';
        return item;
      }
      case 'practice':
        return practiceItem(node.item, node.label);
      case 'errors': {
        const item = new vscode.TreeItem(`${node.count} problem-pack error${node.count === 1 ? '' : 's'}`);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = 'Some problems could not be loaded. Click to see which file, field and why in the MLPrep log.';
        item.command = { command: Commands.showLog, title: 'Show Log' };
        item.contextValue = 'packErrors';
        return item;
      }
      case 'problem':
        return this.problemItem(node);
      case 'theory': {
        const item = new vscode.TreeItem(theoryGroupLabel(node.queue), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'theory';
        item.iconPath = new vscode.ThemeIcon('mortar-board', node.queue.due.length ? new vscode.ThemeColor('charts.purple') : undefined);
        const total = node.deck.topics.reduce((n, t) => n + t.cards.length, 0);
        item.description = `${node.queue.started}/${total} started`;
        item.tooltip = `ML fundamentals: answer each card aloud (or type) against the clock, reveal, tick the key points you hit and rate it. Spaced repetition (FSRS) brings it back before you forget.\n\nDue today: ${node.queue.due.length} (${node.queue.dueNew} new; new cards per day: setting mlprep.theory.newCardsPerDay). Reviewed today: ${node.queue.reviewedToday}.`;
        item.contextValue = 'theory';
        return item;
      }
      case 'theoryDue': {
        const n = node.queue.due.length;
        const item = new vscode.TreeItem(n ? `Due today (${n})` : 'Nothing due today', n ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = 'theory/due';
        item.iconPath = new vscode.ThemeIcon(n ? 'history' : 'pass-filled', n ? undefined : new vscode.ThemeColor('testing.iconPassed'));
        item.description = n ? `${node.queue.dueNew} new` : `${node.queue.reviewedToday} reviewed today`;
        if (n) item.command = { command: Commands.theoryReviewDue, title: 'Review Due Theory Cards' };
        item.contextValue = 'theoryDue';
        return item;
      }
      case 'theoryTopic': {
        const item = new vscode.TreeItem(node.topic.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `theory/topic/${node.topic.source}/${node.topic.id}`;
        item.description = topicDescription(topicSummary(node.topic, node.queue));
        item.contextValue = 'theoryTopic';
        return item;
      }
      case 'card': {
        const c = node.card;
        const item = new vscode.TreeItem(shortQuestion(c.question), vscode.TreeItemCollapsibleState.None);
        item.id = `${node.parent}/${c.id}`;
        const text = cardDueText(node.schedule, dayKey(this.now()), (ms) => dayKey(ms));
        const status = node.schedule?.reviews ? node.schedule.status : 'new';
        item.iconPath = status === 'new' ? new vscode.ThemeIcon('circle-large-outline')
          : text === 'due today' || text.startsWith('overdue') ? new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.purple'))
            : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
        item.description = node.parent === 'theory/due' ? `${node.topicTitle} · ${c.level}` : `${c.level} · ${text}`;
        const md = new vscode.MarkdownString(undefined, true);
        md.appendMarkdown(`**${escapeMd(c.question)}**\n\n$(mortar-board) ${escapeMd(node.topicTitle)} · ${c.level} · $(clock) ${c.seconds} s\n\n${escapeMd(text)}`);
        if (node.schedule?.reviews) md.appendMarkdown(` · ${node.schedule.reviews} review${node.schedule.reviews === 1 ? '' : 's'}${node.schedule.lapses ? ` · ${node.schedule.lapses} lapse${node.schedule.lapses === 1 ? '' : 's'}` : ''}`);
        item.tooltip = md;
        item.command = { command: Commands.theoryOpenCard, title: 'Open Theory Card', arguments: [c.id] };
        item.contextValue = 'theoryCard';
        return item;
      }
    }
  }

  private problemItem(node: Extract<ProblemNode, { kind: 'problem' }>): vscode.TreeItem {
    const e = node.entry;
    const p = this.progress.get().problems[e.id];
    const state = problemState(p);
    // Short label so the difficulty (description) stays visible at the default width; the full title is in the tooltip.
    const item = new vscode.TreeItem(treeLabel(e), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parent}/${e.id}`;
    item.iconPath = STATE_ICON[state];
    const score = e.kind === 'design' && p?.bestScore !== undefined ? ` · best ${p.bestScore.toFixed(1)}/4` : '';
    // "· PyTorch": the problem can also be solved with torch (Start Problem asks which)
    const torch = e.kind === 'coding' && e.frameworks.includes('pytorch') ? ' · PyTorch' : '';
    item.description = node.drill ? `${node.drill.done ? 'done' : node.drill.reason} · ${e.difficulty}${torch}` : `${e.difficulty}${score}${torch}`;
    const parts = e.kind === 'coding' && e.followUps.length ? partRows(e.title, e.followUps.map((f) => f.title), p) : [];
    const partsText = partsDescription(parts);
    if (partsText) item.description += ` · ${partsText}`;
    item.contextValue = `problem:${e.kind}:${state}${p?.gaveUp ? ':gaveup' : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(e.title)}**  \n`);
    md.appendMarkdown(`$(${e.kind === 'design' ? 'symbol-structure' : 'code'}) ${e.kind === 'design' ? 'System design' : 'Coding'} · ${e.difficulty} · $(clock) ${e.minutes} min suggested\n\n`);
    const started = e.kind === 'coding' ? this.frameworks?.get(e.id) : undefined;
    if (started === 'pytorch') md.appendMarkdown(`$(layers) Your solution is in PyTorch (Reset to Starter can switch it to NumPy)  \n`);
    else if (torch) md.appendMarkdown(`$(layers) NumPy or PyTorch: same statement and hidden tests, chosen at start  \n`);
    const tags = frameworkTags(e.tags, started);
    if (tags.length) md.appendMarkdown(`$(tag) ${tags.map(escapeMd).join(', ')}  \n`);
    if (e.companies.length) md.appendMarkdown(`$(organization) ${e.companies.map(escapeMd).join(', ')}  \n`);
    if (node.drill) md.appendMarkdown(`$(flame) ${escapeMd(node.drill.why)}\n\n`);
    md.appendMarkdown(`\n${stateLine(state, p, e.kind)}`);
    if (p?.hints) md.appendMarkdown(`  \n$(lightbulb) ${p.hints} hint${p.hints === 1 ? '' : 's'} revealed`);
    // Follow-ups (contract F): one line per part with its state.
    if (parts.length) md.appendMarkdown(`\n\n**Interviewer follow-ups**  \n${partsTooltip(parts, escapeMd).join('  \n')}`);
    // The counting rule, next to the counts it explains.
    if (state !== 'new' || p?.errors) md.appendMarkdown(`\n\n_${escapeMd(e.kind === 'design' ? DESIGN_RULE : ATTEMPTS_RULE)}_`);
    if (e.kind === 'coding' && (p?.untimed || p?.solveMs !== undefined)) md.appendMarkdown(`\n\n_${escapeMd(TIMING_RULE)}_`);
    if (e.source === 'user') md.appendMarkdown(`\n\n_From a user pack_`);
    item.tooltip = md;
    // A click previews the statement; a double click, Enter, the inline button or the context
    // menu starts it (writes files / opens a timed session).
    item.command = { command: Commands.previewProblem, title: 'Preview', arguments: [e.id] };
    return item;
  }

  async getChildren(node?: ProblemNode): Promise<ProblemNode[]> {
    if (node?.kind === 'theory') {
      return [{ kind: 'theoryDue', queue: node.queue }, ...node.deck.topics.filter((t) => t.cards.length).map((topic) => ({ kind: 'theoryTopic' as const, topic, queue: node.queue }))];
    }
    if (node?.kind === 'theoryDue' || node?.kind === 'theoryTopic') {
      const deck = await this.theory!.deck();
      const titleOf = (c: TheoryCard) => deck.topics.find((t) => t.cards.includes(c))?.title ?? c.topic;
      const cards = node.kind === 'theoryDue' ? node.queue.due : node.topic.cards;
      const parent = node.kind === 'theoryDue' ? 'theory/due' : `theory/topic/${node.topic.source}/${node.topic.id}`;
      return cards.map((card) => ({ kind: 'card', card, parent, schedule: node.queue.schedules.get(card.id), topicTitle: titleOf(card) }));
    }
    if (node?.kind === 'group') return node.group.problems.map((p) => ({ kind: 'problem', entry: this.byId.get(p.id)!, parent: `group:${node.grouping}:${node.group.key}` }));
    if (node?.kind === 'drill') {
      const rows: ProblemNode[] = node.items.flatMap((d): ProblemNode[] => {
        if (d.kind === 'theory' || d.kind === 'story') return [{ kind: 'practice', item: d, label: practiceLabel(d, node.practice) }];
        return this.byId.has(d.id) ? [{ kind: 'problem', entry: this.byId.get(d.id)!, parent: 'drill', drill: d }] : [];
      });
      return [{ kind: 'plan', plan: node.plan, practice: node.practice }, ...rows];
    }
    if (node) return [];
    const catalog = await this.catalog.get();
    this.index(catalog);
    const all = [...catalog.problems, ...catalog.designPrompts];
    if (!all.length && !catalog.errors.length) return []; // welcome view
    const groups = groupProblems(all.map(listed), this.progress.get(), this.state.grouping, this.state.filter);
    if (this.view) {
      const solved = all.filter((e) => problemState(this.progress.get().problems[e.id]) === 'solved').length;
      this.view.message = !groups.length && all.length ? 'No problems match the filter. Click the first row to clear it.' : this.standingMessage;
      this.view.badge = undefined;
      if (isFilterEmpty(this.state.filter)) this.view.description = `${solved}/${all.length} solved`;
    }
    const nodes: ProblemNode[] = groups.map((group) => ({ kind: 'group', group, grouping: this.state.grouping }));
    const summary = filterSummary(this.state.filter);
    nodes.unshift(summary ? { kind: 'filter', summary } : await this.drillNode(all));
    if (!summary && this.theory) {
      // The problem rows do not wait for the theory deck: its group joins them when it arrives.
      const deck = this.theory.loadedDeck();
      if (!deck) this.whenDeckLoaded(this.theory);
      else if (deck.topics.some((t) => t.cards.length)) nodes.splice(1, 0, { kind: 'theory', queue: await this.theory.queue(), deck });
    }
    if (catalog.errors.length) nodes.push({ kind: 'errors', count: catalog.errors.length });
    return nodes;
  }

  private deckWait: Promise<void> | undefined;
  /** Shows the tree again once the deck loaded (once per load of the deck). */
  private whenDeckLoaded(theory: TheoryService): void {
    this.deckWait ??= theory.deck().then(() => {
      this.deckWait = undefined;
      this.refresh();
    }, () => { this.deckWait = undefined; });
  }

  /**
   * The first item of Today's drill not done yet, of any kind (problem, design prompt, follow-up
   * part to continue, theory block, rehearsal), other than one on `exceptId` (the solved
   * notification's "next"; drillCommand says what opening it does).
   */
  async nextInDrill(exceptId?: string): Promise<DrillItem | undefined> {
    const c = await this.catalog.get();
    return nextDrillItem((await this.drillNode([...c.problems, ...c.designPrompts])).items, exceptId);
  }

  /** Today's drill and the plan's week, computed from progress as of the start of today. */
  async drillNode(all?: CatalogEntry[]): Promise<Extract<ProblemNode, { kind: 'drill' }>> {
    if (!all) {
      const c = await this.catalog.get();
      all = [...c.problems, ...c.designPrompts];
    }
    const today = dayKey(this.now());
    const active = this.plans.get();
    const practice = await practiceInputs({ theory: this.theory, stories: this.stories });
    const progress = this.progress.get();
    const items = todaysDrill({ problems: all.map(listed), progress, today, plan: active, theory: practice.theory, stories: practice.stories });
    return { kind: 'drill', items, practice, plan: active && { plan: active, status: planStatus(active, progress.history ?? [], today, undefined, practice.record(progress)) } };
  }

  getParent(): undefined {
    return undefined;
  }

  private index(catalog: Catalog): void {
    this.byId = new Map([...catalog.problems, ...catalog.designPrompts].map((e) => [e.id, e]));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

function stateLine(state: ProblemState, p: Progress['problems'][string] | undefined, kind: 'coding' | 'design'): string {
  const errors = p?.errors ? ` · ${p.errors} run${p.errors === 1 ? '' : 's'} stopped before the tests (syntax/import error)` : '';
  if (state === 'new') return p?.startedAt !== undefined || p?.errors ? `$(circle-large-outline) Started, no attempt yet${errors}` : '$(circle-large-outline) Not started';
  if (state === 'attempted') {
    const last = p?.lastRun ? ` · last run ${p.lastRun.passed}/${p.lastRun.total} passed` : '';
    return `$(circle-large-filled) Attempted ${p?.attempts ?? 0} time${p?.attempts === 1 ? '' : 's'}${last}${errors}`;
  }
  const best = p?.bestScore !== undefined ? ` · best score ${p.bestScore.toFixed(1)}/4` : '';
  if (state === 'practised') return `$(circle-large-filled) Practised ${p?.sessions ?? 1} time${p?.sessions === 1 ? '' : 's'}${best} · not solved yet`;
  if (kind === 'design') return `$(pass-filled) Solved (self-score 3.0/4 or more) · ${p?.sessions ?? 1} session${p?.sessions === 1 ? '' : 's'}${best}`;
  const when = p?.solvedAt ? new Date(p.solvedAt).toLocaleDateString() : '';
  const took = p?.solveMs !== undefined ? ` in ${formatMinutes(p.solveMs)}` : p?.untimed ? ' · time not measured (code from before a progress reset)' : '';
  return `$(pass-filled) Solved ${when}${took} · ${p?.attemptsToSolve ?? p?.attempts ?? 1} attempt${(p?.attemptsToSolve ?? 1) === 1 ? '' : 's'}${p?.gaveUp ? ' · looked at the reference' : ''}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** The row of a theory or story drill item: what it is, in a few words. */
function practiceLabel(d: DrillItem, practice: PracticeInputs | undefined): string {
  if (d.kind === 'theory') return `Theory: ${d.cards?.length ?? 0} card${d.cards?.length === 1 ? '' : 's'} due today`;
  const question = d.questionId ? practice?.stories?.titles.get(d.questionId) : undefined;
  if (question) return `Rehearse: ${shortQuestion(question)}`;
  const competency = d.competency && practice?.stories?.competencies.find((c) => c.id === d.competency)?.title;
  return competency ? `Rehearse: ${competency}` : 'Rehearse a behavioural question';
}

/** A theory or story drill item: a click opens the card panel on the block's next card, or starts the rehearsal. */
function practiceItem(d: DrillItem, label: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `drill/${d.id}`;
  const theory = d.kind === 'theory';
  item.iconPath = d.done ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
    : new vscode.ThemeIcon(theory ? 'mortar-board' : 'mic', new vscode.ThemeColor(theory ? 'charts.purple' : 'charts.blue'));
  item.description = theory
    ? `${d.done ? 'done' : d.reason} · ${d.reviewed ?? 0}/${d.cards?.length ?? 0} reviewed`
    : `${d.done ? 'done' : 'rehearse'} · 2–3 min`;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMd(label)}**\n\n$(flame) ${escapeMd(d.why)}\n\n`);
  md.appendMarkdown(theory
    ? 'Answer each card aloud against its clock, reveal, tick the key points you hit and rate it (FSRS schedules the next review). Click to open the next card.'
    : 'A question against a 2–3 minute clock with one of your stories beside it, then a self-rating (FSRS brings it back). Click to start.');
  item.tooltip = md;
  // Once the block is done, a click shows what the live queue holds (more due cards, or "done for today").
  const open = drillCommand(d);
  item.command = { command: open.command, title: theory ? (d.cardId ? 'Open Theory Card' : 'Review Due Theory Cards') : 'Rehearse', arguments: open.args };
  item.contextValue = theory ? 'drill:theory' : 'drill:story';
  return item;
}
