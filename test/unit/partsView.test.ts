import { describe, expect, it } from 'vitest';
import { partRows, partsDescription, partsTooltip } from '../../src/core/tree/partsView';
import { renderStatement, type ScaffoldSource } from '../../src/core/scaffold/planScaffold';
import { dashboardData } from '../../src/core/dashboard/stats';
import { derive } from '../../src/core/progress/events';

const TITLES = ['Log-softmax', 'Backward pass'];

describe('parts in the Problems view', () => {
  it('follows progress: part 1 current, then part 2 unlocked, then all passed', () => {
    const fresh = partRows('Softmax', TITLES, undefined);
    expect(fresh.map((r) => r.state)).toEqual(['current', 'locked', 'locked']);
    expect(partsDescription(fresh)).toBe('part 1 of 3');
    const solved = partRows('Softmax', TITLES, { attempts: 2, solvedAt: 5 });
    expect(solved.map((r) => r.state)).toEqual(['passed', 'current', 'locked']);
    expect(partsDescription(solved)).toBe('part 2 of 3');
    expect(partsTooltip(solved)[2]).toBe('$(lock) Part 3: Backward pass — locked until the part before passes');
    const all = partRows('Softmax', TITLES, { attempts: 4, solvedAt: 5, parts: { 2: 6, 3: 7 } });
    expect(partsDescription(all)).toBe('3/3 parts');
    expect(partsTooltip(all).every((l) => l.startsWith('$(pass-filled)'))).toBe(true);
  });

  it('a problem without follow-ups shows nothing new', () => {
    const rows = partRows('K-means', [], { attempts: 1, solvedAt: 3 });
    expect(partsDescription(rows)).toBeUndefined();
    expect(partsTooltip(rows)).toEqual([]);
  });
});

describe('statement with unlocked parts', () => {
  const base: ScaffoldSource = {
    id: 'softmax', title: 'Softmax', difficulty: 'easy', minutes: 10, tags: [], companies: [], signature: 'softmax(z)', statement: 'Part one.',
    constraints: [], tolerance: '1e-6', hints: ['max'], requires: ['numpy'], starter: '', examples: '',
  };
  const parts = [
    { title: 'Log-softmax', statement: 'Now the log.', hints: ['logsumexp'], minutes: 10 },
    { title: 'Backward pass', statement: 'Now the VJP.', hints: [], minutes: 15 },
  ];

  it('is unchanged without follow-ups, and says more parts are coming when some are locked', () => {
    const plain = renderStatement(base);
    expect(plain).not.toContain('Part 2');
    const locked = renderStatement({ ...base, followUps: [], partCount: 3 });
    expect(locked.startsWith(plain)).toBe(true);
    expect(locked).toContain('2 more follow-up parts unlock once this part passes');
  });

  it('appends each unlocked part with its hints folded, in order', () => {
    const md = renderStatement({ ...base, followUps: parts.slice(0, 1), partCount: 3 });
    expect(md).toContain('## Part 2 of 3: Log-softmax');
    expect(md).toContain('<details><summary>Part 2, hint 1</summary>\n\nlogsumexp');
    expect(md.indexOf('Part one.')).toBeLessThan(md.indexOf('Now the log.'));
    expect(md).toContain('1 more follow-up part unlocks once part 2 passes');
    const all = renderStatement({ ...base, followUps: parts, partCount: 3 });
    expect(all.indexOf('## Part 2 of 3')).toBeLessThan(all.indexOf('## Part 3 of 3: Backward pass'));
    expect(all).not.toContain('more follow-up');
    expect(all).not.toContain('Hints for part 3');
  });
});

describe('dashboard: follow-ups solved', () => {
  it('counts the parts passed of problems in the catalogue, out of all their follow-ups', () => {
    const ev = (n: number, fields: Record<string, unknown>) => ({ id: `e${n}`, w: 'w', n, at: 1000 * n, kind: 'run', ...fields });
    const progress = derive([
      ev(1, { kind: 'run', p: 'softmax', passed: 10, total: 10, counts: true }),
      ev(2, { kind: 'part', p: 'softmax', part: 2 }),
      ev(3, { kind: 'part', p: 'gone', part: 2 }), // no longer in the catalogue
    ]);
    const catalog = [
      { id: 'softmax', title: 'Softmax', category: 'ml-algorithms', difficulty: 'easy' as const, minutes: 10, kind: 'coding' as const, followUps: 2 },
      { id: 'roc-auc', title: 'ROC AUC', category: 'metrics', difficulty: 'hard' as const, minutes: 30, kind: 'coding' as const, followUps: 1 },
      { id: 'kmeans', title: 'K-means', category: 'ml-algorithms', difficulty: 'medium' as const, minutes: 30, kind: 'coding' as const },
    ];
    const t = dashboardData(progress, catalog, { now: 10_000, timeZone: 'UTC' }).totals;
    expect([t.followUpsSolved, t.followUpsTotal]).toEqual([1, 3]);
  });
});
