// A seeded PRNG for property tests (mulberry32, as the drill uses), so every failure replays from its seed.
import { mulberry32 } from '../../../src/core/plan/recommend';

/** `next()` in [0, 1), `int(n)` in [0, n), `pick(xs)` one element of a non-empty array. */
export function rng(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
