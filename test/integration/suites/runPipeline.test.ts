// The run pipeline in a real extension host: every run ends with one outcome that every view
// shows, Save All keeps every result, a stopped worker is replaced, and autosave is not an attempt.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { formatMs } from '../../../src/core/runner/presentReport';
import type { RunOutcome, RunStart } from '../../../src/features/runner/runPipeline';
import { nextResult } from '../runResults';
import { ResultViews } from '../../../src/features/runner/resultViews';
import type { RunPipeline } from '../../../src/features/runner/runPipeline';

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function setText(editor: vscode.TextEditor, text: string): Promise<void> {
  const ok = await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
  assert.ok(ok, 'edit not applied');
}

async function save(doc: vscode.TextDocument): Promise<void> {
  // A save straight after a previous write can be refused while the host settles; retry like a person would.
  for (let attempt = 1; ; attempt++) {
    if (await doc.save()) return;
    assert.ok(attempt < 5, `save of ${doc.uri.fsPath} refused ${attempt} times`);
    await sleep(300);
  }
}

/** Lines for the test report (the runner tails MLPREP_TEST_LOG). */
function trace(line: string): void {
  if (process.env.MLPREP_TEST_LOG) fs.appendFileSync(process.env.MLPREP_TEST_LOG, `      [trace] ${line}\n`);
}

