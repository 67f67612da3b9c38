// The Problems view: groups with solved counts, problems with state icons, filters in the description.
import * as vscode from 'vscode';
import type { Catalog } from '../../core/catalog/loadPack';
import type { CodingProblem, DesignPrompt } from '../../core/catalog/types';
import { problemState, type Progress, type ProblemState } from '../../core/progress/progress';
import {
  describeFilter, emptyFilter, formatMinutes, groupLabel, groupProblems, isFilterEmpty,
  type Filter, type Grouping, type ListedProblem, type ProblemGroup,
} from '../../core/tree/problemList';
import type { CatalogService } from '../catalogService';
import type { ProgressStore } from '../../adapters/progressStore';
import { Commands } from '../../commands';

export type CatalogEntry = CodingProblem | DesignPrompt;

export type ProblemNode =
  | { kind: 'group'; group: ProblemGroup; grouping: Grouping }
  | { kind: 'problem'; entry: CatalogEntry; parent: string }
  | { kind: 'errors'; count: number };

export function listed(e: CatalogEntry): ListedProblem {
  return {
    id: e.id, title: e.title, difficulty: e.difficulty, tags: e.tags, companies: e.companies, minutes: e.minutes,
    category: e.kind === 'coding' ? e.category : 'system-design', kind: e.kind,
  };
}

const VIEW_STATE_KEY = 'mlprep.view';
interface ViewState { grouping: Grouping; filter: Filter }

const STATE_ICON: Record<ProblemState, vscode.ThemeIcon> = {
  new: new vscode.ThemeIcon('circle-large-outline'),
  attempted: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('charts.yellow')),
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
  ) {
    const saved = memento.get<Partial<ViewState>>(VIEW_STATE_KEY);
    this.state = { grouping: saved?.grouping ?? 'category', filter: { ...emptyFilter(), ...saved?.filter } };
    this.disposables.push(
      catalog.onDidChange(() => this.refresh()),
      progress.onDidChange(() => this.refresh()),
    );
  }

  attach(view: vscode.TreeView<ProblemNode>): void {
    this.view = view;
    this.updateChrome();
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
    if (!this.view) return;
    this.view.description = isFilterEmpty(this.state.filter) ? undefined : describeFilter(this.state.filter);
  }

  getTreeItem(node: ProblemNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(node.group), node.grouping === 'category' || node.grouping === 'difficulty'
          ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.grouping}:${node.group.key}`;
        item.contextValue = 'group';
        item.tooltip = `${node.group.solved} of ${node.group.total} solved`;
        return item;
      }
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
    }
  }

  private problemItem(node: Extract<ProblemNode, { kind: 'problem' }>): vscode.TreeItem {
    const e = node.entry;
    const p = this.progress.get().problems[e.id];
    const state = problemState(p);
    const item = new vscode.TreeItem(e.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parent}/${e.id}`;
    item.iconPath = STATE_ICON[state];
    const score = e.kind === 'design' && p?.bestScore !== undefined ? ` · best ${p.bestScore.toFixed(1)}/4` : '';
    item.description = `${e.difficulty}${score}`;
    item.contextValue = `problem:${e.kind}:${state}${p?.gaveUp ? ':gaveup' : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(e.title)}**  \n`);
    md.appendMarkdown(`$(${e.kind === 'design' ? 'symbol-structure' : 'code'}) ${e.kind === 'design' ? 'System design' : 'Coding'} · ${e.difficulty} · $(clock) ${e.minutes} min suggested\n\n`);
    if (e.tags.length) md.appendMarkdown(`$(tag) ${e.tags.map(escapeMd).join(', ')}  \n`);
    if (e.companies.length) md.appendMarkdown(`$(organization) ${e.companies.map(escapeMd).join(', ')}  \n`);
    md.appendMarkdown(`\n${stateLine(state, p, e.kind)}`);
    if (e.source === 'user') md.appendMarkdown(`\n\n_From a user pack_`);
    item.tooltip = md;
    item.command = e.kind === 'coding'
      ? { command: Commands.startProblem, title: 'Start Problem', arguments: [e.id] }
      : { command: Commands.startDesignSession, title: 'Start Design Session', arguments: [e.id] };
    return item;
  }

  async getChildren(node?: ProblemNode): Promise<ProblemNode[]> {
    if (node?.kind === 'group') return node.group.problems.map((p) => ({ kind: 'problem', entry: this.byId.get(p.id)!, parent: `group:${node.grouping}:${node.group.key}` }));
    if (node) return [];
    const catalog = await this.catalog.get();
    this.index(catalog);
    const all = [...catalog.problems, ...catalog.designPrompts];
    if (!all.length && !catalog.errors.length) return []; // welcome view
    const groups = groupProblems(all.map(listed), this.progress.get(), this.state.grouping, this.state.filter);
    if (this.view) {
      const solved = all.filter((e) => problemState(this.progress.get().problems[e.id]) === 'solved').length;
      this.view.message = !groups.length && all.length ? 'No problems match the filter. Clear it from the view toolbar.' : undefined;
      this.view.badge = undefined;
      if (isFilterEmpty(this.state.filter)) this.view.description = `${solved}/${all.length} solved`;
    }
    const nodes: ProblemNode[] = groups.map((group) => ({ kind: 'group', group, grouping: this.state.grouping }));
    if (catalog.errors.length) nodes.push({ kind: 'errors', count: catalog.errors.length });
    return nodes;
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
  if (state === 'new') return '$(circle-large-outline) Not started';
  if (state === 'attempted') {
    const last = p?.lastRun ? ` · last run ${p.lastRun.passed}/${p.lastRun.total} passed` : '';
    return `$(circle-large-filled) Attempted ${p?.attempts ?? 0} time${p?.attempts === 1 ? '' : 's'}${last}`;
  }
  if (kind === 'design') return `$(pass-filled) Practised ${p?.sessions ?? 1} time${p?.sessions === 1 ? '' : 's'}${p?.bestScore !== undefined ? ` · best score ${p.bestScore.toFixed(1)}/4` : ''}`;
  const when = p?.solvedAt ? new Date(p.solvedAt).toLocaleDateString() : '';
  const took = p?.solveMs !== undefined ? ` in ${formatMinutes(p.solveMs)}` : '';
  return `$(pass-filled) Solved ${when}${took} · ${p?.attemptsToSolve ?? p?.attempts ?? 1} attempt${(p?.attemptsToSolve ?? 1) === 1 ? '' : 's'}${p?.gaveUp ? ' · looked at the reference' : ''}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
