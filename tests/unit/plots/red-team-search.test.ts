import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { compareRedTeamSearch, landscapeCeiling } from '@math/sims/red-team-search';
import { improvementPath, landscapePlot, searchCurvePlot } from '@plots/red-team-search';
import { polylineHits } from '@plots/theme';
import { textSpan } from './text-anchor';

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

  describe('the "judged a violation above 0.5" label', () => {
    const flat = (v: number) => Array.from({ length: 100 }, (_, i) => (i < 50 ? 0.2 : v));
    // Centre of each text's line in px (its group's dy plus its own position), and its anchor.
    const labels = (mine: number, theirs: number) => {
      const svg = Plot.plot({
        ...searchCurvePlot({ chosen: { name: 'mutate & keep best', mean: flat(mine), low: flat(mine - 0.1), high: flat(mine + 0.05) }, other: { name: 'random sampling', mean: flat(theirs) }, ceiling: 0.96 }),
        document: doc(),
      });
      const at = (re: RegExp) => {
        const t = [...svg.querySelectorAll('text')].find((e) => re.test(e.textContent!))!;
        const g = t.parentElement!;
        const dy = Number(/translate\([^,]+,([^)]+)\)/.exec(g.getAttribute('transform') ?? 'translate(0,0)')![1]);
        return { y: dy + Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute('transform')!)![1]), anchor: g.getAttribute('text-anchor') };
      };
      return { threshold: at(/judged/), mine: at(/mutate/), theirs: at(/random/) };
    };

    // The 0.5 line is at 24 + 116 px (top margin, then half of the 232 px plot height).
    it('sits under the line at its right end when no end label is near', () => {
      const l = labels(0.74, 0.3);
      expect(l.threshold.anchor).toBe('end');
      expect(l.threshold.y).toBeCloseTo(140 + 11, 5);
    });

    it('is drawn over both curves with a background halo, so a curve that must cross it stops short of its letters', () => {
      const svg = Plot.plot({
        ...searchCurvePlot({ chosen: { name: 'mutate & keep best', mean: flat(0.74), low: flat(0.6), high: flat(0.8) }, other: { name: 'random sampling', mean: flat(0.3) }, ceiling: 0.96 }),
        document: doc(),
      });
      const groups = [...svg.children];
      const label = groups.findIndex((g) => /judged/.test(g.textContent ?? ''));
      const lastCurve = groups.findLastIndex((g) => g.querySelector('path') !== null && g.getAttribute('fill') === 'none');
      expect(lastCurve).toBeGreaterThan(0);
      expect(label).toBeGreaterThan(lastCurve);
      expect(groups[label]!.getAttribute('paint-order')).toBe('stroke');
      expect(groups[label]!.getAttribute('stroke')).toBe('var(--bg-raised)');
    });

    it('moves above the line when a curve runs through the spot under it', () => {
      const svg = Plot.plot({
        ...searchCurvePlot({
          chosen: { name: 'mutate & keep best', mean: Array(100).fill(0.74), low: Array(100).fill(0.6), high: Array(100).fill(0.8) },
          // At 0.45 from query 60 to 89, through the text under the line's right end; ending far below it.
          other: { name: 'random sampling', mean: Array.from({ length: 100 }, (_, i) => (i < 59 ? 0.2 : i < 89 ? 0.45 : 0.25)) },
          ceiling: 0.96,
        }),
        document: doc(),
      });
      const t = [...svg.querySelectorAll('text')].find((e) => /judged/.test(e.textContent!))!;
      expect(t.parentElement!.getAttribute('transform')).toBe('translate(0,-8)');
    });

    it('moves above the line when "random sampling" ends just under 0.5, and to the left end when both spots are taken', () => {
      const above = labels(0.74, 0.49);
      expect(above.threshold.y).toBeCloseTo(140 - 8, 5);
      expect(Math.abs(above.threshold.y - above.theirs.y)).toBeGreaterThan(15);
      const left = labels(0.52, 0.49);
      expect(left.threshold.anchor).toBe('start');
      expect(left.threshold.y).toBeCloseTo(140 + 11, 5);
    });
  });

  it('runs the "best" label inward from a best prompt near either side of the map', () => {
    const anchorAt = (x: number) => {
      const best = { ...c.hill.runs[0]!.best, x, y: 0.5, score: 0.15 };
      const svg = Plot.plot({ ...landscapePlot({ landscape: c.landscape, run: { ...c.hill.runs[0]!, queries: [best], best }, showPath: false }), document: doc() });
      // Plot writes no anchor for 'middle', the figure's own default.
      return [...svg.querySelectorAll('text')].find((t) => t.textContent === 'run 1 best 0.15')!.parentElement!.getAttribute('text-anchor') ?? 'middle';
    };
    expect([anchorAt(0.02), anchorAt(0.5), anchorAt(0.98)]).toEqual(['start', 'middle', 'end']);
  });

  // At seed 42 the label above the ring sat on the climb's path and among the queries around it.
  it.each([42, 1, 2, 3, 4, 5, 6, 7])('keeps the climb\'s path off the "best" label, over no more query dots than the old spot above the ring (seed %i)', (seed) => {
    const run = compareRedTeamSearch(seed, { budget: 100, step: 0.1, peakWidth: 0.03, runs: 16 }).hill.runs[0]!;
    const svg = Plot.plot({ ...landscapePlot({ landscape: c.landscape, run, showPath: true }), document: doc() }) as unknown as Element;
    const t = [...svg.querySelectorAll('text')].find((e) => e.textContent?.startsWith('run 1 best'))!;
    // Bold 12.5 px sans: about 7.6 px a character; the text is centred on its y.
    const { x0, x1, y } = textSpan(t, 7.6);
    const box = { x0, x1, y0: y - 6, y1: y + 5 };
    const w = x1 - x0;
    // The map spans x 40–308 and y 28–280 of the 320 × 320 figure.
    expect(box.x0).toBeGreaterThanOrEqual(38);
    expect(box.x1).toBeLessThanOrEqual(310);
    const path = improvementPath(run);
    const [px, py] = [(v: number) => 40 + v * 268, (v: number) => 28 + (1 - v) * 252];
    expect(polylineHits(path.map((p) => px(p.x)), path.map((p) => py(p.y)), box, 0), `path through the label at seed ${seed}`).toBe(false);
    // No more query dots under it than under the old spot, centred above the ring.
    const under = (b: typeof box) => run.queries.filter((q) => q !== run.best && px(q.x) > b.x0 && px(q.x) < b.x1 && py(q.y) > b.y0 && py(q.y) < b.y1).length;
    const [bx, by] = [px(run.best.x), py(run.best.y)];
    const above = { x0: bx - w / 2, x1: bx + w / 2, y0: by - 14 - 6, y1: by - 14 + 5 };
    expect(under(box)).toBeLessThanOrEqual(under(above));
  });

  it('draws the golden landscape map with the first hill-climbing run at seed 42', async () => {
    const svg = Plot.plot({ ...landscapePlot({ landscape: c.landscape, run: c.hill.runs[0]!, showPath: true }), document: doc() });
    // nine contour levels, 100 query dots
    expect(svg.querySelectorAll('circle').length).toBeGreaterThanOrEqual(100);
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/red-team-search-map.svg');
  });
});
