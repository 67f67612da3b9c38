// Issue 11, item 12: "Ask the interviewer" in a design session, in a real VS Code. The user picks
// a clarifying question from the command's quick pick (or the panel's picker, which sends the same
// validated `ask` message); the answer is recorded in the session with its time and section,
// merged with what another window asked, written to notes.md, and the facts never asked appear
// only once the clock is over.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import { DESIGN_SECTION_KEYS, type DesignPrompt } from '../../../src/core/catalog/types';
import type { DesignSession, PromptShape } from '../../../src/core/design/session';
import { SessionStore } from '../../../src/features/designSession/sessionStore';

const PROMPT = 'llm-serving-platform';

const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.designTestHooks, op, ...args);
const snapshot = (dir: string) => hook<{ session: DesignSession; problems: string[] }>('snapshot', dir);
type AskResult = { fact: number; question: string; answer: string } | undefined;

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

/** Runs the command and picks the `down`-th entry of its quick pick (0 = the first) with the keyboard. */
async function askThroughPicker(down: number): Promise<AskResult> {
  const done = vscode.commands.executeCommand<AskResult>(Commands.designAskInterviewer);
  await new Promise((r) => setTimeout(r, 800)); // the quick pick opens; there is no event to wait on
  for (let i = 0; i < down; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return done;
}

describe('design session: ask the interviewer', function () {
  this.timeout(120_000);
  let dir: string;
  let prompt: DesignPrompt;
  let shape: PromptShape;

  before(async () => {
    const a = await api();
    prompt = (await a.services.catalog.get()).designPrompts.find((p) => p.id === PROMPT)!;
    shape = { questions: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, prompt.sections[k].questions.length])) as PromptShape['questions'], facts: prompt.context.length };
  });

  after(async () => {
    for (const p of (await hook<{ sessionDir: string }[]>('list')) ?? []) await hook('close', p.sessionDir);
  });

  it('says so when no design session is open', async () => {
    for (const p of (await hook<{ sessionDir: string }[]>('list')) ?? []) await hook('close', p.sessionDir);
    assert.equal(await vscode.commands.executeCommand<AskResult>(Commands.designAskInterviewer), undefined);
  });

  it('asks the question picked in the quick pick and records when and where', async () => {
    const r = await vscode.commands.executeCommand<{ sessionDir: string }>(Commands.startDesignSession, PROMPT);
    assert.ok(r?.sessionDir, 'no session opened');
    dir = r.sessionDir;
    assert.equal(await hook('whenReady', dir, 60_000), true, 'the webview never said ready');
    await hook('post', dir, { type: 'timer', action: 'start' });
    const before = (await snapshot(dir)).session;
    assert.deepEqual(before.asked, [], 'a fresh session has asked nothing');

    // The second entry: the picker lists the prompt's questions in order.
    const asked = await askThroughPicker(1);
    assert.deepEqual(asked, { fact: 1, question: prompt.context[1].ask, answer: prompt.context[1].answer });
    const s = (await snapshot(dir)).session;
    assert.deepEqual(s.revealed, [1]);
    assert.equal(s.asked.length, 1);
    assert.equal(s.asked[0].fact, 1);
    assert.equal(s.asked[0].section, 0);
    assert.ok(s.asked[0].at >= before.createdAt && s.asked[0].elapsedMs >= 0, JSON.stringify(s.asked[0]));

    // Already asked questions leave the list: the first entry is now fact 0.
    assert.equal((await askThroughPicker(0))?.fact, 0);
    assert.deepEqual((await snapshot(dir)).session.revealed, [0, 1]);
  });

  it('takes the panel’s own ask message, ignores a malformed one, and merges what another window asked', async () => {
    await vscode.commands.executeCommand(Commands.designNextSection);
    await hook('post', dir, { type: 'ask', fact: 3 });
    await hook('post', dir, { type: 'ask', fact: 'latency' }); // malformed: ignored
    await hook('post', dir, { type: 'ask', fact: 99 }); // not a fact of the prompt: ignored
    await hook('flush', dir);
    const other = await SessionStore.open(dir, prompt, () => { throw new Error('the session exists'); }, { report: () => undefined, changedFromDisk: () => undefined });
    other.act({ type: 'ask', fact: 5 }, shape);
    await Promise.all([hook('flush', dir), other.flush()]);
    await other.dispose();
    const r = await hook<{ sessionDir?: string }>('reload', dir);
    assert.equal(r.sessionDir, dir);
    assert.equal(await hook('whenReady', dir, 60_000), true);
    const s = (await snapshot(dir)).session;
    assert.deepEqual(s.asked.map((a) => a.fact), [1, 0, 3, 5], 'in the order asked, from both windows');
    assert.equal(s.asked[2].section, 1, 'asked in the second section');
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'session.json'), 'utf8')) as DesignSession;
    assert.deepEqual(file.asked.map((a) => a.fact), [1, 0, 3, 5]);
    const notes = fs.readFileSync(path.join(dir, 'notes.md'), 'utf8');
    assert.match(notes, /## Asked the interviewer/);
    for (const i of [0, 1, 3, 5]) assert.ok(notes.includes(prompt.context[i].ask!) && notes.includes(prompt.context[i].answer), `notes.md lacks fact ${i}`);
    for (const i of [2, 4, 6]) assert.ok(!notes.includes(prompt.context[i].answer), `notes.md shows unasked fact ${i} while the clock runs`);
    assert.deepEqual((await snapshot(dir)).problems, []);
  });

  it('after the clock, asks nothing more and lists what was not asked', async () => {
    await hook('post', dir, { type: 'finish' });
    assert.equal(await vscode.commands.executeCommand<AskResult>(Commands.designAskInterviewer), undefined, 'the command asked after the clock');
    await hook('post', dir, { type: 'ask', fact: 2 });
    await hook('flush', dir);
    const s = (await snapshot(dir)).session;
    assert.ok(!s.revealed.includes(2), 'a question was taken after the clock');
    const notes = fs.readFileSync(path.join(dir, 'notes.md'), 'utf8');
    assert.match(notes, /## Not asked \(3 of 7\)/);
    for (const i of [2, 4, 6]) assert.ok(notes.includes(`You did not ask: **${prompt.context[i].ask}**`), `notes.md does not name unasked fact ${i}`);
  });
});
