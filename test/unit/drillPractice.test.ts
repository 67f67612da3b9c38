// Today's drill beyond coding and design: the block of theory cards due today, a behavioural
// rehearsal, and follow-up parts to continue (issues 13 and 14).
import { describe, expect, it } from 'vitest';
import { todaysDrill, type DrillInput, type DrillStories, type DrillTheory } from '../../src/core/plan/recommend';
import { emptyProgress, partStep, recordRun, recordStart, type CardReview, type Progress } from '../../src/core/progress/progress';
import { cardSchedule, theoryScheduler } from '../../src/core/theory/schedule';
import type { TheoryCard } from '../../src/core/theory/types';
import type { Difficulty, ListedProblem } from '../../src/core/tree/problemList';

const problem = (id: string, category: string, difficulty: Difficulty, followUpTitles?: string[]): ListedProblem => ({
  id, title: id, category, difficulty, tags: [], companies: [], minutes: 30, kind: 'coding', ...(followUpTitles ? { followUpTitles } : {}),
});
const CATALOG: ListedProblem[] = [
  problem('kmeans', 'ml-algorithms', 'easy', ['k-means++ initialisation', 'Mini-batch updates']),
  problem('softmax', 'ml-algorithms', 'easy', ['Log-softmax and its gradient']),
  problem('roc-auc', 'metrics', 'easy'), problem('f1', 'metrics', 'easy'), problem('ndcg', 'metrics', 'medium'),
  problem('joins', 'data-manipulation', 'easy'), problem('windows', 'data-manipulation', 'medium'),
  problem('rate-limit', 'production', 'easy'), problem('reservoir', 'production', 'medium'),
];

const card = (id: string, topic: string): TheoryCard => ({
  id, topic, level: 'L4', question: `${id}?`, answer: 'a', keyPoints: ['a', 'b', 'c'], weakAnswers: ['w'], followUp: 'f', related: [], seconds: 150, source: 'builtin', file: '/x.yaml',
});
const DECK: TheoryCard[] = [card('bv-1', 'bias-variance'), card('bv-2', 'bias-variance'), card('reg-1', 'regularisation'), card('reg-2', 'regularisation'), card('opt-1', 'optimisation')];
const theory = (newPerDay = 2): DrillTheory => ({ cards: DECK, newPerDay });

const STORIES = (covered: string[] = []): DrillStories => ({
  questions: [
    { id: 'bq-own-1', competency: 'ownership' }, { id: 'bq-own-2', competency: 'ownership' },
    { id: 'bq-fail-1', competency: 'failure' }, { id: 'bq-conf-1', competency: 'conflict' },
  ],
  competencies: [{ id: 'ownership', title: 'Ownership' }, { id: 'failure', title: 'Failure and what you learned' }, { id: 'conflict', title: 'Conflict' }],
  covered: new Set(covered),
});

/** Noon UTC on `day` (plus `minutes`). */
const at = (day: string, minutes = 0) => Date.parse(`${day}T12:00:00Z`) + minutes * 60_000;
const review = (day: string, rating: CardReview['rating'] = 3, minutes = 0): CardReview => ({ at: at(day, minutes), rating, points: [], secs: 100 });
const withReviews = (p: Progress, reviews: Record<string, CardReview[]>): Progress => ({ ...p, reviews: { ...p.reviews, ...reviews } });

function solve(p: Progress, id: string, day: string): Progress {
  return recordRun(recordStart(p, id, at(day)), id, { passed: 5, total: 5 }, at(day, 1)).progress;
}
/** Follow-up part `part` of `id` passed on `day` (a passing run of parts 1..part, then the part event). */
function passPart(p: Progress, id: string, part: number, day: string): Progress {
  const ran = recordRun(p, id, { passed: 9, total: 9 }, at(day, 30)).progress;
  return { ...ran, problems: { ...ran.problems, [id]: partStep(ran.problems[id], part, at(day, 30)).entry } };
}

const drill = (progress: Progress, today: string, extra: Partial<DrillInput> = {}) =>
  todaysDrill({ problems: CATALOG, progress, today, timeZone: 'UTC', ...extra });
const MONDAY = '2026-11-23';

