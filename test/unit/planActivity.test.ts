import { describe, expect, it } from 'vitest';
import { calendarGrid, heatLevel, practiceDays, streak, type DayActivity } from '../../src/core/plan/activity';
import { addDays, weekday } from '../../src/core/plan/days';
import type { ActivityEvent } from '../../src/core/progress/progress';

const ev = (iso: string, kind: ActivityEvent['kind'] = 'run', id = 'kmeans'): ActivityEvent => ({ at: Date.parse(iso), id, kind });

describe('practiceDays', () => {
  it('counts each kind per day and in total', () => {
    const days = practiceDays([
      ev('2026-11-23T09:00Z', 'start'), ev('2026-11-23T09:10Z', 'run'), ev('2026-11-23T09:20Z', 'run'),
      ev('2026-11-23T09:20Z', 'solve'), ev('2026-11-24T18:00Z', 'design', 'ad-ctr-prediction'),
    ], 'UTC');
    const none = { parts: 0, reviews: 0, rehearsals: 0 };
    expect(days.get('2026-11-23')).toEqual({ starts: 1, runs: 2, solves: 1, designs: 0, ...none, total: 4 });
    expect(days.get('2026-11-24')).toEqual({ starts: 0, runs: 0, solves: 0, designs: 1, ...none, total: 1 });
    expect(days.size).toBe(2);
  });

  it('counts follow-up parts, theory reviews and rehearsals as practice (a day with only reviews keeps the streak)', () => {
    const days = practiceDays([ev('2026-11-23T09:00Z', 'run'), { ...ev('2026-11-23T09:01Z', 'part'), part: 2 }], 'UTC', [
      { at: Date.parse('2026-11-23T10:00Z'), rehearsal: false }, { at: Date.parse('2026-11-24T08:00Z'), rehearsal: false },
      { at: Date.parse('2026-11-24T08:05Z'), rehearsal: true },
    ]);
    expect(days.get('2026-11-23')).toMatchObject({ runs: 1, parts: 1, reviews: 1, rehearsals: 0, total: 3 });
    expect(days.get('2026-11-24')).toMatchObject({ runs: 0, reviews: 1, rehearsals: 1, total: 2 });
    expect(streak(days.keys(), '2026-11-24')).toMatchObject({ current: 2, activeToday: true });
  });

  it('buckets by the user’s time zone: 23:30 and 00:10 in Berlin are two days, one day in UTC', () => {
    const history = [ev('2026-11-23T22:30Z'), ev('2026-11-23T23:10Z')]; // 23:30 and 00:10 CET
    expect([...practiceDays(history, 'Europe/Berlin').keys()]).toEqual(['2026-11-23', '2026-11-24']);
    expect([...practiceDays(history, 'UTC').keys()]).toEqual(['2026-11-23']);
    expect(streak(practiceDays(history, 'Europe/Berlin').keys(), '2026-11-24').current).toBe(2);
    expect(streak(practiceDays(history, 'UTC').keys(), '2026-11-24').current).toBe(1);
  });

  it('keeps one key per local day through a DST change (Berlin, 29 March 2026)', () => {
    // 00:30 local each night: 23:30Z before the change, 22:30Z after it.
    const history = [ev('2026-03-27T23:30Z'), ev('2026-03-28T23:30Z'), ev('2026-03-29T22:30Z'), ev('2026-03-30T22:30Z')];
    const berlin = practiceDays(history, 'Europe/Berlin');
    expect([...berlin.keys()]).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    expect(streak(berlin.keys(), '2026-03-31')).toEqual({ current: 4, longest: 4, activeToday: true, lastActive: '2026-03-31' });
    // The 23-hour day: 01:30Z on the 29th is 03:30 CEST, still the 29th.
    expect([...practiceDays([ev('2026-03-29T01:30Z')], 'Europe/Berlin').keys()]).toEqual(['2026-03-29']);
  });

  it('handles the US spring-forward week (New York, 8 March 2026)', () => {
    // 23:30 local each night: 04:30Z (EST) before the change, 03:30Z (EDT) after it.
    const history = [ev('2026-03-07T04:30Z'), ev('2026-03-08T04:30Z'), ev('2026-03-09T03:30Z'), ev('2026-03-10T03:30Z')];
    const ny = practiceDays(history, 'America/New_York');
    expect([...ny.keys()]).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    expect(streak(ny.keys(), '2026-03-10')).toMatchObject({ current: 4, activeToday: false });
  });
});

