// Behavioural stories in a real VS Code: "New Behavioural Story" writes a story from the template
// into <practice folder>/stories and opens it; the story checker's diagnostics appear in it (a
// "we"-heavy story without numbers gets both warnings on their lines) and clear once it is fixed;
// a rehearsal of a question, rated Good, lands in the progress record as a review keyed by the
// question id, with the next due date ts-fsrs gives; the dashboard's coverage counts the story.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import type { MLPrepApi } from '../../../src/extension';
import { Commands, TestCommands } from '../../../src/commands';
import type { DashboardData } from '../../../src/core/dashboard/stats';
import { cardSchedule, THEORY_FSRS_PARAMS, theoryScheduler } from '../../../src/core/theory/schedule';

async function api(): Promise<MLPrepApi> {
  const ext = vscode.extensions.getExtension<MLPrepApi>('mlprep.mlprep')!;
  return ext.isActive ? ext.exports : ext.activate();
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'MLPrep story').map((d) => String(d.code)).sort();

const WE_HEAVY = `---
title: "Integration story"
competencies: [ownership]
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

const FIXED = WE_HEAVY.replace('metrics: []', 'metrics: ["cut p99 latency 42%"]')
  .replace('We had to make it faster.', 'I owned getting p99 latency under the 80 ms budget.')
  .replace('We profiled it and we batched the lookups. We chose', 'I profiled it and I batched the lookups. I chose')
  .replace('We shipped on time and the team was happy.', 'p99 fell from 130 ms to 75 ms and I kept the launch date.');

describe('behavioural stories', function () {
  this.timeout(120_000);
  let a: MLPrepApi;
  let story: vscode.Uri | undefined;

  before(async () => {
    a = await api();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (story) await vscode.workspace.fs.delete(story).then(undefined, () => undefined);
  });

  it('creates a story from the template; a "we"-heavy story without numbers gets diagnostics, fixing it clears them', async () => {
    story = await vscode.commands.executeCommand<vscode.Uri | undefined>(Commands.storiesNew, { title: 'Integration story', competencies: ['ownership'] });
    assert.ok(story, 'no story was created');
    assert.match(story.path, /\/ml-interview\/stories\/integration-story\.md$/);
    const doc = await waitFor('the story to open', () => vscode.window.activeTextEditor?.document.uri.toString() === story!.toString() ? vscode.window.activeTextEditor.document : undefined);
    assert.match(doc.getText(), /^---\ntitle: "Integration story"\ncompetencies: \[ownership\]/);
    // The fresh template: four empty sections and no numbers yet.
    await waitFor('template diagnostics', () => (codes(story!).filter((c) => c === 'missing-part').length === 4 ? true : undefined));

    const edit = new vscode.WorkspaceEdit();
    edit.replace(story, new vscode.Range(0, 0, doc.lineCount, 0), WE_HEAVY);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const got = await waitFor('we/numbers diagnostics', () => {
      const c = codes(story!);
      return c.includes('we-not-i') && c.includes('no-numbers') ? vscode.languages.getDiagnostics(story!) : undefined;
    });
    const we = got.find((d) => d.code === 'we-not-i')!;
    assert.match(we.message, /"We" 6 times, "I" 0 times/);
    assert.equal(doc.lineAt(we.range.start.line).text, 'Our ranking service was slow before a launch.');
    assert.equal(doc.lineAt(got.find((d) => d.code === 'no-numbers')!.range.start.line).text, '## Result');
    assert.ok(!codes(story).includes('missing-part'));

    const fix = new vscode.WorkspaceEdit();
    fix.replace(story, new vscode.Range(0, 0, doc.lineCount, 0), FIXED);
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitFor('the diagnostics to clear', () => (codes(story!).length === 0 ? true : undefined));
    await doc.save();

    const coverage = await a.services.stories.coverage();
    const own = coverage.competencies.find((c) => c.id === 'ownership')!;
    assert.deepEqual(own.stories.map((i) => coverage.stories[i].title), ['Integration story']);
    assert.ok(coverage.gaps.includes('conflict'));
  });

  it('rehearses a question with the story beside and records a Good rating as an FSRS review keyed by the question', async () => {
    const questionId = 'bq-own-unowned-problem';
    const rel = vscode.workspace.asRelativePath(story!, false);
    const started = await vscode.commands.executeCommand<string | undefined>(Commands.storiesRehearse, { questionId, story: rel });
    assert.equal(started, questionId);
    await waitFor('the story beside', () => (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === story!.toString()) ? true : undefined));
    const t0 = Date.now();
    const rating = await vscode.commands.executeCommand<number | undefined>(Commands.storiesFinishRehearsal, 3);
    const t1 = Date.now();
    assert.equal(rating, 3);
    const reviews = a.services.progress.get().reviews?.[questionId];
    assert.equal(reviews?.length, 1);
    assert.equal(reviews![0].rating, 3);
    assert.ok(reviews![0].at >= t0 && reviews![0].at <= t1);
    const f = fsrs(THEORY_FSRS_PARAMS);
    const expected = f.next(createEmptyCard(new Date(reviews![0].at)), new Date(reviews![0].at), Rating.Good).card.due.getTime();
    assert.equal(cardSchedule(reviews, theoryScheduler()).due, expected);
    // Nothing is running any more: a second finish records nothing.
    assert.equal(await vscode.commands.executeCommand(Commands.storiesFinishRehearsal, 3), undefined);
    assert.equal(a.services.progress.get().reviews?.[questionId]?.length, 1);
  });

  it('the dashboard draws the coverage card: the story under Ownership, the gaps, the rehearsal of today', async () => {
    const hook = <T>(op: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(TestCommands.dashboardTestHooks, op, ...args);
    await vscode.commands.executeCommand(Commands.showDashboard);
    const r = await hook<{ sent: DashboardData; rendered: { generatedAt: number } } | undefined>('whenRendered', 0, 60_000);
    assert.ok(r, 'the dashboard never drew');
    const cov = r.sent.stories;
    assert.ok(cov, 'no stories coverage in the dashboard data');
    const own = cov.competencies.find((c) => c.id === 'ownership')!;
    assert.deepEqual(own.stories.map((i) => cov.stories[i].title), ['Integration story']);
    assert.ok(cov.gaps.includes('failure'));
    assert.deepEqual(cov.rehearsals, { rehearsed: 1, dueToday: 0, today: 1 });
    const amazon = cov.valueSets.find((v) => v.id === 'amazon-leadership-principles')!;
    assert.equal(amazon.values.find((v) => v.id === 'ownership')?.covered, true);
    assert.deepEqual((await hook<{ problems: string[] }>('state')).problems, []);
    await hook('close');
  });
});
