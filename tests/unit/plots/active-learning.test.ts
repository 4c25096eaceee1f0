import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { buildQueue, gainCurve, sampleReviewPool } from '@math/sims/active-learning';
import { gainPlot, poolPlot } from '@plots/active-learning';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('active-learning figures', () => {
  const pool = sampleReviewPool(42, 200);
  const q = buildQueue(pool, { risk: 0.5, uncertainty: 0.35, diversity: 0.15 }, 10);
  const set = new Set(q.queue);
  const points = pool.risk.map((r, i) => ({ risk: r, uncertainty: pool.uncertainty[i]!, diversity: pool.diversity[i]!, violating: pool.violating[i]!, queued: set.has(i) }));

  it('rings exactly the k queued items', () => {
    const svg = Plot.plot({ ...poolPlot(points), document: doc() });
    const groups = [...svg.querySelectorAll('g[aria-label="dot"]')];
    expect(groups).toHaveLength(3);
    const violating = points.filter((p) => p.violating).length;
    expect(groups[0]!.querySelectorAll('circle')).toHaveLength(200 - violating);
    expect(groups[1]!.querySelectorAll('circle')).toHaveLength(violating);
    expect(groups[2]!.querySelectorAll('circle')).toHaveLength(10);
  });

  it('writes each pool colour once, on its group, with the violating dots on top', () => {
    const svg = Plot.plot({ ...poolPlot(points), document: doc() });
    const [plain, violating] = svg.querySelectorAll('g[aria-label="dot"]');
    expect([plain!.getAttribute('fill'), plain!.getAttribute('fill-opacity')]).toEqual(['var(--text-muted)', '0.4']);
    expect([violating!.getAttribute('fill'), violating!.getAttribute('fill-opacity')]).toEqual(['var(--chart-2)', '0.85']);
    expect(svg.querySelectorAll('circle[fill], circle[fill-opacity]')).toHaveLength(0);
  });

  it('draws the golden pool scatter at seed 42', async () => {
    const svg = Plot.plot({ ...poolPlot(points), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/active-learning-pool.svg');
  });

  it('draws the golden gain chart at seed 42; the curve ends at every violating item', async () => {
    const gain = gainCurve(q.order, pool.violating);
    expect(gain[200]).toBe(q.violatingTotal);
    expect(gain[10]).toBe(q.violatingInQueue);
    const svg = Plot.plot({ ...gainPlot({ gain, violatingTotal: q.violatingTotal, k: 10 }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/active-learning-gain.svg');
  });
});
