// What Restricted Mode turns off, said where the user looks: a message at the top of the Problems
// view and a "Manage Workspace Trust" button in its title bar (package.json shows the button only
// while `!isWorkspaceTrusted`). Refused commands say it again through the trust gate.
import * as vscode from 'vscode';
import { Commands } from '../../commands';
import type { TrustGate } from '../../services/trustGate';

/** The Problems view's message in Restricted Mode. */
export const RESTRICTED_MODE_MESSAGE =
  'Restricted Mode: tests, environment checks and extra problem packs are off until you trust this workspace (they run Python or read files its settings choose). Manage trust with the shield button above.';

/** Where the notice goes: the Problems view's provider keeps it above the tree. */
export interface StandingMessageTarget {
  setStandingMessage(message: string | undefined): void;
}

/**
 * Shows RESTRICTED_MODE_MESSAGE in the Problems view while the workspace is untrusted and
 * registers mlprep.manageWorkspaceTrust. Returns what to dispose.
 */
export function registerRestrictedModeNotice(gate: TrustGate, view: StandingMessageTarget): vscode.Disposable[] {
  const render = () => view.setStandingMessage(gate.trusted ? undefined : RESTRICTED_MODE_MESSAGE);
  render();
  return [
    gate.onDidChange(render),
    vscode.commands.registerCommand(Commands.manageWorkspaceTrust, () => vscode.commands.executeCommand('workbench.trust.manage')),
  ];
}
