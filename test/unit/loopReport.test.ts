import { describe, expect, it } from 'vitest';
import {
  answerLoopQuestion, finishLoopRound, parseLoopState, rateLoopCard, recordLoopCoding, recordLoopDesign, startLoop, startNextRound,
  type LoopPlan, type LoopState,
} from '../../src/core/loop/fullLoop';
import { answerScore, judgeRound, loopReportMarkdown, ordinal, pointsShare, recommend, type LoopReportInput, type Signal } from '../../src/core/loop/loopReport';
import { DESIGN_SECTION_KEYS } from '../../src/core/catalog/types';
import type { MockLevel } from '../../src/core/plan/mockInterview';

const MIN = 60_000;
const T0 = Date.parse('2026-12-07T09:00:00Z');
const planOf = (company: LoopPlan['company'], level: MockLevel, order: LoopPlan['rounds'][number]['kind'][] = ['coding', 'fundamentals', 'design', 'behavioural']): LoopPlan => ({
  company, level, breakMinutes: 5,
  rounds: order.map((k) => {
    switch (k) {
      case 'coding': return { kind: 'coding', title: 'Coding', minutes: 45, problemId: 'softmax' };
      case 'fundamentals': return { kind: 'fundamentals', title: 'ML fundamentals', minutes: 15, cardIds: ['c1', 'c2', 'c3', 'c4'] };
      case 'design': return { kind: 'design', title: 'ML system design', minutes: 45, promptId: 'feed' };
      case 'behavioural': return { kind: 'behavioural', title: company === 'amazon' ? 'Bar raiser: Leadership Principles' : 'Behavioural', minutes: 20, questions: [{ questionId: 'q1', value: 'Ownership' }, { questionId: 'q2' }] };
    }
  }),
});
const INPUT: LoopReportInput = {
  names: [{ title: 'Numerically stable softmax', link: '../softmax/solution.py' }, {}, { title: 'News feed ranking', link: '../design/feed-1/notes.md' }, {}],
  cards: Object.fromEntries(['c1', 'c2', 'c3', 'c4'].map((id) => [id, { question: `Question ${id}?`, keyPoints: ['alpha point', 'beta point', 'gamma point', 'delta point'] }])),
  questions: { q1: { question: 'Tell me about a time you owned it.' }, q2: { question: 'Tell me about a conflict.' } },
};

interface Script {
  coding?: { passed: number; total: number; minutes: number };
  cards?: { points: number[]; rating: 1 | 2 | 3 | 4 }[];
  design?: number;
  answers?: { story?: string; findings?: string[]; rating: 1 | 2 | 3 | 4 }[];
}

/** Runs a loop of `plan` to the end (coding, fundamentals, design, behavioural as scripted), taking every break. */
function run(plan: LoopPlan, script: Script): LoopState {
  let s = startLoop(plan, T0);
  let now = T0;
  for (let i = 0; i < plan.rounds.length; i++) {
    const r = plan.rounds[i];
    if (r.kind === 'coding') {
      if (script.coding) s = recordLoopCoding(s, { passed: script.coding.passed, total: script.coding.total });
      now += (script.coding?.minutes ?? 40) * MIN;
    } else if (r.kind === 'fundamentals') {
      for (const [k, c] of (script.cards ?? []).entries()) s = rateLoopCard(s, { cardId: r.cardIds[k], of: 4, points: c.points, rating: c.rating, secs: 120 }, now += 3 * MIN);
    } else if (r.kind === 'design') {
      if (script.design !== undefined) {
        const score = script.design as 1 | 2 | 3 | 4;
        s = recordLoopDesign(s, { design: { sectionsCovered: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, { ticked: score, total: 4 }])), selfScores: Object.fromEntries(DESIGN_SECTION_KEYS.map((k) => [k, score])) } });
      }
      now += 40 * MIN;
    } else {
      for (const [k, a] of (script.answers ?? []).entries()) s = answerLoopQuestion(s, { questionId: r.questions[k].questionId, findings: a.findings ?? [], rating: a.rating, secs: 150, ...(a.story ? { story: a.story } : {}) }, now += 3 * MIN);
    }
    s = finishLoopRound(s, now);
    if (s.phase === 'break') s = startNextRound(s, now += 5 * MIN);
  }
  return s;
}

const STRONG: Script = {
  coding: { passed: 10, total: 10, minutes: 30 },
  cards: [0, 1, 2, 3].map(() => ({ points: [0, 1, 2, 3], rating: 4 as const })),
  design: 4,
  answers: [{ story: 'ml-interview/stories/a.md', rating: 4 }, { story: 'ml-interview/stories/b.md', rating: 4 }],
};

