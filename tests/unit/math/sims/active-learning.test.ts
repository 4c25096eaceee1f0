import { describe, expect, it } from 'vitest';
import { buildQueue, gainCurve, normalizeWeights, sampleReviewPool, type ReviewPool } from '@math/sims/active-learning';

const tiny: ReviewPool = {
  risk: [0.9, 0.1, 0.5, 0.3],
  uncertainty: [0.1, 0.9, 0.5, 0.2],
  diversity: [0, 1, 0.5, 0.4],
  violating: [1, 0, 1, 0],
};

describe('active-learning: pool', () => {
  it('is reproducible and has the original distributions', () => {
    expect(sampleReviewPool(3, 50)).toEqual(sampleReviewPool(3, 50));
    const p = sampleReviewPool(42, 40_000);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(p.risk)).toBeCloseTo(2 / 7, 2); // Beta(2,5) mean
    expect(avg(p.uncertainty)).toBeCloseTo(0.5, 2); // Beta(3,3)
    expect(avg(p.diversity)).toBeCloseTo(0.5, 2);
    // P(violating) = E[r] = 2/7
    expect(avg(p.violating)).toBeCloseTo(2 / 7, 2);
  });
});

describe('active-learning: queue', () => {
  it('normalises the weights to sum 1, keeping zeros', () => {
    const w = normalizeWeights({ risk: 2, uncertainty: 0, diversity: 2 });
    expect(w).toEqual({ risk: 0.5, uncertainty: 0, diversity: 0.5 });
    expect(normalizeWeights({ risk: 0, uncertainty: 0, diversity: 0 })).toEqual({ risk: 0, uncertainty: 0, diversity: 0 });
    expect(() => normalizeWeights({ risk: -1, uncertainty: 0, diversity: 0 })).toThrow(/risk/);
  });

  it('ranks a tiny pool by hand', () => {
    // Risk only: u = r = [.9, .1, .5, .3] → order 0, 2, 3, 1; top 2 = both violating items.
    const q = buildQueue(tiny, { risk: 1, uncertainty: 0, diversity: 0 }, 2);
    expect(q.order).toEqual([0, 2, 3, 1]);
    expect(q.queue).toEqual([0, 2]);
    expect(q.queueMeanUtility).toBeCloseTo(0.7, 12);
    expect(q.randomMeanUtility).toBeCloseTo(1.8 / 4, 12);
    expect(q.violatingInQueue).toBe(2);
    expect(q.randomExpectedViolating).toBeCloseTo(1, 12); // k·V/n = 2·2/4
    expect(gainCurve(q.order, tiny.violating)).toEqual([0, 1, 2, 2, 2]);
  });

  it('breaks ties by index, so a queue can do no better than random', () => {
    // Risk + uncertainty, equal weights: u = [.5, .5, .5, .25] → three-way tie, items 0, 1 chosen.
    const q = buildQueue(tiny, { risk: 1, uncertainty: 1, diversity: 0 }, 2);
    expect(q.queue).toEqual([0, 1]);
    expect(q.violatingInQueue).toBe(1);
    expect(q.violatingInQueue).toBe(q.randomExpectedViolating);
  });

  it('rescaling the weights changes nothing about the queue', () => {
    const pool = sampleReviewPool(42, 200);
    const a = buildQueue(pool, { risk: 0.5, uncertainty: 0.35, diversity: 0.15 }, 10);
    const b = buildQueue(pool, { risk: 2, uncertainty: 1.4, diversity: 0.6 }, 10);
    expect(b.queue).toEqual(a.queue);
    expect(b.queueMeanUtility).toBeCloseTo(a.queueMeanUtility, 12);
  });

  it('the random queue’s expected mean utility is the average over every possible queue', () => {
    const pool = sampleReviewPool(8, 6);
    const q = buildQueue(pool, { risk: 0.5, uncertainty: 0.35, diversity: 0.15 }, 3);
    let total = 0;
    let count = 0;
    for (let i = 0; i < 6; i++)
      for (let j = i + 1; j < 6; j++)
        for (let l = j + 1; l < 6; l++) {
          total += (q.utility[i]! + q.utility[j]! + q.utility[l]!) / 3;
          count++;
        }
    expect(count).toBe(20);
    expect(q.randomMeanUtility).toBeCloseTo(total / count, 12);
    expect(q.queueMeanUtility).toBeGreaterThanOrEqual(q.randomMeanUtility);
  });

  it('risk weight finds violating items; uncertainty alone does no better than chance', () => {
    const pool = sampleReviewPool(42, 20_000);
    const base = pool.violating.reduce<number>((s, v) => s + v, 0) / 20_000;
    const byRisk = buildQueue(pool, { risk: 1, uncertainty: 0, diversity: 0 }, 2000);
    const byUnc = buildQueue(pool, { risk: 0, uncertainty: 1, diversity: 0 }, 2000);
    expect(byRisk.violatingInQueue / 2000).toBeGreaterThan(base + 0.2);
    // Uncertainty is drawn independently of risk: the queue's rate matches the base rate
    // within a few standard errors (√(.29·.71/2000) ≈ .01).
    expect(Math.abs(byUnc.violatingInQueue / 2000 - base)).toBeLessThan(0.035);
  });

  it('clamps the budget to the pool', () => {
    expect(buildQueue(tiny, { risk: 1, uncertainty: 0, diversity: 0 }, 10).queue).toHaveLength(4);
    expect(Number.isNaN(buildQueue(tiny, { risk: 1, uncertainty: 0, diversity: 0 }, 0).queueMeanUtility)).toBe(true);
  });
});
