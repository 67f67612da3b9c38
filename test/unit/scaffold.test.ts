import { describe, expect, it } from 'vitest';
import { backupName, planScaffold, problemFolder, renderDesignBrief, solutionProblemId, type ScaffoldSource } from '../../src/core/scaffold/planScaffold';

const src: ScaffoldSource = {
  id: 'kmeans', title: 'K-means', difficulty: 'medium', minutes: 30, tags: ['clustering'], companies: ['Google'],
  signature: 'kmeans(X, k) -> tuple', statement: 'Cluster **X**.', constraints: ['k <= n'], tolerance: 'Relative tolerance 1e-6.',
  hints: ['Start simple.', 'Use broadcasting.'], requires: ['numpy'],
  starter: 'def kmeans(X, k):\n    raise NotImplementedError\n', examples: 'from solution import kmeans\n\ndef test_a():\n    assert True\n',
};

describe('planScaffold', () => {
  it('plans solution.py, README.md and test_examples.py under the practice folder', () => {
    const files = planScaffold(src, 'ml-interview');
    expect(files.map((f) => f.path)).toEqual(['ml-interview/kmeans/solution.py', 'ml-interview/kmeans/README.md', 'ml-interview/kmeans/test_examples.py']);
    expect(files[0].content).toBe(src.starter);
    const readme = files[1].content;
    for (const part of ['# K-means', 'Cluster **X**.', '- k <= n', 'Relative tolerance 1e-6.', 'Hint 2', 'kmeans(X, k) -> tuple']) expect(readme).toContain(part);
    expect(files[2].content).toContain('if __name__ == "__main__":');
    expect(files[2].content.startsWith('from solution import kmeans')).toBe(true);
  });

  it('refuses ids and folders that would escape the workspace', () => {
    expect(() => problemFolder('ml-interview', '../etc')).toThrow(/invalid problem id/);
    expect(() => problemFolder('ml-interview', 'A')).toThrow();
    expect(() => problemFolder('../x', 'kmeans')).toThrow(/invalid practice folder/);
    expect(problemFolder('/prep/', 'kmeans')).toBe('prep/kmeans');
  });

  it('recognises scaffolded solution paths only', () => {
    expect(solutionProblemId('ml-interview/kmeans/solution.py', 'ml-interview')).toBe('kmeans');
    expect(solutionProblemId('ml-interview\\kmeans\\solution.py', 'ml-interview')).toBe('kmeans');
    expect(solutionProblemId('ml-interview/kmeans/other.py', 'ml-interview')).toBeUndefined();
    expect(solutionProblemId('ml-interview/a/b/solution.py', 'ml-interview')).toBeUndefined();
    expect(solutionProblemId('elsewhere/kmeans/solution.py', 'ml-interview')).toBeUndefined();
  });

  it('names backups by local time', () => {
    expect(backupName(new Date(2026, 10, 23, 16, 5, 2))).toBe('.backups/solution-20261123-160502.py');
  });
});

describe('renderDesignBrief', () => {
  it('shows the title, the facts and the opening prompt, and says how to start', () => {
    const md = renderDesignBrief({ title: 'Feed ranking', difficulty: 'hard', minutes: 45, tags: ['ranking'], companies: ['Meta'], prompt: 'Design a feed.\n' });
    expect(md.startsWith('# Feed ranking\n\n**Hard** · 45 min · `ranking` · asked at Meta\n')).toBe(true);
    expect(md).toContain('## The prompt\n\nDesign a feed.\n');
    expect(md).toMatch(/double-click the problem, press Enter/);
  });
});
