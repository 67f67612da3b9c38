// The trap of the Restricted Mode checks (the integration run's restricted profile and
// test/e2e/restricted-screenshots.mjs): the workspace's .vscode/settings.json points
// mlprep.pythonPath at a script in the workspace and mlprep.problemPacks at a pack in it; the
// script, and python3/python shims meant to go first on the host's PATH, append to `marker`
// (outside the workspace) whenever anything runs them.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

/**
 * Lays the trap in `workspace` (which must have a .vscode folder or may create one), with the
 * marker and the shims under `trapDir`. `packTitle` renames the pack's problem (default: kept).
 * Returns { marker, script, bin, env } where env is the PATH (bin first) and VSCODE_CLI=1 that make
 * code-server keep this PATH for the extension host instead of the login shell's.
 */
export function layRestrictedTrap(workspace, trapDir, { packTitle } = {}) {
  const marker = path.join(trapDir, 'marker');
  const shim = `#!/bin/sh\necho "$0 $*" >> '${marker}'\nexit 1\n`;
  const script = path.join(workspace, 'tools', 'python');
  mkdirSync(path.dirname(script), { recursive: true });
  writeFileSync(script, shim, { mode: 0o755 });
  const bin = path.join(trapDir, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const name of ['python3', 'python']) writeFileSync(path.join(bin, name), shim, { mode: 0o755 });
  const extra = path.join(workspace, 'extra-pack', 'ml-algorithms', 'softmax-extra');
  cpSync(path.join(repoRoot, 'problems', 'ml-algorithms', 'softmax'), extra, { recursive: true });
  const yaml = path.join(extra, 'problem.yaml');
  let text = readFileSync(yaml, 'utf8').replace(/^id: softmax$/m, 'id: softmax-extra');
  if (packTitle) text = text.replace(/^title: .*$/m, `title: ${packTitle}`);
  writeFileSync(yaml, text);
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'mlprep.pythonPath': script, 'mlprep.problemPacks': ['extra-pack'] }, null, 2));
  return { marker, script, bin, env: { VSCODE_CLI: '1', PATH: `${bin}${path.delimiter}${process.env.PATH}` } };
}
