import { describe, expect, it } from 'vitest';
import { costOptimalThreshold, createRng, rocAuc, rocCurve } from '@math/index';
import { costOptimumOnCurve, guardrailCurves, sampleGuardrailScores, thresholdSweep } from '@math/sims/threshold-demo';

describe('guardrailCurves (the widget’s one-sort version of rocCurve, rocAuc and thresholdSweep)', () => {
  it('handles ties across the classes: AUC 9.5/12 counted by hand', () => {
    const sample = { harmful: [0.5, 0.5, 0.9, 0.2], benign: [0.5, 0.2, 0.1] };
    const c = guardrailCurves(sample);
    // pairs: each 0.5 gives ½ + 1 + 1, 0.9 gives 3, 0.2 gives 0 + ½ + 1
    expect(c.auc).toBeCloseTo(9.5 / 12, 14);
    expect(c.roc.map((p) => [p.tau, p.tpr, p.fpr])).toEqual([
      [Infinity, 0, 0],
      [0.9, 0.25, 0],
      [0.5, 0.75, 1 / 3],
      [0.2, 1, 2 / 3],
      [0.1, 1, 1],
    ]);
    expect(c.roc).toEqual(rocCurve(sample.harmful, sample.benign));
    expect(c.auc).toBe(rocAuc(sample.harmful, sample.benign));
    expect(c.sweep).toEqual(thresholdSweep(sample));
  });

  it('gives exactly the numbers of the separate functions on seeded samples', () => {
    for (const [seed, n, a] of [[42, 500, 6], [7, 50, 2], [3, 2000, 12]] as const) {
      const s = sampleGuardrailScores(seed, n, a);
      const c = guardrailCurves(s);
      expect(c.roc).toEqual(rocCurve(s.harmful, s.benign));
      expect(c.auc).toBe(rocAuc(s.harmful, s.benign));
      expect(c.sweep).toEqual(thresholdSweep(s));
      expect(c.curve).toEqual(thresholdSweep(s, 0.05, 0.95, 91));
      for (const costs of [{ costMiss: 20, costOverblock: 1, baseRate: 0.05 }, { costMiss: 1, costOverblock: 20, baseRate: 0.005 }, { costMiss: 0, costOverblock: 0, baseRate: 0.5 }]) {
        expect(costOptimumOnCurve(c.roc, costs)).toEqual(costOptimalThreshold(s.harmful, s.benign, costs));
      }
    }
  });
});

describe('sampleGuardrailScores', () => {
  it('draws n harmful then n benign scores from one seeded stream, as rng.beta does', () => {
    const s = sampleGuardrailScores(42, 300, 6);
    const rng = createRng(42);
    expect(s.harmful).toEqual(Array.from({ length: 300 }, () => rng.beta(6, 2)));
    expect(s.benign).toEqual(Array.from({ length: 300 }, () => rng.beta(2, 6)));
  });

  it('has the Beta means a/(a+2) and 2/(2+a)', () => {
    const s = sampleGuardrailScores(7, 4000, 8);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    // sd of a Beta(8, 2) mean over 4000 draws ≈ √(16/1100)/√4000 ≈ .0019
    expect(mean(s.harmful)).toBeCloseTo(0.8, 2);
    expect(mean(s.benign)).toBeCloseTo(0.2, 2);
  });
});