describe("today's drill: the theory block", () => {
  it('a new user gets the day’s new cards on top of the three problems; nothing without a deck', () => {
    const items = drill(emptyProgress(), MONDAY, { theory: theory(2) });
    expect(items.map((i) => i.kind)).toEqual(['coding', 'coding', 'coding', 'theory']);
    const t = items[3];
    // New cards take turns across topics (theoryQueue): one of bias-variance, then one of regularisation.
    expect(t).toMatchObject({ id: 'theory:today', kind: 'theory', reason: 'new', done: false, cards: ['bv-1', 'reg-1'], reviewed: 0, cardId: 'bv-1' });
    expect(t.why).toBe('2 cards due today (2 new)');
    expect(drill(emptyProgress(), MONDAY).some((i) => i.kind === 'theory')).toBe(false);
    expect(drill(emptyProgress(), MONDAY, { theory: theory(0) }).some((i) => i.kind === 'theory')).toBe(false);
  });

  it('holds the cards due as of the start of the day; reviewing them today marks them, and the block is done when all are', () => {
    // bv-1 rated Again on Sunday: due again Monday (no same-day steps). reg-1 rated Easy: not due for days.
    let p = withReviews(emptyProgress(), { 'bv-1': [review('2026-11-22', 1)], 'reg-1': [review('2026-11-22', 4)] });
    const s = theoryScheduler();
    expect(cardSchedule(p.reviews!['bv-1'], s).due! < at(MONDAY, 12 * 60)).toBe(true);
    const first = drill(p, MONDAY, { theory: theory(1) }).find((i) => i.kind === 'theory')!;
    expect(first.cards).toEqual(['bv-1', 'bv-2']); // the due card, then one new card
    expect(first).toMatchObject({ reason: 'review', cardId: 'bv-1', reviewed: 0, done: false });
    expect(first.why).toBe('2 cards due today (1 new)');

    // Monday: bv-1 reviewed (Good). The block stays the same; the click now opens bv-2.
    p = withReviews(p, { 'bv-1': [...p.reviews!['bv-1'], review(MONDAY, 3)] });
    const mid = drill(p, MONDAY, { theory: theory(1) }).find((i) => i.kind === 'theory')!;
    expect(mid).toMatchObject({ cards: ['bv-1', 'bv-2'], reviewed: 1, cardId: 'bv-2', done: false });
    expect(mid.why).toBe('2 cards due today (1 new) · 1 reviewed');

    // bv-2 reviewed too (first review today: it used up the new-card allowance; no other new card joins).
    p = withReviews(p, { 'bv-2': [review(MONDAY, 3, 5)] });
    const done = drill(p, MONDAY, { theory: theory(1) }).find((i) => i.kind === 'theory')!;
    expect(done).toMatchObject({ cards: ['bv-1', 'bv-2'], reviewed: 2, done: true });
    expect(done.cardId).toBeUndefined(); // nothing left to open in the block
  });

  it('counts reviews made elsewhere (a full-loop round picks its own new cards): the block’s new slots are filled by any card first reviewed today', () => {
    // Block: bv-1 (due again) + bv-2 (new, allowance 1). A full-loop round reviews bv-1 and another new card, opt-1.
    let p = withReviews(emptyProgress(), { 'bv-1': [review('2026-11-22', 1)], 'reg-1': [review('2026-11-22', 4)] });
    expect(drill(p, MONDAY, { theory: theory(1) }).find((i) => i.kind === 'theory')!.cards).toEqual(['bv-1', 'bv-2']);
    p = withReviews(p, { 'opt-1': [review(MONDAY, 3)] });
    const half = drill(p, MONDAY, { theory: theory(1) }).find((i) => i.kind === 'theory')!;
    expect(half).toMatchObject({ cards: ['bv-1', 'bv-2'], reviewed: 1, cardId: 'bv-1', done: false });
    p = withReviews(p, { 'bv-1': [...p.reviews!['bv-1'], review(MONDAY, 3, 5)] });
    const done = drill(p, MONDAY, { theory: theory(1) }).find((i) => i.kind === 'theory')!;
    expect(done).toMatchObject({ cards: ['bv-1', 'bv-2'], reviewed: 2, done: true });
    expect(done.cardId).toBeUndefined();
    // Two new slots, one filled elsewhere: the other block card stays to do.
    const two = drill(withReviews(emptyProgress(), { 'opt-1': [review(MONDAY, 3)] }), MONDAY, { theory: theory(2) }).find((i) => i.kind === 'theory')!;
    expect(two).toMatchObject({ cards: ['bv-1', 'reg-1'], reviewed: 1, cardId: 'bv-1', done: false });
  });

  it('with a plan, says where the week’s theory target stands', () => {
    const plan = { weeks: 4 as const, startDay: '2026-11-19' }; // week 1: Thursday 19 … Wednesday 25; target 40
    const p = withReviews(emptyProgress(), { 'reg-1': [review('2026-11-20', 4)], 'opt-1': [review('2026-11-21', 4), review(MONDAY, 4)] });
    const t = drill(p, MONDAY, { theory: theory(2), plan }).find((i) => i.kind === 'theory')!;
    expect(t.why).toMatch(/ · 3 of 40 this week$/);
  });
});

