import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { KL_DEMO_RESPONSES, bestProxyTrue, klSweep, klTradeoff, logSpacedGrid, proxyRewards } from '@math/sims/kl-optimum';
import { klFrontierPlot, klPolicyPlot, placeEndLabels } from '@plots/kl-optimum';
import { polylineHits } from '@plots/theme';
import { textSpan } from './text-anchor';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const ref = KL_DEMO_RESPONSES.map((r) => r.ref);
const reward = KL_DEMO_RESPONSES.map((r) => r.reward);

describe('kl-optimum figures', () => {
  const proxy = proxyRewards(reward, 4, 1);
  const sweep = klSweep(ref, reward, proxy, logSpacedGrid(0.01, 10, 121));
  const current = klTradeoff(ref, reward, proxy, 0.2);
  const best = bestProxyTrue(sweep);

  it('lifts a label above its curve where the curve falls toward the labelled end', () => {
    // y span 1 over ~250 px: 10 px is 0.04. A curve ending at 0.1 that stands at 0.6 under the text.
    const [flat] = placeEndLabels([{ kl: 4, reward: 0.1, text: 'x', fill: 'red' }], 4, 1);
    const [fallen] = placeEndLabels([{ kl: 4, reward: 0.1, text: 'x', fill: 'red', peak: 0.6 }], 4, 1);
    expect(flat!.dy).toBeCloseTo(-10, 9);
    expect(fallen!.dy).toBeCloseTo(-(0.6 + 0.04 - 0.1) * 250, 9);
  });

  it('labels the three curves apart when the proxy is wrong, and once when it is exact', () => {
    const three = placeEndLabels(
      [
        { kl: 1.9, reward: 1, text: 'a', fill: 'x' },
        { kl: 3.9, reward: 1.1, text: 'b', fill: 'x' },
        { kl: 3.9, reward: 0.1, text: 'c', fill: 'x' },
      ],
      4,
      1.2,
    );
    expect(three.map((l) => l.text)).toEqual(['b', 'a', 'c']);
    const one = placeEndLabels(
      [
        { kl: 1.9, reward: 1, text: 'a', fill: 'x' },
        { kl: 1.9, reward: 1, text: 'b', fill: 'x' },
        { kl: 1.9, reward: 1, text: 'c', fill: 'x' },
      ],
      2,
      1.1,
    );
    expect(one.map((l) => l.text)).toEqual(['all three curves end here']);
    // Two shared ends: both names, on two lines; the next label down keeps a line clear of the upper one.
    const two = placeEndLabels(
      [
        { kl: 1.9, reward: 1, text: 'a', fill: 'x' },
        { kl: 1.9, reward: 1, text: 'b', fill: 'x' },
        { kl: 1.9, reward: 0.95, text: 'c', fill: 'x' },
      ],
      2,
      1,
    );
    expect(two.map((l) => l.text)).toEqual(['a and\nb', 'c']);
    const under = placeEndLabels(
      [
        { kl: 1.9, reward: 1, text: 'a', fill: 'x' },
        { kl: 1.9, reward: 1, text: 'b', fill: 'x' },
        { kl: 3.9, reward: 1.02, text: 'c', fill: 'x' },
      ],
      4,
      1,
    );
    // c at 1.02 + 0.04; the two-line label's anchor two lines (2 × 0.065) below it, not one.
    expect(under[1]!.dy).toBeCloseTo(-(1.06 - 0.13 - 1) * 250, 9);
  });

  // At proxy error 1 the dashed estimate ran through "true optimum (frontier)" at the end of its curve.
  it.each([0.25, 0.5, 1, 1.5, 2])('no curve runs through a one-line curve name (proxy error %s, each response overrated)', (error) => {
    for (const overrated of [0, 1, 2, 3, 4]) {
      const px = proxyRewards(reward, overrated, error);
      const sw = klSweep(ref, reward, px, logSpacedGrid(0.01, 10, 121));
      const svg = Plot.plot({ ...klFrontierPlot({ sweep: sw, current: klTradeoff(ref, reward, px, 0.2), best: bestProxyTrue(sw) }), document: doc() }) as unknown as Element;
      const curves = [...svg.querySelectorAll('path')].map((p) => [...p.getAttribute('d')!.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])).filter((pts) => pts.length > 20);
      expect(curves).toHaveLength(3);
      // Nor onto each other (a name moved a line up or down must not land on another).
      const names = [...svg.querySelectorAll('text')].filter((t) => /^(true optimum|proxy’s estimate|true reward under proxy)/.test(t.textContent ?? '') && !t.querySelector('tspan'));
      const boxes = names.map((t) => ({ ...textSpan(t, 7.6), name: t.textContent }));
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) expect(a.x1 < b.x0 || b.x1 < a.x0 || Math.abs(a.y - b.y) >= 11, `“${a.name}” on “${b.name}” (error ${error}, overrated ${overrated})`).toBe(true);
      for (const t of svg.querySelectorAll('text')) {
        const name = t.textContent ?? '';
        if (!/^(true optimum|proxy’s estimate|true reward under proxy)/.test(name) || t.querySelector('tspan')) continue;
        const { x0, x1, y: cy } = textSpan(t, 7.6);
        const box = { x0, x1, y0: cy - 6, y1: cy + 4 };
        for (const pts of curves) expect(polylineHits(pts.map((p) => p[0]!), pts.map((p) => p[1]!), box, 0), `a curve through “${name}” (error ${error}, overrated ${overrated})`).toBe(false);
        // Nor onto "best", under its ring (at error 2 with "correct, terse" overrated it met "true reward under proxy").
        const b = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'best')!;
        const best = textSpan(b, 6.5);
        const bestBox = { x0: best.x0, x1: best.x1, y0: best.y - 6, y1: best.y + 4 };
        expect(bestBox.x1 < box.x0 || bestBox.x0 > box.x1 || bestBox.y1 < box.y0 || bestBox.y0 > box.y1, `“${name}” on “best” (error ${error}, overrated ${overrated})`).toBe(true);
      }
    }
  });

  // At the sweep's smallest β the current point sits on the curves' ends, under their names
  // ("proxy’s estimate" ran into its ring at the default error).
  it.each([0, 0.5, 1, 2])('no curve name touches a current-β dot at β = 0.01 (proxy error %s)', (error) => {
    for (const overrated of [0, 1, 2, 3, 4]) {
      const px = proxyRewards(reward, overrated, error);
      const sw = klSweep(ref, reward, px, logSpacedGrid(0.01, 10, 121));
      const svg = Plot.plot({ ...klFrontierPlot({ sweep: sw, current: klTradeoff(ref, reward, px, 0.01), best: bestProxyTrue(sw) }), document: doc() }) as unknown as Element;
      const dots = [...svg.querySelectorAll('g[aria-label="dot"]')].slice(1).flatMap((g) => {
        const [gx, gy] = (/translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '') ?? [0, '0', '0']).slice(1).map(Number);
        return [...g.querySelectorAll('circle')].map((c) => ({ x: Number(c.getAttribute('cx')) + gx!, y: Number(c.getAttribute('cy')) + gy!, r: Number(c.getAttribute('r')) + 1.25 }));
      });
      expect(dots).toHaveLength(3);
      for (const t of svg.querySelectorAll('text')) {
        const name = t.textContent ?? '';
        if (!/(true optimum|proxy’s estimate|true reward under proxy|all three)/.test(name)) continue;
        const lines = t.querySelectorAll('tspan').length || 1;
        const { x0, x1, y } = textSpan(t, 7.6);
        // One line is about 12 px above its baseline and 3 below; a two-line label stands on its anchor.
        const box = { x0, x1, y0: y - 12 - (lines - 1) * 15, y1: y + 3 };
        for (const d of dots) {
          const nx = Math.min(Math.max(d.x, box.x0), box.x1), ny = Math.min(Math.max(d.y, box.y0), box.y1);
          expect(Math.hypot(d.x - nx, d.y - ny), `“${name}” on a dot at (${d.x.toFixed(0)}, ${d.y.toFixed(0)}) (error ${error}, overrated ${overrated})`).toBeGreaterThan(d.r);
        }
      }
    }
  });

  it('draws the golden frontier at proxy error 1 and β = 0.2', async () => {
    // the sweep's KL reaches −log π_ref(flattery) = −log 0.02 = 3.912 as β → 0.01
    expect(sweep[0]!.proxyKl).toBeCloseTo(-Math.log(0.02), 2);
    const svg = Plot.plot({ ...klFrontierPlot({ sweep, current, best }), document: doc() });
    expect(svg.textContent).toContain('true reward under proxy');
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/kl-optimum-frontier.svg');
  });

  it('draws the golden policy bars at proxy error 1 and β = 0.2', async () => {
    const svg = Plot.plot({
      ...klPolicyPlot({ labels: KL_DEMO_RESPONSES.map((r) => r.label), reference: ref, policy: current.proxyPolicy, trueRewards: reward, proxy, overrated: 4 }),
      document: doc(),
    });
    expect(svg.textContent).toContain('r 0.10 · proxy 1.10');
    expect(svg.textContent).toContain('0.48'); // π*(careful) = 0.477615
    // Each probability is written right of both its bar and its π_ref tick (row by row, same order).
    const barEnds = [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width')));
    const ticks = [...svg.querySelectorAll('g[aria-label="tick"] line')].map((l) => Number(l.getAttribute('x1')));
    const values = [...svg.querySelectorAll('g[aria-label="text"] text')].filter((t) => /^\d\.\d\d$/.test(t.textContent ?? ''));
    expect(values).toHaveLength(5);
    values.forEach((t, i) => {
      const x = Number(/translate\(([\d.]+)/.exec(t.getAttribute('transform') ?? '')![1]);
      expect(x).toBeGreaterThanOrEqual(Math.max(barEnds[i]!, ticks[i]!) - 1e-9);
    });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/kl-optimum-policy.svg');
  });
});
