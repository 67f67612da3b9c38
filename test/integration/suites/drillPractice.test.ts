// Today's drill beyond problems, in a real VS Code: the drill's theory row opens the real card panel
// on a card due today (its tree item's own command), and rating it ticks the row; the rehearsal
// row starts the clock on its question; a window reload in the middle of a rehearsal brings back the
// same question, story and clock (workspace memento), and the rating then counts the whole time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import type { DrillItem } from '../../../src/core/plan/recommend';
import { drillCommand } from '../../../src/core/plan/drillCommand';
import type { ProblemNode } from '../../../src/features/tree/problemTree';
import { until } from '../until';

const theoryHook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.theoryTestHooks, op, ...args);
const storiesHook = <T>(op: string) => vscode.commands.executeCommand<T>(TestCommands.storiesTestHooks, op);
interface Rehearsing { questionId: string; startedAt: number; story?: string }

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

/** Today's drill rows as the Problems view shows them (the drill group is its first row). */
async function drillRows(a: MLPrepApi): Promise<ProblemNode[]> {
  const drill = (await a.services.tree.getChildren())[0];
  assert.equal(drill.kind, 'drill', 'Today’s drill leads the tree');
  return a.services.tree.getChildren(drill);
}

function practiceRow(rows: ProblemNode[], kind: DrillItem['kind']): Extract<ProblemNode, { kind: 'practice' }> | undefined {
  return rows.find((r): r is Extract<ProblemNode, { kind: 'practice' }> => r.kind === 'practice' && r.item.kind === kind);
}

/** Runs what a click on the tree row runs. */
async function click(a: MLPrepApi, node: ProblemNode): Promise<unknown> {
  const cmd = a.services.tree.getTreeItem(node).command;
  assert.ok(cmd, 'the row has no command');
  return vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
}

