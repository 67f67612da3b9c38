// The design-session panel in a real VS Code: started through its command, its real webview
// bundle loads under the strict CSP and says ready, notes and a drawn element travel through the
// protocol, a reload goes through the serializer, and everything is on disk and restored.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import { DESIGN_SECTION_KEYS } from '../../../src/core/catalog/types';
import type { DesignSession } from '../../../src/core/design/session';
import type { Scene } from '../../../src/core/design/scene';
import type { PromptShape } from '../../../src/core/design/session';
import { SessionStore } from '../../../src/features/designSession/sessionStore';

const PROMPT = 'card-fraud-detection';

const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.designTestHooks, op, ...args);
const snapshot = (dir: string) => hook<{ session: DesignSession; scene: Scene; problems: string[] }>('snapshot', dir);

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

const rectangle = {
  id: 'rect-feature-store',
  type: 'rectangle',
  x: 100,
  y: 80,
  width: 220,
  height: 90,
  angle: 0,
  strokeColor: '#1e1e1e',
  backgroundColor: 'transparent',
  fillStyle: 'solid',
  strokeWidth: 2,
  strokeStyle: 'solid',
  roughness: 1,
  opacity: 100,
  groupIds: [],
  frameId: null,
  roundness: { type: 3 },
  seed: 1234,
  version: 3,
  versionNonce: 987,
  isDeleted: false,
  boundElements: null,
  updated: 1,
  link: null,
  locked: false,
  index: 'a0',
};

