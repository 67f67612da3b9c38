// Problems view: group by, grouped filter picker, search as you type, clear filter, and what a
// click, a double click and Enter on a problem do (preview the statement / start it).
import * as vscode from 'vscode';
import { ClickTracker } from '../../core/tree/clicks';
import { emptyFilter, filterFromChoices, filterSections, type Grouping } from '../../core/tree/problemList';
import type { CatalogService } from '../catalogService';
import { Commands } from '../../commands';
import { closePreviews, CONTENT_SCHEME } from '../scaffold/scaffoldCommands';
import { listed, type CatalogEntry, type ProblemNode, type ProblemTreeProvider } from './problemTree';

type FilterPick = vscode.QuickPickItem & { key?: string };

/** The read-only statement (coding) or brief (design) a click previews. */
export function previewUri(e: CatalogEntry): vscode.Uri {
  return vscode.Uri.from({ scheme: CONTENT_SCHEME, path: e.kind === 'coding' ? `/statement/${e.id}.md` : `/design/${e.id}.md` });
}

/**
 * Shows `e`'s statement rendered, in the one preview that follows clicks (Markdown's dynamic
 * preview, which reads documents of any scheme), keeping the focus in the view so Enter starts it.
 * Falls back to the read-only Markdown text in a preview tab.
 */
export async function previewEntry(e: CatalogEntry): Promise<void> {
  const uri = previewUri(e);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: false });
    // The preview takes the focus when it opens; give it back to the row (Enter starts it).
    await vscode.commands.executeCommand('mlprep.problems.focus');
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, preserveFocus: true });
  }
}

export function registerViewCommands(tree: ProblemTreeProvider, catalog: CatalogService, view?: vscode.TreeView<ProblemNode>): vscode.Disposable[] {
  const clicks = new ClickTracker();
  // The first click's preview may still be opening when the second click starts the problem:
  // the start waits for it, so it can close it.
  let previewing: Promise<void> = Promise.resolve();

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
    const f = tree.filter;
    const sections = filterSections([...c.problems, ...c.designPrompts].map(listed), f);
    const items: FilterPick[] = sections.flatMap((s) => [
      { label: s.title, kind: vscode.QuickPickItemKind.Separator },
      ...s.choices.map((ch) => ({ label: ch.label, description: ch.description, key: ch.key })),
    ]);
    const qp = vscode.window.createQuickPick<FilterPick>();
    qp.canSelectMany = true;
    qp.matchOnDescription = true;
    qp.title = 'Filter problems';
    qp.placeholder = 'All chosen groups must match';
    qp.items = items;
    const picked = new Set(sections.flatMap((s) => s.choices.filter((ch) => ch.picked).map((ch) => ch.key)));
    qp.selectedItems = items.filter((i) => i.key && picked.has(i.key));
    const chosen = await new Promise<FilterPick[] | undefined>((resolve) => {
      qp.onDidAccept(() => { resolve([...qp.selectedItems]); qp.hide(); });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    if (!chosen) return;
    await tree.setFilter(filterFromChoices(chosen.flatMap((p) => (p.key ? [p.key] : [])), f.text));
  };

  // Applies as the user types; Enter keeps it, Escape puts the previous search back.
  const search = async () => {
    const before = tree.filter;
    const box = vscode.window.createInputBox();
    box.title = 'Search problems';
    box.prompt = 'Title or id. Enter keeps it, Escape restores the previous search.';
    box.placeholder = 'e.g. attention';
    box.value = before.text;
    let accepted = false;
    box.onDidChangeValue((text) => void tree.setFilter({ ...tree.filter, text }));
    await new Promise<void>((resolve) => {
      box.onDidAccept(() => { accepted = true; box.hide(); });
      box.onDidHide(() => resolve());
      box.show();
    });
    box.dispose();
    if (!accepted) await tree.setFilter({ ...tree.filter, text: before.text });
  };

  /** Starts a problem: files and editors for coding, a timed session for design. */
  const start = async (e: CatalogEntry) => {
    await previewing;
    await closePreview(e);
    await vscode.commands.executeCommand(e.kind === 'coding' ? Commands.startProblem : Commands.startDesignSession, e.id);
  };

  const entryOf = (arg: unknown): CatalogEntry | undefined => {
    if (typeof arg === 'string') return tree.entry(arg);
    const node = (arg as ProblemNode | undefined) ?? view?.selection[0];
    return node?.kind === 'problem' ? node.entry : undefined;
  };

  return [
    vscode.commands.registerCommand(Commands.groupBy, groupBy),
    vscode.commands.registerCommand(Commands.filter, filter),
    vscode.commands.registerCommand(Commands.search, search),
    vscode.commands.registerCommand(Commands.clearFilter, () => tree.setFilter(emptyFilter())),
    // The row's click command; a second click on the same row within 500 ms starts it.
    vscode.commands.registerCommand(Commands.previewProblem, async (id: unknown) => {
      const e = entryOf(id);
      if (!e) return;
      if (clicks.click(e.id, Date.now()) === 'start') return start(e);
      previewing = previewEntry(e).catch(() => undefined);
      await previewing;
    }),
    // Enter in the view (keybinding), or a tree row / id: start it.
    vscode.commands.registerCommand(Commands.openProblem, async (arg?: unknown) => {
      const e = entryOf(arg);
      if (e) return start(e);
      // Enter on any other row does what it did before this binding: expand a group, run a row's command.
      const node = arg === undefined ? view?.selection[0] : undefined;
      if (!node) return;
      if (node.kind === 'group' || node.kind === 'drill') return vscode.commands.executeCommand('list.toggleExpand');
      const command = tree.getTreeItem(node).command;
      if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    }),
  ];
}

/** Closes the preview of `e` once it is started: the real statement opens beside the code. */
async function closePreview(e: CatalogEntry): Promise<void> {
  await closePreviews(previewUri(e));
}
