import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { BT_REWARD_LOSE, BT_REWARD_WIN, preferencePairs } from '@math/sims/bradley-terry';
import { labelClusters, preferenceCurvePlot, preferenceRewardsPlot } from '@plots/bradley-terry';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const margins = BT_REWARD_WIN.map((w, i) => w - BT_REWARD_LOSE[i]!);

describe('bradley-terry figures', () => {
  const { pairs } = preferencePairs(margins);

  it('puts each pair on the curve at (margin, σ(margin))', () => {
    const svg = Plot.plot({ ...preferenceCurvePlot({ pairs }), document: doc() });
    // four pairs on σ(m), four on σ(−m)
    expect(svg.querySelectorAll('circle').length).toBe(8);
    expect(pairs[3]!.margin).toBeLessThan(0);
  });

  it('labels pairs at the left edge up and to the right, clear of the y axis', () => {
    // Margins −6, 6, −6, 6: reach 6.5, so the −6 points sit 14 px from the left edge.
    const { pairs: wide } = preferencePairs([-6, 6, -6, 6]);
    const svg = Plot.plot({ ...preferenceCurvePlot({ pairs: wide }), document: doc() });
    const anchorOf = (text: string) => [...svg.querySelectorAll('g[aria-label="text"] text')].find((t) => t.textContent === text)!.parentElement!.getAttribute('text-anchor');
    expect([anchorOf('1, 3'), anchorOf('2, 4')]).toEqual(['start', 'end']);
  });

  it('draws the golden sigmoid chart', async () => {
    const svg = Plot.plot({ ...preferenceCurvePlot({ pairs }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/bradley-terry-curve.svg');
  });

  it('draws the golden rewards chart', async () => {
    const svg = Plot.plot({ ...preferenceRewardsPlot({ pairs }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/bradley-terry-rewards.svg');
  });

  it('gives every pair an arrow pointing from the rejected to the chosen reward, however close the two are', () => {
    // At the notebook's margins pairs 2 and 4 are 0.3 reward units (about 9 px) apart: between the
    // dots their arrows' insets and heads left nothing.
    const svg = Plot.plot({ ...preferenceRewardsPlot({ pairs }), document: doc() });
    const shafts = [...svg.querySelectorAll('g[aria-label="arrow"] path')].map((p) => /^M([\d.-]+),([\d.-]+)L([\d.-]+),([\d.-]+)/.exec(p.getAttribute('d')!)!.slice(1).map(Number));
    expect(shafts).toHaveLength(pairs.length);
    const directions = shafts.map(([x1, , x2]) => Math.sign(x2! - x1!)).sort();
    expect(directions).toEqual(pairs.map((p) => Math.sign(p.rewardWin - p.rewardLose)).sort());
    for (const [x1, , x2] of shafts) expect(Math.abs(x2! - x1!)).toBeGreaterThanOrEqual(6);
  });

  it('a common shift moves the reward dots but not the curve chart', () => {
    const shifted = preferencePairs(margins, 2).pairs;
    const a = Plot.plot({ ...preferenceCurvePlot({ pairs }), document: doc() }).outerHTML;
    const b = Plot.plot({ ...preferenceCurvePlot({ pairs: shifted }), document: doc() }).outerHTML;
    // equal up to floating-point noise in the last digits
    const round = (svg: string) => svg.replace(/\d+\.\d+/g, (m) => Number(m).toFixed(3));
    expect(round(b)).toBe(round(a));
    const ra = Plot.plot({ ...preferenceRewardsPlot({ pairs }), document: doc() }).outerHTML;
    const rb = Plot.plot({ ...preferenceRewardsPlot({ pairs: shifted }), document: doc() }).outerHTML;
    expect(rb).not.toBe(ra);
  });
});

describe('bradley-terry pair labels', () => {
  it('merges the labels of pairs whose points coincide', () => {
    const { pairs } = preferencePairs([1.8, 0.45, 0.9, 0.45]);
    expect(labelClusters(pairs, 0.25).map((c) => c.text)).toEqual(['2, 4', '3', '1']);
    expect(labelClusters(preferencePairs(margins).pairs, 0.25).map((c) => c.text)).toEqual(['4', '2', '3', '1']);
  });
});
