import { describe, expect, it } from 'vitest';
import { shortTitle } from '../../src/core/tree/shortTitle';

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
