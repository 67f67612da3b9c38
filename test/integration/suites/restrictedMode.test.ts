// Runs only in the "restricted" profile of test/run-integration.mjs: a workspace opened in
// Restricted Mode whose .vscode/settings.json points mlprep.pythonPath at a script in the
// workspace (and mlprep.problemPacks at a pack in it). That script, and python3/python shims first
// on PATH, append to a marker file when anything runs them. Every MLPrep command is run; the
// marker must never appear, and each refusal must be explained to the user.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Restricted Mode', function () {
  this.timeout(240_000);
  const marker = process.env.MLPREP_TEST_MARKER!;
  const trap = process.env.MLPREP_TEST_TRAP!;
  let api: MLPrepApi;
  const refusals: { what: string; message: string; shown: boolean }[] = [];

  before(async () => {
    assert.ok(marker && trap, 'MLPREP_TEST_MARKER / MLPREP_TEST_TRAP not set: run through test/run-integration.mjs (profile restricted)');
    await vscode.commands.executeCommand('workbench.view.extension.mlprep');
    const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
    api = ext.isActive ? ext.exports : await ext.activate();
    api.services.gate.onDidRefuse((r) => refusals.push(r));
  });

  it('opens the workspace untrusted, with the trap in place', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: the profile did not open it in Restricted Mode');
    // The shims come first on the extension host's PATH, so a bare python3 would be trapped too.
    assert.ok(process.env.PATH?.includes(`${path.sep}mlprep-trap-`), `the trap's bin folder is not on the host's PATH: ${process.env.PATH}`);
    assert.equal(api.services.gate.trusted, false);
    // The trap works: running it writes the marker (then the marker is cleared for the real check).
    try {
      execFileSync(trap, ['--sanity-check']);
    } catch {
      /* the script exits 1, like a broken interpreter */
    }
    assert.match(fs.readFileSync(marker, 'utf8'), /--sanity-check/);
    fs.rmSync(marker);
    // The workspace asks for the trap; VS Code does not apply it (the setting is restricted).
    const settingsFile = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json').fsPath;
    assert.equal(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))['mlprep.pythonPath'], trap);
    const inspected = vscode.workspace.getConfiguration('mlprep').inspect<string>('pythonPath');
    console.log(`      mlprep.pythonPath: workspace=${JSON.stringify(inspected?.workspaceValue)} effective=${JSON.stringify(vscode.workspace.getConfiguration('mlprep').get('pythonPath'))}`);
    assert.notEqual(vscode.workspace.getConfiguration('mlprep').get('pythonPath'), trap);
  });

  it('lists the built-in problems only: the workspace pack waits for trust', async () => {
    const catalog = await api.services.catalog.get();
    assert.ok(catalog.problems.some((p) => p.id === 'softmax'), 'built-in catalogue missing');
    assert.deepEqual(catalog.problems.filter((p) => p.source !== 'builtin').map((p) => p.id), []);
    assert.deepEqual(catalog.packs.map((p) => p.source), ['builtin']);
  });

  it('runs every contributed command; nothing starts the workspace\'s interpreter (or any Python)', async () => {
    const commands = (vscode.extensions.getExtension('mlprep.mlprep')!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(commands.length > 20, `only ${commands.length} commands contributed?`);
    // A scaffolded problem first, so that run/save paths have something to run.
    await vscode.commands.executeCommand('mlprep.startProblem', 'softmax');
    const solution = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'ml-interview', 'softmax', 'solution.py');
    const doc = await vscode.workspace.openTextDocument(solution);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '\n# edited in Restricted Mode\n'));
    assert.ok(await doc.save(), 'save of solution.py failed');

    const ran: string[] = [];
    for (const id of commands) {
      // Commands that open a picker or dialog wait for the user: give each a moment, then dismiss
      // whatever it opened and go on (the command's promise is left to settle on its own).
      const settled = vscode.commands.executeCommand(id).then(() => 'done', (e: Error) => `error: ${e.message}`);
      const result = await Promise.race([settled, sleep(1500).then(() => 'waiting for input')]);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      ran.push(`${id}: ${result}`);
      // Editors the commands opened are kept (a modal or picker may still be up): re-show the solution for the next one.
      await vscode.window.showTextDocument(doc, { preview: false }).then(undefined, () => undefined);
    }
    console.log(`      ran ${ran.length} commands:\n${ran.map((r) => `        ${r}`).join('\n')}`);
    // The walkthrough's buttons run these commands with no arguments; with a problem argument too:
    await vscode.commands.executeCommand('mlprep.runTests', 'softmax').then(undefined, () => undefined);
    await sleep(2000); // anything started asynchronously would have written by now
    assert.equal(fs.existsSync(marker), false, `something ran the workspace's interpreter or a Python on PATH:\n${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });

  it('explains each refusal with a message that offers to manage workspace trust', () => {
    const shown = refusals.filter((r) => r.shown).map((r) => r.what);
    console.log(`      refused and shown: ${[...new Set(shown)].join('; ')}`);
    for (const what of ['Running the hidden tests', 'Checking the Python environment', 'Choosing the Python interpreter']) {
      assert.ok(shown.includes(what), `"${what}" was not refused with a message (got ${JSON.stringify(shown)})`);
    }
    for (const r of refusals) assert.match(r.message, /disabled in Restricted Mode: it runs Python.*Trust the workspace/);
  });


  it('saving again and again warns once per window, then only logs; the Run command still warns', async () => {
    const solution = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'ml-interview', 'softmax', 'solution.py');
    if (!fs.existsSync(solution.fsPath)) await vscode.commands.executeCommand('mlprep.startProblem', 'softmax');
    const doc = await vscode.workspace.openTextDocument(solution);
    const editor = await vscode.window.showTextDocument(doc);
    const before = refusals.length;
    for (let i = 0; i < 3; i++) {
      await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), `# save ${i}\n`));
      assert.ok(await doc.save(), 'save of solution.py failed');
    }
    const runs = await (async () => {
      for (let t = 0; t < 100; t++) {
        const r = refusals.slice(before).filter((x) => x.what === 'Running the hidden tests');
        if (r.length >= 3) return r;
        await sleep(50);
      }
      return refusals.slice(before).filter((x) => x.what === 'Running the hidden tests');
    })();
    assert.equal(runs.length, 3, `each save is refused (and logged): ${JSON.stringify(runs)}`);
    // An earlier test's save may already have shown it; in any case at most once per window.
    assert.ok(runs.filter((x) => x.shown).length <= 1, `warned ${runs.filter((x) => x.shown).length} times for 3 saves`);
    // The Run command is asked for explicitly: it still says why.
    await vscode.commands.executeCommand('mlprep.runTests', 'softmax').then(undefined, () => undefined);
    assert.equal(refusals[refusals.length - 1].shown, true, 'the Run command\'s refusal was not shown');
  });

  it('warns at the start of a mock interview that its coding round cannot be graded; the user may cancel or go on', async () => {
    const mock = api.services.mock;
    const asked: number[] = [];
    mock.startUntrusted = async () => { asked.push(1); return false; };
    const refused = refusals.length;
    assert.equal(await vscode.commands.executeCommand('mlprep.startMockInterview', { level: 'L4', seed: 'restricted' }), undefined, 'cancelled at the warning');
    assert.equal(asked.length, 1, 'the user was warned before the clock started');
    assert.equal(mock.current(), undefined, 'no clock after a cancel');
    assert.match(refusals.slice(refused).map((r) => r.what).join('\n'), /mock interview/, 'the refusal goes through the trust gate');
    mock.startUntrusted = async () => { asked.push(2); return true; };
    const started = await vscode.commands.executeCommand<{ phase: string }>('mlprep.startMockInterview', { level: 'L4', seed: 'restricted' });
    assert.equal(started?.phase, 'coding', 'going on starts the clock');
    assert.deepEqual(asked, [1, 2]);
    await (mock as unknown as { save(s: undefined): Promise<void> }).save(undefined); // abandon it for the next test
  });

  it('writes a behavioural story and checks it while untrusted: a Markdown file, no process', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const story = await vscode.commands.executeCommand<vscode.Uri | undefined>('mlprep.stories.new', { title: 'Restricted story', competencies: ['conflict'] });
    assert.ok(story, 'no story was written in Restricted Mode');
    for (let i = 0; i < 100 && !vscode.languages.getDiagnostics(story).some((d) => d.code === 'missing-part'); i++) await sleep(100);
    assert.ok(vscode.languages.getDiagnostics(story).some((d) => d.source === 'MLPrep story' && d.code === 'missing-part'), 'no story diagnostics in Restricted Mode');
    assert.ok(!fs.existsSync(marker), 'writing a story ran Python');
  });

  it('once the user trusts the workspace: loads the pack, applies the settings, and the check runs the chosen interpreter', async () => {
    const signal = process.env.MLPREP_TEST_TRUST_SIGNAL!;
    const granted = new Promise<void>((resolve) => api.services.gate.onDidChange(() => resolve()));
    await vscode.commands.executeCommand('mlprep.manageWorkspaceTrust');
    fs.writeFileSync(signal, ''); // the runner clicks "Trust" in the editor just opened
    await granted;
    fs.rmSync(signal, { force: true }); // the runner stops clicking
    assert.equal(vscode.workspace.isTrusted, true);
    // The pack follows without a reload (the catalogue may reload twice: on trust, then when the
    // setting applies). Polled: a reload can finish between reading the catalogue and subscribing.
    for (;;) {
      const catalog = await api.services.catalog.get();
      if (catalog.problems.some((p) => p.id === 'softmax-extra' && p.source === 'user')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(vscode.workspace.getConfiguration('mlprep').get('pythonPath'), trap);
    // The positive control: what Restricted Mode held back now runs, so the marker check above could fail.
    await vscode.commands.executeCommand('mlprep.checkEnvironment');
    assert.match(fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '', /tools\/python .*info/);
  });
});
