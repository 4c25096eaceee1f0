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

  it('writes a stack that would rise out of the plot as one line beside its point', () => {
    // β = 2 and Δ_w − Δ_l = −6 for every pair: four margins of −12, losses ≈ 12 near the top of a 0–14 axis.
    const top = dpoDemo(2, [-3, -3, -3, -3], [3, 3, 3, 3]);
    const svg = Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(14), rows: top.rows, selected: 1 }), document: doc() });
    // Text marks only (the axes' tick labels are numbers too).
    const marks = (el: Element) => [...el.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
    const texts = marks(svg);
    expect(texts).toContain('1, 2, 3, 4');
    expect(texts.filter((t) => /^[1-4]$/.test(t!))).toEqual([]);
    // At the notebook values the pairs sit low on the curve and keep their stacked numbers.
    const low = Plot.plot({ ...dpoCurvePlot({ curve, rows: demo.rows, selected: 3 }), document: doc() });
    expect(marks(low).filter((t) => /^[1-4]$/.test(t!)).sort()).toEqual(['1', '2', '3', '4']);
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
