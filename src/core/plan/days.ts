// Calendar days in the user's time zone, as "YYYY-MM-DD" keys. Streaks, the practice calendar
// and weekly plan targets all count days this way, so a session at 23:30 and one at 00:10 are
// two days, and a trip across time zones or a DST change never merges or splits a day.

export type DayKey = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, f);
  }
  return f;
}

/** The calendar day of `ts` (epoch ms) in `timeZone` (IANA name; default: the machine's). */
export function dayKey(ts: number, timeZone?: string): DayKey {
  const parts = formatter(timeZone).formatToParts(new Date(ts));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const toUtc = (key: DayKey) => {
  const [y, m, d] = key.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number): DayKey => new Date(ms).toISOString().slice(0, 10);

export function addDays(key: DayKey, n: number): DayKey {
  return fromUtc(toUtc(key) + n * 86_400_000);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: DayKey, b: DayKey): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(key: DayKey): number {
  return new Date(toUtc(key)).getUTCDay();
}

/** The first day of the week containing `key` (weeks start on Monday by default). */
export function weekStart(key: DayKey, firstDay = 1): DayKey {
  return addDays(key, -((weekday(key) - firstDay + 7) % 7));
}
