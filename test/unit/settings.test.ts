import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings, saveRunsTests } from '../../src/core/settings';

describe('normaliseSettings', () => {
  it('returns the defaults for an empty configuration', () => {
    expect(normaliseSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('clamps the timeout and ignores non-numbers', () => {
    expect(normaliseSettings({ testTimeoutSeconds: 0 }).testTimeoutSeconds).toBe(1);
    expect(normaliseSettings({ testTimeoutSeconds: 1e6 }).testTimeoutSeconds).toBe(300);
    expect(normaliseSettings({ testTimeoutSeconds: '5' }).testTimeoutSeconds).toBe(10);
    expect(normaliseSettings({ testTimeoutSeconds: Number.NaN }).testTimeoutSeconds).toBe(10);
  });

  it('keeps the practice folder inside the workspace', () => {
    expect(normaliseSettings({ practiceFolder: '/abs/path/' }).practiceFolder).toBe('abs/path');
    expect(normaliseSettings({ practiceFolder: '../outside' }).practiceFolder).toBe('ml-interview');
    expect(normaliseSettings({ practiceFolder: 'a/../../b' }).practiceFolder).toBe('ml-interview');
    expect(normaliseSettings({ practiceFolder: '  prep ' }).practiceFolder).toBe('prep');
    expect(normaliseSettings({ practiceFolder: '' }).practiceFolder).toBe('ml-interview');
  });

  it('drops non-string and blank pack folders', () => {
    expect(normaliseSettings({ problemPacks: ['a', 3, '', '  ', 'b'] }).problemPacks).toEqual(['a', 'b']);
    expect(normaliseSettings({ problemPacks: 'a' }).problemPacks).toEqual([]);
  });
});

describe('runOnSave', () => {
  it('migrates the old boolean values and rejects unknown ones', () => {
    expect(normaliseSettings({ runOnSave: true }).runOnSave).toBe('explicit');
    expect(normaliseSettings({ runOnSave: false }).runOnSave).toBe('off');
    expect(normaliseSettings({ runOnSave: 'always' }).runOnSave).toBe('always');
    expect(normaliseSettings({ runOnSave: 'sometimes' }).runOnSave).toBe('explicit');
  });

  it('explicit runs only on saves the user made; always on every save; off never', () => {
    expect(saveRunsTests('explicit', true)).toBe(true);
    expect(saveRunsTests('explicit', false)).toBe(false);
    expect(saveRunsTests('always', false)).toBe(true);
    expect(saveRunsTests('off', true)).toBe(false);
  });
});