describe("today's drill: the behavioural rehearsal", () => {
  it('without a plan: one a week from Wednesday when none was made, on a competency no story covers', () => {
    expect(drill(emptyProgress(), MONDAY, { stories: STORIES() }).some((i) => i.kind === 'story')).toBe(false);
    const wed = drill(emptyProgress(), '2026-11-25', { stories: STORIES(['ownership']) }).find((i) => i.kind === 'story')!;
    expect(wed).toMatchObject({ id: 'story:failure', reason: 'rehearse', competency: 'failure', done: false });
    expect(wed.why).toBe('No story covers Failure and what you learned yet — rehearse one');
    // Rehearsed on Tuesday: nothing more this week.
    const tuesday = withReviews(emptyProgress(), { 'bq-conf-1': [review('2026-11-24')] });
    expect(drill(tuesday, '2026-11-25', { stories: STORIES() }).some((i) => i.kind === 'story')).toBe(false);
    // Every competency covered: any question.
    const any = drill(emptyProgress(), '2026-11-25', { stories: STORIES(['ownership', 'failure', 'conflict']) }).find((i) => i.kind === 'story')!;
    expect(any).toMatchObject({ id: 'story:any', done: false });
    expect(any.competency).toBeUndefined();
  });

  it('a question due again (FSRS over its rehearsals) comes first, the most overdue one, and is done once rehearsed today', () => {
    let p = withReviews(emptyProgress(), { 'bq-own-2': [review('2026-11-10', 1)], 'bq-fail-1': [review('2026-11-20', 1)] });
    const item = drill(p, MONDAY, { stories: STORIES() }).find((i) => i.kind === 'story')!;
    expect(item).toMatchObject({ id: 'story:bq-own-2', questionId: 'bq-own-2', competency: 'ownership', done: false });
    expect(item.why).toBe('2 rehearsals due: Ownership · last rehearsed 13 days ago');
    // Another question rehearsed today does not tick it; this one does.
    p = withReviews(p, { 'bq-conf-1': [review(MONDAY)] });
    expect(drill(p, MONDAY, { stories: STORIES() }).find((i) => i.kind === 'story')!.done).toBe(false);
    p = withReviews(p, { 'bq-own-2': [...p.reviews!['bq-own-2'], review(MONDAY, 3, 10)] });
    const after = drill(p, MONDAY, { stories: STORIES() }).find((i) => i.kind === 'story')!;
    expect(after).toMatchObject({ id: 'story:bq-own-2', done: true }); // the same item all day
  });

  it('with a plan: the week’s competencies first, at the week’s pace', () => {
    const plan = { weeks: 4 as const, startDay: MONDAY }; // week 1 asks for 3 rehearsals: ownership and failure
    // Day 1: pace round(3 * 1 / 7) = 0 rehearsals, but no competency from the 2nd day yet: nothing.
    expect(drill(emptyProgress(), MONDAY, { stories: STORIES(), plan }).some((i) => i.kind === 'story')).toBe(false);
    const tue = drill(emptyProgress(), '2026-11-24', { stories: STORIES(), plan }).find((i) => i.kind === 'story')!;
    expect(tue).toMatchObject({ id: 'story:ownership', competency: 'ownership' });
    expect(tue.why).toBe('Rehearse a question on Ownership — week 1 focus · 1 of 3 this week');
    // Ownership rehearsed on Tuesday (rated Easy: not due again for weeks): Wednesday asks for failure.
    const p = withReviews(emptyProgress(), { 'bq-own-1': [review('2026-11-24', 4)] });
    const wed = drill(p, '2026-11-25', { stories: STORIES(), plan }).find((i) => i.kind === 'story')!;
    expect(wed).toMatchObject({ competency: 'failure' });
    expect(wed.why).toBe('Rehearse a question on Failure and what you learned — week 1 focus · 2 of 3 this week');
    // Both rehearsed: the pace alone (3 by day 7) asks for one more on Sunday, not on Thursday.
    const both = withReviews(p, { 'bq-fail-1': [review('2026-11-25', 4)] });
    expect(drill(both, '2026-11-26', { stories: STORIES(['ownership', 'failure', 'conflict']), plan }).some((i) => i.kind === 'story')).toBe(false);
    expect(drill(both, '2026-11-29', { stories: STORIES(['ownership', 'failure', 'conflict']), plan }).find((i) => i.kind === 'story')).toMatchObject({ id: 'story:any' });
  });

  it('nothing without questions', () => {
    const empty: DrillStories = { questions: [], competencies: [], covered: new Set() };
    expect(drill(emptyProgress(), '2026-11-26', { stories: empty }).some((i) => i.kind === 'story')).toBe(false);
  });
});

