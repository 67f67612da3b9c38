// "Select Python Interpreter" and "Check Python Environment" (also walkthrough steps), and
// "Install in Terminal". All of them start processes with a workspace-chosen interpreter, so each
// asks the trust gate first; in Restricted Mode they explain themselves and do nothing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeInterpreter, installCommand, missingModules, parseInterpreterInfo, type InterpreterInfo } from '../../core/runner/interpreterInfo';
import { runPython } from '../../adapters/pythonProcess';
import { Commands } from '../../commands';
import type { TrustGate } from '../../services/trustGate';
import { chooseInterpreter } from '../runner/interpreter';

/**
 * Runs `python harness info` and parses what it prints. Undefined when it does not start or
 * answers with something else. Starts a process: call only after the trust gate allowed it.
 */
export async function probeInterpreter(harness: string, python: string): Promise<InterpreterInfo | undefined> {
  const r = await runPython({ python, args: [harness, 'info'], timeoutMs: 20_000 });
  if (r.exitCode !== 0) return undefined;
  try {
    return parseInterpreterInfo(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

/**
 * Opens a terminal with `command` typed but not run (the user reads it and presses Enter).
 * Refused, with the reason, in Restricted Mode: the command names a workspace-chosen interpreter.
 */
export function installInTerminal(gate: TrustGate, command: string): void {
  if (!gate.allow('Installing packages in a terminal')) return;
  const t = vscode.window.createTerminal('MLPrep: install');
  t.show();
  t.sendText(command, false);
}

export interface EnvironmentDeps {
  extensionPath: string;
  gate: TrustGate;
}

export function registerEnvironmentCommands({ extensionPath, gate }: EnvironmentDeps): vscode.Disposable[] {
  const harness = path.join(extensionPath, 'dist', 'python', 'mlprep_harness.py');

  const selectInterpreter = async () => {
    // Every candidate is probed by running it: nothing of that before trust.
    if (!gate.allow('Choosing the Python interpreter')) return;
    const choice = await chooseInterpreter(gate);
    if (!choice) return;
    const candidates = [...new Set([...choice.candidates, 'python3', 'python', ...(process.platform === 'linux' ? ['/usr/bin/python3'] : [])])];
    type Item = vscode.QuickPickItem & { python?: string; browse?: boolean };
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = 'Python interpreter for MLPrep tests';
    qp.ignoreFocusOut = true; // opened from the walkthrough, whose page would otherwise close it
    qp.placeholder = 'Needs numpy (pandas for the data-manipulation problems, torch for the PyTorch variants)';
    qp.busy = true;
    const browse: Item = { label: '$(folder-opened) Browse…', browse: true, alwaysShow: true };
    qp.items = [...candidates.map((c) => ({ label: c, description: 'checking…', python: c })), browse];
    qp.show();
    const probed = await Promise.all(candidates.map(async (c) => ({ c, info: await probeInterpreter(harness, c) })));
    const items: Item[] = probed.filter((p) => p.info).map(({ c, info }) => ({
      label: `${missingModules(info!).length ? '$(warning)' : '$(pass)'} ${info!.executable}`,
      description: describeInterpreter(info!),
      detail: c !== info!.executable ? `found as "${c}"` : undefined,
      python: info!.executable,
    }));
    const unique = items.filter((it, i) => items.findIndex((o) => o.python === it.python) === i);
    qp.items = [...unique, browse];
    qp.busy = false;
    const picked = await new Promise<Item | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    qp.dispose();
    if (!picked) return;
    let python = picked.python;
    if (picked.browse) {
      const file = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use This Interpreter' });
      python = file?.[0]?.fsPath;
    }
    if (!python) return;
    await vscode.workspace.getConfiguration('mlprep').update('pythonPath', python, vscode.ConfigurationTarget.Global);
    await checkEnvironment();
  };

  const checkEnvironment = async (): Promise<InterpreterInfo | undefined> => {
    if (!gate.allow('Checking the Python environment')) return undefined;
    const choice = await chooseInterpreter(gate);
    if (!choice) return undefined;
    for (const python of choice.candidates) {
      const info = await probeInterpreter(harness, python);
      if (!info) continue;
      const cmd = installCommand(info, process.platform);
      if (!cmd) {
        void vscode.window.showInformationMessage(`MLPrep is ready: ${info.executable} (${describeInterpreter(info)}).`);
      } else {
        const missing = missingModules(info).join(' and ');
        void vscode.window.showWarningMessage(
          `MLPrep: ${missing} ${missingModules(info).length > 1 ? 'are' : 'is'} missing for ${info.executable}. Install with: ${cmd}`,
          'Install in Terminal', 'Choose Another Interpreter',
        ).then((a) => {
          if (a === 'Install in Terminal') installInTerminal(gate, cmd);
          if (a === 'Choose Another Interpreter') void vscode.commands.executeCommand(Commands.selectInterpreter);
        });
      }
      return info;
    }
    void vscode.window.showErrorMessage(`MLPrep: no working Python found (tried ${choice.candidates.join(', ')}). Install Python 3, or choose one.`, 'Choose Interpreter')
      .then((a) => a && vscode.commands.executeCommand(Commands.selectInterpreter));
    return undefined;
  };

  return [
    vscode.commands.registerCommand(Commands.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', 'mlprep.mlprep#gettingStarted', false)),
    vscode.commands.registerCommand(Commands.selectInterpreter, selectInterpreter),
    vscode.commands.registerCommand(Commands.checkEnvironment, checkEnvironment),
  ];
}
