// Problems view toolbar: group by, combined filter, title search, clear filter.
import * as vscode from 'vscode';
import { DIFFICULTIES, emptyFilter, facets, type Filter, type Grouping } from '../../core/tree/problemList';
import type { ProblemState } from '../../core/progress/progress';
import type { CatalogService } from '../catalogService';
import { Commands } from '../../commands';
import { listed, type ProblemTreeProvider } from './problemTree';

type FilterPick = vscode.QuickPickItem & { apply?: (f: Filter) => void };

export function registerViewCommands(tree: ProblemTreeProvider, catalog: CatalogService): vscode.Disposable[] {
  const groupBy = async () => {
    const options: { label: string; value: Grouping; description?: string }[] = [
      { label: '$(list-tree) Category', value: 'category' },
      { label: '$(dashboard) Difficulty', value: 'difficulty' },
      { label: '$(tag) Tag', value: 'tag' },
      { label: '$(organization) Company', value: 'company' },
    ];
    for (const o of options) if (o.value === tree.grouping) o.description = 'current';
    const pick = await vscode.window.showQuickPick(options, { placeHolder: 'Group problems by…' });
    if (pick) await tree.setGrouping(pick.value);
  };

  const filter = async () => {
    const c = await catalog.get();
    const { tags, companies } = facets([...c.problems, ...c.designPrompts].map(listed));
    const f = tree.filter;
    const states: { s: ProblemState; label: string }[] = [
      { s: 'new', label: '$(circle-large-outline) New' },
      { s: 'attempted', label: '$(circle-large-filled) Attempted (not solved)' },
      { s: 'practised', label: '$(circle-large-filled) Practised (design, self-score below 3.0/4)' },
      { s: 'solved', label: '$(pass-filled) Solved' },
    ];
    const items: FilterPick[] = [
      { label: 'Difficulty', kind: vscode.QuickPickItemKind.Separator },
      ...DIFFICULTIES.map((d) => ({ label: d, picked: f.difficulties.includes(d), apply: (x: Filter) => x.difficulties.push(d) })),
      { label: 'State', kind: vscode.QuickPickItemKind.Separator },
      ...states.map(({ s, label }) => ({ label, picked: f.states.includes(s), apply: (x: Filter) => x.states.push(s) })),
      { label: 'Tags', kind: vscode.QuickPickItemKind.Separator },
      ...tags.map((t) => ({ label: `tag:${t}`, picked: f.tags.includes(t), apply: (x: Filter) => x.tags.push(t) })),
      { label: 'Companies', kind: vscode.QuickPickItemKind.Separator },
      ...companies.map((co) => ({ label: `company:${co}`, picked: f.companies.includes(co), apply: (x: Filter) => x.companies.push(co) })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      placeHolder: 'Show problems that match every chosen group (any choice within a group), e.g. medium + unsolved + tag:clustering',
      matchOnDescription: true,
    });
    if (!picked) return;
    const next: Filter = { ...emptyFilter(), text: f.text };
    for (const p of picked) p.apply?.(next);
    await tree.setFilter(next);
  };

  const search = async () => {
    const text = await vscode.window.showInputBox({
      prompt: 'Search problems by title (empty to clear)',
      value: tree.filter.text,
      placeHolder: 'e.g. attention',
    });
    if (text !== undefined) await tree.setFilter({ ...tree.filter, text });
  };

  return [
    vscode.commands.registerCommand(Commands.groupBy, groupBy),
    vscode.commands.registerCommand(Commands.filter, filter),
    vscode.commands.registerCommand(Commands.search, search),
    vscode.commands.registerCommand(Commands.clearFilter, () => tree.setFilter(emptyFilter())),
  ];
}