describe('drill practice items', function () {
  this.timeout(120_000);
  let a: MLPrepApi;
  const tidy: string[] = [];

  before(async () => {
    a = await api();
  });

  after(async () => {
    await theoryHook('close');
    await vscode.commands.executeCommand(Commands.storiesFinishRehearsal, 1).then(undefined, () => undefined);
    for (const id of tidy) await a.services.progress.resetProblem(id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Next in Drill" goes to the first undone item of any kind, and opens a theory or rehearsal item as its row does', async () => {
    const drill = (await a.services.tree.getChildren())[0];
    assert.ok(drill.kind === 'drill');
    const next = await a.services.tree.nextInDrill();
    assert.deepEqual(next, drill.items.find((d) => !d.done), 'not the first undone item');
    const theory = drill.items.find((d) => d.kind === 'theory' && !d.done);
    assert.ok(theory?.cardId, `no theory item with a card due: ${JSON.stringify(drill.items)}`);
    // The same command as the row's click, for each practice row.
    for (const row of await drillRows(a)) {
      if (row.kind !== 'practice') continue;
      const cmd = a.services.tree.getTreeItem(row).command!;
      const c = drillCommand(row.item);
      assert.deepEqual([c.command, c.args], [cmd.command, cmd.arguments ?? []], row.item.id);
    }
    // The theory item: the card panel opens on its card (nothing rated).
    const before = a.services.progress.get().reviews?.[theory.cardId]?.length ?? 0;
    await a.services.results.openDrillItem(theory);
    assert.ok(await theoryHook('whenRendered', theory.cardId, false, 60_000), `the panel did not show ${theory.cardId}`);
    assert.equal((await theoryHook<{ current?: { cardId?: string } }>('state')).current?.cardId, theory.cardId);
    assert.equal(a.services.progress.get().reviews?.[theory.cardId]?.length ?? 0, before);
    await theoryHook('close');
  });

  it('the drill’s theory row opens a card due today in the card panel; rating it ticks the row', async () => {
    const row = practiceRow(await drillRows(a), 'theory');
    assert.ok(row, 'no theory row in Today’s drill');
    const item = row.item;
    assert.ok(item.cards && item.cards.length > 0 && item.cardId, JSON.stringify(item));
    const queue = await theoryHook<{ due: string[] }>('queue');
    assert.ok(queue.due.includes(item.cardId), `${item.cardId} is not due today (${queue.due.join(', ')})`);
    const treeItem = a.services.tree.getTreeItem(row);
    assert.match(String(treeItem.label), /^Theory: \d+ cards? due today$/);
    assert.match(String(treeItem.description), new RegExp(`${item.reviewed}/${item.cards.length} reviewed$`));

    await click(a, row);
    assert.ok(await theoryHook('whenRendered', item.cardId, false, 60_000), `the panel did not show ${item.cardId}`);
    assert.equal((await theoryHook<{ current?: { cardId?: string } }>('state')).current?.cardId, item.cardId);

    await theoryHook('post', { type: 'reveal' });
    await theoryHook('post', { type: 'rate', rating: 3 });
    tidy.push(item.cardId);
    assert.equal(a.services.progress.get().reviews?.[item.cardId]?.length, 1);
    // The same block (chosen as of the start of the day), one more reviewed, the click moves on.
    const after = practiceRow(await drillRows(a), 'theory');
    assert.ok(after, 'the theory row left the drill after one review');
    assert.deepEqual(after.item.cards, item.cards);
    assert.equal(after.item.reviewed, (item.reviewed ?? 0) + 1);
    if (item.cards.length > (item.reviewed ?? 0) + 1) assert.notEqual(after.item.cardId, item.cardId);
    else assert.equal(after.item.done, true);
    await theoryHook('close');
  });

  it('a reload in the middle of a rehearsal brings back the same question, story and clock; the rating counts the whole time', async () => {
    // A question no other suite rehearses; counted relative to what is recorded already.
    const questionId = (await a.services.stories.bank()).questions.find((q) => q.competency === 'ambiguity')?.id;
    assert.ok(questionId, 'no ambiguity question in the bank');
    const before0 = a.services.progress.get().reviews?.[questionId]?.length ?? 0;
    assert.equal(await vscode.commands.executeCommand<string | undefined>(Commands.storiesRehearse, { questionId, story: null }), questionId);
    const before = await storiesHook<Rehearsing>('state');
    assert.equal(before?.questionId, questionId);
    await new Promise((r) => setTimeout(r, 1500));

    // The reload: this window's clock goes away (disposed, not stopped) and a new one restores.
    const after = await storiesHook<Rehearsing | undefined>('reload');
    assert.deepEqual(after, before, 'the reload did not bring back the same rehearsal and clock');
    assert.equal(a.services.progress.get().reviews?.[questionId]?.length ?? 0, before0, 'nothing recorded by the reload');

    const rating = await vscode.commands.executeCommand<number | undefined>(Commands.storiesFinishRehearsal, 3);
    tidy.push(questionId);
    assert.equal(rating, 3);
    const reviews = a.services.progress.get().reviews?.[questionId];
    assert.equal(reviews?.length, before0 + 1);
    const last = reviews![reviews!.length - 1];
    // Seconds from the first start, not from the reload.
    assert.ok(last.secs >= 1, `the clock restarted at the reload: ${last.secs} s`);
    assert.ok(Math.abs(last.secs - (last.at - before.startedAt) / 1000) <= 1, `${last.secs} s recorded`);
    // Rated: a later reload brings nothing back.
    assert.equal(await storiesHook('reload'), undefined);
  });

  it('the rehearsal clock stands still while the rating is asked, and runs on when the rating is cancelled', async () => {
    const questionId = (await a.services.stories.bank()).questions.filter((q) => q.competency === 'ambiguity')[1]?.id;
    assert.ok(questionId, 'no second ambiguity question in the bank');
    const before0 = a.services.progress.get().reviews?.[questionId]?.length ?? 0;
    assert.equal(await vscode.commands.executeCommand<string | undefined>(Commands.storiesRehearse, { questionId, story: null }), questionId);
    await new Promise((r) => setTimeout(r, 1200));
    // Finish without a rating: the rating's quick pick opens and the clock stops on what gets recorded.
    const asked = vscode.commands.executeCommand<number | undefined>(Commands.storiesFinishRehearsal);
    const still = await until('the clock to stop for the rating', async () => {
      const t = await storiesHook<string | undefined>('status');
      return t?.includes('stopped, rate it') ? t : undefined;
    });
    await new Promise((r) => setTimeout(r, 2200));
    assert.equal(await storiesHook<string | undefined>('status'), still, 'the clock ran on while the rating was asked');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await asked, undefined, 'a cancelled rating records nothing');
    assert.equal(a.services.progress.get().reviews?.[questionId]?.length ?? 0, before0);
    const running = await storiesHook<string | undefined>('status');
    assert.ok(running && !running.includes('stopped') && running !== still, `the clock did not run on after the cancel: ${running}`);
    await vscode.commands.executeCommand(Commands.storiesFinishRehearsal, 3);
    tidy.push(questionId);
  });

  it('the drill’s rehearsal row starts the rehearsal on the question due again, and rehearsing it ticks the row', async () => {
    // A failure question rehearsed ten days ago and rated Again: due again (FSRS), so today's drill
    // offers it whatever the weekday. It arrives as an imported record (the export/import path).
    const bank = await a.services.stories.bank();
    const question = bank.questions.find((q) => q.competency === 'failure');
    assert.ok(question, 'no failure question in the bank');
    await a.services.progress.importRecord({ problems: {}, reviews: { [question.id]: [{ at: Date.now() - 10 * 86_400_000, rating: 1, points: [], secs: 120 }] } }, 'merge');
    tidy.push(question.id);
    const row = practiceRow(await drillRows(a), 'story');
    assert.ok(row, 'no rehearsal row in Today’s drill');
    assert.equal(row.item.questionId, question.id);
    assert.equal(row.item.done, false);
    const treeItem = a.services.tree.getTreeItem(row);
    assert.match(String(treeItem.label), /^Rehearse: /);
    const cmd = treeItem.command!;
    assert.equal(cmd.command, Commands.storiesRehearse);
    assert.deepEqual(cmd.arguments, [{ questionId: question.id }]);
    // As the click, with "no story" chosen up front (the click asks in a quick pick).
    const started = await vscode.commands.executeCommand<string | undefined>(Commands.storiesRehearse, { ...(cmd.arguments![0] as object), story: null });
    assert.equal(started, question.id);
    await vscode.commands.executeCommand(Commands.storiesFinishRehearsal, 3);
    const done = practiceRow(await drillRows(a), 'story');
    assert.equal(done?.item.id, row.item.id, 'the row changed within the day');
    assert.equal(done?.item.done, true, 'rehearsing did not tick the row');
  });
});
