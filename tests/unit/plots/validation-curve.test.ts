import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { ORIGINAL_RUN, evalNoiseDraws, validationRun } from '@math/sims/validation-curve';
import { validationCurvePlot } from '@plots/validation-curve';

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
});
