import { describe, expect, it } from 'vitest';
import { emptyProgress, recordRun } from '../../src/core/progress/progress';
import {
  describeFilter, emptyFilter, facets, filterFromChoices, filterSections, filterSummary, formatMinutes, groupLabel, groupProblems, pickerOrder, sortByCount,
  type ListedProblem,
} from '../../src/core/tree/problemList';

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
    const f = { ...emptyFilter(), difficulties: ['medium' as const], states: ['new' as const, 'attempted' as const, 'practised' as const], tags: ['linear-algebra', 'ranking'] };
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

  it('search reads hyphens and punctuation as spaces and looks at tags and the category too', () => {
    const llm: ListedProblem[] = [
      { ...P('kv-cache-decoding', 'llm', 'hard', ['kv-cache', 'attention']), title: 'KV-cache incremental decoding' },
      { ...P('rotary-embeddings', 'llm', 'medium', ['rope', 'positions']), title: 'Rotary position embeddings' },
      { ...P('online-softmax-attention', 'llm', 'hard', ['attention']), title: 'Online-softmax (flash) attention' },
      { ...P('softmax', 'ml-algorithms', 'easy'), title: 'Numerically stable softmax' },
    ];
    const ids = (text: string) => groupProblems(llm, emptyProgress(), 'category', { ...emptyFilter(), text }).flatMap((g) => g.problems.map((p) => p.id));
    expect(ids('kv cache')).toEqual(['kv-cache-decoding']);
    expect(ids('rope')).toEqual(['rotary-embeddings']);
    expect(ids('flash attention')).toEqual(['online-softmax-attention']);
    expect(ids('  SOFTMAX ')).toEqual(['softmax', 'online-softmax-attention']);
    expect(ids('llm & genai')).toHaveLength(3);
    expect(ids('cache rotary')).toEqual([]);
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

describe('filter summary row', () => {
  it('is absent without a filter and names every part of one', () => {
    expect(filterSummary(emptyFilter())).toBeUndefined();
    expect(filterSummary({ ...emptyFilter(), text: '   ' })).toBeUndefined();
    expect(filterSummary({ ...emptyFilter(), difficulties: ['medium'], states: ['new', 'attempted', 'practised'], tags: ['clustering'], text: 'pca ' }))
      .toBe('Filtered: medium, unsolved, tag:clustering, “pca”');
    // Two of the three unsolved states are not "unsolved".
    expect(filterSummary({ ...emptyFilter(), states: ['new', 'attempted'] })).toBe('Filtered: new, attempted');
    expect(filterSummary({ ...emptyFilter(), companies: ['Google'] })).toBe('Filtered: company:Google');
  });
});

describe('filter picker', () => {
  const many = [
    ...all,
    P('ctr', 'metrics', 'easy', ['ranking'], ['Meta']),
    P('dedup', 'production', 'easy', [], ['Meta', 'Amazon']),
  ];
  it('has four sections in order: difficulty, state (with one "Unsolved" choice), tags, companies', () => {
    const s = filterSections(many, emptyFilter());
    expect(s.map((x) => x.title)).toEqual(['Difficulty', 'State', 'Tags', 'Companies']);
    expect(s[0].choices.map((c) => c.label)).toEqual(['easy', 'medium', 'hard']);
    expect(s[1].choices[0]).toMatchObject({ key: 'state:unsolved', label: 'Unsolved', picked: false });
    expect(s[1].choices.map((c) => c.key)).toEqual(['state:unsolved', 'state:new', 'state:attempted', 'state:practised', 'state:solved']);
    expect(s[2].choices.map((c) => c.label)).toEqual(['tag:clustering', 'tag:fraud', 'tag:linear-algebra', 'tag:numerics', 'tag:ranking']);
    expect(s[2].choices.find((c) => c.key === 'tag:ranking')?.description).toBe('2 problems');
  });

  it('sorts companies by how many problems they have, most first, ties alphabetically', () => {
    const s = filterSections(many, emptyFilter());
    // Meta 3 (softmax, ctr, dedup), Google 2, Amazon 1
    expect(s[3].choices.map((c) => [c.label, c.description])).toEqual([
      ['company:Meta', '3 problems'], ['company:Google', '2 problems'], ['company:Amazon', '1 problem'],
    ]);
    expect(sortByCount(new Map([['b', 1], ['a', 1], ['c', 5]]))).toEqual(['c', 'a', 'b']);
  });

  it('reads back the filter it was built from (the round trip the picker makes)', () => {
    const f = { ...emptyFilter(), difficulties: ['medium' as const], states: ['new' as const, 'attempted' as const, 'practised' as const], tags: ['ranking'], companies: ['Google'], text: 'auc' };
    const s = filterSections(many, f);
    const picked = s.flatMap((x) => x.choices.filter((c) => c.picked).map((c) => c.key));
    expect(picked).toEqual(['difficulty:medium', 'state:unsolved', 'tag:ranking', 'company:Google']);
    expect(filterFromChoices(picked, f.text)).toEqual(f);
    expect(filterFromChoices(['state:unsolved', 'state:new', 'state:solved']).states).toEqual(['new', 'attempted', 'practised', 'solved']);
    const one = filterSections(many, { ...emptyFilter(), states: ['attempted'] })[1].choices.filter((c) => c.picked).map((c) => c.key);
    expect(one).toEqual(['state:attempted']);
  });
});

describe('pickerOrder', () => {
  it('puts the current problem first, then category order, difficulty and title', () => {
    expect(pickerOrder(all).map((p) => p.id)).toEqual(['softmax', 'kmeans', 'pca', 'roc-auc', 'fraud']);
    expect(pickerOrder(all, 'roc-auc').map((p) => p.id)).toEqual(['roc-auc', 'softmax', 'kmeans', 'pca', 'fraud']);
    expect(pickerOrder(all, 'not-there').map((p) => p.id)[0]).toBe('softmax');
  });
});
