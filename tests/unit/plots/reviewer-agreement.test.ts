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
    // Two categories, 12% flips: κ is 0.618 at prevalence 0.85 (inside the label's band at the right
    // end, and at the left by symmetry), while the middle is clear: κ ≈ 0.76 and p_e ≈ 0.5 there.
    expect(barLabelSide(kappaByPrevalence(0.12, 2), 0.6)).toBe('centre');
    // Five categories: κ falls through the label's band (0.61–0.66) past prevalence 0.85, where it sat.
    const five = kappaByPrevalence(0.12, 5);
    expect(five.some((d) => d.prevalence >= 0.85 && d.kappa > 0.61 && d.kappa < 0.66)).toBe(true);
    expect(barLabelSide(five, 0.6)).toBe('left');
    // A 5% flip rate: κ drops from about 0.9 through the band between two sampled prevalences near
    // each end, and p_e rises through it, so only the middle is free.
    const rare = kappaByPrevalence(0.05, 2);
    const crosses = (lo: number, hi: number) => rare.some((d, i) => { const e = rare[i + 1]; return e && d.prevalence >= lo && e.prevalence <= hi && Math.min(d.kappa, e.kappa) <= 0.66 && Math.max(d.kappa, e.kappa) >= 0.61; });
    expect(crosses(0.85, 1) && crosses(0, 0.15)).toBe(true);
    expect(barLabelSide(rare, 0.6)).toBe('centre');
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
