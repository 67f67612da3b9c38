import { describe, expect, it } from 'vitest';
import { addDays, dayKey, daysBetween, weekStart, weekday } from '../../src/core/plan/days';

describe('calendar days', () => {
  it('buckets a timestamp by the given time zone', () => {
    const ts = Date.UTC(2026, 10, 23, 23, 30); // 23:30 UTC
    expect(dayKey(ts, 'UTC')).toBe('2026-11-23');
    expect(dayKey(ts, 'Europe/Berlin')).toBe('2026-11-24'); // 00:30 local
    expect(dayKey(ts, 'America/Los_Angeles')).toBe('2026-11-23');
    expect(dayKey(ts, 'Pacific/Kiritimati')).toBe('2026-11-24'); // UTC+14
  });

  it('counts days across month, year and DST boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // EU DST change on the 29th
    expect(daysBetween('2026-11-30', '2026-11-23')).toBe(-7);
  });

  it('finds the start of the week', () => {
    expect(weekday('2026-11-23')).toBe(1); // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29', 0)).toBe('2026-11-29');
  });
});
