import { describe, expect, it } from 'vitest';
import {
  POLICY_DEFAULT_SEPARATION,
  POLICY_DEFAULT_THRESHOLDS,
  POLICY_HARM_SHARE,
  POLICY_ORIGINAL_BLOCK,
  blockRates,
  evaluatePolicy,
  logitNormalDensity,
  normalCdf,
  solveHarmShare,
} from '@math/sims/policy-matrix';

const logit = (p: number) => Math.log(p / (1 - p));
const defaults = { thresholds: POLICY_DEFAULT_THRESHOLDS, intentShift: 0, separation: POLICY_DEFAULT_SEPARATION };

describe('normalCdf', () => {
  it('matches tabulated values (Abramowitz & Stegun table 26.1) to 1e−7', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(normalCdf(1.5)).toBeCloseTo(0.9331927987, 7);
    expect(normalCdf(-2.5)).toBeCloseTo(0.0062096653, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021049, 7);
  });

  it('keeps relative accuracy in the far tail and is symmetric', () => {
    // Φ(−6) = 9.865876e−10
    expect(normalCdf(-6) / 9.865876e-10).toBeCloseTo(1, 5);
    for (const x of [0.3, 1.7, 4.2]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 12);
  });
});

describe('blockRates and solveHarmShare', () => {
  it('at τ = 0.5 (t = 0) and d = 3: TPR = Φ(1.5), FPR = Φ(−1.5)', () => {
    const r = blockRates(0, 3);
    expect(r.tpr).toBeCloseTo(0.9331928, 6);
    expect(r.fpr).toBeCloseTo(0.0668072, 6);
    // h = (0.88 − 0.0668072)/(0.9331928 − 0.0668072) = 0.8131928/0.8663856 = 0.938604
    expect(solveHarmShare(0.88, 0, 3)).toBeCloseTo(0.938604, 5);
  });

  it('recovers the documented harm shares from the original matrix', () => {
    POLICY_ORIGINAL_BLOCK.forEach((row, i) =>
      row.forEach((b, j) => expect(solveHarmShare(b, logit(POLICY_DEFAULT_THRESHOLDS[j]!), 3)).toBeCloseTo(POLICY_HARM_SHARE[i]![j]!, 3)),
    );
  });
});

describe('evaluatePolicy', () => {
  const e = evaluatePolicy(defaults);

  it('reproduces the original block matrix within 0.001 at the defaults', () => {
    e.cells.forEach((row, i) => row.forEach((c, j) => expect(Math.abs(c.block - POLICY_ORIGINAL_BLOCK[i]![j]!)).toBeLessThan(0.001)));
  });

  it('splits 10,000 requests by the traffic mix, and counts errors per cell', () => {
    // low intent × low severity: 10000 · 0.7 · 0.6 = 4200 requests, 2% harmful
    const c = e.cells[0]![0]!;
    expect(c.volume).toBeCloseTo(4200, 9);
    // benign blocked = 4200 · 0.98 · Φ(−1.5 − logit 0.73) = 4116 · Φ(−2.49460) = 4116 · 0.0063046 = 25.95
    expect(c.benignBlocked).toBeCloseTo(25.95, 1);
    expect(e.cells.flat().reduce((s, x) => s + x.volume, 0)).toBeCloseTo(10000, 9);
  });

  it('gives the totals worked out independently (Python with math.erf)', () => {
    expect(e.totals.blockRate).toBeCloseTo(0.098374, 5);
    expect(e.totals.overRefusal).toBeCloseTo(0.015481, 5);
    expect(e.totals.missRate).toBeCloseTo(0.157968, 5);
    expect(e.totals.lowIntentOverRefusal).toBeCloseTo(0.016372, 5);
    // every high-severity cell uses t = 0 here, so the column's miss rate is 1 − Φ(1.5)
    expect(e.totals.highSeverityMiss).toBeCloseTo(1 - 0.9331928, 6);
  });

  it('an intent shift blocks more from risky intent without touching the low-intent row', () => {
    const s = evaluatePolicy({ ...defaults, thresholds: [0.73, 0.62, 0.6], intentShift: 0.5 });
    expect(s.totals.lowIntentOverRefusal).toBeCloseTo(evaluatePolicy({ ...defaults, thresholds: [0.73, 0.62, 0.6] }).totals.lowIntentOverRefusal, 12);
    expect(s.totals.highSeverityMiss).toBeCloseTo(0.080803, 5);
    expect(s.cells[2]![2]!.tau).toBeCloseTo(1 / (1 + Math.exp(-(logit(0.6) - 1))), 12);
  });

  it('rejects thresholds outside (0, 1) and a wrong number of columns', () => {
    expect(() => evaluatePolicy({ ...defaults, thresholds: [0.5, 1, 0.5] })).toThrow(RangeError);
    expect(() => evaluatePolicy({ ...defaults, thresholds: [0.5, 0.5] })).toThrow(/3 entries/);
  });
});

describe('logitNormalDensity', () => {
  it('is a density: it integrates to about 1', () => {
    const d = logitNormalDensity(1.5, 999);
    const area = d.reduce((s, p) => s + p.density, 0) / 1000;
    expect(area).toBeCloseTo(1, 2);
  });
});
