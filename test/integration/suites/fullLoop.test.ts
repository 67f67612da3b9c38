// A full-loop mock end to end in a real VS Code, on a fake clock: a Microsoft-style L4 loop runs
// coding (a real hidden-test run on finish), ML fundamentals (every card through the real theory
// panel: reveal, tick, rate, each rating reaching FSRS; the panel restored as after a reload keeps
// the round), ML system design (a real design session completed through its message path) and
// behavioural (a story from the bank, checked by the story checker, and answers without one),
// with one break taken and the others skipped; the hiring-committee report is saved and checked.
// A second "window" (another lease id) cannot drive the loop unless the user takes it over.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import { DESIGN_SECTION_KEYS } from '../../../src/core/catalog/types';
import { chosenStory, currentCard, currentQuestion, type LoopState } from '../../../src/core/loop/fullLoop';
import { reachedText } from '../../../src/core/plan/mockInterview';
import type { CardView } from '../../../src/core/theory/protocol';
import { until as waitUntil } from '../until';

const MIN = 60_000;
const designHook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.designTestHooks, op, ...args);
const theoryHook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.theoryTestHooks, op, ...args);
interface TheoryState { open: boolean; current?: { cardId?: string; revealed: boolean; ticked: number[] }; lastSent?: { type: string; card?: CardView }; problems?: string[] }

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

const until = <T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000) => waitUntil(what, f, timeoutMs);

const STORY = `---
title: "Loop story"
competencies: [cross-team, failure, mentoring, customer]
level: L4
metrics: []
---

## Situation
Our ranking service was slow before a launch.

## Task
We had to make it faster.

## Action
We profiled it and we batched the lookups. We chose to batch them because each call paid a round trip.

## Result
We shipped on time and the team was happy.
`;

