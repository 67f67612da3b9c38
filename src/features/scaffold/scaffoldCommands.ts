// Start / open a problem, reset it to the starter, show its statement, open the reference solution.
import * as vscode from 'vscode';
import { frameworkFiles, frameworkLabel, isFramework, partCount, type CodingProblem, type DesignPrompt, type Framework } from '../../core/catalog/types';
import { FRAMEWORK_SIDECAR, frameworkPickOrder, planFrameworkSwitch, startFramework } from '../../core/scaffold/framework';
import { frameworkTags } from '../../core/scaffold/pytorchText';
import { backupName, planScaffold, renderDesignBrief, renderStatement, type PlannedFile, type ScaffoldSource } from '../../core/scaffold/planScaffold';
import { problemState, unlockedParts } from '../../core/progress/progress';
import { categoryLabel, pickerOrder, type ListedProblem } from '../../core/tree/problemList';
import type { ProgressStore } from '../../adapters/progressStore';
import { readSettings } from '../../adapters/settings';
import type { CatalogService } from '../catalogService';
import { Commands } from '../../commands';
import { exists, practiceFramework, practiceRoot, problemDirUri, problemIdOf, solutionUriFor } from './practiceFolder';
import { nextHint, revealedHintsMarkdown } from '../../core/scaffold/hints';
import { learnFallbackNote, parseReferenceQuery, partPassed, partReference, referencePart, referenceQuery } from '../../core/scaffold/partReference';

/** Notification actions shared with the solved notification (src/features/runner/resultViews.ts). */
export const READ_WRITEUP = 'Write-up';
export const COMPARE_REFERENCE = 'Compare';

const PENDING_START_KEY = 'mlprep.pendingStart';
export const CONTENT_SCHEME = 'mlprep';

async function readText(file: string): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
}

/**
 * The write-up of part `part` (default 1): the part's own learn.md, else part 1's with a line saying
 * so (contract F: a follow-up's learn.md is optional); undefined when neither exists.
 */
export async function learnText(p: CodingProblem, part = 1): Promise<string | undefined> {
  const ref = partReference(p, 'numpy', part);
  const read = async (file: string) => (await exists(vscode.Uri.file(file))) ? Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8') : undefined;
  const own = await read(ref.learn);
  if (own !== undefined || !ref.fallbackLearn) return own;
  const first = await read(ref.fallbackLearn);
  return first === undefined ? undefined : `${learnFallbackNote(ref.part, ref.title)}\n\n${first}`;
}

/** The part whose reference / write-up to show for `p`: `requested` (clamped to the unlocked parts), else the part the user is on. */
export function referencePartFor(p: CodingProblem, progress: Pick<ProgressStore, 'get'> | undefined, requested?: number): number {
  return referencePart(progress?.get().problems[p.id], partCount(p), requested);
}

/**
 * What the statement and the practice files are made of; `framework` undefined: a preview (NumPy
 * files, the variants named). `unlocked` = parts shown (1 = part 1 only; the follow-ups
 * 2..unlocked are appended, contract F).
 */
export async function scaffoldSource(p: CodingProblem, framework?: Framework, unlocked = 1): Promise<ScaffoldSource> {
  const files = frameworkFiles(p, framework ?? 'numpy');
  const [starter, examples] = await Promise.all([readText(files.starter), readText(files.testExamples)]);
  return { ...p, starter, examples, framework, followUps: p.followUps.slice(0, Math.max(0, unlocked - 1)), partCount: partCount(p) };
}

/** The parts unlocked for `p` by the user's progress (1 when there is no progress). */
export function unlockedFor(p: CodingProblem, progress?: Pick<ProgressStore, 'get'>): number {
  return unlockedParts(progress?.get().problems[p.id], partCount(p));
}

/**
 * A follow-up unlocked: the practice folder's README.md gets the new part(s) appended, but only
 * if the file is still what MLPrep wrote for the parts before (with or without hints), so a
 * user's edits are never overwritten. Returns whether it was rewritten.
 */
export async function writeUnlockedStatement(problem: CodingProblem, unlocked: number, hintsHidden: boolean): Promise<boolean> {
  const dir = problemDirUri(problem.id);
  if (!dir) return false;
  const readme = vscode.Uri.joinPath(dir, 'README.md');
  if (!(await exists(readme))) return false;
  const current = Buffer.from(await vscode.workspace.fs.readFile(readme)).toString('utf8');
  const framework = await practiceFramework(problem);
  const ours = new Set<string>();
  for (let k = 1; k <= unlocked; k++) {
    const s = await scaffoldSource(problem, framework, k);
    ours.add(renderStatement(s));
    ours.add(renderStatement(withoutHints(s)));
  }
  if (!ours.has(current)) return false;
  const next = await scaffoldSource(problem, framework, unlocked);
  const text = renderStatement(hintsHidden ? withoutHints(next) : next);
  if (text === current) return false;
  await vscode.workspace.fs.writeFile(readme, Buffer.from(text, 'utf8'));
  return true;
}

