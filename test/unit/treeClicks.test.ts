import { describe, expect, it } from 'vitest';
import { ClickTracker, DOUBLE_CLICK_MS } from '../../src/core/tree/clicks';

describe('ClickTracker', () => {
  it('previews on a single click and starts on a second click on the same row within the window', () => {
    const c = new ClickTracker();
    expect(c.click('pca', 1000)).toBe('preview');
    expect(c.click('pca', 1000 + DOUBLE_CLICK_MS)).toBe('start');
  });

  it('previews again when the second click comes late, lands on another row, or follows a double click', () => {
    const c = new ClickTracker(500);
    expect(c.click('pca', 0)).toBe('preview');
    expect(c.click('pca', 501)).toBe('preview'); // too late: a new first click
    expect(c.click('kmeans', 600)).toBe('preview'); // another row
    expect(c.click('pca', 700)).toBe('preview'); // the last click was on kmeans
    expect(c.click('pca', 900)).toBe('start');
    expect(c.click('pca', 1000)).toBe('preview'); // a triple click does not start twice
  });

  it('ignores a clock that went backwards', () => {
    const c = new ClickTracker(500);
    c.click('pca', 1000);
    expect(c.click('pca', 900)).toBe('preview');
  });
});
