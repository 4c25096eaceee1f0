import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { drawLoopPools, simulateFeedbackLoop } from '@math/sims/feedback-loop';
import { batchPlot, loopCurvesPlot } from '@plots/feedback-loop';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('feedback-loop figures', () => {
  const records = simulateFeedbackLoop(drawLoopPools(42), { budget: 40, noise: 0.1, strategy: 'random', rounds: 5, pressure: 0.5 });

  it('each round labels exactly the budget', () => {
    for (const r of records.slice(1)) expect(r.correctHarm + r.missedHarm + r.wrongRefusal + r.helpful).toBe(40);
  });

  it('draws the golden safety/helpfulness chart at seed 42, labelling both end values', async () => {
    const html = Plot.plot({ ...loopCurvesPlot({ records, helpfulness0: 0.78 }), document: doc() }).outerHTML;
    const last = records[5]!;
    expect(html).toContain(`safety ${(100 * last.safety).toFixed(1)}%`);
    expect(html).toContain(`helpfulness ${(100 * last.helpfulness).toFixed(1)}%`);
    expect(html).toContain('alignment tax');
    await expect(html).toMatchFileSnapshot('../../fixtures/golden/feedback-loop-curves.svg');
  });

  it('draws the golden batch-composition chart at seed 42', async () => {
    const svg = Plot.plot({ ...batchPlot({ rounds: records.slice(1) }), document: doc() });
    expect(svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(20);
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/feedback-loop-batches.svg');
  });
});
