// The Get Started walkthrough ticks from the real state: the context keys follow progress and
// settings whatever path changed them (not only the palette commands).
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { until as waitUntil } from '../until';

const until = <T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000) => waitUntil(what, f, timeoutMs);

describe('walkthrough context', function () {
  this.timeout(60_000);

  it('follows a start recorded without the start command and an interpreter set in the settings file', async () => {
    const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
    const api = ext.isActive ? ext.exports : await ext.activate();
    const w = api.services.walkthrough;
    await until('the keys set at activation', () => w.facts);
    // A start as a mock or the tree records it: straight into progress.
    await api.services.progress.recordStart('softmax');
    await until('hasStartedProblem', () => w.facts?.startedProblem);
    // The interpreter set in the workspace's settings.json (not through the command).
    const config = vscode.workspace.getConfiguration('mlprep');
    const had = config.inspect<string>('pythonPath');
    try {
      await config.update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
      await until('interpreterChosen', () => w.facts?.interpreterChosen);
      if (!had?.globalValue && !w.facts?.ranTests) {
        await config.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
        await until('interpreterChosen cleared', () => w.facts?.interpreterChosen === false || undefined);
      }
    } finally {
      await config.update('pythonPath', had?.workspaceValue, vscode.ConfigurationTarget.Workspace);
    }
  });
});
