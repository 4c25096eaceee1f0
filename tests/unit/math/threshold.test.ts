import { describe, it, expect } from 'vitest';
import {
  costOptimalThreshold,
  createRng,
  precisionAt,
  rocAuc,
  rocCurve,
  thresholdRates,
} from '@math/index';

/** O(n·m) count of harmful-above-benign pairs, ties counted ½. */
function bruteAuc(h: number[], b: number[]): number {
  let s = 0;
  for (const x of h) for (const y of b) s += x > y ? 1 : x === y ? 0.5 : 0;
  return s / (h.length * b.length);
}

describe('thresholdRates', () => {
  it('blocks items with score ≥ τ', () => {
    // harmful [.9,.7,.4]: ≥ .7 → 2 of 3; benign [.8,.3,.2,.1]: ≥ .7 → 1 of 4
    expect(thresholdRates([0.9, 0.7, 0.4], [0.8, 0.3, 0.2, 0.1], 0.7)).toEqual({ tpr: 2 / 3, fpr: 0.25 });
    expect(thresholdRates([0.9, 0.7, 0.4], [0.8, 0.3, 0.2, 0.1], Infinity)).toEqual({ tpr: 0, fpr: 0 });
    expect(thresholdRates([0.9, 0.7, 0.4], [0.8, 0.3, 0.2, 0.1], -Infinity)).toEqual({ tpr: 1, fpr: 1 });
  });

  it('rejects empty score lists, non-finite scores and NaN τ', () => {
    expect(() => thresholdRates([], [0.1], 0.5)).toThrow(/^thresholdRates: harmfulScores is empty/);
    expect(() => thresholdRates([0.2], [NaN], 0.5)).toThrow(/benignScores\[0\] must be a finite number/);
    expect(() => thresholdRates([0.2], [0.1], NaN)).toThrow(/^thresholdRates: tau must be a number/);
  });
});

describe('rocAuc', () => {
  it('counts ties as one half (worked by hand)', () => {
    // h = [.9,.8,.5,.5], b = [.5,.3,.8,.1]: 16 pairs
    // .9 beats all 4 → 4; .8: beats .5,.3,.1, ties .8 → 3.5; each .5: ties .5, beats .3,.1 → 2.5 (×2 = 5)
    // AUC = (4 + 3.5 + 5)/16 = 12.5/16 = 0.78125
    expect(rocAuc([0.9, 0.8, 0.5, 0.5], [0.5, 0.3, 0.8, 0.1])).toBe(0.78125);
  });

  it('is 1 for perfect separation, 0 for reversed, ½ when all scores tie', () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1);
    expect(rocAuc([1, 2], [3, 4])).toBe(0);
    expect(rocAuc([1, 1, 1], [1, 1])).toBe(0.5);
  });

  it('agrees with the brute-force pair count on random data with many ties', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 20; trial++) {
      const h = Array.from({ length: 1 + rng.int(40) }, () => Math.round(rng.normal(1, 1) * 4) / 4);
      const b = Array.from({ length: 1 + rng.int(40) }, () => Math.round(rng.normal(0, 1) * 4) / 4);
      expect(rocAuc(h, b)).toBeCloseTo(bruteAuc(h, b), 12);
    }
  });

  it('rejects empty inputs', () => {
    expect(() => rocAuc([0.1], [])).toThrow(/^rocAuc: benignScores is empty/);
  });
});

