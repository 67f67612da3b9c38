// Numbers and dates for people, in the dashboard's labels and tooltips.
import { formatMinutes } from '../../src/core/tree/problemList';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon 16 Nov 2026" from a day key (no time-zone shift: the key already is the user's day). */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "16 Nov" from a day key. */
export function shortDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]}`;
}

/** "8 min", "1 h 5 min", "2 d 3 h". */
export function duration(minutes: number): string {
  if (minutes >= 48 * 60) {
    const h = Math.round(minutes / 60);
    return `${Math.floor(h / 24)} d ${h % 24} h`;
  }
  return formatMinutes(minutes * 60_000);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A round axis maximum at or above `v` (1, 2, 2.5, 5 × 10^k). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** Evenly spaced ticks from 0 to `max` (inclusive), about `n` of them. */
export function ticks(max: number, n = 4): number[] {
  const step = niceMax(max / n);
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}

export const score = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** Minutes with a half-minute resolution under 20 ("13.5 min"), whole above. */
export function mins(n: number): string {
  const r = Math.round(n * 2) / 2;
  return `${r < 20 && r % 1 ? r.toFixed(1) : Math.round(r)} min`;
}
