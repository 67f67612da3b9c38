import { describe, expect, it } from 'vitest';
import { isDeliberateClick, isDeliberateKey, SETTLE_MS } from '../../src/core/webview/clicks';

describe('deliberate clicks', () => {
  it('ignores the later clicks of a double or triple click, wherever they land', () => {
    expect(isDeliberateClick({ detail: 1 }, undefined, 0)).toBe(true);
    expect(isDeliberateClick({ detail: 2 }, undefined, 0)).toBe(false);
    expect(isDeliberateClick({ detail: 3 }, 0, 10_000)).toBe(false);
  });

  it('ignores pointer clicks on a control that appeared less than SETTLE_MS ago, not keyboard activations', () => {
    expect(SETTLE_MS).toBeGreaterThanOrEqual(300); // above a typical double-click gap
    expect(isDeliberateClick({ detail: 1 }, 1000, 1000 + SETTLE_MS - 1)).toBe(false);
    expect(isDeliberateClick({ detail: 1 }, 1000, 1000 + SETTLE_MS)).toBe(true);
    expect(isDeliberateClick({ detail: 0 }, 1000, 1001)).toBe(true);
    expect(isDeliberateClick({ detail: 1 }, 1000, 1100, 50)).toBe(true);
  });

  it('ignores auto-repeated key presses', () => {
    expect(isDeliberateKey({ repeat: false })).toBe(true);
    expect(isDeliberateKey({ repeat: true })).toBe(false);
  });
});
