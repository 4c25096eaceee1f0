import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { rocAuc, rocCurve, thresholdRates } from '@math/index';
import { guardrailCurves, sampleGuardrailScores, thresholdSweep } from '@math/sims/threshold-demo';
import { RATES_FRAME, ratesPlot, rocPlot, throughTau } from '@plots/threshold';
import { polylineHits } from '@plots/theme';
import { anchorOf, textSpan } from './text-anchor';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('threshold-tradeoff figures', () => {
  const sample = sampleGuardrailScores(42, 500, 6);
  const sweep = thresholdSweep(sample);
  const { curve } = guardrailCurves(sample);
  const at = (tau: number) => thresholdRates(sample.harmful, sample.benign, tau);
  const rates = (tau: number, optimumTau: number) => ratesPlot({ curve, tau, at: at(tau), optimumTau });

  it('sweeps 30 thresholds from 0.05 to 0.95 with falling block rates', () => {
    expect(sweep).toHaveLength(30);
    expect(sweep[0].tau).toBeCloseTo(0.05, 12);
    expect(sweep[29].tau).toBeCloseTo(0.95, 12);
    for (let i = 1; i < sweep.length; i++) {
      expect(sweep[i].tpr).toBeLessThanOrEqual(sweep[i - 1].tpr);
      expect(sweep[i].fpr).toBeLessThanOrEqual(sweep[i - 1].fpr);
    }
  });

  it('draws the golden rates chart at seed 42', async () => {
    const svg = Plot.plot({ ...rates(0.5, 0.513), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/threshold-rates.svg');
  });

  it('draws the golden ROC chart at seed 42', async () => {
    const { tpr, fpr } = thresholdRates(sample.harmful, sample.benign, 0.5);
    const svg = Plot.plot({ ...rocPlot({ roc: rocCurve(sample.harmful, sample.benign), point: { tpr, fpr }, auc: rocAuc(sample.harmful, sample.benign) }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/threshold-roc.svg');
  });

  it('the cost-optimal label runs inward when the optimum sits at an edge ("block nothing" puts it at τ = 1)', () => {
    const at = (optimumTau: number) => anchorOf(Plot.plot({ ...rates(0.5, optimumTau), document: doc() }), 'cost-optimal');
    expect(at(1)).toBe('end');
    expect(at(0.05)).toBe('start');
    expect(at(0.513)).toBe('middle');
  });

  it('finds a line through a box, with a pixel to spare, and misses one that passes beside it', () => {
    const box = { x0: 10, x1: 20, y0: 10, y1: 20 };
    expect(polylineHits([0, 30], [15, 15], box)).toBe(true);
    expect(polylineHits([0, 30], [0, 30], box)).toBe(true);
    expect(polylineHits([0, 30], [22, 22], box)).toBe(false);
    expect(polylineHits([0, 30], [21, 21], box)).toBe(true);
    expect(polylineHits([0, 5, 8.5], [15, 15, 15], box)).toBe(false);
    expect(polylineHits([0, 30], [40, -10], { x0: 0, x1: 5, y0: 0, y1: 10 })).toBe(false);
  });

  // Found at τ 0.20 with a miss costing 1 and an over-block 20: the dashed rule at τ* 0.767 and the
  // steep TPR curve both ran through "harmful (TPR)".
  it.each([3, 6, 12])('keeps the cost-optimal rule and both curves out of the two curve names (separation %s)', (separation) => {
    const s = sampleGuardrailScores(42, 500, separation);
    const { curve: c } = guardrailCurves(s);
    const { height, marginTop: top, marginLeft: left } = RATES_FRAME;
    const bottom = height - RATES_FRAME.marginBottom, right = RATES_FRAME.width - RATES_FRAME.marginRight;
    const py = (r: number) => bottom - r * (bottom - top);
    const px = (t: number) => left + t * (right - left);
    const polyline = (key: 'tpr' | 'fpr') => [c.map((d) => px(d.tau)), c.map((d) => py(d[key]))] as const;
    for (let k = 25; k <= 100; k += 3) {
      const optimumTau = k / 100;
      const svg = Plot.plot({ ...ratesPlot({ curve: c, tau: 0.2, at: thresholdRates(s.harmful, s.benign, 0.2), optimumTau }), document: doc() }) as unknown as Element;
      const ruleX = [...svg.querySelectorAll('g[aria-label="rule"] line')].map((l) => Number(l.getAttribute('x1'))).find((x) => Math.abs(x - px(optimumTau)) < 1e-6)!;
      expect(ruleX).toBeDefined();
      for (const name of ['harmful (TPR)', 'benign (FPR)']) {
        const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === name)!;
        // 13 px sans runs about 7 px a character.
        const { x0, x1, y: cy } = textSpan(t, 7.2);
        const box = { x0, x1, y0: cy - 6, y1: cy + 3 };
        expect(ruleX < box.x0 - 2 || ruleX > box.x1 + 2, `${name} at τ* ${optimumTau}`).toBe(true);
        for (const key of ['tpr', 'fpr'] as const) expect(polylineHits(...polyline(key), box, 0), `${key} through ${name} at τ* ${optimumTau}`).toBe(false);
      }
    }
  });

  // At separation 12 the TPR is 1 up to τ ≈ 0.6, so the τ dot rides the top edge, under the label.
  it('keeps the cost-optimal label above the τ dot on the top edge, with τ at the optimum', () => {
    const s = sampleGuardrailScores(42, 500, 12);
    const { curve: c } = guardrailCurves(s);
    for (const t of [0.3, 0.5, 0.6]) {
      const at = thresholdRates(s.harmful, s.benign, t);
      const svg = Plot.plot({ ...ratesPlot({ curve: c, tau: t, at, optimumTau: t }), document: doc() }) as unknown as Element;
      const label = textSpan([...svg.querySelectorAll('text')].find((e) => e.textContent === 'cost-optimal τ')!, 7.2);
      const dot = [...svg.querySelectorAll('circle')].map((d) => Number(d.getAttribute('cy')) - 4).sort((a, b) => a - b)[0]!;
      // The text's glyphs reach about 3 px below its centre line.
      expect(label.y + 3, `τ ${t}, TPR ${at.tpr}`).toBeLessThan(dot - 1);
    }
  });

  it('puts the cost-optimal label at the foot of its rule in the left quarter, clear of the axis title above', () => {
    const yOf = (optimumTau: number) => {
      const svg = Plot.plot({ ...rates(0.5, optimumTau), document: doc() });
      const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'cost-optimal τ')!;
      return Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute('transform')!)![1]);
    };
    const height = rates(0.5, 0.5).height!;
    expect(yOf(0.1)).toBeGreaterThan(height / 2);
    expect(yOf(0.3)).toBeLessThan(height / 2);
  });

  // The dots were once filtered from the 30-point table sweep, which holds no τ on the slider's
  // 0.01 grid but 0.05 and 0.95, so they almost never showed.
  it.each([0.5, 0.37, 0.503, 0.05, 0.95])('marks the block rates at τ = %s with two dots that sit on the two curves', (tau) => {
    const svg = Plot.plot({ ...rates(tau, 0.513), document: doc() }) as unknown as Element;
    const dots = [...svg.querySelectorAll('circle')];
    expect(dots).toHaveLength(2);
    // Plot's y scale maps [0, 1] onto [height − marginBottom, marginTop].
    const options = rates(tau, 0.513);
    const [top, bottom] = [options.marginTop!, options.height! - options.marginBottom!];
    const { tpr, fpr } = at(tau);
    const ys = dots.map((d) => Number(d.getAttribute('cy'))).sort((a, b) => a - b);
    const expected = [tpr, fpr].map((rate) => bottom - rate * (bottom - top)).sort((a, b) => a - b);
    ys.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    // Plot writes path vertices to 3 decimals.
    const vertices = [...svg.querySelectorAll('path')].flatMap((p) => [...p.getAttribute('d')!.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
    for (const d of dots) {
      const [cx, cy] = [Number(d.getAttribute('cx')), Number(d.getAttribute('cy'))];
      expect(vertices.some(([x, y]) => Math.abs(x - cx) < 1e-3 && Math.abs(y - cy) < 1e-3)).toBe(true);
    }
  });

  it('puts τ’s rates into the curve: replacing a grid vertex at τ, inserting one between vertices', () => {
    const grid = [0.1, 0.2, 0.3].map((tau) => ({ tau, tpr: tau, fpr: tau / 2 }));
    expect(throughTau(grid, { tau: 0.2, tpr: 0.9, fpr: 0.8 }).map((d) => [d.tau, d.tpr])).toEqual([[0.1, 0.1], [0.2, 0.9], [0.3, 0.3]]);
    expect(throughTau(grid, { tau: 0.25, tpr: 0.9, fpr: 0.8 }).map((d) => d.tau)).toEqual([0.1, 0.2, 0.25, 0.3]);
    expect(throughTau(grid, { tau: 0.05, tpr: 1, fpr: 1 }).map((d) => d.tau)).toEqual([0.05, 0.1, 0.2, 0.3]);
    expect(throughTau(grid, { tau: 0.4, tpr: 0, fpr: 0 }).map((d) => d.tau)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });
});