/**
 * The reference documents of part `part` of `problem` in `framework`
 * (`mlprep:/reference/<id>.py?pytorch&part=2`; no query for part 1 in NumPy).
 */
export function referenceUri(kind: 'reference' | 'reference-raw', id: string, framework: Framework, part = 1): vscode.Uri {
  const query = referenceQuery(framework, part);
  return vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/${kind}/${id}.py`, ...(query ? { query } : {}) });
}

/** The write-up document of part `part` of `problem` (`mlprep:/learn/<id>.md?part=2`). */
export function learnUri(id: string, part = 1): vscode.Uri {
  const query = referenceQuery('numpy', part);
  return vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/learn/${id}.md`, ...(query ? { query } : {}) });
}

const LAST_FRAMEWORK_KEY = 'mlprep.lastFramework';

export interface ScaffoldDeps {
  catalog: CatalogService;
  progress: ProgressStore;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** Called after a problem is scaffolded or opened (Test Explorer item). */
  onStarted: (problem: CodingProblem, solution: vscode.Uri) => void;
  /** True while a mock interview runs: no hints in new statements, no reference solutions. */
  assistanceHidden: () => boolean;
  /** After Reset to Starter: the last result described the old code, so the views forget it. */
  onReset?: (problem: CodingProblem) => void;
  /** Checks (in the background) that the interpreter has the modules the problem needs (torch for a PyTorch start); says so if not. */
  checkModules?: (problem: CodingProblem, solution: vscode.Uri, framework: Framework) => Promise<unknown>;
  /** The framework of a started problem's practice folder when it is not NumPy (the picker then shows `pytorch` among its tags). */
  startedFramework?: (id: string) => Framework | undefined;
}

/**
 * Read-only documents: `mlprep:/statement/<id>.md`, `mlprep:/design/<id>.md`, `mlprep:/reference/<id>.py`
 * (with a title comment), `mlprep:/reference-raw/<id>.py` (the file as is, for the diff view),
 * `mlprep:/learn/<id>.md` (the write-up) and `mlprep:/hints/<id>.md` (the hints revealed so far).
 */
export class ProblemContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly catalog: CatalogService,
    private readonly assistanceHidden: () => boolean = () => false,
    /** Fires when assistanceHidden() may have changed (a mock starts or ends): open documents re-render. */
    onAssistanceChange?: vscode.Event<unknown>,
    /** The revealed-hints count per problem (`hints/` documents); they re-render when it changes. */
    private readonly progress?: Pick<ProgressStore, 'get' | 'onDidChange'>,
  ) {
    const refresh = (kind?: string) => {
      for (const d of vscode.workspace.textDocuments) {
        if (d.uri.scheme === CONTENT_SCHEME && (!kind || d.uri.path.startsWith(`/${kind}/`))) this.changed.fire(d.uri);
      }
    };
    if (onAssistanceChange) this.subscriptions.push(onAssistanceChange(() => refresh()));
    if (progress) this.subscriptions.push(progress.onDidChange(() => { refresh('hints'); refresh('statement'); }));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, kind, file] = uri.path.split('/');
    const id = file?.replace(/\.(md|py)$/, '') ?? '';
    if (kind === 'design') {
      const prompt = await this.catalog.designPrompt(id);
      return prompt ? renderDesignBrief(prompt) : `Unknown design prompt "${id}".`;
    }
    const problem = await this.catalog.problem(id);
    if (!problem) return `Unknown problem "${id}".`;
    if (kind === 'statement') {
      // a problem whose practice folder is in PyTorch previews as its README reads (torch terms, pytorch tag)
      const started = problem.frameworks.length > 1 ? await practiceFramework(problem) : 'numpy';
      const source = await scaffoldSource(problem, started === 'pytorch' ? started : undefined, unlockedFor(problem, this.progress));
      return renderStatement(this.assistanceHidden() ? withoutHints(source) : source);
    }
    if (kind === 'hints') return revealedHintsMarkdown(problem.title, problem.hints, this.progress?.get().problems[id]?.hints, this.assistanceHidden());
    if (kind === 'reference' && this.assistanceHidden()) return 'Hidden while a mock interview runs.';
    // The part comes in the URI (the commands put the part the user is on, or the one just passed).
    const q = parseReferenceQuery(uri.query);
    const ref = partReference(problem, q.framework, q.part);
    const of = ref.of > 1 ? ` — part ${ref.part} of ${ref.of}${ref.part > 1 ? `: ${ref.title}` : ''}` : '';
    if (kind === 'reference') return `# ${ref.pytorch ? 'PyTorch reference' : 'Reference'} solution for “${problem.title}”${of} (read-only)\n\n${await readText(ref.solution)}`;
    // The diff view shows the reference exactly as written, so the lines line up with solution.py.
    if (kind === 'reference-raw') return this.assistanceHidden() ? '# Hidden while a mock interview runs.\n' : readText(ref.solution);
    if (kind === 'learn') {
      if (this.assistanceHidden()) return 'Hidden while a mock interview runs.';
      const text = await learnText(problem, ref.part);
      return text ?? `“${problem.title}” has no write-up yet.`;
    }
    return '';
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}

