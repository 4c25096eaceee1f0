import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { POLICY_DEFAULT_THRESHOLDS, evaluatePolicy, logitNormalDensity } from '@math/sims/policy-matrix';
import { formatRate, namePlace, namePlaces, policyHeatmapPlot, scoreDensityPlot } from '@plots/policy-matrix';
import { anchorOf } from './text-anchor';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('policy-matrix figures', () => {
  const e = evaluatePolicy({ thresholds: POLICY_DEFAULT_THRESHOLDS, intentShift: 0, separation: 3 });

  it('formats rates with one decimal below 10% and none above', () => {
    expect(formatRate(0.0668)).toBe('6.7%');
    expect(formatRate(0.62)).toBe('62%');
    expect(formatRate(0)).toBe('0.0%');
  });

  it('draws the golden heatmap: the original matrix appears as block rates', async () => {
    const svg = Plot.plot({ ...policyHeatmapPlot({ cells: e.cells, metric: 'block' }), document: doc() });
    for (const s of ['block 2.0%', 'block 8.0%', 'block 25%', 'block 4.0%', 'block 20%', 'block 62%', 'block 12%', 'block 45%', 'block 88%']) {
      expect(svg.textContent).toContain(s);
    }
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/policy-matrix-heatmap.svg');
  });

  it('draws the golden score densities with the three default thresholds', async () => {
    const svg = Plot.plot({
      ...scoreDensityPlot({ benign: logitNormalDensity(-1.5), harmful: logitNormalDensity(1.5), thresholds: POLICY_DEFAULT_THRESHOLDS }),
      document: doc(),
    });
    expect(svg.textContent).toContain('τ high sev');
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/policy-matrix-scores.svg');
  });

  it('names each density where neither curve runs through the word, at every separation', () => {
    const area = { width: 300, height: 192 };
    for (const separation of [0.5, 1, 3, 6]) {
      const [benign, harmful] = [logitNormalDensity(-separation / 2), logitNormalDensity(separation / 2)];
      const yMax = Math.min(6, Math.max(...benign.map((d) => d.density), ...harmful.map((d) => d.density)));
      for (const [own, other, word] of [[benign, harmful, 'benign'], [harmful, benign, 'violating']] as const) {
        const at = namePlace(own, other, yMax, word, area);
        // The word's box: about 0.62 × 13 px per bold letter wide, 18 px tall, in data units.
        const half = (0.62 * 13 * word.length) / 2 / area.width;
        const h = (9 / area.height) * yMax * 1.05;
        for (const d of [...own, ...other].filter((p) => Math.abs(p.score - at.x) <= half)) {
          const y = Math.min(d.density, yMax * 1.05);
          expect(y >= at.y + h || y <= at.y - h, `${word} at ${at.x.toFixed(2)}, separation ${separation}: a curve at ${y.toFixed(2)}`).toBe(true);
        }
        // And near its own hump: on the hump's side of the middle.
        expect(word === 'benign' ? at.x < 0.5 : at.x > 0.5).toBe(true);
      }
    }
  });

  it('the two names never overlap each other, at any separation', () => {
    const area = { width: 300, height: 192 };
    const box = (p: { x: number; y: number }, word: string, yMax: number) => {
      const w = (0.62 * 13 * word.length) / 2 / area.width;
      const h = (9 / area.height) * yMax * 1.05;
      return { x0: p.x - w, x1: p.x + w, y0: p.y - h, y1: p.y + h };
    };
    const meet = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    for (let separation = 0.5; separation <= 6.001; separation += 0.1) {
      const [benign, harmful] = [logitNormalDensity(-separation / 2), logitNormalDensity(separation / 2)];
      const yMax = Math.min(6, Math.max(...benign.map((d) => d.density), ...harmful.map((d) => d.density)));
      const n = namePlaces(benign, harmful);
      expect(meet(box(n.benign, 'benign', yMax), box(n.violating, 'violating', yMax)), `separation ${separation.toFixed(1)}`).toBe(false);
    }
  });

  it('the key to the dotted high-intent rules sits below the plot area, left of the axis title', () => {
    const options = scoreDensityPlot({ benign: logitNormalDensity(-1.5), harmful: logitNormalDensity(1.5), thresholds: [0.73, 0.62, 0.5], highIntentThresholds: [0.6, 0.5, 0.37] });
    const svg = Plot.plot({ ...options, document: doc() });
    const note = [...svg.querySelectorAll('text')].find((t) => t.textContent === 'dotted: τ for high-risk intent');
    expect(note).toBeDefined();
    // Plot puts a frame-anchored text at the plot's bottom-left corner plus its offsets.
    const g = note!.closest('g[transform]')?.getAttribute('transform') ?? '';
    const t = note!.getAttribute('transform') ?? '';
    const nums = (s: string) => (s.match(/-?[\d.]+/g) ?? []).map(Number);
    const [dx, dy] = nums(g);
    const [x, y] = nums(t);
    const bottom = options.height! - options.marginBottom!;
    expect(y! + dy!).toBeGreaterThan(bottom + 25);
    expect(x! + dx!).toBeLessThan(10);
    expect(note!.closest('g')?.getAttribute('text-anchor')).toBe('start');
  });

  it('a threshold label near the end of the score axis runs inward instead of off the chart', () => {
    const svg = Plot.plot({ ...scoreDensityPlot({ benign: logitNormalDensity(-1.5), harmful: logitNormalDensity(1.5), thresholds: [0.73, 0.95, 0.5] }), document: doc() });
    expect(anchorOf(svg, 'τ medium sev')).toBe('end');
    expect(anchorOf(svg, 'τ high sev')).toBe('middle');
  });
});
