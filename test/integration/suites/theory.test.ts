// Theory cards in a real VS Code: the Problems view's Theory group counts the cards due today; the
// review command opens the real card panel (its webview bundle under the strict CSP); reveal, tick
// two key points and rate Good go through the same validated messages the webview sends; the review
// lands in the progress record, the card's next due date is the one ts-fsrs gives for that review,
// the panel moves to the next due card and the group's count drops by one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Rating, createEmptyCard, fsrs } from 'ts-fsrs';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import type { HostToWebview } from '../../../src/core/theory/protocol';
import { THEORY_FSRS_PARAMS } from '../../../src/core/theory/schedule';
import type { ProblemNode } from '../../../src/features/tree/problemTree';

interface State {
  open: boolean;
  ready?: boolean;
  current?: { cardId?: string; revealed: boolean; ticked: number[] };
  lastSent?: HostToWebview;
  problems?: string[];
}
interface Queue { due: string[]; reviewedToday: number; schedules: Record<string, { due: number; reviews: number; status: string }> }

const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.theoryTestHooks, op, ...args);

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

async function theoryLabel(a: MLPrepApi): Promise<string> {
  await a.services.theory.deck(); // the view lists the problems first and adds Theory when the deck has loaded
  const node = (await a.services.tree.getChildren()).find((n): n is Extract<ProblemNode, { kind: 'theory' }> => n.kind === 'theory');
  assert.ok(node, 'no Theory group in the Problems view');
  return String(a.services.tree.getTreeItem(node).label);
}

describe('theory cards', function () {
  this.timeout(120_000);
  let a: MLPrepApi;

  before(async () => {
    a = await api();
  });

  after(async () => {
    await hook('close');
  });

  it('reviews a due card (reveal, tick, rate Good): the next due date follows FSRS and the Theory group count drops', async () => {
    const before = await hook<Queue>('queue');
    assert.ok(before.due.length > 0, 'no theory card is due in a fresh profile');
    const cardId = before.due[0];
    assert.equal(await theoryLabel(a), `Theory · ${before.due.length} due today`);

    await vscode.commands.executeCommand(Commands.theoryReviewDue);
    assert.ok(await hook('whenRendered', cardId, false, 60_000), 'the webview never drew the question');
    let state = await hook<State>('state');
    assert.equal(state.lastSent?.type, 'card');
    if (state.lastSent?.type === 'card') {
      assert.equal(state.lastSent.card.revealed, false);
      assert.equal(state.lastSent.card.answer, undefined, 'the answer must not reach the webview before Reveal');
      assert.ok(state.lastSent.card.seconds >= 90);
    }

    await hook('post', { type: 'reveal' });
    assert.ok(await hook('whenRendered', cardId, true, 30_000), 'the webview never drew the revealed answer');
    state = await hook<State>('state');
    assert.ok(state.lastSent?.type === 'card' && state.lastSent.card.answer && state.lastSent.card.answer.keyPointsHtml.length >= 3);

    await hook('post', { type: 'tick', index: 0, on: true });
    await hook('post', { type: 'tick', index: 2, on: true });
    assert.deepEqual((await hook<State>('state')).current?.ticked, [0, 2]);
    const t0 = Date.now();
    await hook('post', { type: 'rate', rating: 3 });
    const t1 = Date.now();

    // The review is in the progress record...
    const reviews = a.services.progress.get().reviews?.[cardId];
    assert.equal(reviews?.length, 1);
    assert.equal(reviews![0].rating, 3);
    assert.deepEqual(reviews![0].points, [0, 2]);
    assert.ok(reviews![0].at >= t0 - 5000 && reviews![0].at <= t1, 'review time');
    // ...and the card's next due date is what ts-fsrs gives for a Good on a new card at that time.
    const after = await hook<Queue>('queue');
    const at = new Date(reviews![0].at);
    const expected = fsrs(THEORY_FSRS_PARAMS).next(createEmptyCard(at), at, Rating.Good).card.due.getTime();
    assert.equal(after.schedules[cardId]?.due, expected);
    assert.ok(expected - reviews![0].at >= 86_400_000, 'Good schedules the card at least a day ahead');
    assert.ok(!after.due.includes(cardId));
    assert.equal(after.due.length, before.due.length - 1);
    assert.equal(await theoryLabel(a), `Theory · ${after.due.length} due today`);

    // The panel moved on to the next due card (or the done view).
    const next = after.due[0];
    assert.ok(await hook('whenRendered', next, false, 30_000), `the panel did not move on to ${next ?? 'the done view'}`);
    assert.deepEqual((await hook<State>('state')).problems, [], 'the webview reported problems');

    // Tidy: the card's reset (a tombstone) removes the review, and the card is due again.
    await a.services.progress.resetProblem(cardId);
    assert.equal(a.services.progress.get().reviews?.[cardId], undefined);
    assert.deepEqual((await hook<Queue>('queue')).due.length, before.due.length);
  });

  it('opens a given card (a tree row, "Related theory") with a fresh clock; a rating is refused before Reveal', async () => {
    const related = await a.services.theory.related('softmax');
    assert.ok(related.length > 0, 'no theory card names softmax');
    const id = related[0].id;
    await vscode.commands.executeCommand(Commands.theoryOpenCard, id);
    assert.ok(await hook('whenRendered', id, false, 30_000), `the panel did not show ${id}`);
    const reviewsBefore = a.services.progress.get().reviews?.[id]?.length ?? 0;
    await hook('post', { type: 'rate', rating: 4 }); // not revealed yet: ignored
    await hook('post', { type: 'rate', rating: 'x' }); // malformed: ignored
    assert.equal(a.services.progress.get().reviews?.[id]?.length ?? 0, reviewsBefore);
    const state = await hook<State>('state');
    assert.equal(state.current?.cardId, id);
    assert.ok(state.lastSent?.type === 'card' && state.lastSent.card.related.some((r) => r.id === 'softmax'));
  });

  it('a reload brings back the open card as it was: its clock, reveal, ticked points and typed answer', async () => {
    const id = (await a.services.theory.related('softmax'))[0].id;
    await vscode.commands.executeCommand(Commands.theoryOpenCard, id);
    assert.ok(await hook('whenRendered', id, false, 30_000), `the panel did not show ${id}`);
    await hook('post', { type: 'draft', text: 'subtract the max per row' });
    await hook('post', { type: 'reveal' });
    await hook('post', { type: 'tick', index: 1, on: true });
    const before = await hook<State>('state');
    assert.ok(before.lastSent?.type === 'card');
    const startedAt = before.lastSent.card.startedAt;
    await hook('reopenAsAfterReload');
    assert.ok(await hook('whenRendered', id, true, 30_000), 'the restored panel does not show the card revealed');
    const after = await hook<State>('state');
    assert.deepEqual(after.current, { cardId: id, revealed: true, ticked: [1] });
    assert.ok(after.lastSent?.type === 'card');
    assert.equal(after.lastSent.card.startedAt, startedAt, 'the clock restarted');
    assert.equal(after.lastSent.card.draft, 'subtract the max per row');
  });
});