describe('design session', function () {
  this.timeout(120_000);
  let dir: string;

  before(async () => {
    await api();
  });

  after(async () => {
    for (const p of (await hook<{ sessionDir: string }[]>('list')) ?? []) await hook('close', p.sessionDir);
  });

  it('opens a panel for a prompt, whose webview loads under the CSP and says ready', async () => {
    const t0 = Date.now();
    const r = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, PROMPT);
    assert.ok(r?.sessionDir, 'the command did not open a session');
    dir = r.sessionDir;
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.match(path.relative(root, dir), new RegExp(`^ml-interview[/\\\\]design[/\\\\]${PROMPT}-\\d{4}-\\d{2}-\\d{2}$`));
    assert.equal(await hook('whenReady', dir, 60_000), true, 'the webview never said ready');
    console.log(`      webview ready ${Date.now() - t0} ms after the command`);
    // The same prompt again reveals the same panel instead of opening a second one.
    const again = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, PROMPT);
    assert.equal(again?.sessionDir, dir);
    assert.equal((await hook<unknown[]>('list')).length, 1);
  });

  it('saves notes, ticks, the clock and a drawn element to the workspace', async () => {
    await hook('post', dir, { type: 'timer', action: 'start' });
    await hook('post', dir, { type: 'notes', section: 'problem-definition', text: 'Label: fraud chargeback within 90 days.' });
    await hook('post', dir, { type: 'tick', section: 'problem-definition', question: 1, checked: true });
    await hook('post', dir, { type: 'ask', fact: 0 });
    await hook('post', dir, { type: 'scene', scene: { elements: [rectangle], appState: { viewBackgroundColor: '#ffffff' }, files: {} } });
    await hook('post', dir, { type: 'tick', section: 'data', question: 'x', checked: true }); // malformed: ignored
    await hook('flush', dir);

    const session = JSON.parse(fs.readFileSync(path.join(dir, 'session.json'), 'utf8')) as DesignSession;
    assert.equal(session.sections['problem-definition'].notes, 'Label: fraud chargeback within 90 days.');
    assert.deepEqual(session.sections['problem-definition'].ticked, [1]);
    assert.deepEqual(session.sections.data.ticked, []);
    assert.equal(session.timer.status, 'running');
    const board = JSON.parse(fs.readFileSync(path.join(dir, 'whiteboard.excalidraw'), 'utf8'));
    assert.equal(board.type, 'excalidraw');
    assert.deepEqual(board.elements.map((e: { id: string }) => e.id), [rectangle.id]);
    const notes = fs.readFileSync(path.join(dir, 'notes.md'), 'utf8');
    assert.match(notes, /## 1\. Problem definition/);
    assert.match(notes, /Label: fraud chargeback within 90 days\./);
    assert.match(notes, /- \[x\] /);
    // An exported image goes through the host into the session folder (webviews cannot download).
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await hook('post', dir, { type: 'saveImage', format: 'png', data: png });
    assert.deepEqual(fs.readFileSync(path.join(dir, 'whiteboard.png')), Buffer.from(png, 'base64'));
    await hook('post', dir, { type: 'saveImage', format: 'png', data: '../../evil' }); // malformed: ignored
    const leftovers = fs.readdirSync(dir).filter((f) => f.includes('.tmp-'));
    assert.deepEqual(leftovers, [], 'atomic writes left temp files');
    const { problems } = await snapshot(dir);
    assert.deepEqual(problems, [], `the webview reported problems: ${problems.join('; ')}`);
  });

  it('moves between sections and pauses through the keyboard commands', async () => {
    await vscode.commands.executeCommand(Commands.designNextSection);
    assert.equal((await snapshot(dir)).session.timer.current, 1);
    await vscode.commands.executeCommand(Commands.designPreviousSection);
    await vscode.commands.executeCommand(Commands.designTogglePause);
    let t = (await snapshot(dir)).session.timer;
    assert.equal(t.current, 0);
    assert.equal(t.status, 'paused');
    await vscode.commands.executeCommand(Commands.designTogglePause);
    t = (await snapshot(dir)).session.timer;
    assert.equal(t.status, 'running');
    assert.ok(t.spentMs[1] >= 0 && t.spentMs[0] > 0, 'time stayed with the sections it was spent in');
  });

  it('restores the panel through the serializer after a reload, with nothing lost', async () => {
    const before = await snapshot(dir);
    const r = await hook<{ sessionDir?: string }>('reload', dir);
    assert.equal(r.sessionDir, dir);
    assert.equal(await hook('whenReady', dir, 60_000), true, 'the restored webview never said ready');
    const after = await snapshot(dir);
    assert.equal(after.session.sections['problem-definition'].notes, 'Label: fraud chargeback within 90 days.');
    assert.deepEqual(after.session.revealed, [0]);
    assert.equal(after.session.timer.status, 'running');
    assert.equal(after.session.timer.startedAt, before.session.timer.startedAt, 'the clock restarted instead of resuming');
    assert.deepEqual(after.scene.elements.map((e) => e.id), [rectangle.id]);
    assert.deepEqual(after.problems, []);
  });

  it('keeps a corrupted session.json aside and never empties the board', async () => {
    await hook('close', dir);
    fs.writeFileSync(path.join(dir, 'session.json'), '{"format": "mlprep.design-session", "version": 1, "promptId": ');
    const r = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, PROMPT);
    assert.equal(r?.sessionDir, dir, 'the broken session was not resumed');
    await hook('flush', dir);
    const files = fs.readdirSync(dir);
    assert.ok(files.some((f) => /^session\.json\.corrupt-\d{8}T\d{6}Z$/.test(f)), `no corrupt copy kept: ${files.join(', ')}`);
    const board = JSON.parse(fs.readFileSync(path.join(dir, 'whiteboard.excalidraw'), 'utf8'));
    assert.deepEqual(board.elements.map((e: { id: string }) => e.id), [rectangle.id]);
  });

  it('records the self-assessment in progress when the session is completed', async () => {
    await hook('post', dir, { type: 'timer', action: 'start' });
    await hook('post', dir, { type: 'finish' });
    for (const [i, k] of DESIGN_SECTION_KEYS.entries()) await hook('post', dir, { type: 'score', section: k, score: i < 3 ? 3 : 4 });
    await hook('flush', dir);
    await hook('post', dir, { type: 'complete' });
    const s = (await snapshot(dir)).session;
    assert.equal(s.phase, 'done');
    assert.equal(s.averageScore, 3.5);
    const p = (await api()).services.progress.get().problems[PROMPT];
    assert.equal(p?.bestScore, 3.5);
    assert.ok(p?.solvedAt, 'the prompt is not marked practised');
    const notes = fs.readFileSync(path.join(dir, 'notes.md'), 'utf8');
    assert.match(notes, /## Summary/);
  });
});

