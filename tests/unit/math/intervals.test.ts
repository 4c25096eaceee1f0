import { describe, it, expect } from 'vitest';
import { clopperPearsonInterval, waldInterval, wilsonInterval } from '@math/index';

/** Wilson bounds as the two roots of (p̂ − p)² = z² p(1 − p)/n, solved as a quadratic in p. */
function wilsonByQuadratic(x: number, n: number, z: number): [number, number] {
  const ph = x / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * ph + (z * z) / n);
  const c = ph * ph;
  const d = Math.sqrt(b * b - 4 * a * c);
  return [(-b - d) / (2 * a), (-b + d) / (2 * a)];
}

/** P(X ≤ x) for X ~ Binomial(n, p), summed term by term. */
function binomCdf(x: number, n: number, p: number): number {
  let s = 0;
  let coef = 1; // C(n, 0)
  for (let k = 0; k <= x; k++) {
    s += coef * p ** k * (1 - p) ** (n - k);
    coef = (coef * (n - k)) / (k + 1);
  }
  return s;
}

describe('waldInterval', () => {
  it('is p̂ ± z·sqrt(p̂(1−p̂)/n)', () => {
    // 5/10: .5 ± 1.96·sqrt(.25/10) = .5 ± 1.96·0.1581139 = .5 ± 0.3099032
    const [lo, hi] = waldInterval(5, 10);
    expect(lo).toBeCloseTo(0.1900968, 6);
    expect(hi).toBeCloseTo(0.8099032, 6);
    // z = 1: 2/8: .25 ± sqrt(.25·.75/8) = .25 ± 0.1530931
    const [lo1, hi1] = waldInterval(2, 8, 1);
    expect(lo1).toBeCloseTo(0.0969069, 6);
    expect(hi1).toBeCloseTo(0.4030931, 6);
  });

  it('collapses to a point at 0 and at n successes (its known failure)', () => {
    expect(waldInterval(0, 10)).toEqual([0, 0]);
    expect(waldInterval(10, 10)).toEqual([1, 1]);
  });

  it('is clipped to [0, 1]', () => {
    // 1/10: .1 ± 1.96·sqrt(.09/10) = .1 ± 0.1859 → low would be −0.0859
    expect(waldInterval(1, 10)[0]).toBe(0);
  });
});

describe('wilsonInterval', () => {
  it('equals the roots of the score-test quadratic', () => {
    for (const [x, n, z] of [
      [0, 10, 1.96],
      [3, 10, 1.96],
      [10, 10, 1.96],
      [17, 40, 2.576],
      [1, 1, 1],
    ] as const) {
      const [lo, hi] = wilsonInterval(x, n, z);
      const [qlo, qhi] = wilsonByQuadratic(x, n, z);
      expect(lo).toBeCloseTo(qlo, 10);
      expect(hi).toBeCloseTo(qhi, 10);
    }
  });

  it('does not collapse at 0 successes (published 0/10 upper bound 0.2775)', () => {
    const [lo, hi] = wilsonInterval(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775402, 6);
  });
});

describe('clopperPearsonInterval', () => {
  it('has the closed forms at x = 0 and x = n', () => {
    // 0/10: upper = 1 − 0.025^(1/10) = 1 − 0.6915029 = 0.3084971
    expect(clopperPearsonInterval(0, 10)).toEqual([0, expect.closeTo(0.3084971, 6)]);
    // 10/10: lower = 0.025^(1/10) = 0.6915029
    expect(clopperPearsonInterval(10, 10)).toEqual([expect.closeTo(0.6915029, 6), 1]);
    // 1/10: lower = B⁻¹(.025; 1, 10) = 1 − 0.975^(1/10) = 0.0025286
    expect(clopperPearsonInterval(1, 10)[0]).toBeCloseTo(0.0025286, 6);
    // 0/30 at alpha = 0.1: upper = 1 − 0.05^(1/30) = 0.0950105
    expect(clopperPearsonInterval(0, 30, 0.1)[1]).toBeCloseTo(1 - 0.05 ** (1 / 30), 6);
  });

  it('matches the published 5/10 interval [0.1871, 0.8129]', () => {
    const [lo, hi] = clopperPearsonInterval(5, 10);
    expect(lo).toBeCloseTo(0.187086, 5);
    expect(hi).toBeCloseTo(0.812914, 5);
  });

  it('puts exactly α/2 of binomial tail mass beyond each bound', () => {
    for (const [x, n] of [
      [3, 20],
      [7, 12],
      [1, 50],
    ] as const) {
      const [lo, hi] = clopperPearsonInterval(x, n);
      // upper bound: P(X ≤ x | p = hi) = .025; lower bound: P(X ≥ x | p = lo) = .025
      expect(binomCdf(x, n, hi)).toBeCloseTo(0.025, 7);
      expect(1 - binomCdf(x - 1, n, lo)).toBeCloseTo(0.025, 7);
    }
  });

  it('is wider than Wilson for a small sample', () => {
    const [cl, ch] = clopperPearsonInterval(3, 10);
    const [wl, wh] = wilsonInterval(3, 10);
    expect(cl).toBeLessThan(wl);
    expect(ch).toBeGreaterThan(wh);
  });
});

describe('interval argument checks', () => {
  it('reject bad n, successes, z and alpha with RangeErrors naming the function', () => {
    expect(() => waldInterval(0, 0)).toThrow(/^waldInterval: n must be a positive integer/);
    expect(() => wilsonInterval(1, 2.5)).toThrow(/^wilsonInterval: n must be an integer/);
    expect(() => clopperPearsonInterval(11, 10)).toThrow(
      /^clopperPearsonInterval: successes must be an integer in \[0, 10\], got 11/,
    );
    expect(() => waldInterval(-1, 10)).toThrow(/successes must be an integer in \[0, 10\]/);
    expect(() => wilsonInterval(1.5, 10)).toThrow(/^wilsonInterval: successes must be an integer/);
    expect(() => waldInterval(1, 10, 0)).toThrow(/^waldInterval: z must be > 0/);
    expect(() => wilsonInterval(1, 10, -1)).toThrow(/^wilsonInterval: z must be > 0/);
    expect(() => wilsonInterval(1, 10, NaN)).toThrow(/z must be a finite number/);
    expect(() => clopperPearsonInterval(1, 10, 0)).toThrow(/^clopperPearsonInterval: alpha must lie strictly between 0 and 1/);
    expect(() => clopperPearsonInterval(1, 10, 1)).toThrow(RangeError);
    expect(() => waldInterval(1, Infinity)).toThrow(RangeError);
  });
});
