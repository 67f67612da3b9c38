import { describe, expect, it } from 'vitest';
import { loadPackFromDisk } from '../../src/adapters/packFiles';
import { TREE_LABEL_MAX } from '../../src/core/catalog/types';
import { validateCodingProblem } from '../../src/core/catalog/validate';
import { shortTitle, treeLabel } from '../../src/core/tree/shortTitle';
import * as path from 'node:path';

describe('shortTitle', () => {
  it('drops a trailing parenthetical and what follows a colon', () => {
    expect(shortTitle("K-means clustering (Lloyd's algorithm)")).toBe('K-means clustering');
    expect(shortTitle('Batch normalisation forward pass (train and inference)')).toBe('Batch normalisation forward pass');
    expect(shortTitle('Regression metrics: MAE, RMSE and R²')).toBe('Regression metrics');
    expect(shortTitle('Time-series cross-validation splits (expanding window with gap)')).toBe('Time-series cross-validation splits');
  });
  it('keeps titles without a qualifier, inner parentheses, and ones that would become too short', () => {
    expect(shortTitle('Numerically stable softmax')).toBe('Numerically stable softmax');
    expect(shortTitle('Delivery time (ETA) prediction for a food delivery app')).toBe('Delivery time (ETA) prediction for a food delivery app');
    expect(shortTitle('MRR (mean reciprocal rank)')).toBe('MRR (mean reciprocal rank)');
    expect(shortTitle('KV: a cache')).toBe('KV: a cache');
  });
});

describe('treeLabel', () => {
  it('uses shortTitle when the entry has one, else the shortened title', () => {
    expect(treeLabel({ title: 'Delivery time (ETA) prediction for a food delivery app', shortTitle: 'Delivery ETA prediction' })).toBe('Delivery ETA prediction');
    expect(treeLabel({ title: "K-means clustering (Lloyd's algorithm)" })).toBe('K-means clustering');
  });

  it('every built-in problem and prompt has a label that leaves the difficulty visible', async () => {
    const pack = await loadPackFromDisk(path.resolve(__dirname, '../../problems'), { source: 'builtin' });
    const entries = [...pack.problems, ...pack.designPrompts];
    expect(entries.length).toBeGreaterThan(80);
    expect(entries.map(treeLabel).filter((l) => l.length > TREE_LABEL_MAX)).toEqual([]);
  });

  it('rejects a shortTitle longer than the limit', () => {
    const r = validateCodingProblem({ shortTitle: 'x'.repeat(TREE_LABEL_MAX + 1) }, 'softmax', 'ml-algorithms');
    expect(r.issues.map((i) => i.path.join('.'))).toContain('shortTitle');
  });
});
