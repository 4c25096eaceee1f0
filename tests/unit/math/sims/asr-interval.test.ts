import { describe, expect, it } from 'vitest';
import {
  auditSeverities,
  binomialPmf,
  drawAuditUniforms,
  drawReplicateUniforms,
  exactCoverage,
  clopperPearsonCovers,
  intervalsFor,
  replicateCounts,
  severityCounts,
  severityProbabilities,
  simulatedCoverage,
  zFor,
} from '@math/sims/asr-interval';
import jStatModule from 'jstat';

/** C(n, k) pᵏ (1−p)ⁿ⁻ᵏ summed directly (small n only). */
function binomTail(n: number, p: number, from: number, to: number): number {
  let s = 0;
  let c = 1;
  for (let k = 0; k <= n; k++) {
    if (k >= from && k <= to) s += c * p ** k * (1 - p) ** (n - k);
    c = (c * (n - k)) / (k + 1);
  }
  return s;
}

describe('asr-interval: severities', () => {
  it('reproduces the original probabilities at a true rate of .14', () => {
    [0.68, 0.18, 0.1, 0.04].forEach((p, i) => expect(severityProbabilities(0.14)[i]).toBeCloseTo(p, 12));
  });

  it('keeps the 68:18 and 10:4 ratios at other rates and sums to 1', () => {
    const p = severityProbabilities(0.3);
    expect(p[0] / p[1]).toBeCloseTo(68 / 18, 12);
    expect(p[2] / p[3]).toBeCloseTo(10 / 4, 12);
    expect(p[2] + p[3]).toBeCloseTo(0.3, 12);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('draws severities with those frequencies; violations are severity ≥ 2', () => {
    const u = drawAuditUniforms(9, 200_000);
    const c = severityCounts(auditSeverities(u, 0.14));
    expect(c.reduce((a, b) => a + b, 0)).toBe(200_000);
    [0.68, 0.18, 0.1, 0.04].forEach((p, i) => expect(c[i]! / 200_000).toBeCloseTo(p, 2));
  });

  it('a higher true rate only moves responses up in severity (shared draws)', () => {
    const u = drawAuditUniforms(4, 400);
    const lo = auditSeverities(u, 0.05);
    const hi = auditSeverities(u, 0.2);
    const viol = (s: number[]) => s.filter((x) => x >= 2).length;
    expect(viol(hi)).toBeGreaterThan(viol(lo));
    lo.forEach((s, i) => s >= 2 && expect(hi[i]).toBeGreaterThanOrEqual(2));
  });
});

describe('asr-interval: intervals and coverage', () => {
  it('uses the normal quantile for the confidence level', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    expect(zFor(0.9)).toBeCloseTo(1.644854, 5);
    expect(zFor(0.99)).toBeCloseTo(2.575829, 5);
  });

  it('Wald collapses to [0, 0] at zero violations while Wilson and exact do not', () => {
    const ci = intervalsFor(0, 100, 0.95);
    expect(ci.Wald).toEqual([0, 0]);
    // Wilson upper bound at x = 0: z²/n / (1 + z²/n) = .0384146/1.0384146 = .036994
    expect(ci.Wilson[1]).toBeCloseTo(0.036994, 5);
    // Clopper–Pearson upper bound at x = 0: 1 − (α/2)^(1/n) = 1 − .025^(1/100) = .036217
    expect(ci['Clopper–Pearson'][1]).toBeCloseTo(0.036217, 5);
  });

  it('binomial probabilities match the direct formula and sum to 1', () => {
    const pmf = binomialPmf(10, 0.3);
    for (let k = 0; k <= 10; k++) expect(pmf[k]).toBeCloseTo(binomTail(10, 0.3, k, k), 12);
    expect(binomialPmf(2000, 0.5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('exact coverage at n = 10, p = ½ (worked by hand)', () => {
    // Wald covers ½ for k = 3…7 (k = 2: .2 + 1.96·√(.016) = .448 < .5): 912/1024.
    // Wilson covers ½ iff |k/10 − ½| ≤ 1.96·√(.025) = .31, i.e. k = 2…8: 1002/1024.
    const c = exactCoverage(10, 0.5, 0.95);
    expect(c.Wald).toBeCloseTo(912 / 1024, 10);
    expect(c.Wilson).toBeCloseTo(1002 / 1024, 10);
  });

  it('exact Clopper–Pearson coverage agrees with the tail-test inversion', () => {
    // p lies in the CP interval of k iff P(X ≥ k | p) > α/2 and P(X ≤ k | p) > α/2.
    for (const [n, p] of [[30, 0.1], [50, 0.37], [80, 0.02]] as const) {
      let cov = 0;
      for (let k = 0; k <= n; k++) {
        if (binomTail(n, p, k, n) > 0.025 && binomTail(n, p, 0, k) > 0.025) cov += binomTail(n, p, k, k);
      }
      expect(exactCoverage(n, p, 0.95)['Clopper–Pearson']).toBeCloseTo(cov, 9);
      expect(cov).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('Wald under-covers rare events: n = 100, p = .005 covers only when X ≥ 1', () => {
    // P(X = 0) = .995¹⁰⁰ = .605770; coverage ≈ 1 − .605770 − P(X ≥ 5) (≈ .00015)
    const c = exactCoverage(100, 0.005, 0.95);
    expect(c.Wald).toBeCloseTo(0.39408, 4);
    expect(c['Clopper–Pearson']).toBeGreaterThanOrEqual(0.95);
  });

  it('replicate audits are binomial draws and their coverage tracks the exact value', () => {
    const n = 300;
    const counts = replicateCounts(drawReplicateUniforms(42, 200), binomialPmf(n, 0.14));
    expect(counts).toHaveLength(200);
    const mean = counts.reduce((a, b) => a + b, 0) / 200;
    // E = 42, sd of the mean = √(300·.14·.86)/√200 = .425
    expect(Math.abs(mean - 42)).toBeLessThan(1.7);
    const sim = simulatedCoverage(counts, n, 0.14, 0.95);
    const exact = exactCoverage(n, 0.14, 0.95);
    // 200 replicates: sd ≈ √(.95·.05/200) = .015
    for (const m of ['Wald', 'Wilson', 'Clopper–Pearson'] as const) expect(Math.abs(sim[m] - exact[m])).toBeLessThan(0.05);
  });
});

describe('asr-interval: replicate counts by the inverse binomial CDF', () => {
  const jStat = ((jStatModule as unknown as { jStat?: unknown }).jStat ?? jStatModule) as unknown as {
    binomial: { cdf(k: number, n: number, p: number): number };
  };
  const u = (xs: number[]) => Float64Array.from(xs);

  it('reads off the quantiles worked out by hand', () => {
    // n = 1: P(X ≤ 0) = 1 − p = .7, so u ≤ .7 gives 0 and u > .7 gives 1.
    expect(replicateCounts(u([0, 0.3, 0.7, 0.7001, 0.99]), binomialPmf(1, 0.3))).toEqual([0, 0, 0, 1, 1]);
    // n = 2, p = ½: CDF .25, .75, 1.
    expect(replicateCounts(u([0.25, 0.2501, 0.75, 0.7501, 1]), binomialPmf(2, 0.5))).toEqual([0, 1, 1, 2, 2]);
    // Order of the uniforms is kept in the output.
    expect(replicateCounts(u([0.9, 0.1, 0.5]), binomialPmf(2, 0.5))).toEqual([2, 0, 1]);
  });

  it('agrees with the quantile found from jstat’s binomial CDF', () => {
    const draws = drawReplicateUniforms(5, 300);
    for (const [n, p] of [[20, 0.5], [137, 0.14], [1000, 0.003], [2000, 0.49], [50, 0.001]] as const) {
      const counts = replicateCounts(draws, binomialPmf(n, p));
      draws.forEach((v, r) => {
        let k = 0;
        while (k < n && jStat.binomial.cdf(k, n, p) < v - 1e-12) k++;
        // Only a uniform within rounding of a CDF step could land on either side of it.
        if (Math.abs(jStat.binomial.cdf(k, n, p) - v) > 1e-9) expect(counts[r], `n ${n} p ${p} u ${v}`).toBe(k);
      });
    }
  });

  it('never lowers a replicate’s count as the rate or the audit size grows', () => {
    const draws = drawReplicateUniforms(9, 200);
    let prev = replicateCounts(draws, binomialPmf(300, 0.01));
    for (const p of [0.02, 0.05, 0.14, 0.3, 0.5]) {
      const next = replicateCounts(draws, binomialPmf(300, p));
      next.forEach((c, r) => expect(c).toBeGreaterThanOrEqual(prev[r]!));
      prev = next;
    }
    prev = replicateCounts(draws, binomialPmf(100, 0.14));
    for (const n of [200, 500, 1000]) {
      const next = replicateCounts(draws, binomialPmf(n, 0.14));
      next.forEach((c, r) => expect(c).toBeGreaterThanOrEqual(prev[r]!));
      prev = next;
    }
  });

  it('the same seed gives the same replicates; rejects a pmf with no trials', () => {
    expect(drawReplicateUniforms(3, 50)).toEqual(drawReplicateUniforms(3, 50));
    expect(drawReplicateUniforms(3, 50)).not.toEqual(drawReplicateUniforms(4, 50));
    expect(() => replicateCounts(u([0.5]), Float64Array.of(1))).toThrow(RangeError);
    expect(() => drawReplicateUniforms(3, 0)).toThrow(RangeError);
  });
});

describe('asr-interval: Clopper–Pearson coverage read off the binomial tails', () => {
  // The second method: compute each count's interval from beta quantiles and ask whether it holds ρ.
  const byQuantiles = (n: number, rate: number, confidence: number) =>
    Array.from({ length: n + 1 }, (_, k) => {
      const [low, high] = intervalsFor(k, n, confidence)['Clopper–Pearson'];
      return low <= rate && rate <= high ? 1 : 0;
    });

  it('says for every count what the computed intervals say, across n, ρ and the confidence level', () => {
    for (const n of [1, 2, 20, 137, 400])
      for (const rate of [0, 0.001, 0.03, 0.14, 0.5, 0.77, 1])
        for (const level of [0.8, 0.9, 0.95, 0.99])
          expect([...clopperPearsonCovers(binomialPmf(n, rate), level)], `n=${n} ρ=${rate} level=${level}`).toEqual(byQuantiles(n, rate, level));
  });

  it('n = 2, ρ = ½ by hand: P(X ≥ 2) = P(X ≤ 0) = ¼, kept at the 90% level (α/2 = .05), dropped at 40% (α/2 = .3)', () => {
    expect([...clopperPearsonCovers(binomialPmf(2, 0.5), 0.9)]).toEqual([1, 1, 1]);
    expect([...clopperPearsonCovers(binomialPmf(2, 0.5), 0.4)]).toEqual([0, 1, 0]);
  });

  it('coverage with a pmf passed in equals coverage computed afresh', () => {
    for (const rate of [0.002, 0.14, 0.5, 0.141]) {
      const pmf = binomialPmf(400, rate);
      const counts = replicateCounts(drawReplicateUniforms(3, 50), pmf);
      expect(exactCoverage(400, rate, 0.93, pmf)).toEqual(exactCoverage(400, rate, 0.93));
      expect(simulatedCoverage(counts, 400, rate, 0.93, pmf)).toEqual(simulatedCoverage(counts, 400, rate, 0.93));
    }
  });

  it('rejects a level outside (0, 1) and a pmf too short to be a binomial', () => {
    expect(() => clopperPearsonCovers(binomialPmf(5, 0.2), 1)).toThrow(RangeError);
    expect(() => clopperPearsonCovers(new Float64Array([1]), 0.95)).toThrow(/at least 2 entries/);
  });
});
