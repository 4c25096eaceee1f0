import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { SFT_DEMO_MASK, SFT_DEMO_TARGETS, sftLossDemo } from '@math/sims/sft-loss';
import { sftNllPlot, sftProbsPlot } from '@plots/sft-loss';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const roles = ['prompt', 'response', 'response', 'response'];

describe('sft-loss figures', () => {
  const r = sftLossDemo({ targets: SFT_DEMO_TARGETS, mask: SFT_DEMO_MASK, boosts: [0, 0, 0, 0], scale: 1 });
  const data = { tokens: r.tokens, loss: r.loss, roles };

  it('labels the masked prompt bar and the masked mean from the data', () => {
    const svg = Plot.plot({ ...sftNllPlot(data), document: doc() }).outerHTML;
    expect(svg).toContain('(masked)');
    expect(svg).toContain('0.430');
    expect(svg).toContain('ln 3');
  });

  it('keeps the mean line and ln 3 out of every bar value, lifting a value above a line that would strike it', () => {
    for (const boosts of [[0, 0, 0, 0], [0, 0.4, 0, 0], [1.2, 0, -0.5, 0], [0, -1, 0, 0.8], [-0.6, 0.3, 0.3, -0.2]]) {
      const s = sftLossDemo({ targets: SFT_DEMO_TARGETS, mask: SFT_DEMO_MASK, boosts, scale: 1 });
      const svg = Plot.plot({ ...sftNllPlot({ tokens: s.tokens, loss: s.loss, roles }), document: doc() });
      const ruleYs = [...svg.querySelectorAll('g[aria-label="rule"] line')].map((l) => Number(l.getAttribute('y1')));
      const values = [...svg.querySelectorAll('text')].filter((t) => /^\d\.\d{3}/.test(t.textContent ?? '') && !/mean/.test(t.textContent ?? ''));
      expect(values).toHaveLength(4);
      for (const t of values) {
        const y = Number(/translate\([\d.]+,([\d.]+)\)/.exec(t.getAttribute('transform')!)![1]);
        // dy −5, baseline about 2 px above that, 13 px a line of 13 px text.
        const bottom = y - 7, lines = t.querySelectorAll('tspan').length || 1;
        const topY = bottom - 13 * lines + 2;
        for (const r of ruleYs) expect(r < topY - 1 || r > bottom + 1, `${t.textContent} at ${y} vs line ${r} (boosts ${boosts})`).toBe(true);
      }
    }
  });

  it('draws no mean line when no token counts', () => {
    const none = sftLossDemo({ targets: SFT_DEMO_TARGETS, mask: [false, false, false, false], boosts: [0, 0, 0, 0], scale: 1 });
    const svg = Plot.plot({ ...sftNllPlot({ tokens: none.tokens, loss: none.loss, roles }), document: doc() }).outerHTML;
    expect(svg).not.toContain('mean');
  });

  it('draws the golden NLL chart at the original numbers', async () => {
    const svg = Plot.plot({ ...sftNllPlot(data), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/sft-loss-nll.svg');
  });

  it('draws the golden probability grid with the target 0.80 in row 0', async () => {
    const svg = Plot.plot({ ...sftProbsPlot(data), document: doc() });
    expect(svg.outerHTML).toContain('>0.80<');
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/sft-loss-probs.svg');
  });
});
