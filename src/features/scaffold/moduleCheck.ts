// When a problem is started: does the interpreter that will run its tests have the modules it
// needs (pandas…)? Said then, with the install command, rather than at the first save. Probing
// starts the interpreter, so it asks the trust gate (quietly: in Restricted Mode it just skips).
import * as vscode from 'vscode';
import type { CodingProblem, Framework } from '../../core/catalog/types';
import type { InterpreterInfo } from '../../core/runner/interpreterInfo';
import { installCommandFor, missingModulesMessage, missingRequired } from '../../core/scaffold/requiredModules';
import { Commands } from '../../commands';
import type { TrustGate } from '../../services/trustGate';
import { installInTerminal, probeInterpreter } from '../environment/environmentCommands';
import { chooseInterpreter } from '../runner/interpreter';
import { MissingModuleNotices } from '../../core/runner/missingNotices';

export interface ModuleCheckResult {
  python: string;
  missing: string[];
  command?: string;
}

/**
 * Checks `problem.requires` against the interpreter chosen for `resource`. Probes are cached per
 * interpreter until the settings change; a warning is shown once per interpreter and module set.
 */
export class ModuleCheck implements vscode.Disposable {
  private readonly probes = new Map<string, Promise<InterpreterInfo | undefined>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly harness: string, private readonly gate: TrustGate,
    /** Shared with the run's report: one notification per interpreter and module. */
    private readonly notices: MissingModuleNotices = new MissingModuleNotices(),
  ) {
    // A new interpreter choice (or an install the user ran, then re-chose) is probed afresh.
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlprep.pythonPath') || e.affectsConfiguration('python')) this.probes.clear();
    });
  }

  /** Undefined when skipped (Restricted Mode, no requirement the probe knows, no working Python). A PyTorch start also needs torch. */
  async check(problem: CodingProblem, resource?: vscode.Uri, framework: Framework = 'numpy'): Promise<ModuleCheckResult | undefined> {
    const requires = framework === 'pytorch' ? [...problem.requires.filter((m) => m !== 'torch'), 'torch'] : problem.requires;
    const r = await this.probe(requires, resource);
    if (r?.command) this.warn(problem, r.python, r.missing, r.command);
    return r;
  }

  /**
   * Which of `modules` the interpreter chosen for `resource` lacks, without a notification (a
   * mock interview avoids problems it could not grade). Undefined when skipped, as for check().
   */
  async missing(modules: readonly string[], resource?: vscode.Uri): Promise<string[] | undefined> {
    return (await this.probe(modules, resource))?.missing;
  }

  private async probe(requires: readonly string[], resource?: vscode.Uri): Promise<ModuleCheckResult | undefined> {
    if (!requires.length) return undefined;
    if (!this.gate.allow('Checking the modules a problem needs', { quiet: true })) return undefined;
    const choice = await chooseInterpreter(this.gate, resource);
    if (!choice) return undefined;
    for (const python of choice.candidates) {
      let probe = this.probes.get(python);
      if (!probe) {
        probe = probeInterpreter(this.harness, python);
        this.probes.set(python, probe);
      }
      const info = await probe;
      if (!info) continue; // as a run does: the next candidate
      const missing = missingRequired(requires, info);
      const command = installCommandFor(missing, info, process.platform);
      // Installed meanwhile? Probe again next time rather than keep warning from the cache.
      if (missing.length) this.probes.delete(python);
      return { python: info.executable, missing, command };
    }
    return undefined;
  }

  private warn(problem: CodingProblem, python: string, missing: string[], command: string): void {
    if (!this.notices.first(python, missing)) return;
    void vscode.window.showWarningMessage(missingModulesMessage(problem.title, missing, python, command), 'Install in Terminal', 'Choose Interpreter')
      .then((a) => {
        if (a === 'Install in Terminal') installInTerminal(this.gate, command);
        else if (a === 'Choose Interpreter') void vscode.commands.executeCommand(Commands.selectInterpreter);
      });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
