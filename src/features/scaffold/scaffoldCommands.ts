// Start / open a problem, reset it to the starter, show its statement, open the reference solution.
import * as vscode from 'vscode';
import type { CodingProblem } from '../../core/catalog/types';
import { backupName, planScaffold, renderStatement, type ScaffoldSource } from '../../core/scaffold/planScaffold';
import { problemState } from '../../core/progress/progress';
import type { ProgressStore } from '../../adapters/progressStore';
import { readSettings } from '../../adapters/settings';
import type { CatalogService } from '../catalogService';
import { Commands } from '../../commands';
import { exists, practiceRoot, problemDirUri, problemIdOf, solutionUriFor } from './practiceFolder';

const PENDING_START_KEY = 'mlprep.pendingStart';
export const CONTENT_SCHEME = 'mlprep';

async function readText(file: string): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
}

export async function scaffoldSource(p: CodingProblem): Promise<ScaffoldSource> {
  const [starter, examples] = await Promise.all([readText(p.files.starter), readText(p.files.testExamples)]);
  return { ...p, starter, examples };
}

export interface ScaffoldDeps {
  catalog: CatalogService;
  progress: ProgressStore;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** Called after a problem is scaffolded or opened (Test Explorer item). */
  onStarted: (problem: CodingProblem, solution: vscode.Uri) => void;
  /** True while a mock interview runs: no hints in new statements, no reference solutions. */
  assistanceHidden: () => boolean;
}

/** Read-only documents: `mlprep:/statement/<id>.md` and `mlprep:/reference/<id>.py`. */
export class ProblemContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly catalog: CatalogService, private readonly assistanceHidden: () => boolean = () => false) {}
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, kind, file] = uri.path.split('/');
    const id = file?.replace(/\.(md|py)$/, '') ?? '';
    const problem = await this.catalog.problem(id);
    if (!problem) return `Unknown problem "${id}".`;
    if (kind === 'statement') {
      const source = await scaffoldSource(problem);
      return renderStatement(this.assistanceHidden() ? { ...source, hints: [] } : source);
    }
    if (kind === 'reference' && this.assistanceHidden()) return 'Hidden while a mock interview runs.';
    if (kind === 'reference') return `# Reference solution for “${problem.title}” (read-only)\n\n${await readText(problem.files.solution)}`;
    return '';
  }
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

