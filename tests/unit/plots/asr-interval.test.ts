import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import {
  INTERVAL_METHODS,
  auditSeverities,
  binomialPmf,
  drawAuditUniforms,
  drawReplicateUniforms,
  exactCoverage,
  intervalsFor,
  replicateCounts,
  severityCounts,
  simulatedCoverage,
} from '@math/sims/asr-interval';
import { coveragePlot, intervalPlot } from '@plots/asr-interval';
import { anchorOf, textSpan } from './text-anchor';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('asr-interval figures', () => {
  const n = 300;
  const rate = 0.14;
  const counts = severityCounts(auditSeverities(drawAuditUniforms(42, n), rate));
  const x = counts[2] + counts[3];
  const ci = intervalsFor(x, n, 0.95);
  const rows = INTERVAL_METHODS.map((m) => ({ method: m, low: ci[m][0], high: ci[m][1] }));

  it('the audit at seed 42 is near the original 14% and every interval contains its estimate', () => {
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    expect(x).toBeGreaterThan(25);
    expect(x).toBeLessThan(60);
    for (const r of rows) {
      expect(r.low).toBeLessThanOrEqual(x / n);
      expect(r.high).toBeGreaterThanOrEqual(x / n);
    }
  });

  it('draws the golden interval chart at seed 42', async () => {
    const svg = Plot.plot({ ...intervalPlot({ intervals: rows, estimate: x / n, trueRate: rate }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/asr-interval-intervals.svg');
  });

  it('calls out the collapsed Wald interval when an audit finds nothing', () => {
    const zero = intervalsFor(0, 100, 0.95);
    const zrows = INTERVAL_METHODS.map((m) => ({ method: m, low: zero[m][0], high: zero[m][1] }));
    const html = Plot.plot({ ...intervalPlot({ intervals: zrows, estimate: 0, trueRate: 0.005 }), document: doc() }).outerHTML;
    expect(html).toContain('[0.000, 0.000] collapsed misses');
  });

  it('labels a tiny interval end with its significant digits (one violation in 1,000: 0.000025, not "0.")', () => {
    const one = intervalsFor(1, 1000, 0.95);
    // Clopper–Pearson lower end for 1/1000: 1 − 0.975^(1/1000) ≈ 2.53e-5 (Beta(1, 1000) quantile at 0.025).
    expect(one['Clopper–Pearson'][0]).toBeCloseTo(1 - 0.975 ** (1 / 1000), 9);
    const orows = INTERVAL_METHODS.map((m) => ({ method: m, low: one[m][0], high: one[m][1] }));
    const html = Plot.plot({ ...intervalPlot({ intervals: orows, estimate: 0.001, trueRate: 0.001 }), document: doc() }).outerHTML;
    expect(html).toContain('[0.000025, 0.0056]');
    expect(html).not.toMatch(/\[0\., /);
  });

  it('draws the golden coverage chart at seed 42', async () => {
    const reps = replicateCounts(drawReplicateUniforms(42, 200), binomialPmf(n, rate));
    const sim = simulatedCoverage(reps, n, rate, 0.95);
    const exact = exactCoverage(n, rate, 0.95);
    const cov = INTERVAL_METHODS.map((m) => ({ method: m, exact: exact[m], simulated: sim[m] }));
    const svg = Plot.plot({ ...coveragePlot({ rows: cov, nominal: 0.95, replicates: 200 }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/asr-interval-coverage.svg');
  });

  // At 95% "Clopper–Pearson: 95.4%", drawn from the frame's left edge, ran across the nominal rule.
  it.each([[300, 0.14], [100, 0.005], [2000, 0.3], [50, 0.5]])('keeps the nominal rule out of the coverage labels at every level (n %i, rate %s)', (nn, r) => {
    const reps = replicateCounts(drawReplicateUniforms(42, 200), binomialPmf(nn, r));
    for (const level of [0.8, 0.85, 0.9, 0.95, 0.97, 0.99]) {
      const exact = exactCoverage(nn, r, level), sim = simulatedCoverage(reps, nn, r, level);
      const rows = INTERVAL_METHODS.map((m) => ({ method: m, exact: exact[m], simulated: sim[m] }));
      const svg = Plot.plot({ ...coveragePlot({ rows, nominal: level, replicates: 200 }), document: doc() }) as unknown as Element;
      const ruleX = Number(svg.querySelector('g[aria-label="rule"] line')!.getAttribute('x1'));
      const labels = [...svg.querySelectorAll('text')].filter((t) => /^(Wald|Wilson|Clopper–Pearson|C–P): /.test(t.textContent ?? ''));
      expect(labels).toHaveLength(3);
      for (const t of labels) {
        // Bold 13 px sans: about 8 px a character.
        const { x0, x1 } = textSpan(t, 8);
        expect(ruleX < x0 - 2 || ruleX > x1 + 2, `${t.textContent} [${x0}, ${x1}] vs rule ${ruleX} at ${level}`).toBe(true);
        expect(x0).toBeGreaterThanOrEqual(-1);
      }
    }
  });

  it('the true-rate label runs inward from its rule near either edge instead of being cut off', () => {
    const label = (trueRate: number, low: number, high: number) => {
      const svg = Plot.plot({ ...intervalPlot({ intervals: INTERVAL_METHODS.map((m) => ({ method: m, low, high })), estimate: (low + high) / 2, trueRate }), document: doc() });
      return anchorOf(svg, 'true rate') ?? 'middle';
    };
    // 0.001 with intervals up to 0.02: the rule sits at the left edge (the domain starts at 0).
    expect(label(0.001, 0, 0.02)).toBe('start');
    expect(label(0.14, 0.1, 0.18)).toBe('middle');
    expect(label(0.2, 0.1, 0.2)).toBe('end');
  });
});

