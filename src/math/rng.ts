import { randomBeta, randomInt, randomLcg, randomNormal } from 'd3-random';
import {
  checkFinite,
  checkNonNegative,
  checkNonNegativeArray,
  checkPositive,
  checkPositiveInteger,
  checkProbability,
  checkSameLength,
  fail,
} from './validate';

const TWO_31 = 2 ** 31;

/**
 * A seeded random source. Every draw comes from one d3-random `randomLcg`
 * stream, so the same seed always reproduces the same sequence of calls.
 */
export interface Rng {
  /** The normalized integer seed in [0, 2^31) this source was built from. */
  readonly seed: number;
  /** The raw LCG: uniform in [0, 1). Pass it to other d3-random `.source()` calls. */
  readonly source: () => number;
  /** Uniform draw in [0, 1). */
  uniform(): number;
  /** Normal draw with the given mean and standard deviation (sd ≥ 0). */
  normal(mean?: number, sd?: number): number;
  /** Beta(a, b) draw in (0, 1); a, b > 0. */
  beta(a: number, b: number): number;
  /** Uniform integer in 0 … n−1 (n a positive integer). */
  int(n: number): number;
  /** 1 with probability p, else 0 (a number, so draws can be summed). */
  bernoulli(p: number): 0 | 1;
  /** One item, uniformly or with probability proportional to `weights`. */
  choice<T>(items: readonly T[], weights?: readonly number[]): T;
  /** A shuffled copy (Fisher–Yates); the input array is not modified. */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * Map any finite number to an integer seed in [0, 2^31). Integers are reduced
 * mod 2^31 (so small non-negative integer seeds are kept as they are);
 * non-integers are hashed from their IEEE-754 bits, so 0.3 and 0.7 differ.
 */
export function normalizeSeed(x: number): number {
  checkFinite('normalizeSeed', 'seed', x);
  if (Number.isInteger(x)) return ((x % TWO_31) + TWO_31) % TWO_31;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return fnv1a(new Uint8Array(view.buffer)) % TWO_31;
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Stable seed from a string: 32-bit FNV-1a over the UTF-8 bytes (Fowler–Noll–Vo),
 * folded to [0, 2^31) so it is a valid `createRng` seed as is.
 */
export function seedFromString(s: string): number {
  if (typeof s !== 'string') fail('seedFromString', `s must be a string, got ${typeof s}`);
  return fnv1a(new TextEncoder().encode(s)) % TWO_31;
}

/** Build a seeded random source on d3-random's `randomLcg(seed)`. */
export function createRng(seed: number): Rng {
  const normalized = normalizeSeed(seed);
  const lcg = randomLcg(normalized);
  // One standard-normal stream (d3 caches the Box–Muller pair), scaled per call.
  const standardNormal = randomNormal.source(lcg)(0, 1);
  const betaCache = new Map<string, () => number>();

  const rng: Rng = {
    seed: normalized,
    source: lcg,
    uniform: () => lcg(),
    normal(mean = 0, sd = 1) {
      checkFinite('rng.normal', 'mean', mean);
      checkNonNegative('rng.normal', 'sd', sd);
      return mean + sd * standardNormal();
    },
    beta(a, b) {
      checkPositive('rng.beta', 'a', a);
      checkPositive('rng.beta', 'b', b);
      const key = `${a},${b}`;
      let gen = betaCache.get(key);
      if (!gen) {
        gen = randomBeta.source(lcg)(a, b);
        betaCache.set(key, gen);
      }
      return gen();
    },
    int(n) {
      checkPositiveInteger('rng.int', 'n', n);
      return randomInt.source(lcg)(n)();
    },
    bernoulli(p) {
      checkProbability('rng.bernoulli', 'p', p);
      return lcg() < p ? 1 : 0;
    },
    choice<T>(items: readonly T[], weights?: readonly number[]): T {
      if (!Array.isArray(items) || items.length === 0) fail('rng.choice', 'items is empty; nothing to choose from');
      if (weights === undefined) return items[Math.floor(lcg() * items.length)]!;
      checkNonNegativeArray('rng.choice', 'weights', weights);
      checkSameLength('rng.choice', 'items', items, 'weights', weights);
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0)) fail('rng.choice', 'weights sum to 0; at least one weight must be positive');
      let u = lcg() * total;
      let last = 0;
      for (let i = 0; i < items.length; i++) {
        if (weights[i]! > 0) {
          last = i;
          if (u < weights[i]!) return items[i]!;
          u -= weights[i]!;
        }
      }
      return items[last]!; // rounding left u just past the end
    },
    shuffle<T>(items: readonly T[]): T[] {
      if (!Array.isArray(items)) fail('rng.shuffle', 'items must be an array');
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(lcg() * (i + 1));
        const tmp = out[i]!;
        out[i] = out[j]!;
        out[j] = tmp;
      }
      return out;
    },
  };
  return rng;
}