// One session in two windows. A second browser page on code-server gets its own extension host,
// but the suite runs inside the first page's host and cannot drive a second one; so the second
// window here is what a second window's extension runs: its own SessionStore on the same folder.
describe('design session open in two windows', function () {
  this.timeout(120_000);
  const OTHER_PROMPT = 'news-feed-ranking';
  let dir: string;
  let other: SessionStore;

  after(async () => {
    await other?.dispose();
    if (dir && (await hook<{ sessionDir: string }[]>('list')).some((p) => p.sessionDir === dir)) await hook('close', dir);
  });

  it('keeps both windows’ edits of different sections, saved at once, across a reload', async () => {
    const r = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, OTHER_PROMPT);
    assert.ok(r?.sessionDir);
    dir = r.sessionDir;
    assert.equal(await hook('whenReady', dir, 60_000), true, 'the webview never said ready');
    await hook('flush', dir);
    const prompt = (await (await api()).services.catalog.get()).designPrompts.find((p) => p.id === OTHER_PROMPT)!;
    const reports: string[] = [];
    other = await SessionStore.open(dir, prompt, () => { throw new Error('the session exists'); }, { report: (_l, m) => reports.push(m), changedFromDisk: () => undefined });
    const shape: PromptShape = { questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, prompt.sections[k].questions.length])) as PromptShape['questions'], facts: prompt.context.length };

    await hook('post', dir, { type: 'timer', action: 'start' });
    await hook('post', dir, { type: 'notes', section: 'problem-definition', text: 'Panel window: optimise long-term engagement.' });
    other.act({ type: 'notes', section: 'modelling', text: 'Second window: two-tower retrieval, then a ranker.' }, shape);
    other.act({ type: 'tick', section: 'modelling', question: 0, checked: true }, shape);
    // Both save at once.
    await Promise.all([hook('flush', dir), other.flush()]);
    await other.dispose();

    const r2 = await hook<{ sessionDir?: string }>('reload', dir);
    assert.equal(r2.sessionDir, dir);
    assert.equal(await hook('whenReady', dir, 60_000), true, 'the restored webview never said ready');
    const after = await snapshot(dir);
    assert.equal(after.session.sections['problem-definition'].notes, 'Panel window: optimise long-term engagement.');
    assert.equal(after.session.sections.modelling.notes, 'Second window: two-tower retrieval, then a ranker.');
    assert.deepEqual(after.session.sections.modelling.ticked, [0]);
    assert.equal(after.session.timer.status, 'running');
    const notes = fs.readFileSync(path.join(dir, 'notes.md'), 'utf8');
    assert.match(notes, /Panel window: optimise long-term engagement\./);
    assert.match(notes, /Second window: two-tower retrieval/);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('notes.md.edited-')), [], 'a false hand-edit copy of notes.md');
    assert.deepEqual(reports, []);
    assert.deepEqual(after.problems, []);
  });

  it('keeps both versions of a line both windows changed, marked in notes.md and flagged to the panel', async () => {
    const prompt = (await (await api()).services.catalog.get()).designPrompts.find((p) => p.id === OTHER_PROMPT)!;
    const shape: PromptShape = { questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, prompt.sections[k].questions.length])) as PromptShape['questions'], facts: prompt.context.length };
    other = await SessionStore.open(dir, prompt, () => { throw new Error('the session exists'); }, { report: () => undefined, changedFromDisk: () => undefined });
    await hook('post', dir, { type: 'notes', section: 'problem-definition', text: 'Panel window: optimise 7-day retention.' });
    other.act({ type: 'notes', section: 'problem-definition', text: 'Second window: optimise time well spent.' }, shape);
    await Promise.all([hook('flush', dir), other.flush()]);
    await other.dispose();
    const r2 = await hook<{ sessionDir?: string }>('reload', dir);
    assert.equal(r2.sessionDir, dir);
    const text = (await snapshot(dir)).session.sections['problem-definition'].notes;
    assert.match(text, /Panel window: optimise 7-day retention\./);
    assert.match(text, /Second window: optimise time well spent\./);
    assert.deepEqual(await hook('conflicts', dir), ['problem-definition']);
    await hook('flush', dir);
    assert.match(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8'), /<<<<<<< changed in two windows at once/);
  });

  it('restores a panel only for a session folder inside the practice folder', async () => {
    const outside = path.join(path.dirname(vscode.workspace.workspaceFolders![0].uri.fsPath), `mlprep-outside-${process.pid}`, `${OTHER_PROMPT}-2026-01-01`);
    const refused = await hook<{ opened: boolean; panels: string[] }>('restoreState', { sessionDir: outside, promptId: OTHER_PROMPT });
    assert.equal(refused.opened, false, 'a panel opened on a folder outside the workspace');
    assert.equal(fs.existsSync(path.dirname(outside)), false, 'the serializer created a folder outside the workspace');
    const sneaky = path.join(path.dirname(dir), '..', '..', '..', `${OTHER_PROMPT}-2026-01-01`);
    assert.equal((await hook<{ opened: boolean }>('restoreState', { sessionDir: sneaky, promptId: OTHER_PROMPT })).opened, false);
  });
});

