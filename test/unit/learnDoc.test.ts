import { describe, expect, it } from 'vitest';
import { LEARN_HEADINGS, learnDocIssues } from '../../src/core/catalog/learnDoc';

const doc = (sections: string[]) => `# Write-up\n\n${sections.map((h) => `## ${h}\n\nSome text about ${h}.\n`).join('\n')}`;

describe('learnDocIssues (learn.md validation)', () => {
  it('accepts a write-up with the five sections in order', () => {
    expect(learnDocIssues(doc([...LEARN_HEADINGS]))).toEqual([]);
  });
  it('rejects an empty or blank file', () => {
    expect(learnDocIssues('')).toEqual(['is empty']);
    expect(learnDocIssues('  \n\n')).toEqual(['is empty']);
  });
  it('names each missing heading', () => {
    expect(learnDocIssues(doc(['Idea', 'Alternatives', 'Follow-up questions']))).toEqual([
      'missing heading "## Complexity"',
      'missing heading "## Pitfalls the tests check"',
    ]);
  });
  it('rejects an empty section and sections out of order', () => {
    const empty = doc([...LEARN_HEADINGS]).replace('Some text about Complexity.', '');
    expect(learnDocIssues(empty)).toEqual(['section "## Complexity" is empty']);
    const swapped = doc(['Complexity', 'Idea', 'Alternatives', 'Pitfalls the tests check', 'Follow-up questions']);
    expect(learnDocIssues(swapped)).toEqual([expect.stringContaining('"## Complexity" is out of order')]);
  });
  it('does not count a level-3 heading as a section', () => {
    const h3 = doc([...LEARN_HEADINGS]).replace('## Idea', '### Idea');
    expect(learnDocIssues(h3)).toEqual(['missing heading "## Idea"']);
  });
});
