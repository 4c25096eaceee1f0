import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { LOOP_CONSTANTS, drawLoopPools, simulateFeedbackLoop } from '@math/sims/feedback-loop';
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

  it.each([
    // The two curves meet in the last rounds: each label sat on the other curve and its dots.
    { budget: 10, noise: 0.1, strategy: 'uncertainty', rounds: 8, pressure: 0 },
    { budget: 10, noise: 0.1, strategy: 'random', rounds: 12, pressure: 0.5 },
    { budget: 10, noise: 0.4, strategy: 'risk', rounds: 8, pressure: 0.5 },
  ] as const)('end labels keep off the other curve, its dots and each other (%o)', (settings) => {
    const recs = simulateFeedbackLoop(drawLoopPools(42), settings);
    const options = loopCurvesPlot({ records: recs, helpfulness0: LOOP_CONSTANTS.helpfulness0 });
    const [lo, hi] = (options.y as { domain: number[] }).domain as [number, number];
    // Frame 360 × 290 less its margins: 292 × 222 px.
    const px = (v: number) => ((hi - v) * 222) / (hi - lo);
    const ends = (options.marks as { data?: { text?: string; value: number; dy: number }[] }[])
      .flatMap((m) => (Array.isArray(m.data) ? m.data : []))
      .filter((d) => /^(safety|helpfulness) /.test(d.text ?? ''));
    expect(ends).toHaveLength(2);
    const centre = (e: (typeof ends)[number]) => px(e.value) + e.dy;
    expect(Math.abs(centre(ends[0]!) - centre(ends[1]!))).toBeGreaterThanOrEqual(16);
    const last = recs[recs.length - 1]!.round;
    for (const e of ends) {
      const other = e.text!.startsWith('safety') ? 'helpfulness' : 'safety';
      const span = ((0.62 * 13 * e.text!.length) / 292) * last;
      // A dot (r 3.5) and half a line of text: 10 px between its centre and the text's.
      for (const r of recs.filter((d) => d.round >= last - span)) expect(Math.abs(px(r[other]) - centre(e)), `${e.text} over ${other} at round ${r.round}`).toBeGreaterThanOrEqual(10);
    }
  });

  it('keeps the lower end label off the x axis', () => {
    const rows: [number, number][] = [[0.8, 0.8], [0.8, 0.5], [0.8, 0.45], [0.8, 0.42]];
    const recs = rows.map(([safety, helpfulness], round): LoopPoint => ({ round, safety, helpfulness }));
    const options = loopCurvesPlot({ records: recs, helpfulness0: 0.8 });
    // 0.42 − 0.01 floors to 0.40, where the label below the end would sit on the axis: one more step down.
    expect((options.y as { domain: number[] }).domain[0]).toBeCloseTo(0.35, 12);
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
      expect(at([[0.72, 0.78], [0.74, 0.763]])).toEqual({ inside: [], above: [{ round: 0.5, y: 0.78 }], aboveLeft: [] });
    });

    it('sits inside the band where it is 2 points (25 px) tall and the safety curve is far', () => {
      expect(at([[0.72, 0.78], [0.72, 0.77], [0.72, 0.76], [0.72, 0.75], [0.72, 0.74]])).toEqual({ inside: [{ round: 2, y: 0.77 }], above: [], aboveLeft: [] });
    });

    // The chart's plot area is 292 px wide; the end labels are right-aligned at round 5.
    const rows: [number, number][] = [[0.72, 0.78], [0.742, 0.772], [0.75, 0.769], [0.762, 0.763], [0.768, 0.761], [0.772, 0.76]];
    const ends = (r: [number, number][]) => {
      const [safety, helpfulness] = r[r.length - 1]!;
      return [
        { value: safety, dy: safety >= helpfulness ? -12 : 14, text: `safety ${(100 * safety).toFixed(1)}%` },
        { value: helpfulness, dy: safety >= helpfulness ? 14 : -12, text: `helpfulness ${(100 * helpfulness).toFixed(1)}%` },
      ];
    };
    const avoiding = (r: [number, number][], h0 = 0.78) =>
      taxLabelAt(r.map(([safety, helpfulness], round): LoopPoint => ({ round, safety, helpfulness })), h0, 0.66, 0.84, 222, { innerWidth: 292, ends: ends(r) });

    it('moves to the left end of the start line when "safety 77.2%" (ending 8 px above it) would cover it halfway', () => {
      // Centred at round 2.5 the text spans x 59–233 px and y 58–72 px; the end label spans x 195–292, y 63–81.
      expect(at(rows).above).toEqual([{ round: 2.5, y: 0.78 }]);
      expect(avoiding(rows)).toEqual({ inside: [], above: [], aboveLeft: [{ round: 0, y: 0.78 }] });
    });

    it('stays halfway when the end labels are clear of it, and is left out when both places are taken', () => {
      const low: [number, number][] = [[0.72, 0.78], [0.72, 0.772], [0.72, 0.769], [0.72, 0.763], [0.72, 0.761], [0.72, 0.76]];
      expect(avoiding(low)).toEqual({ inside: [], above: [{ round: 2.5, y: 0.78 }], aboveLeft: [] });
      // Round 1's safety, 0.6 points above the line, runs through the text's left-hand spot.
      const blocked: [number, number][] = [[0.72, 0.78], [0.786, 0.772], [0.74, 0.769], [0.75, 0.763], [0.765, 0.761], [0.772, 0.76]];
      expect(avoiding(blocked)).toEqual({ inside: [], above: [], aboveLeft: [] });
    });

    it('is left out when the safety curve runs just above the start line, and while the tax is under 1.2 points', () => {
      expect(at([[0.79, 0.78], [0.79, 0.775], [0.79, 0.765]])).toEqual({ inside: [], above: [], aboveLeft: [] });
      expect(at([[0.72, 0.78], [0.74, 0.77]])).toEqual({ inside: [], above: [], aboveLeft: [] });
    });
  });
});
