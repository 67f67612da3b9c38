// Asks the second window (a second browser page on the same code-server and workspace, driven by
// the runner through test/host/secondWindow.mjs) to perform steps, and waits for its answer.
// Only the code-server runner serves it: MLPREP_SECOND_WINDOW is set there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** True when a runner serves a second window for this run. */
export const secondWindowAvailable = (): boolean => !!process.env.MLPREP_SECOND_WINDOW;

// Request numbers are shared by every suite of this run: the driver answers done-<n>.json once per n.
let requests = 0;

/** Performs `steps` in the second window (see test/host/secondWindow.mjs for the step kinds); fails the test on its error. */
export async function askSecondWindow(steps: Record<string, unknown>[], ms = 180_000): Promise<void> {
  const requestDir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.mlprep-test', 'second-window');
  const n = ++requests;
  fs.mkdirSync(requestDir, { recursive: true });
  fs.writeFileSync(path.join(requestDir, `request-${n}.json`), JSON.stringify({ steps }));
  const done = path.join(requestDir, `done-${n}.json`);
  const deadline = Date.now() + ms;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`the second window did not answer request ${n} (${JSON.stringify(steps)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const answer = JSON.parse(fs.readFileSync(done, 'utf8')) as { ok: boolean; error?: string };
  assert.ok(answer.ok, `the second window failed: ${answer.error}`);
}
