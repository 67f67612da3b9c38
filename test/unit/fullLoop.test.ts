import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromDisk, loadQuestionBankFromDisk, loadTheoryDeckFromDisk } from '../../src/adapters/packFiles';
import {
  answerLoopQuestion, buildLoop, chooseLoopStory, chosenStory, COMPANIES, COMPANY_IDS, currentCard, currentQuestion, finishLoopRound, leaseHolder, LEASE_MS, levelExpectations,
  loopClock, loopDeadline, loopHidesAssistance, loopOverview, parseLoopState, rateLoopCard, recordLoopCoding, recordLoopDesign, startLoop, startNextRound,
  type BuildLoopInput, type LoopBank, type LoopCard, type LoopPlan, type LoopState,
} from '../../src/core/loop/fullLoop';
import { LEVEL_IDS } from '../../src/core/plan/mockInterview';
import { emptyProgress, recordDesignSession, recordRun, type Progress } from '../../src/core/progress/progress';
import { deckCards } from '../../src/core/theory/types';
import { parseHostMessage, type CardView } from '../../src/core/theory/protocol';
import type { Difficulty, ListedProblem } from '../../src/core/tree/problemList';
import type { CodingProblem, DesignPrompt } from '../../src/core/catalog/types';
type CatalogEntry = CodingProblem | DesignPrompt;

const listed = (e: CatalogEntry): ListedProblem => ({
  id: e.id, title: e.title, difficulty: e.difficulty, tags: e.tags, companies: e.companies, minutes: e.minutes,
  category: e.kind === 'coding' ? e.category : 'system-design', kind: e.kind,
});
const MIN = 60_000;
const T0 = Date.parse('2026-12-07T09:00:00Z');
const problem = (id: string, difficulty: Difficulty, o: Partial<ListedProblem> = {}): ListedProblem => ({
  id, title: id, category: 'metrics', difficulty, tags: [], companies: [], minutes: 30, kind: 'coding', ...o,
});
const design = (id: string, difficulty: Difficulty, tags: string[] = []) => problem(id, difficulty, { kind: 'design', category: 'system-design', tags });

const CATALOG: ListedProblem[] = [
  problem('c-metrics-med', 'medium'), problem('c-algo-med', 'medium', { category: 'ml-algorithms' }),
  problem('c-prod-med', 'medium', { category: 'production' }), problem('c-data-hard', 'hard', { category: 'data-manipulation' }),
  problem('c-easy', 'easy'),
  design('d-ranking', 'hard', ['ranking']), design('d-mlops', 'hard', ['mlops']), design('d-privacy', 'hard', ['privacy']), design('d-medium', 'medium'),
];
const TOPICS = ['optimisation', 'bias-variance', 'production-ml', 'ab-testing', 'neural-networks', 'llm-inference', 'rag'];
const CARDS: LoopCard[] = TOPICS.flatMap((topic) => (['L3', 'L4', 'L5', 'L6'] as const).map((level, k) => ({ id: `${topic}-${k}`, topic, level })));
const BANK: LoopBank = {
  questions: [
    ...['ownership', 'conflict', 'failure', 'ambiguity', 'customer', 'cross-team', 'mentoring', 'ml-ethics', 'prioritisation', 'influence']
      .flatMap((c) => [0, 1].map((k) => ({ id: `bq-${c}-${k}`, competency: c }))),
    { id: 'bq-staff-only', competency: 'ownership', level: 'L6' },
  ],
  valueSets: [{
    id: 'amazon-leadership-principles',
    values: [
      { name: 'Customer Obsession', questions: ['bq-customer-0', 'bq-customer-1'] },
      { name: 'Ownership', questions: ['bq-ownership-0', 'bq-staff-only'] },
      { name: 'Dive Deep', questions: ['bq-failure-0'] },
      { name: 'Bias for Action', questions: ['bq-ambiguity-0'] },
      { name: 'Earn Trust', questions: ['bq-conflict-0'] },
    ],
  }],
};
const input = (o: Partial<BuildLoopInput> = {}): BuildLoopInput => ({
  company: 'google', level: 'L5', problems: CATALOG, cards: CARDS, bank: BANK, progress: emptyProgress(), seed: 's1', ...o,
});
const plan = (o: Partial<BuildLoopInput> = {}): LoopPlan => {
  const p = buildLoop(input(o));
  if ('error' in p) throw new Error(p.error);
  return p;
};
const review = (p: Progress, id: string, rating: 1 | 2 | 3 | 4): Progress => ({ ...p, reviews: { ...p.reviews, [id]: [{ at: T0 - 86_400_000, rating, points: [], secs: 60 }] } });

