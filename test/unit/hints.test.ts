import { describe, expect, it } from 'vitest';
import { nextHint, oneLine, revealedHintsMarkdown } from '../../src/core/scaffold/hints';

const hints = ['Sort first.\n', 'Use two pointers:\n  one per end.', 'Mind the empty input.'];

describe('nextHint', () => {
  it('reveals the hints in order, counting what is left', () => {
    expect(nextHint(hints, undefined)).toEqual({ kind: 'hint', index: 0, total: 3, text: 'Sort first.', remaining: 2 });
    expect(nextHint(hints, 1)).toEqual({ kind: 'hint', index: 1, total: 3, text: 'Use two pointers: one per end.', remaining: 1 });
    expect(nextHint(hints, 2)).toMatchObject({ index: 2, remaining: 0 });
  });
  it('says all were shown once the count reaches (or passes) the number of hints', () => {
    expect(nextHint(hints, 3)).toEqual({ kind: 'allShown', total: 3 });
    expect(nextHint(hints, 7)).toEqual({ kind: 'allShown', total: 3 });
  });
  it('reads a bad count as none shown and a problem without hints as none', () => {
    expect(nextHint(hints, -2)).toMatchObject({ index: 0 });
    expect(nextHint(hints, Number.NaN)).toMatchObject({ index: 0 });
    expect(nextHint(hints, 1.9)).toMatchObject({ index: 1 });
    expect(nextHint([], 0)).toEqual({ kind: 'none' });
  });
});

describe('revealedHintsMarkdown', () => {
  it('lists only the revealed hints and says how many remain', () => {
    const md = revealedHintsMarkdown('Pairs', hints, 2);
    expect(md).toContain('## Hint 1 of 3');
    expect(md).toContain('## Hint 2 of 3');
    expect(md).not.toContain('Mind the empty input');
    expect(md).toContain('1 more');
  });
  it('lists nothing during a mock, and points to the command before the first hint', () => {
    expect(revealedHintsMarkdown('Pairs', hints, 3, true)).not.toContain('Sort first');
    expect(revealedHintsMarkdown('Pairs', hints, 0)).toContain('No hint revealed yet');
    expect(revealedHintsMarkdown('Pairs', hints, 3)).not.toContain('more:');
  });
  it('oneLine joins wrapped lines', () => {
    expect(oneLine('  a\n   b\n')).toBe('a b');
  });
});
