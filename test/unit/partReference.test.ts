// Which part's reference and write-up Open Reference, the diff and the write-up show (contract F),
// and what "Next in Drill" opens for each kind of drill item.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnFallbackNote, parseReferenceQuery, partPassed, partReference, referencePart, referenceQuery } from '../../src/core/scaffold/partReference';
import { drillCommand, nextDrillItem } from '../../src/core/plan/drillCommand';
import type { DrillItem } from '../../src/core/plan/recommend';

const dir = '/pack/ml-algorithms/softmax';
const fu = (id: string, title: string, pytorch: boolean) => ({
  id, title, statement: '', hints: [], minutes: 10, part: 0, dir: path.join(dir, 'followups', id),
  files: { testHidden: path.join(dir, 'followups', id, 'test_hidden.py'), solution: path.join(dir, 'followups', id, 'solution.py'), ...(pytorch ? { solutionPytorch: path.join(dir, 'followups', id, 'solution_pytorch.py') } : {}) },
});
const parts = [{ ...fu('log-softmax', 'Log-softmax', true), part: 2 }, { ...fu('backward', 'Backward pass', false), part: 3 }];
const problem = {
  dir, title: 'Numerically stable softmax', parts, followUps: parts,
  files: { starter: `${dir}/starter.py`, solution: `${dir}/solution.py`, testExamples: `${dir}/test_examples.py`, testHidden: `${dir}/test_hidden.py`, problemYaml: `${dir}/problem.yaml`,
    pytorch: { starter: `${dir}/starter_pytorch.py`, solution: `${dir}/solution_pytorch.py`, testExamples: `${dir}/test_examples_pytorch.py` } },
} as unknown as Parameters<typeof partReference>[0];

describe('partReference', () => {
  it('part 1 reads the problem folder, in NumPy or PyTorch', () => {
    expect(partReference(problem, 'numpy', 1)).toEqual({ part: 1, of: 3, title: 'Numerically stable softmax', solution: `${dir}/solution.py`, pytorch: false, learn: `${dir}/learn.md` });
    expect(partReference(problem, 'pytorch', 1)).toMatchObject({ solution: `${dir}/solution_pytorch.py`, pytorch: true });
  });

  it('part k reads followups/<id>/, its learn.md first and part 1’s as the fallback', () => {
    expect(partReference(problem, 'numpy', 2)).toEqual({
      part: 2, of: 3, title: 'Log-softmax', solution: `${dir}/followups/log-softmax/solution.py`, pytorch: false,
      learn: `${dir}/followups/log-softmax/learn.md`, fallbackLearn: `${dir}/learn.md`,
    });
    expect(partReference(problem, 'pytorch', 2)).toMatchObject({ solution: `${dir}/followups/log-softmax/solution_pytorch.py`, pytorch: true });
  });

  it('a PyTorch part without its own PyTorch file shows that part’s NumPy reference, said so by pytorch: false', () => {
    expect(partReference(problem, 'pytorch', 3)).toMatchObject({ part: 3, solution: `${dir}/followups/backward/solution.py`, pytorch: false });
  });

  it('clamps the part to the problem’s parts', () => {
    expect(partReference(problem, 'numpy', 9).part).toBe(3);
    expect(partReference(problem, 'numpy', 0).part).toBe(1);
    expect(partReference({ ...problem, parts: [], followUps: [] }, 'numpy', 2)).toMatchObject({ part: 1, of: 1, solution: `${dir}/solution.py` });
  });
});

describe('referencePart / partPassed', () => {
  const solved = { attempts: 2, solvedAt: 5 };
  it('defaults to the part the user is on (the last unlocked)', () => {
    expect(referencePart(undefined, 3)).toBe(1);
    expect(referencePart(solved, 3)).toBe(2);
    expect(referencePart({ ...solved, parts: { 2: 6 } }, 3)).toBe(3);
    expect(referencePart({ ...solved, parts: { 2: 6, 3: 7 } }, 3)).toBe(3);
    expect(referencePart(solved, 1)).toBe(1);
  });
  it('a requested part is kept when unlocked and capped at the unlocked part otherwise (never a locked part’s reference)', () => {
    expect(referencePart({ ...solved, parts: { 2: 6 } }, 3, 2)).toBe(2);
    expect(referencePart(solved, 3, 1)).toBe(1);
    expect(referencePart(solved, 3, 3)).toBe(2);
    expect(referencePart(undefined, 3, 2)).toBe(1);
  });
  it('a part passed needs every part before it', () => {
    expect(partPassed(solved, 3, 1)).toBe(true);
    expect(partPassed(solved, 3, 2)).toBe(false);
    expect(partPassed({ ...solved, parts: { 2: 6 } }, 3, 2)).toBe(true);
    expect(partPassed({ ...solved, parts: { 3: 7 } }, 3, 3)).toBe(false);
    expect(partPassed({ attempts: 1, parts: { 2: 6 } }, 3, 2)).toBe(false);
  });
});

