import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { compareRedTeamSearch, landscapeCeiling } from '@math/sims/red-team-search';
import { improvementPath, landscapePlot, searchCurvePlot } from '@plots/red-team-search';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('red-team-search figures', () => {
  const c = compareRedTeamSearch(42, { budget: 100, step: 0.1, peakWidth: 0.03, runs: 16 });

  it('traces the improvements of a run as a strictly rising path that ends at its best prompt', () => {
    const path = improvementPath(c.hill.runs[0]!);
    for (let i = 1; i < path.length; i++) expect(path[i]!.score).toBeGreaterThan(path[i - 1]!.score);
    expect(path[path.length - 1]!.score).toBe(c.hill.runs[0]!.best.score);
  });

  it('draws the golden search curves at seed 42', async () => {
    const svg = Plot.plot({
      ...searchCurvePlot({
        chosen: { name: 'mutate & keep best', mean: c.hill.meanBestSoFar, low: c.hill.lowBestSoFar, high: c.hill.highBestSoFar },
        other: { name: 'random sampling', mean: c.random.meanBestSoFar },
        ceiling: landscapeCeiling(c.landscape),
      }),
      document: doc(),
    });
    expect(svg.textContent).toContain('worst prompt in the space');
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/red-team-search-curves.svg');
  });

  it('draws the golden landscape map with the first hill-climbing run at seed 42', async () => {
    const svg = Plot.plot({ ...landscapePlot({ landscape: c.landscape, run: c.hill.runs[0]!, showPath: true }), document: doc() });
    // nine contour levels, 100 query dots
    expect(svg.querySelectorAll('circle').length).toBeGreaterThanOrEqual(100);
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/red-team-search-map.svg');
  });
});
