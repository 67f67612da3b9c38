import { describe, expect, it } from 'vitest';
import { MissingModuleNotices } from '../../src/core/runner/missingNotices';

describe('missing-module notifications: once per interpreter and module', () => {
  it('the start-time check and the run after a save share one notification', () => {
    const n = new MissingModuleNotices();
    expect(n.first('/usr/bin/python3.12', ['pandas'])).toBe(true); // the check when the problem starts
    expect(n.first('/usr/bin/python3.12', ['pandas'])).toBe(false); // the save's run: status bar + diagnostic only
    expect(n.first('/usr/bin/python3.12', ['numpy', 'pandas'])).toBe(true); // numpy is news for it
    expect(n.first('/usr/bin/python3.12', ['numpy'])).toBe(false);
  });

  it('another interpreter is told again; an unnamed module counts once', () => {
    const n = new MissingModuleNotices();
    expect(n.first('/a/python', ['pandas'])).toBe(true);
    expect(n.first('/b/python', ['pandas'])).toBe(true);
    expect(n.first('/a/python', [])).toBe(true);
    expect(n.first('/a/python', [])).toBe(false);
  });
});
