// Which Python runs the tests: mlprep.pythonPath, else the Python extension's active interpreter,
// else python3, else python. The Python extension is asked through its public API directly
// (`exports.environments`, the surface that @vscode/python-extension wraps): that package needs
// VS Code 1.93+/Node 22, and we only need two calls of it. The choice is workspace-controlled
// (settings, the Python extension's per-folder interpreter), so it is read through the trust gate.
import * as vscode from 'vscode';
import { readSettings } from '../../adapters/settings';
import type { TrustGate } from '../../services/trustGate';

interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
  resolveEnvironment(env: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  /** Present in the Python extension's API since 2023; older versions lack it (checked before use). */
  onDidChangeActiveEnvironmentPath?: vscode.Event<{ path: string; resource?: vscode.WorkspaceFolder | vscode.Uri }>;
}

const PYTHON_EXTENSION = 'ms-python.python';

export interface InterpreterChoice {
  /** Candidates in order; the first one that starts is used. */
  candidates: string[];
  /** Where the first candidate came from, for messages. */
  source: 'setting' | 'python-extension' | 'default';
}

/**
 * The interpreters to try for `resource`, or undefined in Restricted Mode (asked quietly: the
 * caller has already told the user, through `gate.allow`, what it could not do).
 */
export async function chooseInterpreter(gate: TrustGate, resource?: vscode.Uri): Promise<InterpreterChoice | undefined> {
  if (!gate.allow('Choosing the Python interpreter', { quiet: true })) return undefined;
  const fallback = process.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
  const configured = readSettings(resource).pythonPath;
  if (configured) return { candidates: [configured], source: 'setting' };
  const fromExtension = await pythonExtensionInterpreter(resource);
  if (fromExtension) return { candidates: [fromExtension, ...fallback], source: 'python-extension' };
  return { candidates: fallback, source: 'default' };
}

async function pythonExtensionInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<{ environments?: PythonEnvironmentsApi }>(PYTHON_EXTENSION);
  if (!ext) return undefined;
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    const envs = api?.environments;
    if (!envs) return undefined;
    const active = envs.getActiveEnvironmentPath(resource);
    const resolved = await envs.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath ?? active.path;
  } catch {
    return undefined;
  }
}

/**
 * Calls `listener` when the Python extension's active interpreter changes (its
 * `environments.onDidChangeActiveEnvironmentPath`), so a choice made in "Python: Select
 * Interpreter" is re-checked like a change of mlprep.pythonPath. It never activates the Python
 * extension itself: `check()` subscribes once that extension is active (chooseInterpreter activates
 * it on the first pre-warm or run; call check() after it). Nothing happens when the extension is
 * absent or too old to have the event; errors from its API are ignored.
 */
export class PythonInterpreterWatch implements vscode.Disposable {
  private subscription: vscode.Disposable | undefined;
  private done = false;
  private readonly installs: vscode.Disposable;

  constructor(private readonly listener: () => void) {
    this.installs = vscode.extensions.onDidChange(() => this.check());
    this.check();
  }

  /** Subscribes if the Python extension is active and this has not subscribed yet. Idempotent. */
  check(): void {
    if (this.done) return;
    const ext = vscode.extensions.getExtension<{ environments?: PythonEnvironmentsApi }>(PYTHON_EXTENSION);
    if (!ext?.isActive) return;
    this.done = true;
    try {
      const event = ext.exports?.environments?.onDidChangeActiveEnvironmentPath;
      if (typeof event === 'function') this.subscription = event(() => this.listener());
    } catch {
      // An API of another shape: MLPrep keeps to mlprep.pythonPath.
    }
  }

  dispose(): void {
    this.installs.dispose();
    this.subscription?.dispose();
  }
}
