import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { cohenKappa } from '@math/index';
import { agreementTable, categoryNames, kappaByPrevalence, sampleRaterPair } from '@math/sims/reviewer-agreement';
import { barLabelSide, confusionPlot, paradoxPlot } from '@plots/reviewer-agreement';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('reviewer-agreement figures', () => {
  const setup = { prevalence: 0.3, flip: 0.12, categories: 2 };
  const { a, b } = sampleRaterPair(42, 300, setup);
  const table = agreementTable(a, b, 2);
  const sample = cohenKappa(a, b);

  it('the heatmap counts are the sample, and its diagonal is the observed agreement', () => {
    expect(table.flat().reduce((s, c) => s + c, 0)).toBe(300);
    expect((table[0]![0]! + table[1]![1]!) / 300).toBeCloseTo(sample.observed, 12);
  });

  it('draws the golden confusion heatmap at seed 42', async () => {
    const svg = Plot.plot({ ...confusionPlot({ table, names: categoryNames(2) }), document: doc() });
    const html = svg.outerHTML;
    for (const c of table.flat()) expect(html).toContain(`>${c}<`);
    await expect(html).toMatchFileSnapshot('../../fixtures/golden/reviewer-agreement-confusion.svg');
  });

  it('puts the "κ = 0.6" label at the end of its line that the curves leave free', () => {
    // Two categories: κ falls symmetrically toward both ends and stays clear of the label at the right.
    expect(barLabelSide(kappaByPrevalence(0.12, 2), 0.6)).toBe('right');
    // Five categories: κ falls through the label's band (0.61–0.66) past prevalence 0.85, where it sat.
    const five = kappaByPrevalence(0.12, 5);
    expect(five.some((d) => d.prevalence >= 0.85 && d.kappa > 0.61 && d.kappa < 0.66)).toBe(true);
    expect(barLabelSide(five, 0.6)).toBe('left');
  });

  it('draws the golden prevalence-paradox chart at seed 42', async () => {
    const svg = Plot.plot({ ...paradoxPlot({ curve: kappaByPrevalence(0.12, 2), prevalence: 0.3, sample, bar: 0.6 }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/reviewer-agreement-paradox.svg');
  });

  it('keeps observed agreement flat while κ falls toward the extremes', () => {
    const curve = kappaByPrevalence(0.12, 2);
    const mid = curve[49]!;
    const edge = curve[0]!;
    expect(mid.prevalence).toBeCloseTo(0.5, 12);
    expect(edge.observed).toBeCloseTo(mid.observed, 12);
    expect(edge.kappa).toBeLessThan(mid.kappa / 3);
  });
});
