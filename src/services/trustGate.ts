// The one gate for workspace trust. Every path that starts a process (test runs, the worker's
// pre-warm, environment checks, interpreter probes, Install in Terminal) or reads a
// workspace-chosen interpreter or problem pack asks this gate first. In Restricted Mode it says
// what is disabled and why, with a button to manage workspace trust.
import * as vscode from 'vscode';

export const MANAGE_TRUST = 'Manage Workspace Trust';

export class TrustGate implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<boolean>();
  /** Fires with `true` when the user grants trust (VS Code never revokes it without a reload). */
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log?: (message: string) => void) {
    this.subscription = vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire(true));
  }

  /** True in a trusted workspace (and in an empty window, which VS Code treats as trusted). */
  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /**
   * True when `what` (for example "Running the hidden tests") may run now. Otherwise logs it,
   * unless `quiet`, tells the user that it is disabled in Restricted Mode with a button to manage
   * workspace trust, and returns false. Never throws.
   */
  allow(what: string, options: { quiet?: boolean } = {}): boolean {
    if (this.trusted) return true;
    const message = `${what} is disabled in Restricted Mode: it runs Python, and this workspace's settings could choose the interpreter. Trust the workspace to enable it.`;
    this.log?.(message);
    if (!options.quiet) {
      void vscode.window.showWarningMessage(message, MANAGE_TRUST).then((choice) => {
        if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    }
    return false;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
