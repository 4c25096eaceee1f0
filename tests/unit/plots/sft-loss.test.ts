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
