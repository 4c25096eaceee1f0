import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { DPO_DEMO_BETA, DPO_DEMO_LOSE, DPO_DEMO_WIN, dpoDemo, dpoLossCurve } from '@math/sims/dpo-loss';
import { dpoCurvePlot, dpoPairsPlot, stackedLabelLevels } from '@plots/dpo-loss';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('dpo-loss figures', () => {
  const demo = dpoDemo(DPO_DEMO_BETA, DPO_DEMO_WIN, DPO_DEMO_LOSE);
  const curve = dpoLossCurve(3);

  it('draws four bars per pair, one of them below zero for pair 1 (βΔ_l = −0.02)', () => {
    const svg = Plot.plot({ ...dpoPairsPlot({ rows: demo.rows, selected: 3 }), document: doc() });
    expect(svg.querySelectorAll('rect').length).toBeGreaterThanOrEqual(16);
    expect(svg.textContent).toContain('▸ pair 3 ◂');
    expect(demo.rows[0]!.rewardLose).toBeCloseTo(-0.02, 12);
  });

  it('stacks the labels of pairs whose margins nearly coincide', () => {
    // margins 0.14, 0.07, −0.01, 0.15 all sit within one label width (0.32) of −0.01
    expect(stackedLabelLevels([0.14, 0.07, -0.01, 0.15], 0.32)).toEqual([2, 1, 0, 3]);
    expect(stackedLabelLevels([-2, 0, 2], 0.32)).toEqual([0, 0, 0]);
  });

  it('labels pairs with (nearly) coinciding margins once: above their point, or beside it where the curve falls steeply', () => {
    // Text marks only (the axes' tick labels are numbers too).
    const labels = (el: Element) =>
      [...el.querySelectorAll('g[aria-label="text"] text')].map((t) => ({ text: t.textContent, anchor: t.parentElement!.getAttribute('text-anchor') ?? 'middle' }));
    // The notebook margins 0.14, 0.07, −0.01, 0.15 fall within one label width: one label, centred above.
    const low = Plot.plot({ ...dpoCurvePlot({ curve, rows: demo.rows, selected: 3 }), document: doc() });
    expect(labels(low).filter((l) => /^\d/.test(l.text!))).toEqual([{ text: '1, 2, 3, 4', anchor: 'middle' }]);
    // β = 2 and Δ_w − Δ_l = −6 for every pair: four margins of −12, losses ≈ 12 near the top of a 0–14 axis.
    const top = dpoDemo(2, [-3, -3, -3, -3], [3, 3, 3, 3]);
    const high = Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(14), rows: top.rows, selected: 1 }), document: doc() });
    expect(labels(high).filter((l) => /^\d/.test(l.text!))).toEqual([{ text: '1, 2, 3, 4', anchor: 'start' }]);
    // Margins far apart keep a label each.
    const apart = dpoDemo(1, [-2, 0, 2, 3], [2, 0, -2, -3]);
    expect(labels(Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(6), rows: apart.rows }), document: doc() })).map((l) => l.text).filter((t) => /^\d/.test(t!)).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('draws the golden bar chart at the notebook values', async () => {
    const svg = Plot.plot({ ...dpoPairsPlot({ rows: demo.rows, selected: 3 }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/dpo-loss-pairs.svg');
  });

  it('draws the golden loss curve with the pairs at the notebook values', async () => {
    const svg = Plot.plot({ ...dpoCurvePlot({ curve, rows: demo.rows, selected: 3 }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/dpo-loss-curve.svg');
  });
});
