// Mocha entry loaded by the extension host (code-server or @vscode/test-electron).
// Suites are imported statically so esbuild bundles them into one file.
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * The runner (test/run-integration.mjs) passes MLPREP_TEST_LOG through the host's environment;
 * the reporter's lines are appended there so they reach the terminal without the workbench's noise.
 */
function teeReporterOutput(file: string | undefined): () => void {
  if (!file) return () => {};
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  const originals = { baseLog: base.consoleLog, log: console.log, error: console.error };
  const tee = (orig: (...a: unknown[]) => void) => (...args: unknown[]) => {
    appendFileSync(file, `${format(...args)}\n`);
    orig(...args);
  };
  base.consoleLog = tee(originals.baseLog);
  console.log = tee(originals.log);
  console.error = tee(originals.error);
  return () => {
    base.consoleLog = originals.baseLog;
    console.log = originals.log;
    console.error = originals.error;
  };
}

export function run(): Promise<void> {
  const restore = teeReporterOutput(process.env.MLPREP_TEST_LOG);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // MLPREP_TEST_GREP=<regex> runs only the matching tests (for working on one suite).
  if (process.env.MLPREP_TEST_GREP) mocha.grep(new RegExp(process.env.MLPREP_TEST_GREP));
  // Suite files call describe() at import time; pre-require installs mocha's globals first.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./suites');
  // Each launch of test/run-integration.mjs is one profile: the restricted one (a workspace opened
  // in Restricted Mode) runs only the "Restricted Mode" suite, the default one everything else.
  const restricted = process.env.MLPREP_TEST_PROFILE === 'restricted';
  mocha.suite.suites = mocha.suite.suites.filter((s) => (s.title === 'Restricted Mode') === restricted);
  // Start Problem asks "NumPy or PyTorch?" (a quick pick no suite answers) for every problem with a
  // PyTorch variant while mlprep.framework is 'ask'; the suites start NumPy solutions, and the
  // PyTorch suite names its framework in the command's argument.
  mocha.suite.beforeAll(async () => {
    await vscode.workspace.getConfiguration('mlprep').update('framework', 'numpy', vscode.ConfigurationTarget.Global);
  });
  return new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  }).finally(restore);
}
