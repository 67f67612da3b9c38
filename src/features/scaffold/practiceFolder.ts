// Where scaffolded problems live: <workspace folder>/<mlprep.practiceFolder>/<slug>/.
import * as vscode from 'vscode';
import type { CodingProblem, Framework } from '../../core/catalog/types';
import { FRAMEWORK_SIDECAR, parseSidecar, solutionFramework } from '../../core/scaffold/framework';
import { problemFolder, solutionProblemId } from '../../core/scaffold/planScaffold';
import { readSettings } from '../../adapters/settings';

/** The workspace folder MLPrep writes into: the first one. */
export function practiceRoot(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.[0];
}

export function problemDirUri(id: string): vscode.Uri | undefined {
  const root = practiceRoot();
  if (!root) return undefined;
  return vscode.Uri.joinPath(root.uri, ...problemFolder(readSettings(root.uri).practiceFolder, id).split('/'));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function solutionUriFor(id: string, opts: { mustExist: boolean }): Promise<vscode.Uri | undefined> {
  const dir = problemDirUri(id);
  if (!dir) return undefined;
  const uri = vscode.Uri.joinPath(dir, 'solution.py');
  return !opts.mustExist || (await exists(uri)) ? uri : undefined;
}

/** The problem id if `uri` is a scaffolded solution.py in any workspace folder. */
export function problemIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const rel = vscode.workspace.asRelativePath(uri, false);
  return solutionProblemId(rel, readSettings(folder.uri).practiceFolder);
}

/**
 * The framework recorded beside a solution (`.mlprep.json` in its folder), undefined when there is
 * no readable sidecar (a folder started before PyTorch variants existed, or a NumPy-only problem).
 */
export async function sidecarFramework(solutionDir: vscode.Uri): Promise<Framework | undefined> {
  try {
    return parseSidecar(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(solutionDir, FRAMEWORK_SIDECAR))).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** What the solution in `solutionDir` (default: the problem's practice folder) is written in: its sidecar's framework when the problem offers it, else NumPy. */
export async function practiceFramework(problem: Pick<CodingProblem, 'id' | 'frameworks'>, solutionDir?: vscode.Uri): Promise<Framework> {
  if (problem.frameworks.length < 2) return 'numpy';
  const dir = solutionDir ?? problemDirUri(problem.id);
  return solutionFramework(dir ? await sidecarFramework(dir) : undefined, problem.frameworks);
}
