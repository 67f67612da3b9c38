// The one gate for workspace trust. Every path that starts a process (test runs, the worker's
// pre-warm, environment checks, interpreter probes, Install in Terminal) or reads a
// workspace-chosen interpreter or problem pack asks this gate first. In Restricted Mode it says
// what is disabled and why, with a button to manage workspace trust.
//
// Why a gate as well as `"restricted": true` on mlprep.pythonPath and mlprep.problemPacks:
// VS Code then ignores those two settings' workspace values in Restricted Mode, but the fallbacks
// (python3 on PATH, the Python extension's interpreter, user-level packs) would still start
// processes on a folder the user has not trusted. The gate keeps all of it off until trust.
import * as vscode from 'vscode';

export const MANAGE_TRUST = 'Manage Workspace Trust';

/** Why MLPrep needs trust, said once for every refusal. */
export const TRUST_REASON = 'it runs Python, and this workspace\'s settings could choose the interpreter or the problem packs';

export class TrustGate implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<boolean>();
  /** Fires with `true` when the user grants trust (VS Code never revokes it without a reload). */
  readonly onDidChange = this.emitter.event;
  private readonly refused = new vscode.EventEmitter<{ what: string; message: string; shown: boolean }>();
  /** Fires for every refusal: what was refused, the message, and whether the user was shown it. */
  readonly onDidRefuse = this.refused.event;
  private readonly subscription: vscode.Disposable;
  /** `what`s whose `once` warning this window has shown (the session is the window's lifetime). */
  private readonly shownOnce = new Set<string>();

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
   * workspace trust, and returns false. `once`: for refusals of things the user did not ask for
   * directly (a run on every save): the warning shows the first time in this window, later ones
   * are only logged (the Problems view keeps its standing notice). Never throws.
   */
  allow(what: string, options: { quiet?: boolean; once?: boolean } = {}): boolean {
    if (this.trusted) return true;
    const message = `${what} is disabled in Restricted Mode: ${TRUST_REASON}. Trust the workspace to enable it.`;
    this.log?.(message);
    const show = !options.quiet && !(options.once && this.shownOnce.has(what));
    if (show && options.once) this.shownOnce.add(what);
    this.refused.fire({ what, message, shown: show });
    if (show) {
      void vscode.window.showWarningMessage(message, MANAGE_TRUST).then((choice) => {
        if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    }
    return false;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
    this.refused.dispose();
  }
}