describe('round judgements', () => {
  it('judges coding by tests and pace, stricter at senior levels', () => {
    const judge = (level: MockLevel, coding: Script['coding']) => judgeRound(run(planOf('microsoft', level), { ...STRONG, coding }), 0, INPUT, 0);
    expect(judge('L5', { passed: 10, total: 10, minutes: 30 }).signal).toBe(4);
    expect(judge('L5', { passed: 10, total: 10, minutes: 40 }).signal).toBe(3);
    expect(judge('L5', { passed: 10, total: 10, minutes: 50 })).toMatchObject({ signal: 2, missing: [expect.stringMatching(/^Pace: 5:00 over/)] });
    expect(judge('L3', { passed: 10, total: 10, minutes: 50 }).signal).toBe(3);
    expect(judge('L4', { passed: 6, total: 10, minutes: 40 }).signal).toBe(2);
    expect(judge('L5', { passed: 6, total: 10, minutes: 40 }).signal).toBe(1);
    const none = judge('L5', undefined);
    expect(none).toMatchObject({ signal: 0, result: 'not run' });
    expect(none.practise[0]).toContain('[Numerically stable softmax](../softmax/solution.py)');
  });

  it('says on which hidden-test run the coding round passed, or after how many runs it did not', () => {
    const plan = planOf('microsoft', 'L4');
    const coding = (runs: [number, number][]) => {
      let s = startLoop(plan, T0);
      for (const [passed, total] of runs) s = recordLoopCoding(s, { passed, total });
      // Kept over a reload.
      s = parseLoopState(JSON.parse(JSON.stringify(s)))!;
      return judgeRound(finishLoopRound(s, T0 + 30 * MIN), 0, INPUT, T0 + 30 * MIN);
    };
    expect(coding([[3, 10], [10, 10]]).shown[0]).toBe('All 10 hidden tests passed on the 2nd run (1 failing before it).');
    expect(coding([[10, 10]]).shown[0]).toBe('All 10 hidden tests passed on the 1st run.');
    expect(coding([[1, 10], [2, 10], [10, 10], [10, 10]]).shown[0]).toBe('All 10 hidden tests passed on the 3rd run (2 failing before it).');
    expect(coding([[6, 10], [7, 10], [7, 10]]).shown[0]).toBe('A working core: 7/10 hidden tests passed after 3 hidden-test runs.');
    expect(coding([[2, 10]]).missing[0]).toBe('Correctness: only 2/10 hidden tests passed after 1 hidden-test run.');
    expect(coding([[10, 10], [8, 10]]).shown[0]).toBe('A working core: 8/10 hidden tests passed after 2 hidden-test runs (all passed on the 1st, not on the last).');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });

  it('judges fundamentals by the share of key points hit against the level’s bar; unreached cards count as missed', () => {
    expect(pointsShare([{ cardId: 'c1', of: 4, points: [0, 1], secs: 1 }], 2)).toBe(0.25);
    const cards = (pts: number[][]) => pts.map((p) => ({ points: p, rating: 3 as const }));
    const j = (level: MockLevel, pts: number[][]) => judgeRound(run(planOf('microsoft', level), { ...STRONG, cards: cards(pts) }), 1, INPUT, 0);
    const threeOfFour = [[0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1, 2]]; // 75%
    expect(j('L3', threeOfFour).signal).toBe(4); // bar 50%
    expect(j('L5', threeOfFour).signal).toBe(3); // bar 70%
    expect(j('L6', threeOfFour).signal).toBe(3); // bar 75%
    const half = j('L6', [[0, 1], [0, 1], [0, 1], [0, 1]]);
    expect(half.signal).toBe(1);
    const short = j('L4', [[0, 1, 2, 3], [0, 1]]);
    expect(short.missing).toContain('Ran out of time: 2 of 4 cards not reached.');
    expect(short.practise).toEqual(['Card `c3`: Question c3? (not reached)', 'Card `c4`: Question c4? (not reached)']);
    const weak = j('L4', [[0], [0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]);
    expect(weak.missing.join('\n')).toContain('“Question c1?”: missed “beta point”, “gamma point”, “delta point”.');
    expect(weak.shown[0]).toBe('81% of the key points hit over 4 cards (the L4 bar: 60%).');
  });

  it('judges design by rubric and coverage against the level’s design bar', () => {
    const j = (level: MockLevel, design?: number) => judgeRound(run(planOf('microsoft', level), { ...STRONG, design }), 2, INPUT, 0);
    expect(j('L3', 3).signal).toBe(4); // half a point above the L3 bar (2.5)
    expect(j('L4', 3).signal).toBe(3);
    expect(j('L6', 3).signal).toBe(2); // L6 bar 3.25
    expect(j('L5', 4).signal).toBe(4);
    expect(j('L5', 2).missing[0]).toMatch(/^Weak sections \(1-2\/4\): /);
    expect(j('L5', undefined)).toMatchObject({ signal: 0, result: 'not assessed' });
  });

  it('scores behavioural answers by self-rating less the story checker’s findings and, senior, a missing story', () => {
    expect(answerScore({ questionId: 'q', story: 's.md', findings: [], rating: 4, secs: 1 }, 'L5')).toBe(4);
    expect(answerScore({ questionId: 'q', findings: [], rating: 4, secs: 1 }, 'L5')).toBe(3);
    expect(answerScore({ questionId: 'q', findings: [], rating: 4, secs: 1 }, 'L3')).toBe(3.5);
    expect(answerScore({ questionId: 'q', story: 's.md', findings: ['no-decision'], rating: 4, secs: 1 }, 'L6')).toBe(3);
    expect(answerScore({ questionId: 'q', story: 's.md', findings: ['no-decision'], rating: 4, secs: 1 }, 'L4')).toBe(3.5);
    expect(answerScore({ questionId: 'q', story: 's.md', findings: ['we-not-i', 'no-numbers', 'no-numbers'], rating: 3, secs: 1 }, 'L4')).toBe(2);
    expect(answerScore({ questionId: 'q', findings: [], secs: 1 }, 'L4')).toBe(1);
    const j = judgeRound(run(planOf('amazon', 'L5'), { ...STRONG, answers: [{ story: 'ml-interview/stories/a.md', findings: ['we-not-i'], rating: 3 }] }), 3, INPUT, 0);
    expect(j.signal).toBe(1); // (2.5 + 1 for the unreached) / 2
    expect(j.missing.join('\n')).toContain('“Tell me about a time you owned it.” (Ownership): self-rated 3/4; “we” far more than “I” ([a.md](ml-interview/stories/a.md)).');
    expect(j.missing.join('\n')).toContain('“Tell me about a conflict.”: not reached.');
    expect(j.practise[0]).toBe('Story [a.md](ml-interview/stories/a.md): fix “we” far more than “I”; then rehearse `q1` again.');
  });
});

describe('a story told off topic', () => {
  const input: LoopReportInput = {
    ...INPUT,
    questions: { q1: { question: 'Tell me about a time you owned it.', competency: 'ownership' }, q2: { question: 'Tell me about a conflict.', competency: 'conflict' } },
    competencyTitles: { conflict: 'Conflict', ownership: 'Ownership', customer: 'Customer focus', delivery: 'Delivery' },
    valueCompetencies: { Ownership: ['ownership', 'delivery'] },
  };
  const told = (first: string[], second: string[]) => {
    const plan = planOf('amazon', 'L4');
    const s = run(plan, STRONG);
    const r = s.results[3];
    if (r.kind !== 'behavioural') throw new Error('no behavioural round');
    // The stories' front-matter competencies as recorded when they were told.
    const answers = [{ ...r.answers[0], storyCompetencies: first }, { ...r.answers[1], storyCompetencies: second }];
    return judgeRound({ ...s, results: s.results.map((x, i) => (i === 3 ? { kind: 'behavioural' as const, answers } : x)) }, 3, input, 0);
  };

  it('flags a story whose competencies include neither the question’s nor its company value’s', () => {
    const j = told(['customer'], ['ownership']);
    expect(j.missing.join('\n')).toContain('“Tell me about a time you owned it.” (Ownership): self-rated 4/4; story not tagged for Ownership (Ownership, Delivery) ([a.md](ml-interview/stories/a.md)).');
    expect(j.missing.join('\n')).toContain('“Tell me about a conflict.”: self-rated 4/4; story not tagged for Conflict ([b.md](ml-interview/stories/b.md)).');
    expect(j.shown).toEqual([]);
  });

  it('accepts any of the value’s competencies, and says nothing when the story’s competencies are unknown', () => {
    const j = told(['delivery'], ['conflict', 'customer']);
    expect(j.missing.join('\n')).not.toContain('not tagged');
    expect(j.shown).toHaveLength(2);
    expect(judgeRound(run(planOf('amazon', 'L4'), STRONG), 3, input, 0).missing.join('\n')).not.toContain('not tagged');
  });
});

describe('the recommendation', () => {
  const s = (company: LoopPlan['company'], order?: LoopPlan['rounds'][number]['kind'][]) => startLoop(planOf(company, 'L5', order), T0);
  const rec = (company: LoopPlan['company'], signals: Signal[], order?: LoopPlan['rounds'][number]['kind'][]) => recommend(s(company, order), signals).recommendation;

  it('hires when every round meets the bar, strong when most are strong, and leans by mixed and weak rounds', () => {
    expect(rec('microsoft', [4, 4, 4, 3])).toBe('Strong hire');
    expect(rec('microsoft', [4, 3, 3, 3])).toBe('Hire');
    expect(rec('microsoft', [3, 2, 3, 3])).toBe('Lean hire');
    expect(rec('microsoft', [3, 1, 3, 3])).toBe('Lean no hire');
    expect(rec('microsoft', [2, 2, 3, 3])).toBe('Lean no hire');
    expect(rec('microsoft', [1, 1, 4, 4])).toBe('No hire');
    expect(rec('microsoft', [0, 2, 2, 3])).toBe('No hire');
  });

  it('weighs rounds as the company style does: decisive rounds cap, the bar raiser vetoes', () => {
    expect(rec('google', [2, 3, 3, 3])).toBe('Lean no hire'); // coding is decisive at Google
    expect(rec('microsoft', [2, 3, 3, 3])).toBe('Lean hire');
    expect(rec('meta', [3, 3, 2, 3])).toBe('Lean no hire'); // the product-sense design round
    const amazon = ['behavioural', 'coding', 'design', 'fundamentals'] as const;
    expect(rec('amazon', [1, 4, 4, 4], [...amazon])).toBe('No hire');
    expect(recommend(s('amazon', [...amazon]), [1, 4, 4, 4]).reasons).toContain('The bar raiser (Bar raiser: Leadership Principles) is below the bar and vetoes.');
    expect(rec('amazon', [3, 4, 1, 4], [...amazon])).toBe('Lean no hire');
  });
});

describe('the report', () => {
  it('has the committee’s recommendation with reasons, a table, per round signals shown and missing with the level’s bar, and what to practise', () => {
    const state = run(planOf('google', 'L5'), {
      coding: { passed: 7, total: 10, minutes: 44 },
      cards: [{ points: [0, 1, 2, 3], rating: 4 }, { points: [0], rating: 1 }, { points: [0, 1, 2], rating: 3 }],
      design: 3,
      answers: [{ story: 'ml-interview/stories/a.md', rating: 3, findings: ['no-numbers'] }, { rating: 2 }],
    });
    const md = loopReportMarkdown(state, { ...INPUT, timeZone: 'UTC' });
    expect(md).toMatch(/^# Full-loop mock: Google, L5 \(senior\)\n/);
    expect(md).toContain('- Date: 2026-12-07');
    expect(md).toContain('## Hiring committee: No hire');
    expect(md).toContain('| 1. Coding | [Numerically stable softmax](../softmax/solution.py) | 44:00 of 45:00 | 7/10 tests | Below the bar |');
    expect(md).toMatch(/\| 2\. ML fundamentals \| 4 theory cards \| 9:00 of 15:00 \| 50% of key points, 3\/4 cards, rated 2\.7\/4 \| Below the bar \|/);
    expect(md).toContain('| 3. ML system design | [News feed ranking](../design/feed-1/notes.md) | 40:00 of 45:00 | rubric 3.0/4, 75% of questions | Meets the bar |');
    expect(md).toContain('## Round 2. ML fundamentals');
    expect(md).toContain('Expected at L5: precise answers with the why');
    expect(md).toContain('Signals shown:');
    expect(md).toContain('Signals missing:');
    expect(md).toContain('- Ran out of time: 1 of 4 cards not reached.');
    expect(md).toContain('- Rounds: 1:39:00 of 2:05:00; breaks taken: 3 of 3 (15:00)');
    expect(md).toContain('## What to practise next');
    expect(md).toContain('- [Numerically stable softmax](../softmax/solution.py): finish it, then compare with the reference and the write-up.');
    expect(md).toContain('- Card `c2`: Question c2? (rated Again; FSRS brings it back soon)');
    expect(md).toContain('- Question `q2`: write a story for it (MLPrep: New Behavioural Story).');
    expect(md).not.toContain('Status: unfinished');
    const strong = loopReportMarkdown(run(planOf('google', 'L5'), STRONG), INPUT);
    expect(strong).toContain('## Hiring committee: Strong hire');
    expect(strong).toContain('- Nothing below the bar in this loop: try the next level (L6).');
    // A strong coding round has nothing to practise, yet the committee still reads the code: the table links it.
    expect(strong).toContain('| 1. Coding | [Numerically stable softmax](../softmax/solution.py) |');
    expect(strong).not.toMatch(/- \[Numerically stable softmax\]/);
    const unlinked = loopReportMarkdown(run(planOf('google', 'L5'), STRONG), { ...INPUT, names: [{ title: 'A [bracketed] | title' }, {}, {}, {}] });
    expect(unlinked).toContain('| 1. Coding | A [bracketed] \\| title |');
  });

  it('says when the loop was cut short', () => {
    const s = startLoop(planOf('startup', 'L4'), T0);
    const md = loopReportMarkdown(s, { ...INPUT, now: T0 + 10 * MIN });
    expect(md).toContain('- Status: unfinished (round 1 of 4)');
    expect(md).toContain('## Founders’ debrief: No hire');
  });
});
