import { describe, expect, it } from 'vitest';
import { KL_DEMO_RESPONSES, bestProxyTrue, klSweep, klTradeoff, logSpacedGrid, proxyRewards } from '@math/sims/kl-optimum';

const ref = KL_DEMO_RESPONSES.map((r) => r.ref);
const reward = KL_DEMO_RESPONSES.map((r) => r.reward);
const proxy = proxyRewards(reward, 4, 1.0);

describe('kl-optimum demo set', () => {
  it('is a probability distribution with the reference earning 0.568', () => {
    expect(ref.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // 0.18·0.2 + 0.35·0.4 + 0.15·1 + 0.30·0.8 + 0.02·0.1 = 0.036 + 0.14 + 0.15 + 0.24 + 0.002
    expect(reward.reduce((s, r, i) => s + r * ref[i]!, 0)).toBeCloseTo(0.568, 12);
  });
});

describe('proxyRewards', () => {
  it('adds the error to one response only', () => {
    expect(proxyRewards([0.2, 0.4], 1, 0.5)).toEqual([0.2, 0.9]);
    expect(() => proxyRewards([0.2, 0.4], 2, 0.5)).toThrow(RangeError);
  });
});

describe('logSpacedGrid', () => {
  it('spaces evenly in log10 and hits both ends exactly', () => {
    const g = logSpacedGrid(0.01, 10, 4);
    expect(g).toHaveLength(4);
    expect(g[0]).toBe(0.01);
    expect(g[1]).toBeCloseTo(0.1, 12);
    expect(g[2]).toBeCloseTo(1, 12);
    expect(g[3]).toBe(10);
    expect(() => logSpacedGrid(1, 1, 3)).toThrow(RangeError);
  });
});

describe('klTradeoff', () => {
  it('matches the closed form on two responses', () => {
    // π_ref = (½, ½), r = (0, 1), β = 1: π* = (1, e)/(1 + e) = (0.2689414, 0.7310586);
    // KL = 0.2689414·log 0.5378828 + 0.7310586·log 1.4621172 = −0.1667745 + 0.2777185 = 0.1109441
    const t = klTradeoff([0.5, 0.5], [0, 1], [0, 1], 1);
    expect(t.honestPolicy[1]).toBeCloseTo(0.7310586, 6);
    expect(t.honestReward).toBeCloseTo(0.7310586, 6);
    expect(t.honestKl).toBeCloseTo(0.1109441, 6);
    expect(t.proxyTrue).toBeCloseTo(t.honestReward, 12);
  });

  it('at β = 0.2 the proxy overstates what its policy earns', () => {
    // second method (Python, direct exp/normalize): proxy policy (0.010497, 0.055484, 0.477615, 0.351409, 0.104994)
    const t = klTradeoff(ref, reward, proxy, 0.2);
    [0.010497, 0.055484, 0.477615, 0.351409, 0.104994].forEach((p, i) => expect(t.proxyPolicy[i]).toBeCloseTo(p, 5));
    expect(t.proxyEstimate).toBeCloseTo(0.898529, 5);
    expect(t.proxyTrue).toBeCloseTo(0.793535, 5);
    expect(t.proxyKl).toBeCloseTo(0.650814, 5);
    expect(t.honestReward).toBeCloseTo(0.874282, 5);
    expect(t.honestKl).toBeCloseTo(0.639715, 5);
  });

  it('at β = 0.05 the proxy-optimal policy puts half its mass on flattery', () => {
    const t = klTradeoff(ref, reward, proxy, 0.05);
    expect(t.proxyPolicy[4]).toBeCloseTo(0.487279, 5);
    expect(t.proxyTrue).toBeCloseTo(0.557821, 5);
    expect(t.proxyEstimate - t.proxyTrue).toBeGreaterThan(0.48);
  });
});

describe('klSweep and bestProxyTrue', () => {
  const points = klSweep(ref, reward, proxy, logSpacedGrid(0.01, 10, 121));

  it('has a frontier whose reward falls and KL falls as β grows', () => {
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.honestReward).toBeLessThanOrEqual(points[i - 1]!.honestReward + 1e-12);
      expect(points[i]!.honestKl).toBeLessThanOrEqual(points[i - 1]!.honestKl + 1e-12);
    }
  });

  it('never lets the proxy-optimal policy beat the true optimum on the true objective r − β·KL', () => {
    // The true-reward optimum maximizes r − β·KL, so the proxy policy cannot score higher on that objective.
    for (const p of points) expect(p.proxyTrue - p.beta * p.proxyKl).toBeLessThanOrEqual(p.honestReward - p.beta * p.honestKl + 1e-12);
  });

  it('finds the hacking peak: true reward 0.7994 at β ≈ 0.158, then a fall to flattery’s 0.1', () => {
    const best = bestProxyTrue(points);
    expect(best.beta).toBeCloseTo(0.158489, 5);
    expect(best.proxyTrue).toBeCloseTo(0.799352, 5);
    expect(points[0]!.proxyTrue).toBeLessThan(0.11);
    expect(points[points.length - 1]!.proxyTrue).toBeCloseTo(0.57, 1);
  });

  it('rejects an empty sweep', () => {
    expect(() => bestProxyTrue([])).toThrow(RangeError);
  });
});
