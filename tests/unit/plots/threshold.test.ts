import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { rocAuc, rocCurve, thresholdRates } from '@math/index';
import { sampleGuardrailScores, thresholdSweep } from '@math/sims/threshold-demo';
import { ratesPlot, rocPlot } from '@plots/threshold';
import { anchorOf } from './text-anchor';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('threshold-tradeoff figures', () => {
  const sample = sampleGuardrailScores(42, 500, 6);
  const sweep = thresholdSweep(sample);

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
    const svg = Plot.plot({ ...ratesPlot({ sweep, tau: 0.5, optimumTau: 0.513 }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/threshold-rates.svg');
  });

  it('draws the golden ROC chart at seed 42', async () => {
    const { tpr, fpr } = thresholdRates(sample.harmful, sample.benign, 0.5);
    const svg = Plot.plot({ ...rocPlot({ roc: rocCurve(sample.harmful, sample.benign), point: { tpr, fpr }, auc: rocAuc(sample.harmful, sample.benign) }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/threshold-roc.svg');
  });

  it('the cost-optimal label runs inward when the optimum sits at an edge ("block nothing" puts it at τ = 1)', () => {
    const at = (optimumTau: number) => anchorOf(Plot.plot({ ...ratesPlot({ sweep, tau: 0.5, optimumTau }), document: doc() }), 'cost-optimal');
    expect(at(1)).toBe('end');
    expect(at(0.05)).toBe('start');
    expect(at(0.513)).toBe('middle');
  });

  it('puts the cost-optimal label at the foot of its rule in the left quarter, clear of the axis title above', () => {
    const yOf = (optimumTau: number) => {
      const svg = Plot.plot({ ...ratesPlot({ sweep, tau: 0.5, optimumTau }), document: doc() });
      const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'cost-optimal τ')!;
      return Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute('transform')!)![1]);
    };
    const height = ratesPlot({ sweep, tau: 0.5, optimumTau: 0.5 }).height!;
    expect(yOf(0.1)).toBeGreaterThan(height / 2);
    expect(yOf(0.3)).toBeLessThan(height / 2);
  });
});
