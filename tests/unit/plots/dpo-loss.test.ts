import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { DPO_DEMO_BETA, DPO_DEMO_LOSE, DPO_DEMO_WIN, dpoDemo, dpoLossCurve } from '@math/sims/dpo-loss';
import { dpoCurvePlot, dpoPairsPlot } from '@plots/dpo-loss';
import { polylineHits } from '@plots/theme';
import { nearbyGroups } from '@plots/theme';
import { textSpan } from './text-anchor';

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

  it('groups the labels of pairs whose margins nearly coincide', () => {
    // margins 0.14, 0.07, −0.01, 0.15 all sit within one label width (0.32) of −0.01: one group, in
    // margin order (the levels 2, 1, 0, 3 the pairs had in the old stacked labels)
    expect(nearbyGroups([0.14, 0.07, -0.01, 0.15], (m) => m, 0.32)).toEqual([[-0.01, 0.07, 0.14, 0.15]]);
    expect(nearbyGroups([-2, 0, 2], (m) => m, 0.32)).toEqual([[-2], [0], [2]]);
  });

  it('labels pairs with (nearly) coinciding margins once: up and right of their point, or level with it near the top', () => {
    // Text marks only (the axes' tick labels are numbers too), with their group's offset.
    const labels = (el: Element) =>
      [...el.querySelectorAll('g[aria-label="text"] text')]
        .filter((t) => /^\d/.test(t.textContent!))
        .map((t) => ({ text: t.textContent, anchor: t.parentElement!.getAttribute('text-anchor') ?? 'middle', offset: t.parentElement!.getAttribute('transform') }));
    // The notebook margins 0.14, 0.07, −0.01, 0.15 fall within one label width: one label, up and right
    // of the point, where the falling curve leaves room.
    const low = Plot.plot({ ...dpoCurvePlot({ curve, rows: demo.rows, selected: 3 }), document: doc() });
    expect(labels(low)).toEqual([{ text: '1, 2, 3, 4', anchor: 'start', offset: 'translate(6,-14)' }]);
    // β = 2 and Δ_w − Δ_l = −6.75 for every pair: margins −13.5, losses ≈ 13.5, 9 px below the top of a 0–14 axis.
    const top = dpoDemo(2, [-3.375, -3.375, -3.375, -3.375], [3.375, 3.375, 3.375, 3.375]);
    const high = Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(14), rows: top.rows, selected: 1 }), document: doc() });
    expect(labels(high)).toEqual([{ text: '1, 2, 3, 4', anchor: 'start', offset: 'translate(13,0)' }]);
    // Margins far apart keep a label each; the one at the right edge runs leftwards.
    const apart = dpoDemo(1, [-2, 0, 2, 3], [2, 0, -2, -3]);
    const four = labels(Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(6), rows: apart.rows }), document: doc() }));
    expect(four.map((l) => `${l.text}:${l.anchor}`).sort()).toEqual(['1:start', '2:start', '3:start', '4:end']);
  });

  it('moves "log 2" left along its line when a pair at the right edge would cover it', () => {
    const logTwoX = (rows: typeof demo.rows, h: number) => {
      const svg = Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(h), rows }), document: doc() });
      const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'log 2')!;
      return Number(/translate\(([^,]+),/.exec(t.parentElement!.getAttribute('transform') ?? 'translate(0,0)')![1]);
    };
    expect(logTwoX(demo.rows, 3)).toBe(0);
    // β = 2, pair 1 at Δ_w − Δ_l = 6: margin 12 at the right end of a ±14 axis.
    expect(logTwoX(dpoDemo(2, [3, 0, 0.5, 1], [-3, 0, 0, 0]).rows, 14)).toBeLessThan(-20);
  });

  it('moves "loser ranked higher" to the top of its region when the grown axis crowds the bottom, unless pairs sit there', () => {
    const place = (rows: typeof demo.rows, h: number) => {
      const svg = Plot.plot({ ...dpoCurvePlot({ curve: dpoLossCurve(h), rows }), document: doc() }) as unknown as Element;
      const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'loser ranked higher')!;
      const { x0, x1, y } = textSpan(t, 6.4);
      const box = { x0, x1, y0: y - 7, y1: y + 5 };
      // The log 2 rule and the dashed weight curve.
      const rule = Number([...svg.querySelectorAll('g[stroke-dasharray="3,3"] line')][0]!.getAttribute('y1'));
      const weight = [...svg.querySelectorAll('g[stroke-dasharray="6,4"] path')][0]!.getAttribute('d')!;
      const pts = [...weight.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      return { top: box.y0 < 24 + 40, crossed: (rule > box.y0 && rule < box.y1) || polylineHits(pts.map((p) => p[0]!), pts.map((p) => p[1]!), box, 0) };
    };
    // The notebook's axis (±3): lower left, clear.
    expect(place(demo.rows, 3)).toEqual({ top: false, crossed: false });
    // β = 2 with pair 1 at Δ_w 3, Δ_l −3 (margin 12) on a ±14 axis: the rule and the weight curve ran through it.
    expect(place(dpoDemo(2, [3, 0, 0.5, 1], [-3, 0, 0, 0]).rows, 14)).toEqual({ top: true, crossed: false });
    // Every pair at margin −13.5, near the top: the label keeps to the lower left.
    expect(place(dpoDemo(2, [-3.375, -3.375, -3.375, -3.375], [3.375, 3.375, 3.375, 3.375]).rows, 14).top).toBe(false);
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