/**
 * After a mock: a statement written without hints during it gets them back (only if the file is
 * still exactly what the mock wrote, so a user's edits are never overwritten).
 */
export async function restoreStatementHints(problem: CodingProblem, progress?: Pick<ProgressStore, 'get'>): Promise<boolean> {
  const root = practiceRoot();
  const dir = problemDirUri(problem.id);
  if (!root || !dir || !(problem.hints.length || problem.followUps.some((f) => f.hints.length))) return false;
  const readme = vscode.Uri.joinPath(dir, 'README.md');
  if (!(await exists(readme))) return false;
  // The parts unlocked now: a mock that solved part 1 appended part 2 (without hints) to the file.
  const source = await scaffoldSource(problem, await practiceFramework(problem), unlockedFor(problem, progress));
  const current = Buffer.from(await vscode.workspace.fs.readFile(readme)).toString('utf8');
  if (current !== renderStatement(withoutHints(source))) return false;
  await vscode.workspace.fs.writeFile(readme, Buffer.from(renderStatement(source), 'utf8'));
  return true;
}

/** `s` with every hint left out: part 1's and each unlocked follow-up's (what a mock shows). */
function withoutHints(s: ScaffoldSource): ScaffoldSource {
  return { ...s, hints: [], followUps: s.followUps?.map((f) => ({ ...f, hints: [] })) };
}

/**
 * Closes the tabs showing the read-only document `uri` (a click's preview): as text, in the
 * Markdown preview editor, or in Markdown's dynamic preview (a webview titled "Preview <name>").
 */
export async function closePreviews(uri: vscode.Uri): Promise<void> {
  const name = uri.path.split('/').pop() ?? '';
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const input = t.input;
    if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri.toString() === uri.toString();
    return input instanceof vscode.TabInputWebview && input.viewType.endsWith('markdown.preview') && t.label.endsWith(` ${name}`);
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}

/** The statement's Markdown preview beside the solution, leaving the focus in the code. */
async function showStatementBeside(readme: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('vscode.openWith', readme, 'vscode.markdown.preview.editor', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  } catch {
    // Without the built-in Markdown preview editor: a plain preview (takes the focus).
    await vscode.commands.executeCommand('markdown.showPreviewToSide', readme);
  }
}

/** The fields the pickers sort and show (as the Problems view lists them). */
function listedEntry(e: CodingProblem | DesignPrompt): ListedProblem {
  return { id: e.id, title: e.title, difficulty: e.difficulty, tags: e.tags, companies: e.companies, minutes: e.minutes, category: e.kind === 'coding' ? e.category : 'system-design', kind: e.kind };
}

/** What MLPrep: Show Next Hint did (its command result). `index` is 0-based. */
export type HintShown =
  | { kind: 'hint'; problemId: string; index: number; total: number; text: string }
  | { kind: 'allShown'; problemId: string; total: number }
  | { kind: 'none'; problemId: string }
  | { kind: 'hidden' };