describe('streak', () => {
  it('is empty without practice', () => {
    expect(streak([], '2026-11-23')).toEqual({ current: 0, longest: 0, activeToday: false });
  });

  it('counts consecutive days ending today', () => {
    expect(streak(['2026-11-21', '2026-11-22', '2026-11-23'], '2026-11-23')).toEqual({ current: 3, longest: 3, activeToday: true, lastActive: '2026-11-23' });
  });

  it('stays alive until today is over when today has no practice yet', () => {
    expect(streak(['2026-11-21', '2026-11-22'], '2026-11-23')).toEqual({ current: 2, longest: 2, activeToday: false, lastActive: '2026-11-22' });
  });

  it('breaks after a whole missed day but remembers the longest', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-20', '2026-11-21'];
    expect(streak(days, '2026-11-23')).toEqual({ current: 0, longest: 4, activeToday: false, lastActive: '2026-11-21' });
    expect(streak(days, '2026-11-22')).toMatchObject({ current: 2, longest: 4 });
  });

  it('takes days in any order with duplicates, across month and year ends', () => {
    expect(streak(['2027-01-01', '2026-12-31', '2026-12-30', '2026-12-31'], '2027-01-01')).toMatchObject({ current: 3, longest: 3 });
  });

  it('ignores days after today (a clock set wrong)', () => {
    expect(streak(['2026-11-22', '2026-11-23', '2026-11-25'], '2026-11-23')).toEqual({ current: 2, longest: 2, activeToday: true, lastActive: '2026-11-23' });
  });
});

describe('heat-map', () => {
  const activity = (total: number): DayActivity => ({ starts: 0, runs: total, solves: 0, designs: 0, total });

  it('maps counts to levels relative to the busiest day, with a floor of 4', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 1)).toBe(1); // one event is not a dark day
    expect(heatLevel(4, 4)).toBe(4);
    expect([1, 2, 3, 5, 6, 8, 10, 20].map((c) => heatLevel(c, 20))).toEqual([1, 1, 1, 1, 2, 2, 2, 4]);
    expect([5, 10, 15, 16].map((c) => heatLevel(c, 16))).toEqual([2, 3, 4, 4]);
  });

  it('lays out Monday-first weeks as columns ending with the week of today', () => {
    const today = '2026-11-26'; // a Thursday
    const days = new Map([['2026-11-26', activity(8)], ['2026-11-23', activity(2)], ['2026-06-01', activity(50)]]);
    const grid = calendarGrid(days, today, 12);
    expect(grid.weeks).toHaveLength(12);
    for (const w of grid.weeks) {
      expect(w.days).toHaveLength(7);
      expect(weekday(w.start)).toBe(1);
      expect(w.days[0].day).toBe(w.start);
      expect(w.days[6].day).toBe(addDays(w.start, 6));
    }
    expect(grid.weeks[0].start).toBe('2026-09-07');
    const last = grid.weeks[11];
    expect(last.start).toBe('2026-11-23');
    expect(last.days.map((d) => d.future)).toEqual([false, false, false, false, true, true, true]);
    expect(last.days[3]).toEqual({ day: '2026-11-26', count: 8, level: 4, future: false });
    expect(last.days[0]).toMatchObject({ count: 2, level: 1 });
    // June is outside the grid: it neither shows nor sets the scale.
    expect(grid).toMatchObject({ maxCount: 8, activeDays: 2, totalCount: 10 });
  });

  it('never counts future days and has at least one week', () => {
    const grid = calendarGrid(new Map([['2026-11-29', activity(3)]]), '2026-11-23', 0);
    expect(grid.weeks).toHaveLength(1);
    expect(grid.weeks[0].days[6]).toEqual({ day: '2026-11-29', count: 0, level: 0, future: true });
    expect(grid.totalCount).toBe(0);
  });

  it('defaults to 26 weeks, today on a Sunday fills the last column', () => {
    const grid = calendarGrid(new Map(), '2026-11-29');
    expect(grid.weeks).toHaveLength(26);
    expect(grid.weeks[25].days.every((d) => !d.future && d.level === 0)).toBe(true);
  });
});