describe('rocCurve', () => {
  const h = [0.9, 0.7, 0.4, 0.7];
  const b = [0.8, 0.3, 0.2, 0.4];

  it('runs from (0,0) to (1,1) with one point per distinct score', () => {
    const pts = rocCurve(h, b);
    expect(pts[0]).toEqual({ tau: Infinity, tpr: 0, fpr: 0 });
    expect(pts.at(-1)).toEqual({ tau: 0.2, tpr: 1, fpr: 1 });
    // distinct scores .9 .8 .7 .4 .3 .2 → 6 points + the +∞ corner
    expect(pts.map((p) => p.tau)).toEqual([Infinity, 0.9, 0.8, 0.7, 0.4, 0.3, 0.2]);
    // hand: τ=.7 blocks harmful .9,.7,.7 (3/4) and benign .8 (1/4)
    expect(pts[3]).toEqual({ tau: 0.7, tpr: 0.75, fpr: 0.25 });
  });

  it('every point equals thresholdRates at its τ', () => {
    for (const p of rocCurve(h, b)) {
      expect({ tpr: p.tpr, fpr: p.fpr }).toEqual(thresholdRates(h, b, p.tau));
    }
  });

  it('has trapezoid area equal to rocAuc', () => {
    const pts = rocCurve(h, b);
    let area = 0;
    for (let i = 1; i < pts.length; i++) {
      area += ((pts[i]!.fpr - pts[i - 1]!.fpr) * (pts[i]!.tpr + pts[i - 1]!.tpr)) / 2;
    }
    expect(area).toBeCloseTo(rocAuc(h, b), 12);
  });
});

describe('costOptimalThreshold', () => {
  const h = [0.9, 0.7, 0.4];
  const b = [0.8, 0.3, 0.2, 0.1];

  it('finds the minimum-cost threshold (hand table)', () => {
    // cost = .1·(1−tpr)·10 + .9·fpr·1
    // τ=∞: 1.0 | .9: .6667 | .8: .6667+.225=.8917 | .7: .3333+.225=.5583 | .4: 0+.225=.225
    // .3: .45 | .2: .675 | .1: .9  → best τ = .4, cost .225
    const best = costOptimalThreshold(h, b, { costMiss: 10, costOverblock: 1, baseRate: 0.1 });
    expect(best.tau).toBe(0.4);
    expect(best.expectedCost).toBeCloseTo(0.225, 12);
    expect(best.tpr).toBe(1);
    expect(best.fpr).toBe(0.25);
  });

  it('blocks less when harmful requests are rarer', () => {
    // baseRate .01: τ=∞: .1 | .9: .01·(2/3)·10 = .0667 | .4: .99·.25 = .2475 → best τ = .9
    const best = costOptimalThreshold(h, b, { costMiss: 10, costOverblock: 1, baseRate: 0.01 });
    expect(best.tau).toBe(0.9);
    expect(best.expectedCost).toBeCloseTo(0.2 / 3, 12);
  });

  it('blocks nothing (τ = +∞) when misses cost nothing', () => {
    const best = costOptimalThreshold(h, b, { costMiss: 0, costOverblock: 1, baseRate: 0.5 });
    expect(best).toEqual({ tau: Infinity, tpr: 0, fpr: 0, expectedCost: 0 });
  });

  it('rejects negative costs and a base rate outside [0, 1]', () => {
    expect(() => costOptimalThreshold(h, b, { costMiss: -1, costOverblock: 1, baseRate: 0.1 })).toThrow(
      /^costOptimalThreshold: costMiss must be ≥ 0/,
    );
    expect(() => costOptimalThreshold(h, b, { costMiss: 1, costOverblock: 1, baseRate: 1.5 })).toThrow(
      /^costOptimalThreshold: baseRate must lie in \[0, 1\]/,
    );
  });
});

describe('precisionAt', () => {
  it('applies Bayes’ rule to the blocked set', () => {
    // .01·.9 / (.01·.9 + .99·.05) = .009/(.009 + .0495) = .009/.0585 = 0.1538462
    expect(precisionAt(0.9, 0.05, 0.01)).toBeCloseTo(0.1538462, 6);
    expect(precisionAt(1, 0, 0.3)).toBe(1);
  });

  it('is NaN when nothing is blocked', () => {
    expect(precisionAt(0, 0, 0.2)).toBeNaN();
  });

  it('rejects rates outside [0, 1]', () => {
    expect(() => precisionAt(1.1, 0, 0.2)).toThrow(/^precisionAt: tpr must lie in \[0, 1\]/);
    expect(() => precisionAt(0.5, -0.1, 0.2)).toThrow(/^precisionAt: fpr/);
    expect(() => precisionAt(0.5, 0.1, NaN)).toThrow(/^precisionAt: baseRate must be a finite number/);
  });
});