// Issue 11, item 15: the session length, the title bar's play/pause, and the board's viewport.
describe('design session details', function () {
  this.timeout(120_000);
  const LONG = 'content-moderation'; // suggests 60 minutes
  const SHORT = 'rag-internal-docs'; // suggests 45 minutes
  const until = async <T>(what: string, read: () => PromiseLike<T>, ok: (v: T) => boolean): Promise<T> => {
    for (let i = 0; i < 300; i++) {
      const v = await read();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`gave up waiting for ${what}`);
  };
  const open = async (prompt: string) => {
    const r = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, prompt);
    assert.ok(r?.sessionDir);
    assert.equal(await hook('whenReady', r.sessionDir, 60_000), true, 'the webview never said ready');
    return r.sessionDir;
  };

  before(async () => {
    await api();
  });

  after(async () => {
    for (const p of (await hook<{ sessionDir: string }[]>('list')) ?? []) await hook('close', p.sessionDir);
  });

  it("opens at the prompt's suggested length whatever the setting, and the picker still changes it", async () => {
    const setting = vscode.workspace.getConfiguration('mlprep').get<number>('design.durationMinutes');
    assert.equal(setting, 45, 'the test workspace is expected to keep the default 45');
    const long = await open(LONG);
    assert.equal((await snapshot(long)).session.durationMinutes, 60);
    await hook('post', long, { type: 'setDuration', minutes: 45 });
    assert.equal((await snapshot(long)).session.durationMinutes, 45);
    await hook('post', long, { type: 'setDuration', minutes: 60 });
    await hook('close', long);
    const short = await open(SHORT);
    assert.equal((await snapshot(short)).session.durationMinutes, 45);
    await hook('close', short);
  });

  it('shows play in the editor title while the clock is idle or paused, pause while it runs', async () => {
    const dir = await open(LONG);
    await until('play while idle', () => hook<boolean | null>('clockContext'), (v) => v === true);
    await hook('post', dir, { type: 'timer', action: 'start' });
    await until('pause while running', () => hook<boolean | null>('clockContext'), (v) => v === false);
    await vscode.commands.executeCommand(Commands.designTogglePause);
    assert.equal((await snapshot(dir)).session.timer.status, 'paused');
    await until('play while paused', () => hook<boolean | null>('clockContext'), (v) => v === true);
    // The play entry runs its own command, which resumes.
    await vscode.commands.executeCommand(Commands.designResumeClock);
    assert.equal((await snapshot(dir)).session.timer.status, 'running');
    await until('pause again', () => hook<boolean | null>('clockContext'), (v) => v === false);
    const menus = (vscode.extensions.getExtension('mlprep.mlprep')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus['editor/title'];
    assert.match(menus.find((m) => m.command === Commands.designTogglePause)?.when ?? '', /!mlprep\.design\.paused/);
    assert.match(menus.find((m) => m.command === Commands.designResumeClock)?.when ?? '', /(^|[^!])mlprep\.design\.paused/);
  });

  it("opens the board where this window left it after a reload (scroll and zoom), kept out of the session's files", async () => {
    const dir = await open(LONG);
    await hook('post', dir, { type: 'scene', scene: { elements: [rectangle], appState: { viewBackgroundColor: '#ffffff' }, files: {} } });
    await hook('flush', dir);
    // The page reports the viewport its board opened at; then the user scrolls and zooms.
    await until('the page to report its viewport', () => hook<{ reports: number }>('viewport', dir), (v) => v.reports > 0);
    const moved = { scrollX: 250, scrollY: -90, zoom: 1.5 };
    await hook('post', dir, { type: 'viewport', viewport: moved });
    await hook('flush', dir);
    const r = await hook<{ sessionDir?: string }>('reload', dir);
    assert.equal(r.sessionDir, dir);
    assert.equal(await hook('whenReady', dir, 60_000), true, 'the restored webview never said ready');
    // The restored page reports the viewport its board really opened at: the saved one, not a fitted one.
    const after = await until('the restored page to report its viewport', () => hook<{ viewport: unknown; reports: number }>('viewport', dir), (v) => v.reports > 0);
    assert.deepEqual(after.viewport, moved);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json') || n.endsWith('.excalidraw'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /"scrollX"|"zoom"/, `${f} holds the viewport`);
    }
    for (const f of fs.readdirSync(path.join(dir, '.sync'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(dir, '.sync', f), 'utf8'), /"scrollX"|"zoom"/, `.sync/${f} holds the viewport`);
    }
  });
});
