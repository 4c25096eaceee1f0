import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { ORIGINAL_RUN, evalNoiseDraws, validationRun } from '@math/sims/validation-curve';
import { endLabelOffsets, validationCurvePlot } from '@plots/validation-curve';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('validation-curve figure', () => {
  it('marks the early-stopping step it was given', () => {
    const run = validationRun(ORIGINAL_RUN, 80);
    const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: false }), document: doc() }).outerHTML;
    expect(svg).toContain('stop: step 52');
    expect(svg).toContain('memorizing');
  });

  it('draws the golden chart of the original 40-step run', async () => {
    const run = validationRun(ORIGINAL_RUN, 40);
    expect(run.bestStep).toBe(40);
    const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: false }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/validation-curve.svg');
  });

  it('draws the golden noisy chart at seed 42 (one dot per observed step)', async () => {
    const run = validationRun(ORIGINAL_RUN, 80, 0.02, evalNoiseDraws(42, 120));
    const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: true }), document: doc() });
    expect(svg.querySelectorAll('circle').length).toBe(81);
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/validation-curve-noisy.svg');
  });

  // Plot height 290 − 34 − 44 = 212 px; with yMax 2.12 one loss unit is 100 px.
  it('names the curve that ends higher above its end and the other below, whichever it is', () => {
    expect(endLabelOffsets({ train: 0.5, val: 1.2 }, 2.12, false)).toEqual({ val: -12, train: 12 });
    // A short run: training loss still above validation loss at the end (the labels once swapped sides).
    expect(endLabelOffsets({ train: 1.2, val: 0.5 }, 2.12, false)).toEqual({ train: -12, val: 12 });
  });

  it('puts the lower name above its curve near the x axis, a line under the upper one', () => {
    // train at 0.3 (30 px): below it the label would reach 12 px, under the 20 px it needs.
    expect(endLabelOffsets({ train: 0.3, val: 0.4 }, 2.12, false)).toEqual({ train: -12, val: -12 - 6 });
    expect(endLabelOffsets({ train: 0.3, val: 1.0 }, 2.12, false)).toEqual({ train: -12, val: -12 });
    // 45 px is room enough on its own, not beside a right-aligned "memorizing →".
    expect(endLabelOffsets({ train: 0.45, val: 1.0 }, 2.12, false).train).toBe(12);
    expect(endLabelOffsets({ train: 0.45, val: 1.0 }, 2.12, true).train).toBe(-12);
  });
});