describe('buildLoop', () => {
  it('builds the four rounds in the company style’s order, with the level’s minutes', () => {
    for (const company of COMPANY_IDS) {
      const p = plan({ company });
      expect(p.rounds.map((r) => r.kind)).toEqual(COMPANIES[company].order);
      expect(new Set(p.rounds.map((r) => r.kind)).size).toBe(4);
    }
    const l6 = plan({ level: 'L6' });
    expect(l6.rounds.find((r) => r.kind === 'coding')?.minutes).toBe(30);
    expect(l6.rounds.find((r) => r.kind === 'design')?.minutes).toBe(60);
    expect(plan({ company: 'startup' }).rounds[0]).toMatchObject({ kind: 'coding', title: 'Take-home style coding', minutes: 90 });
    expect(plan({ company: 'amazon' }).rounds[0]).toMatchObject({ kind: 'behavioural', title: 'Bar raiser: Leadership Principles' });
    expect(plan({ company: 'meta' }).rounds.find((r) => r.kind === 'design')?.title).toMatch(/product sense/);
    expect(plan({ level: 'L3' }).breakMinutes).toBeLessThan(plan({ level: 'L6' }).breakMinutes);
  });

  it('is deterministic for a seed and varies with it', () => {
    expect(plan({ seed: 'a' })).toEqual(plan({ seed: 'a' }));
    expect(buildLoop(input({ seed: 'a', problems: [...CATALOG].reverse(), cards: [...CARDS].reverse() }))).toEqual(plan({ seed: 'a' }));
    const seeds = Array.from({ length: 12 }, (_, i) => JSON.stringify(plan({ company: 'microsoft', seed: String(i) })));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('picks an unsolved coding problem of the level, the style’s categories and never-run ones first', () => {
    const codingOf = (p: LoopPlan) => p.rounds.find((r) => r.kind === 'coding') as { problemId: string };
    for (let i = 0; i < 10; i++) expect(['c-metrics-med', 'c-algo-med']).toContain(codingOf(plan({ seed: String(i) })).problemId);
    for (let i = 0; i < 10; i++) expect(['c-prod-med', 'c-data-hard']).toContain(codingOf(plan({ company: 'startup', seed: String(i) })).problemId);
    let progress = recordRun(emptyProgress(), 'c-metrics-med', { passed: 1, total: 3 }, T0).progress; // attempted
    for (let i = 0; i < 10; i++) expect(codingOf(plan({ progress, seed: String(i) })).problemId).toBe('c-algo-med');
    progress = recordRun(progress, 'c-algo-med', { passed: 3, total: 3 }, T0).progress; // solved
    for (let i = 0; i < 10; i++) expect(codingOf(plan({ progress, seed: String(i) })).problemId).toBe('c-metrics-med');
    expect(codingOf(plan({ level: 'L3', problems: CATALOG.filter((p) => p.kind === 'design' || p.difficulty === 'easy') })).problemId).toBe('c-easy');
    expect(buildLoop(input({ level: 'L6', problems: CATALOG.filter((p) => p.kind === 'design' || p.difficulty === 'easy') }))).toEqual({ error: expect.stringMatching(/No unsolved medium or hard coding problem left for L6/) });
  });

  it('picks a never-practised design prompt, the style’s tags first', () => {
    const promptOf = (p: LoopPlan) => (p.rounds.find((r) => r.kind === 'design') as { promptId: string }).promptId;
    expect(promptOf(plan({ company: 'meta' }))).toBe('d-ranking');
    expect(promptOf(plan({ company: 'apple' }))).toBe('d-privacy');
    expect(promptOf(plan({ company: 'startup' }))).toBe('d-mlops');
    const practised = recordDesignSession(emptyProgress(), 'd-ranking', 3, T0);
    expect(promptOf(plan({ company: 'google', progress: practised }))).not.toBe('d-ranking');
    expect(promptOf(plan({ company: 'google', level: 'L3' }))).toBe('d-medium');
  });

  it('picks the fundamentals cards at or below the level, the style’s topics and unlearnt cards first, at most two a topic', () => {
    const cardsOf = (p: LoopPlan) => (p.rounds.find((r) => r.kind === 'fundamentals') as { cardIds: string[] }).cardIds;
    const byId = new Map(CARDS.map((c) => [c.id, c]));
    const l3 = cardsOf(plan({ level: 'L3' }));
    // Google asks 8 at L3 (6 plus its 2), but only the 7 L3 cards are eligible (one per topic).
    expect(l3.sort()).toEqual(CARDS.filter((c) => c.level === 'L3').map((c) => c.id).sort());
    const l5 = cardsOf(plan({ company: 'meta', level: 'L5' }));
    expect(l5.length).toBe(8);
    const topics = l5.map((id) => byId.get(id)!.topic);
    expect(Math.max(...TOPICS.map((t) => topics.filter((x) => x === t).length))).toBeLessThanOrEqual(2);
    // Meta's topics among these: production-ml, ab-testing (2 each: 4 cards) come first.
    expect(topics.slice(0, 4).sort()).toEqual(['ab-testing', 'ab-testing', 'production-ml', 'production-ml']);
    expect(l5.every((id) => ['L3', 'L4', 'L5'].includes(byId.get(id)!.level))).toBe(true);
    // A card already learnt (rated Good) makes way for an unlearnt one of the same topic.
    let progress = emptyProgress();
    for (const id of l5.slice(0, 4)) progress = review(progress, id, 3);
    const again = cardsOf(plan({ company: 'meta', level: 'L5', progress }));
    // Those topics have 3 cards at L5 or below each: the one left unlearnt of each comes first.
    const left = CARDS.filter((c) => ['production-ml', 'ab-testing'].includes(c.topic) && c.level !== 'L6' && !l5.slice(0, 4).includes(c.id)).map((c) => c.id);
    expect(again.slice(0, 2).sort()).toEqual(left.sort());
    // Rated Again: still unlearnt, still first in line.
    let failed = emptyProgress();
    for (const id of l5.slice(0, 4)) failed = review(failed, id, 1);
    expect(cardsOf(plan({ company: 'meta', level: 'L5', progress: failed })).slice(0, 4)).toEqual(l5.slice(0, 4));
    expect(buildLoop(input({ cards: CARDS.slice(0, 1) }))).toEqual({ error: expect.stringMatching(/Too few theory cards/) });
  });

  it('asks Amazon one question per Leadership Principle, others questions of their competencies', () => {
    const qs = (p: LoopPlan) => (p.rounds.find((r) => r.kind === 'behavioural') as { questions: { questionId: string; value?: string }[] }).questions;
    const amazon = qs(plan({ company: 'amazon', level: 'L5' }));
    expect(amazon.length).toBe(4); // 3 at L5 plus the bar raiser's one
    expect(new Set(amazon.map((q) => q.value)).size).toBe(4);
    for (const q of amazon) expect(BANK.valueSets[0].values.find((v) => v.name === q.value)!.questions).toContain(q.questionId);
    expect(amazon.map((q) => q.questionId)).not.toContain('bq-staff-only'); // an L6 question at L5
    // Rehearsed questions give way to unrehearsed ones of the same value.
    const rehearsed = review(emptyProgress(), 'bq-customer-0', 3);
    for (let i = 0; i < 5; i++) {
      const c = qs(plan({ company: 'amazon', seed: String(i), progress: rehearsed })).find((q) => q.value === 'Customer Obsession');
      if (c) expect(c.questionId).toBe('bq-customer-1');
    }
    const ms = qs(plan({ company: 'microsoft', level: 'L6' }));
    expect(ms.length).toBe(4);
    const comps = ms.map((q) => BANK.questions.find((x) => x.id === q.questionId)!.competency);
    expect(comps.sort()).toEqual(['cross-team', 'customer', 'failure', 'mentoring']); // one per competency of the style
    expect(ms.every((q) => q.value === undefined)).toBe(true);
  });

  it('builds a loop from the built-in catalogue, deck and bank for every style and level', async () => {
    const dir = path.join(__dirname, '..', '..', 'problems');
    const packs = [{ dir, source: 'builtin' as const }];
    const catalog = await loadCatalogFromDisk(packs);
    const deck = await loadTheoryDeckFromDisk(packs, { codingIds: new Set(catalog.problems.map((p) => p.id)), designIds: new Set(catalog.designPrompts.map((p) => p.id)) });
    const bank = await loadQuestionBankFromDisk(packs);
    const problems = [...catalog.problems, ...catalog.designPrompts].map(listed);
    for (const company of COMPANY_IDS) {
      for (const level of LEVEL_IDS) {
        const p = buildLoop({ company, level, problems, cards: deckCards(deck), bank, progress: emptyProgress(), seed: 'builtin' });
        expect('error' in p ? p.error : '').toBe('');
        if ('error' in p) continue;
        const b = p.rounds.find((r) => r.kind === 'behavioural')!;
        if (COMPANIES[company].valueSet) expect(b.kind === 'behavioural' && b.questions.every((q) => q.value)).toBe(true);
      }
    }
  });
});

describe('the loop state machine', () => {
  const p = plan({ company: 'microsoft', level: 'L4' });
  const start = () => startLoop(p, T0);

  it('ends a round when its time stopped (the design board’s Finish), the break starting when it is recorded', () => {
    const s = finishLoopRound(start(), T0 + 50 * MIN, T0 + 38 * MIN);
    expect(s.times[0]).toMatchObject({ startedAt: T0, endedAt: T0 + 38 * MIN, breakStartedAt: T0 + 50 * MIN });
    expect(loopClock(s, T0 + 52 * MIN)).toMatchObject({ what: 'break', elapsedMs: 2 * MIN });
    // Never before the round began, never after now.
    expect(finishLoopRound(start(), T0 + 50 * MIN, T0 - MIN).times[0].endedAt).toBe(T0);
    expect(finishLoopRound(start(), T0 + 50 * MIN, T0 + 60 * MIN).times[0].endedAt).toBe(T0 + 50 * MIN);
  });

  it('keeps the Finish moment over a reload (stored with the state) for the running round only, and drops it when the round ends', () => {
    const stopped = { ...start(), stopped: { index: 0, at: T0 + 38 * MIN } };
    const reloaded = parseLoopState(JSON.parse(JSON.stringify(stopped)));
    expect(reloaded?.stopped).toEqual({ index: 0, at: T0 + 38 * MIN });
    // A stop recorded for another round, or during a break, is not the running round's.
    expect(parseLoopState({ ...stopped, stopped: { index: 1, at: T0 } })?.stopped).toBeUndefined();
    expect(parseLoopState({ ...stopped, stopped: { index: 0, at: 'soon' } })?.stopped).toBeUndefined();
    const ended = finishLoopRound(reloaded!, T0 + 50 * MIN, reloaded!.stopped!.at);
    expect(ended.times[0].endedAt).toBe(T0 + 38 * MIN);
    expect(ended.stopped).toBeUndefined();
    expect(parseLoopState(ended)?.stopped).toBeUndefined();
  });

  it('keeps the story chosen for a behavioural question over a reload, for that question only, until it is answered', () => {
    let s = startNextRound(finishLoopRound(start(), T0), T0);
    s = startNextRound(finishLoopRound(s, T0), T0);
    s = startNextRound(finishLoopRound(s, T0), T0);
    const q = currentQuestion(s)!;
    expect(chosenStory(s)).toBeUndefined();
    expect(chooseLoopStory(s, 'another-question', 'x.md')).toBe(s);
    const withStory = parseLoopState(JSON.parse(JSON.stringify(chooseLoopStory(s, q.pick.questionId, 'ml-interview/stories/a.md'))))!;
    expect(chosenStory(withStory)).toEqual({ questionId: q.pick.questionId, story: 'ml-interview/stories/a.md' });
    // Answering without a story is a choice too.
    expect(chosenStory(parseLoopState(JSON.parse(JSON.stringify(chooseLoopStory(s, q.pick.questionId, undefined))))!)).toEqual({ questionId: q.pick.questionId });
    // A stored choice for a question not on now is dropped.
    expect(parseLoopState({ ...withStory, chosen: { questionId: 'another-question', story: 'a.md' } })?.chosen).toBeUndefined();
    const answered = answerLoopQuestion(withStory, { questionId: q.pick.questionId, story: 'ml-interview/stories/a.md', findings: [], rating: 3, secs: 100 }, T0 + MIN);
    expect(answered.chosen).toBeUndefined();
    expect(chosenStory(answered)).toBeUndefined();
    expect(finishLoopRound(withStory, T0 + MIN).chosen).toBeUndefined();
  });

  it('runs rounds back to back with breaks, the one clock following along', () => {
    let s = start();
    expect(loopClock(s, T0 + 10 * MIN)).toMatchObject({ what: 'round', title: 'Coding', allottedMs: 45 * MIN, elapsedMs: 10 * MIN, remainingMs: 35 * MIN, overtimeMs: 0 });
    expect(loopDeadline(s)).toBe(T0 + 45 * MIN);
    s = recordLoopCoding(s, { passed: 5, total: 6 });
    s = finishLoopRound(s, T0 + 50 * MIN);
    expect(s.phase).toBe('break');
    expect(loopClock(s, T0 + 52 * MIN)).toMatchObject({ what: 'break', title: 'Break before ML fundamentals', allottedMs: 5 * MIN, elapsedMs: 2 * MIN });
    expect(recordLoopCoding(s, { passed: 6, total: 6 })).toBe(s); // no runs count during the break
    s = startNextRound(s, T0 + 55 * MIN);
    expect(s).toMatchObject({ index: 1, phase: 'round', itemStartedAt: T0 + 55 * MIN });
    expect(s.times[0]).toEqual({ startedAt: T0, endedAt: T0 + 50 * MIN, breakStartedAt: T0 + 50 * MIN, breakEndedAt: T0 + 55 * MIN });
    // Cards one by one; a rating for another card is ignored.
    const fund = p.rounds[1] as { cardIds: string[] };
    expect(currentCard(s)).toEqual({ cardId: fund.cardIds[0], index: 0, of: fund.cardIds.length });
    expect(rateLoopCard(s, { cardId: fund.cardIds[1], of: 4, points: [], secs: 1 }, T0)).toBe(s);
    s = rateLoopCard(s, { cardId: fund.cardIds[0], of: 4, points: [0, 2], rating: 3, secs: 100 }, T0 + 58 * MIN);
    expect(currentCard(s)?.index).toBe(1);
    expect(s.itemStartedAt).toBe(T0 + 58 * MIN);
    s = finishLoopRound(s, T0 + 70 * MIN);
    expect(currentCard(s)).toBeUndefined();
    s = startNextRound(s, T0 + 70 * MIN, true);
    expect(s.times[1].breakSkipped).toBe(true);
    s = recordLoopDesign(s, { sessionDir: '/w/ml-interview/design/d-1' });
    s = recordLoopDesign(s, { design: { sectionsCovered: {}, selfScores: { data: 3 } } });
    expect(s.results[2]).toEqual({ kind: 'design', sessionDir: '/w/ml-interview/design/d-1', design: { sectionsCovered: {}, selfScores: { data: 3 } } });
    s = startNextRound(finishLoopRound(s, T0 + 120 * MIN), T0 + 125 * MIN);
    const q = currentQuestion(s)!;
    expect(q.index).toBe(0);
    s = answerLoopQuestion(s, { questionId: q.pick.questionId, story: 'ml-interview/stories/a.md', findings: ['no-numbers'], rating: 3, secs: 150 }, T0 + 128 * MIN);
    expect(currentQuestion(s)?.index).toBe(1);
    expect(loopHidesAssistance(s)).toBe(true);
    s = finishLoopRound(s, T0 + 140 * MIN);
    expect(s).toMatchObject({ phase: 'done', index: 4 });
    expect(loopClock(s, T0 + 150 * MIN)).toBeUndefined();
    expect(loopHidesAssistance(s)).toBe(false);
    expect(finishLoopRound(s, T0)).toBe(s);
    expect(startNextRound(s, T0)).toBe(s);
  });

  it('shows the loop at a glance: rounds done with their time, the running round or break, the rounds to come', () => {
    let s = start();
    expect(loopOverview(s, T0 + 10 * MIN + 30_000)).toEqual([
      '▶ **1. Coding**: 35 min left of 45 min', '· 2. ML fundamentals: 15 min', '· 3. ML system design: 45 min', '· 4. Behavioural: 20 min',
    ]);
    s = finishLoopRound(s, T0 + 47 * MIN);
    expect(loopOverview(s, T0 + 49 * MIN).slice(0, 3)).toEqual(['✓ 1. Coding: 47 min of 45 min', '▶ **Break**: 3 min left of 5 min', '· 2. ML fundamentals: 15 min']);
    s = startNextRound(s, T0 + 50 * MIN);
    expect(loopOverview(s, T0 + 70 * MIN)[1]).toBe('▶ **2. ML fundamentals**: 5 min over of 15 min');
  });

  it('counts overtime and never a negative time when the clock goes back', () => {
    const s = start();
    expect(loopClock(s, T0 + 50 * MIN)).toMatchObject({ remainingMs: 0, overtimeMs: 5 * MIN });
    expect(loopClock(s, T0 - MIN)).toMatchObject({ elapsedMs: 0 });
    const ended = finishLoopRound(s, T0 - 5 * MIN);
    expect(ended.times[0].endedAt).toBe(T0);
  });

  it('survives a round trip through storage and rejects what it cannot trust', () => {
    let s = start();
    s = recordLoopCoding(s, { passed: 2, total: 4, reached: { part: 2, of: 3, passed: 0, total: 3 } });
    s = startNextRound(finishLoopRound(s, T0 + 40 * MIN), T0 + 45 * MIN);
    s = rateLoopCard(s, { cardId: currentCard(s)!.cardId, of: 5, points: [1], rating: 2, secs: 90 }, T0 + 47 * MIN);
    s = { ...s, driver: { id: 'w1', pid: 42, host: 'h', seenAt: T0 } };
    const stored = JSON.parse(JSON.stringify(s)) as unknown;
    expect(parseLoopState(stored)).toEqual(s);
    const bad = (patch: Record<string, unknown>) => parseLoopState({ ...(stored as object), ...patch });
    expect(bad({ phase: 'review' })).toBeUndefined();
    expect(bad({ index: 9 })).toBeUndefined();
    expect(bad({ plan: { ...s.plan, company: 'initech' } })).toBeUndefined();
    expect(bad({ plan: { ...s.plan, rounds: [] } })).toBeUndefined();
    expect(bad({ plan: { ...s.plan, rounds: [{ kind: 'coding', title: 'x', minutes: 0, problemId: 'p' }] } })).toBeUndefined();
    expect(bad({ phase: 'break' })).toBeUndefined(); // a break needs the round's end
    expect(parseLoopState('x')).toBeUndefined();
    expect(parseLoopState({ ...(stored as object), results: 'junk' })?.results.map((r) => r.kind)).toEqual(p.rounds.map((r) => r.kind));
  });

  it('lets one window drive: its own lease, a live other window’s, a dead or stale one is free', () => {
    const s: LoopState = { ...start(), driver: { id: 'w1', pid: 1, host: 'h', seenAt: T0 } };
    const alive = () => true;
    expect(leaseHolder(start(), 'w2', T0, alive)).toBe('free');
    expect(leaseHolder(s, 'w1', T0 + 10 * LEASE_MS, alive)).toBe('mine');
    expect(leaseHolder(s, 'w2', T0 + 5000, alive)).toBe('other');
    expect(leaseHolder(s, 'w2', T0 + 5000, () => false)).toBe('free');
    expect(leaseHolder(s, 'w2', T0 + LEASE_MS + 1, alive)).toBe('free');
  });
});

describe('a fundamentals round card in the theory panel protocol', () => {
  const view: CardView = {
    id: 'l1-vs-l2', topicTitle: 'Regularisation', level: 'L4', questionHtml: 'Why?', seconds: 150, startedAt: T0, hostNow: T0,
    revealed: false, draft: '', ticked: [], related: [], dueLeft: 0, status: 'new',
  };
  it('carries "card i of n" and rejects a position outside the round', () => {
    const round = { ...view, round: { index: 2, of: 8, title: 'ML fundamentals' } };
    expect(parseHostMessage({ type: 'card', card: round })).toEqual({ type: 'card', card: round });
    expect(parseHostMessage({ type: 'card', card: view })).toEqual({ type: 'card', card: view });
    expect(parseHostMessage({ type: 'card', card: { ...view, round: { index: 8, of: 8, title: 'x' } } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...view, round: { index: 0, of: 8 } } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...view, round: 'card 1 of 8' } })).toBeUndefined();
  });
});

describe('the level picker', () => {
  it('names each rubric on the level’s line, so two rubrics never run together as one sentence', () => {
    for (const level of LEVEL_IDS) {
      const line = levelExpectations(level);
      expect(line).toMatch(/^Fundamentals: [a-z].*\. Behavioural: [a-z].*\.$/);
      expect(line).not.toMatch(/L\d: /);
      // Every sentence starts with a capital letter (no "… trade-offs. clear STAR stories").
      expect(line).not.toMatch(/\. [a-z]/);
    }
    expect(levelExpectations('L3')).toBe('Fundamentals: the definitions and the standard reasoning, with some prompting on trade-offs. Behavioural: clear STAR stories about own tasks; says “I”; learns from feedback.');
  });
});
