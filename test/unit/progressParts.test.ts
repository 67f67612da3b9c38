// Follow-up parts in progress (contract F): 'part' events with ids, merged by union, folded into
// `parts`; unlocking; a reset removes them; compaction keeps them; imports merge them.
import { describe, expect, it } from 'vitest';
import { compact, derive, union, type StoredEvent } from '../../src/core/progress/events';
import { followUpsSolved, partsReached, problemState, unlockedParts } from '../../src/core/progress/progress';
import { parseEntry } from '../../src/core/progress/migrate';

let seq = 0;
const ev = (w: string, n: number, at: number, fields: Record<string, unknown>): StoredEvent => ({ id: `id-${w}-${n}-${seq++}`, w, n, at, kind: 'run', ...fields });
const run = (w: string, n: number, at: number, p: string, passed: number, total: number) => ev(w, n, at, { kind: 'run', p, passed, total, counts: true });
const part = (w: string, n: number, at: number, p: string, k: number) => ev(w, n, at, { kind: 'part', p, part: k });

describe('progress: follow-up parts', () => {
  it('a part event records the first time each part passed; the problem stays solved at part 1', () => {
    const p = derive([run('w', 1, 10, 'softmax', 10, 10), part('w', 2, 20, 'softmax', 2), run('w', 3, 25, 'softmax', 5, 26), part('w', 4, 30, 'softmax', 2)]);
    const e = p.problems.softmax;
    expect(e.parts).toEqual({ 2: 20 });
    expect(e.solvedAt).toBe(10);
    expect(problemState(e)).toBe('solved');
    expect(p.history?.filter((h) => h.kind === 'part')).toEqual([{ at: 20, id: 'softmax', kind: 'part', part: 2 }]);
  });

  it('unlocking: part k+1 unlocks once parts 1..k passed, without gaps, capped by the part count', () => {
    expect(unlockedParts(undefined, 3)).toBe(1);
    expect(unlockedParts({ attempts: 1 }, 3)).toBe(1);
    expect(unlockedParts({ attempts: 1, solvedAt: 5 }, 3)).toBe(2);
    expect(unlockedParts({ attempts: 1, solvedAt: 5, parts: { 2: 6 } }, 3)).toBe(3);
    expect(unlockedParts({ attempts: 1, solvedAt: 5, parts: { 2: 6, 3: 7 } }, 3)).toBe(3);
    expect(partsReached({ attempts: 1, solvedAt: 5, parts: { 2: 6, 3: 7 } }, 3)).toBe(3);
    expect(partsReached({ attempts: 1, solvedAt: 5, parts: { 3: 7 } }, 3)).toBe(1); // a gap: part 2 not passed
    expect(partsReached({ attempts: 1, solvedAt: 5, parts: { 2: 6, 3: 7 } }, 2)).toBe(2); // the pack lost part 3
    expect(unlockedParts({ attempts: 1, solvedAt: 5 }, 1)).toBe(1);
  });

  it('merges by union from two windows in any order, and a reset of the problem removes its parts', () => {
    const a = [run('a', 1, 10, 'softmax', 10, 10), part('a', 2, 40, 'softmax', 2)];
    const b = [part('b', 1, 30, 'softmax', 2), part('b', 2, 50, 'softmax', 3)];
    const ab = derive(union(a, b).values());
    expect(ab).toEqual(derive(union(b, a).values()));
    expect(ab.problems.softmax.parts).toEqual({ 2: 30, 3: 50 });
    expect(followUpsSolved(ab)).toBe(2);
    const reset = ev('c', 1, 60, { kind: 'reset', scope: 'softmax' });
    expect(derive([...a, ...b, reset]).problems.softmax).toBeUndefined();
    expect(derive([...a, ...b, reset, part('a', 3, 70, 'softmax', 2)]).problems.softmax.parts).toEqual({ 2: 70 });
  });

  it('compaction keeps part events (and unknown fields on them) exactly', () => {
    const events = [run('w', 1, 10, 'roc-auc', 10, 10), { ...part('w', 2, 20, 'roc-auc', 2), note: 'from a newer version' }, part('w', 3, 30, 'roc-auc', 1)];
    const compacted = compact(events);
    expect(derive(compacted.values())).toEqual(derive(events));
    const summary = [...compacted.values()].find((e) => e.kind === 'summary')!;
    expect(JSON.stringify(summary)).toContain('from a newer version');
    expect(derive(events).problems['roc-auc'].parts).toEqual({ 2: 20 }); // part 1 is solvedAt, never a part event
  });

  it('an exported entry keeps its parts through parseEntry; junk keys are dropped', () => {
    expect(parseEntry({ attempts: 2, solvedAt: 1, parts: { 2: 5, 1: 3, x: 4, 3: 'no' } })).toEqual({ attempts: 2, solvedAt: 1, parts: { 2: 5 } });
    const merged = derive([ev('w', 1, 100, { kind: 'import', mode: 'merge', record: { version: 1, problems: { softmax: { attempts: 1, solvedAt: 1, parts: { 2: 9 } } } } }), part('w', 2, 5, 'softmax', 2)]);
    expect(merged.problems.softmax.parts).toEqual({ 2: 5 });
  });
});