describe('run pipeline', function () {
  this.timeout(180_000);
  let tracing: vscode.Disposable[] = [];
  before(async () => {
    const a = await api();
    tracing = [
      a.services.runner.onDidStart((s) => trace(` start #${s.seq} ${s.problem.id} (${s.reason})`)),
      a.services.runner.onDidFinish((o) => trace(` end #${o.seq} ${o.problem.id}: ${o.summary.kind} ${o.summary.headline} ${Math.round(o.wallMs)} ms`)),
      vscode.workspace.onWillSaveTextDocument((e) => trace(` will save ${e.document.uri.fsPath} reason ${e.reason}`)),
      vscode.workspace.onDidSaveTextDocument((d) => trace(` did save ${d.uri.fsPath}`)),
    ];
  });
  after(() => tracing.forEach((d) => d.dispose()));
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const solutionOf = (id: string) => vscode.Uri.joinPath(root(), 'ml-interview', id, 'solution.py');
  const cfg = () => vscode.workspace.getConfiguration('mlprep');

  async function start(id: string): Promise<vscode.TextEditor> {
    if (!fs.existsSync(solutionOf(id).fsPath)) await vscode.commands.executeCommand('mlprep.startProblem', id);
    return vscode.window.showTextDocument(solutionOf(id));
  }

  before(async () => {
    await cfg().update('testTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    // The browser VS Code autosaves after 1 s by default; these tests save explicitly (the autosave test turns it on itself).
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await cfg().update('testTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Save All with two unsaved solutions gives two results', async () => {
    const a = await api();
    const [p1, p2] = ['log-loss', 'confusion-matrix'];
    const e1 = await start(p1);
    await setText(e1, fs.readFileSync((await a.services.catalog.problem(p1))!.files.solution, 'utf8'));
    const e2 = await start(p2);
    await setText(e2, 'def confusion_matrix(y_true, y_pred, n_classes=None):\n    raise NotImplementedError\n');
    const cancelled: string[] = [];
    const sub = a.services.runner.onDidFinish((o) => { if (o.summary.kind === 'cancelled') cancelled.push(o.problem.id); });
    const r1 = nextResult(a, p1);
    const r2 = nextResult(a, p2);
    trace(` dirty before: ${e1.document.isDirty} ${e2.document.isDirty}`);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    trace(` dirty after: ${e1.document.isDirty} ${e2.document.isDirty}`);
    const [o1, o2] = await Promise.all([r1, r2]);
    sub.dispose();
    assert.equal(o1.outcome.summary.kind, 'passed', JSON.stringify(o1.outcome.summary));
    assert.equal(o1.published.failed.length + o1.published.errored.length, 0);
    assert.equal(o2.outcome.summary.kind, 'failed');
    assert.ok(o2.published.errored.length > 0, 'the NotImplementedError tests are errors in the Test Explorer');
    assert.deepEqual(cancelled, [], 'no run was cancelled by the other problem');
    // One duration per run, and it is the one the status bar shows.
    await vscode.window.showTextDocument(e2.document);
    const title = (await a.services.catalog.problem(p2))!.title;
    const text = await until('status bar for the active problem', () => (a.services.results.statusText?.includes(title) ? a.services.results.statusText : undefined));
    assert.match(text, /0\/\d+ passed/);
    assert.ok(text.includes(formatMs(o2.outcome.wallMs)), `${text} vs ${o2.outcome.wallMs}`);
  });

  it('the status bar follows the active editor: another problem shows its own result, a plain file shows none', async () => {
    const a = await api();
    await vscode.window.showTextDocument(solutionOf('log-loss'));
    const title = (await a.services.catalog.problem('log-loss'))!.title;
    await until('log-loss result in the status bar', () => ((a.services.results.statusText ?? '').includes(`${title}: `) ? true : undefined));
    const readme = vscode.Uri.joinPath(root(), 'README.md');
    await vscode.window.showTextDocument(readme);
    await until('no status for a file that is not a solution', () => (a.services.results.statusText === undefined ? true : undefined));
  });

  it('no interpreter found: the run ends with a clear message, no spinner, and choosing another clears it', async () => {
    const a = await api();
    const id = 'log-loss';
    const editor = await start(id);
    await cfg().update('pythonPath', '/nonexistent/bin/python3', vscode.ConfigurationTarget.Global);
    try {
      const pending = nextResult(a, id);
      await setText(editor, editor.document.getText() + '\n');
      await save(editor.document);
      const { outcome, published } = await pending;
      assert.equal(outcome.summary.kind, 'no-interpreter');
      assert.match(outcome.summary.detail, /\/nonexistent\/bin\/python3/);
      assert.equal(published.kind, 'no-interpreter');
      assert.ok(published.errored.includes(id), 'the Test Explorer item is errored, not left running');
      assert.equal(a.services.runner.isRunning(id), false);
      const status = a.services.results.statusText ?? '';
      assert.ok(!status.includes('sync~spin'), status);
      assert.match(status, /no Python found/);
    } finally {
      await cfg().update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('the stale "no Python found" to clear', () => (!/no Python found/.test(a.services.results.statusText ?? '') ? true : undefined));
  });

  it('a solution that stops the worker (SIGSTOP) gets a clear error within the time limit plus the margin, and the next save works', async () => {
    const a = await api();
    const id = 'roc-auc';
    const editor = await start(id);
    const before = await a.services.pool.warm('python3');
    let pending = nextResult(a, id);
    await setText(editor, 'import os\nimport signal\n\n\ndef roc_auc(y_true, scores):\n    os.kill(os.getppid(), signal.SIGSTOP)\n    return 0.5\n');
    const t0 = Date.now();
    await save(editor.document);
    const stopped = await pending;
    const took = Date.now() - t0;
    assert.equal(stopped.outcome.summary.kind, 'timed-out');
    assert.match(stopped.outcome.summary.headline, /stopped answering/);
    assert.ok(took < (2 + 5) * 1000 + 4000, `took ${took} ms (limit 2 s + margin 5 s)`);
    assert.equal(stopped.published.kind, 'timed-out');
    assert.match(a.services.results.statusText ?? '', /stopped answering/);
    await until('the stopped worker to be gone', () => { try { process.kill(before.pid, 0); return undefined; } catch { return true; } });

    pending = nextResult(a, id);
    await setText(editor, fs.readFileSync((await a.services.catalog.problem(id))!.files.solution, 'utf8'));
    await save(editor.document);
    const next = await pending;
    assert.equal(next.outcome.summary.kind, 'passed', JSON.stringify(next.outcome.summary));
  });

  it('a solution that starts a new-session background process leaves nothing running (needs the harness containment)', async () => {
    const a = await api();
    const id = 'dropout';
    const editor = await start(id);
    const marker = `mlprep-escapee-${process.pid}-${Date.now()}`;
    const pidFile = path.join(os.tmpdir(), `${marker}.pids`);
    const pending = nextResult(a, id);
    // Each call starts a sleeper in a new session (out of reach of a process-group kill) and notes its pid.
    await setText(editor, `import subprocess\nimport sys\n\n\ndef dropout(x, p, training=True, seed=0):\n    child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)', '${marker}'], start_new_session=True)\n    with open(${JSON.stringify(pidFile)}, 'a') as f:\n        f.write(f'{child.pid}\\n')\n    return x, x\n`);
    await save(editor.document);
    const { outcome } = await pending;
    assert.ok((outcome.report?.summary.total ?? 0) > 0, `the suite did not run: ${outcome.summary.headline}`);
    const pids = fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
    fs.rmSync(pidFile, { force: true });
    assert.ok(pids.length > 0, 'the solution started no process (the test would prove nothing)');
    await sleep(500);
    const left = pids.filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } });
    for (const pid of left) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    assert.deepEqual(left, [], `${left.length} of ${pids.length} background processes were still running after the run`);
  });

  it('autosave: typing with pauses runs nothing and counts no attempt; Ctrl+S runs once and counts one attempt', async () => {
    const a = await api();
    const id = 'kfold';
    const editor = await start(id);
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSaveDelay', 200, vscode.ConfigurationTarget.Global);
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    const starts: RunStart[] = [];
    const sub = a.services.runner.onDidStart((s) => { if (s.problem.id === id) starts.push(s); });
    const attemptsBefore = a.services.progress.get().problems[id]?.attempts ?? 0;
    const reference = fs.readFileSync((await a.services.catalog.problem(id))!.files.solution, 'utf8');
    try {
      await setText(editor, '');
      const lines = reference.split('\n');
      const chunk = Math.ceil(lines.length / 4);
      let autosaves = 0;
      for (let i = 0; i < 4; i++) {
        const part = lines.slice(i * chunk, (i + 1) * chunk).join('\n') + (i < 3 ? '\n' : '');
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        assert.ok(await editor.edit((e) => e.insert(end, part)));
        // A pause longer than the autosave delay: VS Code saves the file by itself.
        await until('the autosave', () => (!editor.document.isDirty ? true : undefined), 5_000);
        autosaves++;
        await sleep(300);
      }
      assert.equal(autosaves, 4);
      assert.equal(editor.document.getText(), reference);
      await sleep(1000);
      assert.equal(starts.length, 0, `autosaves started ${starts.length} run(s): ${starts.map((s) => s.reason).join(', ')}`);
      assert.equal(a.services.progress.get().problems[id]?.attempts ?? 0, attemptsBefore, 'autosaves counted attempts');

      // Ctrl+S (the keybinding's command), on the file autosave already wrote.
      const pending = nextResult(a, id);
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.save');
      const { outcome } = await pending;
      assert.equal(outcome.reason, 'save');
      assert.equal(outcome.summary.kind, 'passed', JSON.stringify(outcome.summary));
      await sleep(1000);
      assert.equal(starts.length, 1, `runs: ${starts.map((s) => s.reason).join(', ')}`);
      assert.equal(a.services.progress.get().problems[id]?.attempts ?? 0, attemptsBefore + 1);
    } finally {
      sub.dispose();
      await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('results arrive live: tests stream into the status bar ("running k of N") before the run ends', async () => {
    const a = await api();
    const id = 'roc-auc';
    // An earlier test solved roc-auc, which unlocks its follow-up (part 2, sample weights): part 1's
    // reference would then fail part 2. This test is about streaming: start from part 1 only.
    await a.services.progress.resetProblem(id);
    const editor = await start(id);
    await cfg().update('testTimeoutSeconds', 20, vscode.ConfigurationTarget.Global);
    try {
      const reference = fs.readFileSync((await a.services.catalog.problem(id))!.files.solution, 'utf8');
      // The reference, slowed down for its first 20 calls so the suite takes a few seconds.
      const slow = `${reference}\n\nimport time as _time\n_reference = roc_auc\n_calls = [0]\n\n\ndef roc_auc(*args, **kwargs):\n    _calls[0] += 1\n    if _calls[0] <= 20:\n        _time.sleep(0.15)\n    return _reference(*args, **kwargs)\n`;
      const live: string[] = [];
      let finishedAt = 0;
      const tested: number[] = [];
      const subs = [
        a.services.runner.onDidTest((t) => { if (t.problem.id === id) { tested.push(Date.now()); live.push(a.services.results.statusText ?? ''); } }),
        a.services.runner.onDidFinish((o) => { if (o.problem.id === id) finishedAt = Date.now(); }),
      ];
      const pending = nextResult(a, id);
      await setText(editor, slow);
      await save(editor.document);
      const { outcome, published } = await pending;
      subs.forEach((d) => d.dispose());
      assert.equal(outcome.summary.kind, 'passed', JSON.stringify(outcome.summary));
      assert.equal(tested.length, outcome.summary.total, 'one streamed event per test');
      assert.ok(tested[0] < finishedAt, 'the first result arrived before the run ended');
      assert.ok(live.some((t) => /running \d+ of \d+/.test(t)), `no live count in the status bar: ${live.join(' | ')}`);
      assert.equal(published.passed.length, outcome.summary.total);
    } finally {
      await cfg().update('testTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    }
  });

  it('a Test Explorer run of an unsaved solution saves it and runs once (no echo run from its save)', async () => {
    const a = await api();
    const id = 'log-loss';
    const editor = await start(id);
    await setText(editor, fs.readFileSync((await a.services.catalog.problem(id))!.files.solution, 'utf8') + '\n# edited\n');
    await a.services.tests.discover(); // what opening the Test Explorer does
    const starts: RunStart[] = [];
    const sub = a.services.runner.onDidStart((s) => starts.push(s));
    const pending = nextResult(a, id);
    await vscode.commands.executeCommand('testing.runCurrentFile');
    const { outcome, published } = await pending;
    await sleep(1500);
    sub.dispose();
    assert.equal(editor.document.isDirty, false, 'the run saved the file first');
    assert.deepEqual(starts.map((s) => `${s.problem.id}:${s.reason}`), [`${id}:explorer`]);
    assert.equal(outcome.summary.kind, 'passed', `${outcome.summary.headline}: ${outcome.report?.tests[0]?.message} | disk: ${fs.readFileSync(solutionOf(id).fsPath, 'utf8').slice(0, 80)} | ran: ${outcome.source.slice(0, 80)}`);
    assert.equal(published.passed.length, outcome.summary.total);
  });

  it('the Run command resolves with the outcome whatever runOnSave says', async () => {
    const a = await api();
    const id = 'log-loss';
    const editor = await start(id);
    await cfg().update('runOnSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      await setText(editor, editor.document.getText() + '\n');
      const outcome = await vscode.commands.executeCommand<RunOutcome>('mlprep.runTests');
      assert.ok(outcome, 'the command returned no outcome');
      assert.equal(outcome.reason, 'command');
      assert.equal(outcome.summary.kind, 'passed');
      assert.equal(editor.document.isDirty, false);
    } finally {
      await cfg().update('runOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
    void a;
  });

  it('reference timings are cached in a folder under the extension\'s global storage', async () => {
    const a = await api();
    const dir = a.services.runner.timingCacheDir;
    assert.ok(dir, 'the pipeline passes no timingCacheDir');
    // globalStorageUri is <user data>/User/globalStorage/<publisher.name>/.
    assert.match(dir.replace(/\\/g, '/'), /\/globalStorage\/mlprep\.mlprep\/timing-cache$/);
    fs.rmSync(dir, { recursive: true, force: true });
    // confusion-matrix's hidden tests time the user's function against the reference (contract 4).
    const id = 'confusion-matrix';
    const problem = (await a.services.catalog.problem(id))!;
    const editor = await start(id);
    await setText(editor, fs.readFileSync(problem.files.solution, 'utf8'));
    const outcome = await a.services.runner.request(problem, 'command'); // saves the edit itself
    assert.equal(outcome?.summary.kind, 'passed', JSON.stringify(outcome?.summary));
    const cached = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : [];
    assert.ok(cached.length > 0, `nothing cached in ${dir}`);
  });

  it('continuous run (Test Explorer): each save runs the problem, even with runOnSave off, until it is stopped', async () => {
    const a = await api();
    const id = 'log-loss';
    const editor = await start(id);
    await a.services.tests.discover();
    await cfg().update('runOnSave', 'off', vscode.ConfigurationTarget.Global);
    const starts: RunStart[] = [];
    const sub = a.services.runner.onDidStart((s) => { if (s.problem.id === id) starts.push(s); });
    try {
      await vscode.commands.executeCommand('testing.startContinuousRun');
      await until('continuous run to be on', () => a.services.tests.continuousFor(id));
      const pending = nextResult(a, id);
      await setText(editor, editor.document.getText() + '\n');
      await save(editor.document);
      const { outcome } = await pending;
      assert.equal(outcome.reason, 'continuous');
      await vscode.commands.executeCommand('testing.stopContinuousRun');
      await until('continuous run to stop', () => (a.services.tests.continuousFor(id) ? undefined : true));
      await setText(editor, editor.document.getText() + '\n');
      await save(editor.document);
      await sleep(1500);
      assert.deepEqual(starts.map((s) => s.reason), ['continuous'], 'after stopping, a save with runOnSave off runs nothing');
    } finally {
      sub.dispose();
      await cfg().update('runOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a syntax error is reported but is not an attempt', async () => {
    const a = await api();
    const id = 'kfold';
    const editor = await start(id);
    const before = a.services.progress.get().problems[id]?.attempts ?? 0;
    const pending = nextResult(a, id);
    await setText(editor, 'def kfold_indices(n, k:\n    return []\n');
    await save(editor.document);
    const { outcome } = await pending;
    assert.equal(outcome.summary.headline, 'syntax error');
    assert.equal(outcome.summary.countsAsAttempt, false);
    assert.equal(a.services.progress.get().problems[id]?.attempts ?? 0, before);
  });

  it('after a window reload the status bar shows the last result of the active solution, marked as from before the reload', async () => {
    const a = await api();
    const id = 'confusion-matrix';
    const editor = await start(id);
    const title = (await a.services.catalog.problem(id))!.title;
    const pending = nextResult(a, id);
    await setText(editor, 'def confusion_matrix(y_true, y_pred, n_classes=None):\n    raise NotImplementedError\n');
    await save(editor.document);
    const { outcome } = await pending;
    assert.equal(outcome.summary.kind, 'failed');
    // The window after a reload: a fresh pipeline that has run nothing, the same workspace memento and progress.
    const changed = new vscode.EventEmitter<string>();
    let state: ReturnType<RunPipeline['stateOf']>;
    const fresh = { onDidFinish: new vscode.EventEmitter<never>().event, onDidChangeState: changed.event, stateOf: () => state } as unknown as RunPipeline;
    const reloaded = new ResultViews(fresh, a.services.catalog, a.services.progress, a.services.gate, undefined, {}, a.services.results.memory);
    const noMemory: vscode.Memento = { keys: () => [], get: () => undefined, update: async () => undefined } as unknown as vscode.Memento;
    const fromProgress = new ResultViews(fresh, a.services.catalog, a.services.progress, a.services.gate, undefined, {}, noMemory);
    try {
      const text = await until('the restored result', () => reloaded.statusText);
      assert.equal(text, `$(error) ${title}: ${outcome.summary.headline}, ${formatMs(outcome.wallMs)} (before reload)`);
      // Without the memento (a result from before this version): the progress store's last counted run.
      const last = a.services.progress.get().problems[id]!.lastRun!;
      assert.equal(await until('the result from progress', () => fromProgress.statusText), `$(error) ${title}: ${last.passed}/${last.total} passed (before reload)`);
      // The first run in the new window replaces it, without the marker.
      state = { kind: 'done', outcome };
      changed.fire(id);
      assert.equal(reloaded.statusText, `$(error) ${title}: ${outcome.summary.headline}, ${formatMs(outcome.wallMs)}`);
      // Reset to Starter replaces the code: a later reload shows no result from before, from either source.
      await a.services.results.forget(id);
      const empty = { onDidFinish: new vscode.EventEmitter<never>().event, onDidChangeState: new vscode.EventEmitter<string>().event, stateOf: () => undefined } as unknown as RunPipeline;
      const afterReset = new ResultViews(empty, a.services.catalog, a.services.progress, a.services.gate, undefined, {}, a.services.results.memory);
      try {
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(afterReset.statusText, undefined, 'a result of the replaced code came back after the reload');
      } finally {
        afterReset.dispose();
      }
    } finally {
      reloaded.dispose();
      fromProgress.dispose();
    }
  });

  it('Restart Python Worker gives a fresh worker; the status item says so', async () => {
    const a = await api();
    await start('log-loss');
    const before = await a.services.pool.warm('python3');
    await vscode.commands.executeCommand('mlprep.restartWorker');
    const after = await a.services.pool.warm('python3');
    assert.notEqual(after.pid, before.pid);
    assert.match(a.services.worker.text ?? '', /Python: (ready|starting)/);
  });
});