export function registerScaffoldCommands(deps: ScaffoldDeps): vscode.Disposable[] {
  const { catalog, progress } = deps;

  const resolveId = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (arg && typeof arg === 'object') {
      const o = arg as { entry?: { id?: string }; id?: string; uri?: vscode.Uri };
      if (o.entry?.id) return o.entry.id; // tree node
      if (o.uri instanceof vscode.Uri) return problemIdOf(o.uri);
      if (typeof o.id === 'string') return o.id.split('/')[0]; // test item
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    return active ? problemIdOf(active) : undefined;
  };

  const pickProblem = async (arg: unknown, placeHolder: string): Promise<CodingProblem | undefined> => {
    const id = resolveId(arg);
    if (id) {
      const p = await catalog.problem(id);
      if (!p) void vscode.window.showErrorMessage(`MLPrep: no coding problem with id "${id}".`);
      return p;
    }
    const all = (await catalog.get()).problems;
    const pick = await vscode.window.showQuickPick(
      all.map((p) => ({ label: p.title, description: `${p.difficulty} · ${p.category}`, detail: p.tags.join(', '), id: p.id })),
      { placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
    );
    return pick ? all.find((p) => p.id === pick.id) : undefined;
  };

  const openProblem = async (problem: CodingProblem, solution: vscode.Uri) => {
    const doc = await vscode.workspace.openTextDocument(solution);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    const readme = vscode.Uri.joinPath(solution, '..', 'README.md');
    if (await exists(readme)) await showStatementBeside(readme);
    await progress.recordStart(problem.id);
    deps.onStarted(problem, solution);
  };

  const startProblem = async (arg: unknown) => {
    const problem = await pickProblem(arg, 'Start which problem?');
    if (!problem) return;
    if (!practiceRoot()) return offerFolder(problem.id, deps.globalState);
    const dir = problemDirUri(problem.id)!;
    const source = await scaffoldSource(problem);
    const files = planScaffold(deps.assistanceHidden() ? { ...source, hints: [] } : source, readSettings(practiceRoot()!.uri).practiceFolder);
    const root = practiceRoot()!.uri;
    let written = 0;
    for (const f of files) {
      const uri = vscode.Uri.joinPath(root, ...f.path.split('/'));
      // Never overwrite the user's work: only missing files are (re)written.
      if (await exists(uri)) continue;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(f.content, 'utf8'));
      written++;
    }
    if (written) deps.log.info(`scaffolded ${problem.id} (${written} file${written === 1 ? '' : 's'}) in ${dir.fsPath}`);
    await openProblem(problem, vscode.Uri.joinPath(dir, 'solution.py'));
  };

  const resetToStarter = async (arg: unknown) => {
    const problem = await pickProblem(arg, 'Reset which problem to its starter code?');
    if (!problem) return;
    const solution = await solutionUriFor(problem.id, { mustExist: true });
    if (!solution) return startProblem(problem.id);
    const backup = vscode.Uri.joinPath(solution, '..', ...backupName(new Date()).split('/'));
    const ok = await vscode.window.showWarningMessage(
      `Replace your solution of “${problem.title}” with the starter code?`,
      { modal: true, detail: `Your current solution.py is kept as ${vscode.workspace.asRelativePath(backup)}.` },
      'Reset to Starter',
    );
    if (ok !== 'Reset to Starter') return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === solution.toString());
    if (open?.isDirty) await open.save();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(backup, '..'));
    await vscode.workspace.fs.copy(solution, backup, { overwrite: false });
    await vscode.workspace.fs.writeFile(solution, Buffer.from(await readText(problem.files.starter), 'utf8'));
    await vscode.window.showTextDocument(solution, { preview: false });
    void vscode.window.showInformationMessage(`“${problem.title}” reset to the starter. Backup: ${vscode.workspace.asRelativePath(backup)}`);
  };

  const showStatement = async (arg: unknown) => {
    const problem = await pickProblem(arg, 'Show the statement of which problem?');
    if (!problem) return;
    const readme = problemDirUri(problem.id) && vscode.Uri.joinPath(problemDirUri(problem.id)!, 'README.md');
    const uri = readme && (await exists(readme)) ? readme : vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/statement/${problem.id}.md` });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  };

  const openReference = async (arg: unknown) => {
    const problem = await pickProblem(arg, 'Open the reference solution of which problem?');
    if (!problem) return;
    if (deps.assistanceHidden()) {
      void vscode.window.showInformationMessage('Reference solutions are hidden while a mock interview runs. They come back with the report.');
      return;
    }
    const p = progress.get().problems[problem.id];
    if (problemState(p) !== 'solved' && !p?.gaveUp) {
      const ok = await vscode.window.showWarningMessage(
        `Give up on “${problem.title}” and see the reference solution?`,
        { modal: true, detail: 'The problem stays unsolved until your own solution passes the hidden tests, and your progress notes that you looked.' },
        'Give Up and Show',
      );
      if (ok !== 'Give Up and Show') return;
      await progress.recordGiveUp(problem.id);
    }
    const uri = vscode.Uri.from({ scheme: CONTENT_SCHEME, path: `/reference/${problem.id}.py` });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'python');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  };

  const resetProgressCmd = async (arg: unknown) => {
    const id = resolveId(arg);
    const entry = id ? ((await catalog.problem(id)) ?? (await catalog.designPrompt(id))) : undefined;
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
    vscode.commands.registerCommand(Commands.resetProgress, resetProgressCmd),
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
