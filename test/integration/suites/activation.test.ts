import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';

const EXTENSION_ID = 'mlprep.mlprep';

describe('activation', () => {
  it('is installed but not activated before its view or a command is used', () => {
    const ext = vscode.extensions.getExtension<MLPrepApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in the extension host`);
    assert.equal(ext.packageJSON.activationEvents.includes('*'), false);
  });

  it('activates when the ML Interview container is opened and registers its commands', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.mlprep');
    const ext = vscode.extensions.getExtension<MLPrepApi>(EXTENSION_ID)!;
    const deadline = Date.now() + 20_000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(ext.isActive, 'opening the view did not activate MLPrep');
    const api = ext.exports;
    assert.equal(typeof api.activationMs, 'number');
    console.log(`      activation took ${api.activationMs.toFixed(1)} ms (inside activate())`);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['mlprep.refresh', 'mlprep.showLog']) assert.ok(commands.includes(c), `${c} not registered`);
  });

  it('exposes its settings with their defaults', () => {
    const cfg = vscode.workspace.getConfiguration('mlprep');
    assert.equal(cfg.get('practiceFolder'), 'ml-interview');
    assert.equal(cfg.get('runOnSave'), 'explicit');
    assert.equal(cfg.get('testTimeoutSeconds'), 10);
    assert.equal(cfg.get('pythonPath'), '');
  });
});