describe('reference URI query', () => {
  it('round-trips framework and part; NumPy part 1 has no query (the URIs of before follow-ups)', () => {
    expect(referenceQuery('numpy', 1)).toBe('');
    expect(referenceQuery('pytorch', 1)).toBe('pytorch');
    expect(referenceQuery('pytorch', 2)).toBe('pytorch&part=2');
    for (const [f, k] of [['numpy', 1], ['numpy', 3], ['pytorch', 1], ['pytorch', 2]] as const) expect(parseReferenceQuery(referenceQuery(f, k))).toEqual({ framework: f, part: k });
    expect(parseReferenceQuery('part=x')).toEqual({ framework: 'numpy', part: 1 });
  });
  it('the fallback note names the part and says the write-up is part 1’s', () => {
    expect(learnFallbackNote(3, 'Backward pass')).toMatch(/^> Part 3 \(“Backward pass”\) has no write-up of its own.*part 1's/);
  });
});

describe('Next in Drill', () => {
  const item = (d: Partial<DrillItem> & Pick<DrillItem, 'id' | 'kind'>): DrillItem => ({ reason: 'new', why: '', done: false, ...d });
  it('opens each kind as its row does', () => {
    expect(drillCommand(item({ id: 'kmeans', kind: 'coding' }))).toEqual({ command: 'mlprep.openProblem', args: ['kmeans'] });
    expect(drillCommand(item({ id: 'softmax', kind: 'coding', reason: 'continue', part: 2, parts: 3 }))).toEqual({ command: 'mlprep.openProblem', args: ['softmax'] });
    expect(drillCommand(item({ id: 'feed-ranking', kind: 'design' }))).toEqual({ command: 'mlprep.openProblem', args: ['feed-ranking'] });
    expect(drillCommand(item({ id: 'theory:today', kind: 'theory', cardId: 'bias-variance' }))).toEqual({ command: 'mlprep.theory.openCard', args: ['bias-variance'] });
    expect(drillCommand(item({ id: 'theory:today', kind: 'theory' }))).toEqual({ command: 'mlprep.theory.reviewDue', args: [] });
    expect(drillCommand(item({ id: 'story:q1', kind: 'story', questionId: 'q1' }))).toEqual({ command: 'mlprep.stories.rehearse', args: [{ questionId: 'q1' }] });
    expect(drillCommand(item({ id: 'story:c', kind: 'story', competency: 'conflict' }))).toEqual({ command: 'mlprep.stories.rehearse', args: [{ competency: 'conflict' }] });
    expect(drillCommand(item({ id: 'story:any', kind: 'story' }))).toEqual({ command: 'mlprep.stories.rehearse', args: [{}] });
  });
  it('the next item is the first not done, of any kind, skipping the problem just solved', () => {
    const items = [item({ id: 'softmax', kind: 'coding' }), item({ id: 'kmeans', kind: 'coding', done: true }), item({ id: 'theory:today', kind: 'theory' }), item({ id: 'story:any', kind: 'story' })];
    expect(nextDrillItem(items, 'softmax')?.id).toBe('theory:today');
    expect(nextDrillItem(items.slice(0, 2), 'softmax')).toBeUndefined();
    expect(nextDrillItem([item({ id: 'story:any', kind: 'story' }), items[0]], 'kmeans')?.kind).toBe('story');
    expect(nextDrillItem([item({ id: 'roc-auc', kind: 'coding', reason: 'continue', part: 3, parts: 3 })], 'softmax')).toMatchObject({ id: 'roc-auc', part: 3 });
  });
});
