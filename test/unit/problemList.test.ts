import { describe, expect, it } from 'vitest';
import { emptyProgress, recordRun } from '../../src/core/progress/progress';
import { describeFilter, emptyFilter, facets, formatMinutes, groupLabel, groupProblems, type ListedProblem } from '../../src/core/tree/problemList';

const P = (id: string, category: string, difficulty: ListedProblem['difficulty'], tags: string[] = [], companies: string[] = []): ListedProblem => ({
  id, title: id.replace(/-/g, ' '), category, difficulty, tags, companies, minutes: 20, kind: category === 'system-design' ? 'design' : 'coding',
});
const all = [
  P('kmeans', 'ml-algorithms', 'medium', ['clustering'], ['Google']),
  P('pca', 'ml-algorithms', 'medium', ['linear-algebra']),
  P('softmax', 'ml-algorithms', 'easy', ['numerics'], ['Meta']),
  P('roc-auc', 'metrics', 'medium', ['ranking'], ['Google']),
  P('fraud', 'system-design', 'hard', ['fraud']),
];
let progress = recordRun(emptyProgress(), 'kmeans', { passed: 7, total: 7 }, 1).progress;
progress = recordRun(progress, 'pca', { passed: 1, total: 7 }, 1).progress;

describe('groupProblems', () => {
  it('groups by category in the fixed order with solved counts', () => {
    const groups = groupProblems(all, progress, 'category', emptyFilter());
    expect(groups.map(groupLabel)).toEqual(['ML algorithms 1/3', 'Metrics & ML utilities 0/1', 'System design 0/1']);
    expect(groups[0].problems.map((p) => p.id)).toEqual(['softmax', 'kmeans', 'pca']);
  });

  it('combines filters: medium AND unsolved AND tag', () => {
    const f = { ...emptyFilter(), difficulties: ['medium' as const], states: ['new' as const, 'attempted' as const], tags: ['linear-algebra', 'ranking'] };
    const groups = groupProblems(all, progress, 'category', f);
    expect(groups.flatMap((g) => g.problems.map((p) => p.id))).toEqual(['pca', 'roc-auc']);
    expect(describeFilter(f)).toBe('medium, unsolved, tag:linear-algebra, tag:ranking');
  });

  it('groups by company, listing a problem under each company and "(no company)" last', () => {
    const groups = groupProblems(all, progress, 'company', emptyFilter());
    expect(groups.map((g) => g.key)).toEqual(['Google', 'Meta', '(no company)']);
    expect(groups[0].problems.map((p) => p.id).sort()).toEqual(['kmeans', 'roc-auc']);
  });

  it('groups by difficulty easy → hard and searches titles case-insensitively', () => {
    expect(groupProblems(all, progress, 'difficulty', emptyFilter()).map((g) => g.key)).toEqual(['easy', 'medium', 'hard']);
    const found = groupProblems(all, progress, 'category', { ...emptyFilter(), text: 'ROC' });
    expect(found.flatMap((g) => g.problems.map((p) => p.id))).toEqual(['roc-auc']);
  });

  it('lists facets for the filter picker', () => {
    expect(facets(all)).toEqual({ tags: ['clustering', 'fraud', 'linear-algebra', 'numerics', 'ranking'], companies: ['Google', 'Meta'] });
  });
});

describe('formatMinutes', () => {
  it('says seconds under a minute, minutes, then hours', () => {
    expect(formatMinutes(0)).toBe('1 s');
    expect(formatMinutes(40_000)).toBe('40 s');
    expect(formatMinutes(18 * 60_000)).toBe('18 min');
    expect(formatMinutes(65 * 60_000)).toBe('1 h 5 min');
  });
});