describe("today's drill: follow-up parts", () => {
  it('a solved problem with its next part unlocked is a "continue" item instead of a review', () => {
    const p = solve(emptyProgress(), 'kmeans', '2026-11-10'); // its review is long due
    const items = drill(p, MONDAY);
    const k = items.find((i) => i.id === 'kmeans')!;
    expect(k).toMatchObject({ reason: 'continue', kind: 'coding', part: 2, parts: 3, done: false });
    expect(k.why).toBe('Continue: part 2 of 3 — k-means++ initialisation · part 1 passed 13 days ago');
    expect(items.filter((i) => i.id === 'kmeans')).toHaveLength(1);
    expect(items.map((i) => i.reason)).toEqual(['continue', 'new', 'new']);
  });

  it('moves on to the next part once one passes; done on the day the part passes; gone when all parts pass', () => {
    let p = solve(emptyProgress(), 'kmeans', '2026-11-20');
    p = passPart(p, 'kmeans', 2, '2026-11-21');
    expect(drill(p, MONDAY).find((i) => i.id === 'kmeans')).toMatchObject({ reason: 'continue', part: 3, parts: 3, why: 'Continue: part 3 of 3 — Mini-batch updates · part 2 passed 2 days ago' });
    const today = passPart(p, 'kmeans', 3, MONDAY);
    expect(drill(today, MONDAY).find((i) => i.id === 'kmeans')).toMatchObject({ reason: 'continue', part: 3, done: true });
    // All parts passed: the problem is back in the ordinary review schedule.
    const next = drill(today, '2026-11-30').find((i) => i.id === 'kmeans');
    expect(next?.reason).toBe('review');
  });

  it('takes one of the new-problem slots; more follow-ups fill slots nothing else wants', () => {
    let p = solve(emptyProgress(), 'kmeans', '2026-11-19');
    p = solve(p, 'softmax', '2026-11-21');
    const items = drill(p, MONDAY);
    // The fresher one first (softmax's part 1 passed 2 days ago).
    expect(items.map((i) => [i.id, i.reason])).toEqual([['softmax', 'continue'], [items[1].id, 'new'], [items[2].id, 'new']]);
    const small = CATALOG.slice(0, 2);
    const both = todaysDrill({ problems: small, progress: p, today: MONDAY, timeZone: 'UTC' });
    expect(both.map((i) => [i.id, i.reason])).toEqual([['softmax', 'continue'], ['kmeans', 'continue']]);
  });
});

describe("today's drill: everything together", () => {
  it('problems first, then the theory block and the rehearsal; the same list all day', () => {
    const p = withReviews(solve(emptyProgress(), 'kmeans', '2026-11-20'), { 'bq-own-1': [review('2026-11-12', 1)] });
    const input = { theory: theory(2), stories: STORIES() };
    const items = drill(p, MONDAY, input);
    expect(items.map((i) => i.kind)).toEqual(['coding', 'coding', 'coding', 'theory', 'story']);
    expect(items[0]).toMatchObject({ id: 'kmeans', reason: 'continue' });
    const later = withReviews(p, { 'bv-1': [review(MONDAY, 3, 60)], 'bq-own-1': [...p.reviews!['bq-own-1'], review(MONDAY, 3, 90)] });
    const again = drill(later, MONDAY, input);
    expect(again.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(again.map((i) => i.done)).toEqual([false, false, false, false, true]);
    expect(again[3]).toMatchObject({ reviewed: 1, cardId: 'reg-1' });
  });
});