export function registerScaffoldCommands(deps: ScaffoldDeps): vscode.Disposable[] {
  const { catalog, progress } = deps;

  // The problem named by the argument: an id (links, other commands), a tree row, a test item or a
  // solution's URI (editor title). The palette passes nothing: then the caller shows the picker
  // rather than guessing from the open editor (typing meant for the picker would go into the code).
  const resolveId = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return problemIdOf(arg);
    if (arg && typeof arg === 'object') {
      const o = arg as { entry?: { id?: string }; id?: string; uri?: vscode.Uri };
      if (o.entry?.id) return o.entry.id; // tree node
      if (o.uri instanceof vscode.Uri) return problemIdOf(o.uri);
      if (typeof o.id === 'string') return o.id.split('/')[0]; // test item
    }
    return undefined;
  };
  /**
   * The problem of the active solution.py, offered first in the pickers; when the focus is in a
   * preview beside it (the statement, the hints), the solution still visible in an editor.
   */
  const currentId = (): string | undefined => {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active) return problemIdOf(active);
    for (const e of vscode.window.visibleTextEditors) {
      const id = problemIdOf(e.document.uri);
      if (id) return id;
    }
    return undefined;
  };
  const stateLabel = (id: string): string => {
    const st = problemState(progress.get().problems[id]);
    return st === 'new' ? '' : ` · ${st}`;
  };

  const pickProblem = async (arg: unknown, placeHolder: string): Promise<CodingProblem | undefined> => {
    const id = resolveId(arg);
    if (id) {
      const p = await catalog.problem(id);
      if (!p) void vscode.window.showErrorMessage(`MLPrep: no coding problem with id "${id}".`);
      return p;
    }
    const current = currentId();
    const all = pickerOrder((await catalog.get()).problems, current);
    const pick = await vscode.window.showQuickPick(
      all.map((p) => ({
        label: p.title,
        description: `${p.id === current ? 'current · ' : ''}${p.difficulty} · ${categoryLabel(p.category)}${stateLabel(p.id)}`,
        detail: frameworkTags(p.tags, deps.startedFramework?.(p.id)).join(', '),
        id: p.id,
      })),
      { placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
    );
    return pick ? all.find((p) => p.id === pick.id) : undefined;
  };

  /** `fresh`: solution.py was just written from the starter (its solve can be timed after a reset). */
  const openProblem = async (problem: CodingProblem, solution: vscode.Uri, fresh: boolean) => {
    const doc = await vscode.workspace.openTextDocument(solution);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    const readme = vscode.Uri.joinPath(solution, '..', 'README.md');
    if (await exists(readme)) await showStatementBeside(readme);
    await progress.recordStart(problem.id, { fresh });
    deps.onStarted(problem, solution);
  };

  /**
   * NumPy or PyTorch for a start of `problem`: an already started folder keeps its framework; a
   * problem with one framework has no choice; else the `mlprep.framework` setting, and for 'ask'
   * a quick pick with the last choice first. Undefined when the user dismisses the pick.
   * `requested` (a command argument `{ id, framework }`) answers without asking.
   */
  const chooseFramework = async (problem: CodingProblem, requested: unknown): Promise<Framework | undefined> => {
    const solution = await solutionUriFor(problem.id, { mustExist: true });
    const existing = solution ? await practiceFramework(problem) : undefined;
    if (!existing && isFramework(requested) && problem.frameworks.includes(requested)) return requested;
    const decided = startFramework(problem.frameworks, readSettings(practiceRoot()?.uri).framework, existing);
    if (decided !== 'ask') return decided;
    const order = frameworkPickOrder(problem.frameworks, deps.globalState.get(LAST_FRAMEWORK_KEY));
    const detail: Record<Framework, string> = {
      numpy: 'Arrays in, arrays out: the classic interview setting.',
      pytorch: `Tensors in, tensors out (CPU; needs torch). ${problem.pytorch?.signature ?? ''}`,
    };
    const pick = await vscode.window.showQuickPick(
      order.map((f, i) => ({ label: frameworkLabel(f), description: i === 0 && isFramework(deps.globalState.get(LAST_FRAMEWORK_KEY)) ? 'last used' : '', detail: detail[f], framework: f })),
      { placeHolder: `Write “${problem.title}” in NumPy or PyTorch? (same statement and hidden tests; setting mlprep.framework)`, ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    await deps.globalState.update(LAST_FRAMEWORK_KEY, pick.framework);
    return pick.framework;
  };

  const startProblem = async (arg: unknown) => {
    const problem = await pickProblem(arg, 'Start which problem?');
    if (!problem) return;
    if (!practiceRoot()) return offerFolder(problem.id, deps.globalState);
    const framework = await chooseFramework(problem, (arg as { framework?: unknown } | undefined)?.framework);
    if (!framework) return;
    const dir = problemDirUri(problem.id)!;
    const source = await scaffoldSource(problem, framework, unlockedFor(problem, deps.progress));
    const files = planScaffold(deps.assistanceHidden() ? { ...source, hints: [], followUps: source.followUps?.map((f) => ({ ...f, hints: [] })) } : source, readSettings(practiceRoot()!.uri).practiceFolder);
    const root = practiceRoot()!.uri;
    let written = 0;
    let freshSolution = false;
    for (const f of files) {
      const uri = vscode.Uri.joinPath(root, ...f.path.split('/'));
      // Never overwrite the user's work: only missing files are (re)written.
      if (await exists(uri)) continue;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(f.content, 'utf8'));
      written++;
      if (f.role === 'solution') freshSolution = true;
    }
    if (written) deps.log.info(`scaffolded ${problem.id} (${frameworkLabel(framework)}, ${written} file${written === 1 ? '' : 's'}) in ${dir.fsPath}`);
    const solution = vscode.Uri.joinPath(dir, 'solution.py');
    // The click's preview of the statement gives way to the real one beside the code.
    await closePreviews(vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/statement/${problem.id}.md` }));
    await openProblem(problem, solution, freshSolution);
    // Missing pandas is said now, not at the first save; never blocks the start.
    void deps.checkModules?.(problem, solution, framework).catch((e: unknown) => deps.log.warn(`module check for ${problem.id} failed: ${String(e)}`));
  };

  /**
   * Reset to Starter. For a problem with a PyTorch variant it first asks which starter (the
   * folder's framework first): choosing the other one switches the practice folder, rewriting
   * test_examples.py, README.md and .mlprep.json for it (files holding anything MLPrep did not
   * write are kept in .backups/ first, as solution.py always is).
   */
  const resetToStarter = async (arg: unknown) => {
    const problem = await pickProblem(arg, 'Reset which problem to its starter code?');
    if (!problem) return;
    const solution = await solutionUriFor(problem.id, { mustExist: true });
    if (!solution) return startProblem(problem.id);
    const current = await practiceFramework(problem);
    let target = current;
    if (problem.frameworks.length > 1) {
      const order = [current, ...problem.frameworks.filter((f) => f !== current)];
      const pick = await vscode.window.showQuickPick(
        order.map((f) => ({ label: `${frameworkLabel(f)} starter`, description: f === current ? 'current' : `switches this problem's practice folder to ${frameworkLabel(f)}`, framework: f })),
        { placeHolder: `Reset “${problem.title}” to which starter?`, ignoreFocusOut: true },
      );
      if (!pick) return;
      target = pick.framework;
    }
    const now = new Date();
    const backup = vscode.Uri.joinPath(solution, '..', ...backupName(now).split('/'));
    const switching = target !== current;
    const ok = await vscode.window.showWarningMessage(
      switching ? `Replace your solution of “${problem.title}” with the ${frameworkLabel(target)} starter?` : `Replace your solution of “${problem.title}” with the starter code?`,
      { modal: true, detail: `Your current solution.py is kept as ${vscode.workspace.asRelativePath(backup)}.${switching ? ` test_examples.py and README.md are rewritten for ${frameworkLabel(target)} (kept in .backups/ too if you changed them), and every run of this solution uses ${frameworkLabel(target)}.` : ''}` },
      'Reset to Starter',
    );
    if (ok !== 'Reset to Starter') return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === solution.toString());
    if (open?.isDirty) await open.save();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(backup, '..'));
    await vscode.workspace.fs.copy(solution, backup, { overwrite: false });
    if (switching) await switchFramework(problem, vscode.Uri.joinPath(solution, '..'), current, target, now);
    await vscode.workspace.fs.writeFile(solution, Buffer.from(await readText(frameworkFiles(problem, target).starter), 'utf8'));
    await vscode.window.showTextDocument(solution, { preview: false });
    deps.onReset?.(problem);
    // Starter code again: after a progress reset, the solve clock restarts here (TIMING_RULE).
    await progress.recordStart(problem.id, { fresh: true });
    if (switching) void deps.checkModules?.(problem, solution, target).catch((e: unknown) => deps.log.warn(`module check for ${problem.id} failed: ${String(e)}`));
    void vscode.window.showInformationMessage(`“${problem.title}” reset to the ${switching ? `${frameworkLabel(target)} ` : ''}starter. Backup: ${vscode.workspace.asRelativePath(backup)}`);
  };

  /** Rewrites the practice folder's examples, statement and sidecar for `target` (see planFrameworkSwitch). */
  const switchFramework = async (problem: CodingProblem, dir: vscode.Uri, from: Framework, target: Framework, now: Date) => {
    const practice = readSettings(practiceRoot()?.uri).practiceFolder;
    const plan = async (f: Framework, hints: boolean) => {
      const source = await scaffoldSource(problem, f, unlockedFor(problem, deps.progress));
      return planScaffold(hints ? source : { ...source, hints: [], followUps: source.followUps?.map((u) => ({ ...u, hints: [] })) }, practice);
    };
    const [before, beforeNoHints, next] = await Promise.all([plan(from, true), plan(from, false), plan(target, !deps.assistanceHidden())]);
    const textOf = (files: PlannedFile[], role: PlannedFile['role']) => files.find((f) => f.role === role)?.content ?? '';
    const read = async (name: string) => ((await exists(vscode.Uri.joinPath(dir, name))) ? readText(vscode.Uri.joinPath(dir, name).fsPath) : undefined);
    const roles = [['examples', 'test_examples.py'], ['statement', 'README.md'], ['sidecar', FRAMEWORK_SIDECAR]] as const;
    const files = await Promise.all(roles.map(async ([role, name]) => ({
      name, current: await read(name), generated: [textOf(before, role), textOf(beforeNoHints, role)], next: textOf(next, role),
    })));
    for (const step of planFrameworkSwitch(files)) {
      const uri = vscode.Uri.joinPath(dir, step.name);
      if (step.backup) await vscode.workspace.fs.copy(uri, vscode.Uri.joinPath(dir, ...backupName(now, step.name).split('/')), { overwrite: false });
      await vscode.workspace.fs.writeFile(uri, Buffer.from(step.content, 'utf8'));
    }
    deps.log.info(`switched ${problem.id} from ${frameworkLabel(from)} to ${frameworkLabel(target)} in ${dir.fsPath}`);
  };

  const showStatement = async (arg: unknown) => {
    const id = resolveId(arg);
    const design = id ? await catalog.designPrompt(id) : undefined;
    if (design) {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/design/${design.id}.md` }));
      return;
    }
    const problem = await pickProblem(arg, 'Show the statement of which problem?');
    if (!problem) return;
    const readme = problemDirUri(problem.id) && vscode.Uri.joinPath(problemDirUri(problem.id)!, 'README.md');
    const uri = readme && (await exists(readme)) ? readme : vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/statement/${problem.id}.md` });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  };

  /** Parts ≥ 2 the user gave up on this session (progress records give-ups per problem, for part 1). */
  const gaveUpParts = new Set<string>();

  /**
   * Whether the reference of part `part` of `problem` may be shown now: never during a mock; once
   * that part passed (or, for part 1, given up) freely (viewing after solving never records a
   * give-up); otherwise only after the user confirms giving up. Part 1's give-up is recorded in
   * progress; a follow-up's is remembered for the session (the problem is solved by then).
   */
  const mayShowReference = async (problem: CodingProblem, part = 1): Promise<boolean> => {
    if (deps.assistanceHidden()) {
      void vscode.window.showInformationMessage('Reference solutions are hidden while a mock interview runs. They come back with the report.');
      return false;
    }
    const p = progress.get().problems[problem.id];
    if (part >= 2) {
      const key = `${problem.id}#${part}`;
      if (partPassed(p, partCount(problem), part) || gaveUpParts.has(key)) return true;
      const title = problem.followUps[part - 2]?.title ?? '';
      const ok = await vscode.window.showWarningMessage(
        `Give up on part ${part} (“${title}”) of “${problem.title}” and see its reference?`,
        { modal: true, detail: `Part ${part} stays unpassed until your own solution passes its hidden tests.` },
        'Give Up and Show',
      );
      if (ok !== 'Give Up and Show') return false;
      gaveUpParts.add(key);
      return true;
    }
    if (problemState(p) !== 'solved' && !p?.gaveUp) {
      const ok = await vscode.window.showWarningMessage(
        `Give up on “${problem.title}” and see the reference solution?`,
        { modal: true, detail: 'The problem stays unsolved until your own solution passes the hidden tests, and your progress notes that you looked.' },
        'Give Up and Show',
      );
      if (ok !== 'Give Up and Show') return false;
      await progress.recordGiveUp(problem.id);
    }
    return true;
  };

  /** "Part 2 of 3" for a problem with follow-ups, else nothing. */
  const partLabel = (problem: CodingProblem, part: number) => partCount(problem) > 1 ? ` (part ${part} of ${partCount(problem)})` : '';

  /** After the reference is shown: offer the write-up and the diff of the same part (when there is one to offer). */
  const offerAfterReference = async (problem: CodingProblem, compare: boolean, part: number) => {
    const learn = (await learnText(problem, part)) !== undefined;
    const solution = compare ? await solutionUriFor(problem.id, { mustExist: true }) : undefined;
    const actions = [...(learn ? [READ_WRITEUP] : []), ...(solution ? [COMPARE_REFERENCE] : [])];
    if (!actions.length) return;
    void vscode.window.showInformationMessage(`Reference of “${problem.title}”${partLabel(problem, part)}${learn ? ': the write-up explains the idea, the pitfalls the tests check and follow-up questions.' : '.'}`, ...actions).then((a) => {
      if (a === READ_WRITEUP) void vscode.commands.executeCommand(Commands.showWriteup, problem.id, part);
      else if (a === COMPARE_REFERENCE) void vscode.commands.executeCommand(Commands.compareWithReference, problem.id, part);
    });
  };

  /**
   * Opens the reference of the part the user is on (or part `requested`, e.g. the one a solved
   * notification names), in the framework of the practice folder (NumPy when not started).
   * Returns the document's URI (for tests), or undefined when it showed nothing.
   */
  const openReference = async (arg: unknown, requested?: unknown): Promise<string | undefined> => {
    const problem = await pickProblem(arg, 'Open the reference solution of which problem?');
    if (!problem) return undefined;
    const part = referencePartFor(problem, progress, typeof requested === 'number' ? requested : undefined);
    if (!(await mayShowReference(problem, part))) return undefined;
    const uri = referenceUri('reference', problem.id, await practiceFramework(problem), part);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'python');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    void offerAfterReference(problem, true, part);
    return uri.toString();
  };

  /**
   * Side-by-side diff: the user's solution.py (left, editable) against the reference of the part the
   * user is on, or of part `requested` (right, read-only through the `mlprep:` provider). Same
   * rules as Open Reference. Returns the two URIs it compared (for tests), or undefined when it
   * showed nothing.
   */
  const compareWithReference = async (arg: unknown, requested?: unknown): Promise<{ left: string; right: string; part: number } | undefined> => {
    const problem = await pickProblem(arg, 'Compare your solution with the reference of which problem?');
    if (!problem) return undefined;
    const solution = await solutionUriFor(problem.id, { mustExist: true });
    if (!solution) {
      void vscode.window.showInformationMessage(`There is no solution.py of “${problem.title}” to compare yet. Start the problem first, or use Open Reference.`);
      return undefined;
    }
    const part = referencePartFor(problem, progress, typeof requested === 'number' ? requested : undefined);
    if (!(await mayShowReference(problem, part))) return undefined;
    const framework = await practiceFramework(problem, vscode.Uri.joinPath(solution, '..'));
    const right = referenceUri('reference-raw', problem.id, framework, part);
    const doc = await vscode.workspace.openTextDocument(right);
    await vscode.languages.setTextDocumentLanguage(doc, 'python');
    const ref = partReference(problem, framework, part);
    await vscode.commands.executeCommand('vscode.diff', solution, right, `${problem.title}: your solution ↔ ${ref.pytorch ? 'PyTorch reference' : 'reference'}${ref.of > 1 ? `, part ${ref.part}/${ref.of}` : ''}`, { preview: true });
    return { left: solution.toString(), right: right.toString(), part };
  };

  /** Markdown preview of the write-up of the part the user is on, or of part `requested` (after solving or giving up; never during a mock). */
  const showWriteup = async (arg: unknown, requested?: unknown): Promise<string | undefined> => {
    const problem = await pickProblem(arg, 'Read the write-up of which problem?');
    if (!problem) return undefined;
    const part = referencePartFor(problem, progress, typeof requested === 'number' ? requested : undefined);
    if ((await learnText(problem, part)) === undefined) {
      void vscode.window.showInformationMessage(`“${problem.title}” has no write-up yet.`);
      return undefined;
    }
    if (!(await mayShowReference(problem, part))) return undefined;
    const uri = learnUri(problem.id, part);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return uri.toString();
  };

  /**
   * Reveals the problem's next hint in a notification ("Hint 2 of 3") and records it in progress
   * (the count is what "next" means, so it survives reloads). "Next Hint" reveals the following
   * one; "All Hints So Far" opens them together. Hidden while a mock interview runs.
   * Returns what it did (for tests and callers): the hint shown, or why none was.
   */
  const showNextHint = async (arg: unknown): Promise<HintShown | undefined> => {
    if (deps.assistanceHidden()) {
      void vscode.window.showInformationMessage('Hints are hidden while a mock interview runs. They come back with the report.');
      return { kind: 'hidden' };
    }
    const problem = await pickProblem(arg, 'Show the next hint of which problem?');
    if (!problem) return undefined;
    const next = nextHint(problem.hints, progress.get().problems[problem.id]?.hints);
    const showAll = 'All Hints So Far';
    const openAll = () => vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/hints/${problem.id}.md` }));
    if (next.kind === 'none') {
      void vscode.window.showInformationMessage(`“${problem.title}” has no hints.`);
      return { kind: 'none', problemId: problem.id };
    }
    if (next.kind === 'allShown') {
      void vscode.window.showInformationMessage(`All ${next.total} hints of “${problem.title}” are shown.`, showAll).then((a) => a && openAll());
      return { kind: 'allShown', problemId: problem.id, total: next.total };
    }
    await progress.recordHint(problem.id);
    const buttons = next.remaining ? ['Next Hint', showAll] : [showAll];
    void vscode.window.showInformationMessage(`Hint ${next.index + 1} of ${next.total} · ${problem.title}: ${next.text}`, ...buttons).then((a) => {
      if (a === 'Next Hint') void vscode.commands.executeCommand(Commands.showNextHint, problem.id);
      else if (a === showAll) void openAll();
    });
    return { kind: 'hint', problemId: problem.id, index: next.index, total: next.total, text: next.text };
  };

  const resetProgressCmd = async (arg: unknown) => {
    const id = resolveId(arg);
    let entry = id ? ((await catalog.problem(id)) ?? (await catalog.designPrompt(id))) : undefined;
    if (!id) {
      const c = await catalog.get();
      const current = currentId();
      const all = pickerOrder([...c.problems, ...c.designPrompts].map((e) => ({ ...listedEntry(e), entry: e })), current)
        .filter((e) => problemState(progress.get().problems[e.id]) !== 'new' || e.id === current);
      if (!all.length) {
        void vscode.window.showInformationMessage('MLPrep: there is no progress to reset yet.');
        return;
      }
      const pick = await vscode.window.showQuickPick(
        all.map((e) => ({ label: e.title, description: `${e.id === current ? 'current · ' : ''}${e.difficulty} · ${categoryLabel(e.category)}${stateLabel(e.id)}`, e })),
        { placeHolder: 'Reset your progress on which problem?', matchOnDescription: true, ignoreFocusOut: true },
      );
      entry = pick?.e.entry;
    }
    if (!entry) return;
    const ok = await vscode.window.showWarningMessage(
      `Reset your progress on “${entry.title}”?`,
      { modal: true, detail: 'Attempts, solve time and solved state are forgotten. Files in your workspace are not touched.' },
      'Reset Progress',
    );
    if (ok === 'Reset Progress') await progress.resetProblem(entry.id);
  };

  return [
    vscode.commands.registerCommand(Commands.startProblem, startProblem),
    vscode.commands.registerCommand(Commands.resetToStarter, resetToStarter),
    vscode.commands.registerCommand(Commands.showStatement, showStatement),
    vscode.commands.registerCommand(Commands.openReference, openReference),
    vscode.commands.registerCommand(Commands.compareWithReference, compareWithReference),
    vscode.commands.registerCommand(Commands.showWriteup, showWriteup),
    vscode.commands.registerCommand(Commands.resetProgress, resetProgressCmd),
    vscode.commands.registerCommand(Commands.showNextHint, showNextHint),
  ];
}

/** No folder open: offer to open one or create a practice folder; the start resumes after the reload. */
async function offerFolder(problemId: string, globalState: vscode.Memento): Promise<void> {
  const choice = await vscode.window.showInformationMessage(
    'MLPrep writes problems into a folder. Open one, or create a practice folder?',
    { modal: true },
    'Open Folder…', 'Create Practice Folder…',
  );
  if (!choice) return;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
    openLabel: choice === 'Open Folder…' ? 'Open' : 'Create "mlprep-practice" Here',
  });
  if (!picked?.[0]) return;
  let folder = picked[0];
  if (choice === 'Create Practice Folder…') {
    folder = vscode.Uri.joinPath(folder, 'mlprep-practice');
    await vscode.workspace.fs.createDirectory(folder);
  }
  await globalState.update(PENDING_START_KEY, { problemId, folder: folder.toString(), at: Date.now() });
  await vscode.commands.executeCommand('vscode.openFolder', folder);
}

/** After "open/create a folder" reloaded the window: finish the start that was asked for. */
export async function resumePendingStart(globalState: vscode.Memento): Promise<void> {
  const pending = globalState.get<{ problemId: string; folder: string; at: number }>(PENDING_START_KEY);
  if (!pending) return;
  const root = practiceRoot();
  if (!root || root.uri.toString() !== pending.folder || Date.now() - pending.at > 5 * 60_000) {
    if (Date.now() - pending.at > 5 * 60_000) await globalState.update(PENDING_START_KEY, undefined);
    return;
  }
  await globalState.update(PENDING_START_KEY, undefined);
  await vscode.commands.executeCommand(Commands.startProblem, pending.problemId);
}
