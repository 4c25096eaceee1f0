import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { createRng, normalizeSeed, seedFromString } from '@math/index';

function draws(seed: number, k: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: k }, () => rng.uniform());
}

describe('createRng', () => {
  it('same seed gives the same sequence, across every kind of draw', () => {
    const run = (seed: number) => {
      const r = createRng(seed);
      return [r.uniform(), r.normal(1, 2), r.beta(2, 5), r.int(10), r.bernoulli(0.5), r.choice(['a', 'b', 'c']), ...r.shuffle([1, 2, 3, 4, 5])];
    };
    expect(run(7)).toEqual(run(7));
    expect(draws(123, 50)).toEqual(draws(123, 50));
  });

  it('different seeds give different sequences', () => {
    expect(draws(1, 10)).not.toEqual(draws(2, 10));
    expect(draws(0, 10)).not.toEqual(draws(1, 10));
  });

  it('uniform is exactly d3-random randomLcg(seed)', () => {
    const lcg = randomLcg(42);
    const expected = Array.from({ length: 5 }, () => lcg());
    expect(draws(42, 5)).toEqual(expected);
  });

  it('uniform draws lie in [0, 1) and average about 1/2', () => {
    const xs = draws(5, 20000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    // sd of the mean = sqrt(1/12)/sqrt(20000) ≈ 0.002; allow 5 sd
    expect(Math.abs(m - 0.5)).toBeLessThan(0.01);
  });

  it('beta draws lie in (0, 1) with sample mean near a/(a+b)', () => {
    const rng = createRng(2024);
    const n = 20000;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.beta(2, 5);
      expect(x > 0 && x < 1).toBe(true);
      s += x;
    }
    // mean 2/7 = 0.285714; var = ab/((a+b)²(a+b+1)) = 10/392 = 0.02551 → sd of mean ≈ 0.0011
    expect(Math.abs(s / n - 2 / 7)).toBeLessThan(0.006);
  });

  it('normal draws have roughly the requested mean and sd', () => {
    const rng = createRng(99);
    const n = 20000;
    const xs = Array.from({ length: n }, () => rng.normal(3, 2));
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
    // sd of the mean = 2/sqrt(20000) ≈ 0.014
    expect(Math.abs(m - 3)).toBeLessThan(0.07);
    expect(Math.abs(sd - 2)).toBeLessThan(0.06);
    expect(rng.normal(5, 0)).toBe(5);
  });

  it('int covers 0..n−1 only; bernoulli hits its rate', () => {
    const rng = createRng(11);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[rng.int(4)]!++;
    expect(counts.every((c) => c > 1800 && c < 2200)).toBe(true);
    expect(rng.int(1)).toBe(0);
    let ones = 0;
    for (let i = 0; i < 10000; i++) ones += rng.bernoulli(0.3);
    expect(Math.abs(ones / 10000 - 0.3)).toBeLessThan(0.03);
    expect(rng.bernoulli(0)).toBe(0);
    expect(rng.bernoulli(1)).toBe(1);
  });

  it('choice respects weights and never picks zero-weight items', () => {
    const rng = createRng(3);
    const tally: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 6000; i++) tally[rng.choice(['a', 'b', 'c'], [1, 0, 2])]!++;
    expect(tally.b).toBe(0);
    // expected a: 2000, c: 4000
    expect(Math.abs(tally.a! - 2000)).toBeLessThan(200);
    expect(rng.choice(['only'])).toBe('only');
  });

  it('shuffle returns a permutation and leaves the input alone', () => {
    const rng = createRng(8);
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = rng.shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(out.slice().sort((a, b) => a - b)).toEqual(input);
    expect(rng.shuffle([])).toEqual([]);
  });

  it('rejects invalid arguments with RangeErrors', () => {
    const rng = createRng(1);
    expect(() => createRng(NaN)).toThrow(/^normalizeSeed: seed must be a finite number/);
    expect(() => rng.normal(0, -1)).toThrow(/^rng.normal: sd must be ≥ 0/);
    expect(() => rng.beta(0, 1)).toThrow(/^rng.beta: a must be > 0/);
    expect(() => rng.int(0)).toThrow(/^rng.int: n must be a positive integer/);
    expect(() => rng.int(2.5)).toThrow(/^rng.int: n must be an integer/);
    expect(() => rng.bernoulli(1.2)).toThrow(/^rng.bernoulli: p must lie in \[0, 1\]/);
    expect(() => rng.choice([])).toThrow(/^rng.choice: items is empty/);
    expect(() => rng.choice([1, 2], [1])).toThrow(/^rng.choice: items has 2 entries but weights has 1/);
    expect(() => rng.choice([1, 2], [0, 0])).toThrow(/weights sum to 0/);
    expect(() => rng.choice([1, 2], [-1, 2])).toThrow(/weights\[0\] must be ≥ 0/);
  });
});

describe('normalizeSeed / seedFromString', () => {
  it('keeps valid integer seeds and folds others into [0, 2^31)', () => {
    expect(normalizeSeed(0)).toBe(0);
    expect(normalizeSeed(12345)).toBe(12345);
    expect(normalizeSeed(2 ** 31)).toBe(0);
    expect(normalizeSeed(2 ** 31 + 5)).toBe(5);
    expect(normalizeSeed(-1)).toBe(2 ** 31 - 1);
    for (const x of [0.3, 0.7, -2.5, 1e20, -1e300]) {
      const s = normalizeSeed(x);
      expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
      expect(normalizeSeed(x)).toBe(s);
    }
    expect(normalizeSeed(0.3)).not.toBe(normalizeSeed(0.7));
    expect(() => normalizeSeed(Infinity)).toThrow(RangeError);
  });

  it('is FNV-1a (published test vectors) folded to 31 bits', () => {
    // FNV-1a 32-bit: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968 (Fowler–Noll–Vo test suite)
    expect(seedFromString('')).toBe(0x811c9dc5 % 2 ** 31);
    expect(seedFromString('a')).toBe(0xe40c292c % 2 ** 31);
    expect(seedFromString('foobar')).toBe(0xbf9cf968 % 2 ** 31);
    expect(seedFromString('lesson-3')).toBe(seedFromString('lesson-3'));
    expect(seedFromString('lesson-3')).not.toBe(seedFromString('lesson-4'));
  });
});
