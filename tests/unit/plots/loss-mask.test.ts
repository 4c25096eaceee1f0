import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { buildLossMask, sampleChats } from '@math/sims/loss-mask';
import { lossMaskPlot, lossSharePlot } from '@plots/loss-mask';
import { fixedKey } from '@plots/fixed';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const base = { trainSystem: false, trainUser: false, packing: false, boundaries: true, normalize: 'token' as const };

describe('loss-mask figures', () => {
  const chats = sampleChats(42, 3, 1, true);

  it('draws one rect per position, padding included', () => {
    const result = buildLossMask(chats, base);
    const svg = Plot.plot({ ...lossMaskPlot({ result, packing: false, boundaries: true }), document: doc() });
    expect(svg.querySelectorAll('rect').length).toBeGreaterThanOrEqual(result.positions);
    expect(result.positions).toBe(result.rows * result.cols);
    expect(svg.outerHTML).toContain('chat 3');
  });

  it('draws the golden padded mask at seed 42', async () => {
    const result = buildLossMask(chats, base);
    const svg = Plot.plot({ ...lossMaskPlot({ result, packing: false, boundaries: true }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/loss-mask-padded.svg');
  });

  it('draws the golden packed mask (no boundaries, user tokens trained) at seed 42', async () => {
    const result = buildLossMask(chats, { ...base, packing: true, boundaries: false, trainUser: true });
    expect(result.padding).toBe(0);
    const svg = Plot.plot({ ...lossMaskPlot({ result, packing: true, boundaries: false }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/loss-mask-packed.svg');
  });

  it('names each packed row by the positions it holds, the last one ending at the sequence’s end', () => {
    const result = buildLossMask(chats, { ...base, packing: true });
    const last = result.positions - 1;
    expect(last % result.cols).not.toBe(result.cols - 1); // a part-filled last row, as at this seed
    const svg = Plot.plot({ ...lossMaskPlot({ result, packing: true, boundaries: true }), document: doc() });
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    const r = result.rows - 1;
    const start = r * result.cols;
    expect(texts).toContain(start === last ? `${last}` : `${start}–${last}`);
    expect(texts).not.toContain(`${start}–${start + result.cols - 1}`);
  });

  it('redraws the packed row labels when the sequence length changes within the same grid shape', () => {
    const packed = (seed: number) => buildLossMask(sampleChats(seed, 3, 1, true), { ...base, packing: true });
    const a = packed(42);
    const seed = Array.from({ length: 200 }, (_, i) => i + 1).find((s) => {
      const b = packed(s);
      return b.rows === a.rows && b.cols === a.cols && b.positions !== a.positions;
    })!;
    expect(seed).toBeDefined();
    const keys = (r: ReturnType<typeof packed>) => new Set((lossMaskPlot({ result: r, packing: true, boundaries: true }).marks as unknown[]).flat().map(fixedKey).filter(Boolean));
    // Equal frame keys keep the axes layer, labels included, so the keys must differ.
    expect([...keys(a)].sort()).not.toEqual([...keys(packed(seed))].sort());
  });

  it('draws the golden loss-share bars, which add up to 100%', async () => {
    const result = buildLossMask(chats, base);
    expect(result.exampleShares.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
    const svg = Plot.plot({ ...lossSharePlot({ result, packing: false, boundaries: true }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/loss-mask-share.svg');
  });

  it('fits a long grid into 380 units, so a phone shrinks its text less (13 px drew at 8.3 px at 390 px wide)', () => {
    const result = buildLossMask(sampleChats(42, 3, 3, true), base);
    const o = lossMaskPlot({ result, packing: false, boundaries: true }) as { width: number; marginLeft: number; marginRight: number };
    expect(result.cols).toBeGreaterThan(380 / 22);
    expect(o.width - o.marginLeft - o.marginRight).toBeCloseTo(380, 9);
  });

  it('a single short chat still leaves room for the whole key line, with the grid cells kept square', () => {
    const result = buildLossMask(sampleChats(42, 1, 1, true), base);
    const o = lossMaskPlot({ result, packing: false, boundaries: true }) as { width: number; marginLeft: number; marginRight: number };
    expect(result.cols * 22).toBeLessThan(262);
    // The key line needs about 250 units from the left margin.
    expect(o.width - o.marginLeft).toBeGreaterThanOrEqual(262);
    expect(o.width - o.marginLeft - o.marginRight).toBeCloseTo(result.cols * 22, 9);
  });
});

