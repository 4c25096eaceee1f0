import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { drawLoopPools, simulateFeedbackLoop } from '@math/sims/feedback-loop';
import { batchPlot, loopCurvesPlot, taxLabelAt, type LoopPoint } from '@plots/feedback-loop';

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

  describe('the "alignment tax" label', () => {
    // Domain 0.66–0.84 over 222 px: 1 point of share is 12.3 px.
    const at = (rows: [number, number][], h0 = 0.78) =>
      taxLabelAt(rows.map(([safety, helpfulness], round): LoopPoint => ({ round, safety, helpfulness })), h0, 0.66, 0.84, 222);

    it('after one round sits halfway (round 0.5) above the start line: the band there is 0.85 points, 10 px, too thin for text', () => {
      expect(at([[0.72, 0.78], [0.74, 0.763]])).toEqual({ inside: [], above: [{ round: 0.5, y: 0.78 }] });
    });

    it('sits inside the band where it is 2 points (25 px) tall and the safety curve is far', () => {
      expect(at([[0.72, 0.78], [0.72, 0.77], [0.72, 0.76], [0.72, 0.75], [0.72, 0.74]])).toEqual({ inside: [{ round: 2, y: 0.77 }], above: [] });
    });

    it('is left out when the safety curve runs just above the start line, and while the tax is under 1.2 points', () => {
      expect(at([[0.79, 0.78], [0.79, 0.775], [0.79, 0.765]])).toEqual({ inside: [], above: [] });
      expect(at([[0.72, 0.78], [0.74, 0.77]])).toEqual({ inside: [], above: [] });
    });
  });
});
