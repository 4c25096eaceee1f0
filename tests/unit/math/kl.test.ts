import { describe, it, expect } from 'vitest';
import { klDivergence, klRegularizedOptimum } from '@math/index';

describe('klDivergence', () => {
  it('matches Σ p log(p/q) worked by hand', () => {
    // KL([.5,.5] ‖ [.9,.1]) = .5·ln(.5/.9) + .5·ln(.5/.1) = .5·(−0.5877867) + .5·(1.6094379) = 0.5108256
    expect(klDivergence([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(0.5108256, 6);
    expect(klDivergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
  });

  it('treats 0·log 0 as 0 and is Infinity when p puts mass where q has none', () => {
    // KL([1,0] ‖ [.5,.5]) = 1·ln 2 + 0 = 0.6931472
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
  });

  it('rejects non-distributions and mismatched lengths', () => {
    expect(() => klDivergence([0.5, 0.6], [0.5, 0.5])).toThrow(/^klDivergence: p must sum to 1/);
    expect(() => klDivergence([1.5, -0.5], [0.5, 0.5])).toThrow(/^klDivergence: p\[1\] is a negative probability/);
    expect(() => klDivergence([1], [0.5, 0.5])).toThrow(/^klDivergence: p has 1 entries but q has 2/);
    expect(() => klDivergence([], [])).toThrow(/p is empty/);
    expect(() => klDivergence([NaN, 1], [0.5, 0.5])).toThrow(/p\[0\] must be a finite number/);
  });
});

describe('klRegularizedOptimum', () => {
  const ref = [0.5, 0.3, 0.2];
  const rewards = [1, 0, 2];

  it('is the Gibbs distribution π_ref·e^(r/β)/Z, worked by hand for 3 responses at β = 1', () => {
    // weights: .5·e¹ = 1.3591409, .3·e⁰ = 0.3, .2·e² = 1.4778112; Z = 3.1369521
    // π* = [1.3591409, 0.3, 1.4778112] / 3.1369521 = [0.4332680, 0.0956342, 0.4710978]
    // E[r] = 0.4332680·1 + 0.4710978·2 = 1.3754636
    // KL = Σ π*·log(π*/π_ref) = Σ π*·(r/β − log Z) = 1.3754636 − ln 3.1369521 = 1.3754636 − 1.1432517 = 0.2322119
    const { policy, expectedReward, kl } = klRegularizedOptimum(ref, rewards, 1);
    [0.433268, 0.0956342, 0.4710978].forEach((p, i) => expect(policy[i]).toBeCloseTo(p, 6));
    expect(expectedReward).toBeCloseTo(1.3754636, 6);
    expect(kl).toBeCloseTo(0.2322119, 6);
  });

  it('satisfies the Lagrangian stationarity condition r(y) − β log(π*/π_ref) = const', () => {
    // d/dπ(y) [Σ π r − β Σ π log(π/π_ref) − λ(Σ π − 1)] = 0 ⇒ r(y) − β(log(π/π_ref) + 1) = λ for all y
    const beta = 0.5;
    const { policy, kl } = klRegularizedOptimum(ref, rewards, beta);
    const lambdas = policy.map((p, i) => rewards[i]! - beta * Math.log(p / ref[i]!));
    lambdas.forEach((l) => expect(l).toBeCloseTo(lambdas[0]!, 10));
    expect(policy.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(kl).toBeCloseTo(klDivergence(policy, ref), 12);
  });

  it('beats any other distribution on the regularized objective', () => {
    const beta = 0.7;
    const objective = (p: number[]) =>
      p.reduce((a, pi, i) => a + pi * rewards[i]!, 0) - beta * klDivergence(p, ref);
    const best = objective(klRegularizedOptimum(ref, rewards, beta).policy);
    for (const other of [ref, [0, 0, 1], [0.4, 0.1, 0.5], [0.3, 0.05, 0.65], [1 / 3, 1 / 3, 1 / 3]]) {
      expect(best).toBeGreaterThanOrEqual(objective(other) - 1e-12);
    }
  });

  it('tends to the argmax of r as β → 0 and to π_ref as β → ∞', () => {
    const cold = klRegularizedOptimum(ref, rewards, 1e-4);
    expect(cold.policy[2]).toBeCloseTo(1, 12);
    expect(cold.policy[0]).toBeCloseTo(0, 12);
    expect(cold.expectedReward).toBeCloseTo(2, 10);
    // all mass on y₂: KL = −ln 0.2 = 1.6094379
    expect(cold.kl).toBeCloseTo(-Math.log(0.2), 8);
    expect(Number.isFinite(cold.kl)).toBe(true);

    const hot = klRegularizedOptimum(ref, rewards, 1e4);
    hot.policy.forEach((p, i) => expect(p).toBeCloseTo(ref[i]!, 3));
    // E_ref[r] = .5·1 + .2·2 = 0.9
    expect(hot.expectedReward).toBeCloseTo(0.9, 3);
    expect(hot.kl).toBeLessThan(1e-6);
  });

  it('gives zero probability to responses the reference never produces', () => {
    const r = klRegularizedOptimum([0.5, 0, 0.5], [0, 100, 1], 0.1);
    expect(r.policy[1]).toBe(0);
    // support {0, 2}: π*₂ = e^10/(1 + e^10) = 0.9999546
    expect(r.policy[2]).toBeCloseTo(0.9999546, 7);
  });

  it('rejects invalid reference distributions, rewards and β', () => {
    expect(() => klRegularizedOptimum([0.5, 0.4], [1, 2], 1)).toThrow(
      /^klRegularizedOptimum: referenceProbs must sum to 1/,
    );
    expect(() => klRegularizedOptimum([1.2, -0.2], [1, 2], 1)).toThrow(/negative probability/);
    expect(() => klRegularizedOptimum([0.5, 0.5], [1, 2, 3], 1)).toThrow(
      /referenceProbs has 2 entries but rewards has 3/,
    );
    expect(() => klRegularizedOptimum([0.5, 0.5], [1, 2], 0)).toThrow(/^klRegularizedOptimum: beta must be > 0/);
    expect(() => klRegularizedOptimum([0.5, 0.5], [1, Infinity], 1)).toThrow(/rewards\[1\] must be a finite number/);
    // within tolerance: sum 1 + 1e-10 is accepted
    expect(() => klRegularizedOptimum([0.5, 0.5 + 1e-10], [1, 2], 1)).not.toThrow();
  });
});
