import { describe, expect, it } from 'vitest';
import { headingSlug, partAnchor } from '../../src/core/scaffold/partAnchor';

describe('partAnchor', () => {
  it('slugs a part heading as the Markdown preview does', () => {
    expect(headingSlug('Part 2 of 3: Log-softmax')).toBe('part-2-of-3-log-softmax');
    expect(headingSlug('  Part 3 of 3: Backward (the Jacobian-vector product)  ')).toBe('part-3-of-3-backward-the-jacobian-vector-product');
  });

  it('finds the line of part k, not of part 1 or of a later part', () => {
    const md = ['# Softmax', '', 'text', '---', '', '## Part 2 of 3: Log-softmax', '', 'x', '## Part 3 of 3: Backward', ''].join('\n');
    expect(partAnchor(md, 2)).toEqual({ line: 5, slug: 'part-2-of-3-log-softmax' });
    expect(partAnchor(md, 3)).toEqual({ line: 8, slug: 'part-3-of-3-backward' });
    expect(partAnchor(md, 4)).toBeUndefined();
  });

  it('does not take part 12 for part 1 or a hint summary for the heading', () => {
    const md = '<details><summary>Part 2, hint 1</summary>\n## Part 12 of 12: Late\n## Part 2 of 12: Early';
    expect(partAnchor(md, 1)).toBeUndefined();
    expect(partAnchor(md, 2)).toEqual({ line: 2, slug: 'part-2-of-12-early' });
  });
});