describe('full-loop mock', function () {
  this.timeout(300_000);

  it('runs coding, fundamentals, design and behavioural rounds with breaks and writes the committee’s report', async () => {
    const a = await api();
    const loop = a.services.loop;
    let now = Date.UTC(2026, 11, 7, 9, 0);
    loop.clock = { now: () => now };
    const root = vscode.workspace.workspaceFolders![0].uri;
    const storyFile = vscode.Uri.joinPath(root, 'ml-interview', 'stories', 'loop-story.md');
    await vscode.workspace.fs.writeFile(storyFile, Buffer.from(STORY, 'utf8'));
    const breaks: string[] = [];
    loop.offerBreak = async (done) => {
      breaks.push(done.kind);
      return breaks.length === 1 ? 'take' : 'skip';
    };
    loop.confirm = async () => true;
    const picked: string[] = [];
    const debriefed: string[] = [];
    loop.pickStory = async (q, stories) => {
      picked.push(q.id);
      return currentQuestion(loop.current()!)?.index === 0 ? stories.find((s) => s.summary.path.endsWith('loop-story.md')) ?? null : null;
    };
    loop.debrief = (q) => void debriefed.push(q.id);

    const started = (await vscode.commands.executeCommand<LoopState>(Commands.startFullLoop, { company: 'microsoft', level: 'L4', seed: 'integration' }))!;
    assert.ok(started, 'no loop started');
    assert.deepEqual(started.plan.rounds.map((r) => r.kind), ['coding', 'fundamentals', 'design', 'behavioural']);
    assert.ok(loop.hidesAssistance(), 'hints hide during the loop');
    assert.ok(a.services.mock.busy(), 'the mock interview does not start during a loop');
    const coding = started.plan.rounds[0];
    assert.equal(coding.kind, 'coding');
    const problem = (await a.services.catalog.problem(coding.problemId))!;
    const solution = vscode.Uri.joinPath(root, 'ml-interview', problem.id, 'solution.py');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, solution.fsPath, 'the coding problem is opened');

    // Coding: a passing solution typed, not saved; finishing the round saves it and runs the hidden tests.
    now += 30 * MIN;
    const editor = await vscode.window.showTextDocument(solution);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), fs.readFileSync(problem.files.solution, 'utf8')));
    await loop.finishRound();
    let s = loop.current()!;
    assert.equal(s.phase, 'break', 'the break after coding');
    const run = s.results[0].kind === 'coding' ? s.results[0].coding : undefined;
    assert.ok(run && run.total > 0 && run.passed === run.total, `the real run is kept: ${JSON.stringify(run)}`);
    // The runner's outcomes count the attempts: the first run passed.
    assert.equal(s.results[0].kind === 'coding' ? s.results[0].passedOnRun : undefined, 1, `attempts: ${JSON.stringify(s.results[0])}`);
    assert.deepEqual(breaks, ['coding']);

    // The break taken, 4 minutes; then the fundamentals round opens its cards in the theory panel.
    now += 4 * MIN;
    await loop.startNext();
    s = loop.current()!;
    const fundamentals = s.plan.rounds[1];
    assert.equal(fundamentals.kind, 'fundamentals');
    if (fundamentals.kind !== 'fundamentals') return;
    const n = fundamentals.cardIds.length;
    for (let i = 0; i < n; i++) {
      const id = fundamentals.cardIds[i];
      assert.ok(await theoryHook('whenRendered', id, false, 60_000), `card ${i + 1} (${id}) was not drawn`);
      const state = await theoryHook<TheoryState>('state');
      assert.deepEqual(state.lastSent?.card?.round, { index: i, of: n, title: 'ML fundamentals' }, 'card i of n, in the round');
      await theoryHook('post', { type: 'reveal' });
      await theoryHook('post', { type: 'tick', index: 0, on: true });
      await theoryHook('post', { type: 'tick', index: 1, on: true });
      if (i === 0) {
        // A reload in the middle of a card: the panel comes back on the round's card, revealed, ticks kept.
        await theoryHook('reopenAsAfterReload');
        assert.ok(await theoryHook('whenRendered', id, true, 30_000), 'the restored panel does not show the round card revealed');
        const after = await theoryHook<TheoryState>('state');
        assert.deepEqual(after.current?.ticked, [0, 1]);
        assert.deepEqual(after.lastSent?.card?.round, { index: 0, of: n, title: 'ML fundamentals' });
      }
      now += 2 * MIN;
      await theoryHook('post', { type: 'rate', rating: 3 });
    }
    // Each rating went into FSRS as a normal review.
    for (const id of fundamentals.cardIds) assert.equal(a.services.progress.get().reviews?.[id]?.at(-1)?.rating, 3, `review of ${id}`);
    assert.deepEqual((await theoryHook<TheoryState>('state')).open, false, 'the panel closes when the round ends');

    // The break after fundamentals skipped: the design round opens at once.
    s = await until('the design round', () => (loop.current()?.index === 2 ? loop.current() : undefined));
    assert.deepEqual(breaks, ['coding', 'fundamentals']);
    assert.equal(s.times[1].breakSkipped, true);
    const design = s.plan.rounds[2];
    assert.equal(design.kind, 'design');
    if (design.kind !== 'design') return;
    const panel = await until('the design panel', async () => (await designHook<{ sessionDir: string; promptId: string }[]>('list')).find((p) => p.promptId === design.promptId));
    assert.ok(await designHook<boolean>('whenReady', panel.sessionDir, 60_000), 'design webview never said ready');
    now += 40 * MIN;
    await designHook('post', panel.sessionDir, { type: 'finish' });
    // Scoring takes 9 minutes: the round's time stays at the board's Finish (40:00 below, not 49:00).
    await until('the loop clock to stop at Finish', () => /done in 40:00 · score yourself/.test(loop.statusText ?? '') || undefined, 5000);
    now += 9 * MIN;
    for (const k of DESIGN_SECTION_KEYS) await designHook('post', panel.sessionDir, { type: 'score', section: k, score: 3 });
    await designHook('post', panel.sessionDir, { type: 'complete' });

    // Behavioural: the first question answered with the story (the checker flags it), the rest without.
    s = await until('the behavioural round', () => (loop.current()?.index === 3 ? loop.current() : undefined));
    const behavioural = s.plan.rounds[3];
    assert.equal(behavioural.kind, 'behavioural');
    if (behavioural.kind !== 'behavioural') return;
    for (let i = 0; i < behavioural.questions.length; i++) {
      const id: string = behavioural.questions[i].questionId;
      await until(`question ${i + 1} to be asked`, () => loop.pendingAnswer === id);
      // What the interviewer listens for comes after the answer, never before.
      assert.ok(!debriefed.includes(id), `listen-for shown before answering ${id}`);
      if (i === 0) {
        // The chosen story is kept in the loop's state: asked again (as after a reload), only the rating is left.
        assert.equal(chosenStory(loop.current()!)?.story, 'ml-interview/stories/loop-story.md');
        await loop.askQuestion();
        assert.deepEqual(picked.filter((x) => x === id), [id], 'the story is not asked again');
        assert.equal(loop.pendingAnswer, id);
      }
      now += 3 * MIN;
      await loop.answerQuestion(i === 0 ? 3 : 2);
      assert.ok(debriefed.includes(id), `listen-for shown after answering ${id}`);
      if (i === 0) {
        const told = loop.current()?.results[3];
        assert.deepEqual(told?.kind === 'behavioural' ? told.answers[0].storyCompetencies : undefined, ['cross-team', 'failure', 'mentoring', 'customer'], 'the story’s competencies are recorded');
      }
    }

    const report = await until('the report', () => loop.lastReport);
    const md = fs.readFileSync(report.fsPath, 'utf8');
    assert.match(path.basename(report.fsPath), /^2026-12-07-09-00-loop-microsoft-L4\.md$/);
    assert.ok(report.fsPath.includes(path.join('ml-interview', 'mock-interviews')));
    assert.match(md, /^# Full-loop mock: Microsoft, L4 \(mid-level\)/);
    assert.match(md, /## Interview team debrief \(the as-appropriate interviewer decides\): (No hire|Lean no hire|Lean hire|Hire|Strong hire)\n/);
    // A problem with follow-ups also says how far the candidate got (part 1 of 3 here: the round was finished after part 1).
    const reached = reachedText(run);
    assert.equal(!!reached, problem.followUps.length > 0, `reached: ${reached}`);
    assert.ok(md.includes(`| 1. Coding | [${problem.title}](../${problem.id}/solution.py) | 30:00 of 45:00 | ${run.passed}/${run.total} tests${reached ? `, ${reached}` : ''} | `), `coding row:\n${md}`);
    // The table links the candidate's solution and the design notes, and both links resolve from the report's folder.
    for (const [, link] of md.matchAll(/^\| \d\. [^|]+ \| \[[^\]]+\]\(([^)]+)\) \|/gm)) assert.ok(fs.existsSync(path.resolve(path.dirname(report.fsPath), link)), `table link ${link}`);
    assert.equal([...md.matchAll(/^\| \d\. [^|]+ \| \[[^\]]+\]\(([^)]+)\) \|/gm)].length, 2, `two linked rows:\n${md}`);
    assert.ok(md.includes(`All ${run.total} hidden tests passed${reached ? ` (${reached})` : ''} on the 1st run.`), `coding attempts:\n${md}`);
    assert.ok(md.includes(`| 2. ML fundamentals | ${n} theory cards | ${2 * n}:00 of 15:00 | `), `fundamentals row:\n${md}`);
    assert.ok(md.includes('| 3. ML system design | ') && md.includes('| 40:00 of 45:00 | rubric 3.0/4'), `design row:\n${md}`);
    assert.ok(md.includes(`| 4. Behavioural | ${behavioural.questions.length} questions | `), `behavioural row:\n${md}`);
    assert.ok(md.includes('breaks taken: 1 of 3 (4:00)'), 'one break taken, two skipped');
    assert.ok(md.includes('[loop-story.md](../stories/loop-story.md)'), 'the story is linked from the report');
    // The story is flagged off topic exactly when the first question's competency is not among its tags.
    const bank = await a.services.stories.bank();
    const firstCompetency = bank.questions.find((q) => q.id === behavioural.questions[0].questionId)!.competency;
    assert.equal(md.includes('story not tagged for'), !['cross-team', 'failure', 'mentoring', 'customer'].includes(firstCompetency), `off-topic story (${firstCompetency}):\n${md}`);
    assert.ok(md.includes('“we” far more than “I”') && md.includes('no quantified outcome'), `the checker's findings reach the report:\n${md}`);
    assert.ok(md.includes(`](../${problem.id}/solution.py)`) || !md.includes('finish it, then compare'), 'the coding problem is linked when it is to practise');
    assert.ok(md.includes('## What to practise next'));
    assert.equal(loop.current(), undefined, 'the loop is over');
    assert.ok(!loop.hidesAssistance());
    for (const q of behavioural.questions) assert.ok(a.services.progress.get().reviews?.[q.questionId]?.length, `the answer to ${q.questionId} is scheduled`);
    const last = a.services.progress.get().history?.filter((e) => e.kind === 'mock').pop();
    assert.equal(last?.id, 'mock:loop-microsoft-L4');
    assert.equal(last?.passed, run.passed);
    await vscode.workspace.fs.delete(storyFile);
  });

  it('lets one window drive a loop: another is refused unless it takes the loop over', async () => {
    const a = await api();
    const loop = a.services.loop;
    if (loop.current()) await loop.abandon(loop.current()!);
    loop.clock = { now: () => Date.UTC(2026, 11, 8, 9, 0) };
    loop.confirm = async () => true;
    loop.offerBreak = async () => 'take';
    loop.pickStory = async () => null;
    const s = (await vscode.commands.executeCommand<LoopState>(Commands.startFullLoop, { company: 'amazon', level: 'L5', seed: 'windows' }))!;
    assert.equal(s.plan.rounds[0].kind, 'behavioural', 'Amazon opens with the bar raiser');
    const first = s.plan.rounds[0].kind === 'behavioural' ? s.plan.rounds[0].questions : [];
    assert.ok(first.every((q) => q.value), 'every bar-raiser question is asked for a Leadership Principle');
    const mine = loop.windowId;
    assert.equal(loop.holder(loop.current()!), 'mine');
    // Play another window: the lease is held by a live window that is not this one.
    loop.windowId = 'another-window';
    assert.equal(loop.holder(loop.current()!), 'other');
    let asked = '';
    loop.confirm = async (message) => { asked = message; return false; };
    await loop.finishRound({ confirmed: true });
    assert.equal(asked, 'This full-loop mock is running in another window.');
    assert.equal(currentQuestion(loop.current()!)?.index, 0, 'the refused window changed nothing');
    assert.equal(loop.current()!.phase, 'round');
    assert.equal(loop.current()!.driver?.id, mine);
    // Taking it over: this window drives, the first keeps it no more.
    loop.confirm = async () => true;
    await loop.finishRound({ confirmed: true });
    assert.equal(loop.current()!.driver?.id, 'another-window');
    assert.equal(loop.current()!.phase, 'break');
    assert.equal(currentCard(loop.current()!), undefined);
    loop.windowId = mine;
    assert.equal(loop.holder(loop.current()!), 'other');
    loop.windowId = 'another-window';
    // Abandoned from the menu's path: no report, the loop is gone.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await loop.abandon(loop.current()!);
    assert.equal(loop.current(), undefined);
  });

  it('says so when the coding round starts but the NumPy/PyTorch choice is dismissed, and Go to the current round opens it', async () => {
    const a = await api();
    const loop = a.services.loop;
    if (loop.current()) await loop.abandon(loop.current()!);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    loop.clock = { now: () => Date.UTC(2026, 11, 9, 9, 0) };
    loop.confirm = async () => true;
    const warned: string[] = [];
    loop.notOpened = async (round) => { warned.push(round.problemId); };
    const cfg = () => vscode.workspace.getConfiguration('mlprep');
    const before = cfg().inspect('framework')?.globalValue;
    await cfg().update('framework', 'ask', vscode.ConfigurationTarget.Global);
    const root = vscode.workspace.workspaceFolders![0].uri;
    const solutionOf = (id: string) => vscode.Uri.joinPath(root, 'ml-interview', id, 'solution.py');
    try {
      let chosen: string | undefined;
      for (let seed = 0; seed < 40 && !chosen; seed++) {
        const started = vscode.commands.executeCommand<LoopState>(Commands.startFullLoop, { company: 'google', level: 'L4', seed: `framework-${seed}` });
        let settled = false;
        void Promise.resolve(started).finally(() => { settled = true; });
        // The framework choice, when asked, is dismissed as Escape would dismiss it.
        while (!settled) {
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          await new Promise((r) => setTimeout(r, 200));
        }
        const s = (await started)!;
        const coding = s.plan.rounds[0];
        assert.equal(coding.kind, 'coding');
        const problem = coding.kind === 'coding' ? await a.services.catalog.problem(coding.problemId) : undefined;
        if (problem?.pytorch && !fs.existsSync(solutionOf(problem.id).fsPath)) chosen = problem.id;
        else {
          assert.deepEqual(warned, [], 'no warning when the problem opened');
          await loop.abandon(loop.current()!);
        }
      }
      assert.ok(chosen, 'a seed gave a coding problem with a PyTorch variant');
      assert.ok(!fs.existsSync(solutionOf(chosen).fsPath), 'the dismissed choice wrote nothing');
      assert.deepEqual(warned, [chosen], 'the user is told the round runs without its problem');
      assert.equal(loop.current()?.phase, 'round', 'the round still runs');
      // The way back the warning names: the status-bar menu's "Go to the current round".
      await cfg().update('framework', 'numpy', vscode.ConfigurationTarget.Global);
      await loop.resume();
      assert.ok(fs.existsSync(solutionOf(chosen).fsPath), 'Go to the current round opens the problem');
      assert.deepEqual(warned, [chosen], 'no second warning once it is open');
      const openTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath.includes(`${path.sep}${chosen}${path.sep}`));
      assert.ok(openTabs().length > 0, 'the problem is open');
      // Abandoned during coding: the round's problem closes, as finishing the round would close it.
      await loop.abandon(loop.current()!);
      assert.deepEqual(openTabs().map((t) => t.label), [], 'the abandoned round’s problem is closed');
    } finally {
      await cfg().update('framework', before, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
