import { describe, expect, it } from 'vitest';
import { quantile } from 'd3-array';
import { createRng } from '@math/index';
import {
  HIT_THRESHOLD,
  StrategyRuns,
  compareRedTeamSearch,
  hillClimb,
  landscapeCeiling,
  landscapeGrid,
  makeAttackLandscape,
  randomSearch,
  reflectUnit,
  violationProbability,
  type AttackLandscape,
} from '@math/sims/red-team-search';

// One family in the middle: easy to work out by hand.
const single: AttackLandscape = { families: [{ cx: 0.5, cy: 0.5, height: 0.95 }], peakWidth: 0.03, base: 0.02, skirtHeight: 0.12, skirtWidth: 0.18 };

describe('violationProbability', () => {
  it('is 1 − 0.98·0.88·0.05 = 0.95688 at the peak and ≈ base far away', () => {
    expect(violationProbability(single, 0.5, 0.5)).toBeCloseTo(0.95688, 10);
    // distance 0.5√2 from the centre: skirt factor exp(−0.5/(2·0.0324)) = 4.5e−4, so p ≈ 1 − 0.98·(1 − 0.12·4.5e−4)
    expect(violationProbability(single, 0, 0)).toBeCloseTo(0.02005, 4);
  });

  it('on the skirt alone (0.15 away): 1 − 0.98·(1 − 0.12·e^(−0.347))·(1 − 0.95·e^(−12.5))', () => {
    // exp(−0.15²/(2·0.18²)) = exp(−0.34722) = 0.70664; exp(−0.15²/(2·0.03²)) = exp(−12.5) = 3.73e−6
    const expected = 1 - 0.98 * (1 - 0.12 * 0.70664) * (1 - 0.95 * 3.7267e-6);
    expect(violationProbability(single, 0.65, 0.5)).toBeCloseTo(expected, 5);
  });
});

describe('reflectUnit', () => {
  it('folds any coordinate back into [0, 1]', () => {
    expect(reflectUnit(0.4)).toBe(0.4);
    expect(reflectUnit(1.2)).toBeCloseTo(0.8, 12);
    expect(reflectUnit(-0.3)).toBeCloseTo(0.3, 12);
    expect(reflectUnit(2.5)).toBeCloseTo(0.5, 12);
    expect(reflectUnit(3.2)).toBeCloseTo(0.8, 12);
  });
});

describe('makeAttackLandscape', () => {
  it('places four separated families with heights 0.75 … 0.95, the same for the same seed', () => {
    const a = makeAttackLandscape(42);
    expect(a).toEqual(makeAttackLandscape(42));
    expect(a.families.map((f) => f.height).sort()).toEqual([0.75, 0.75 + 0.2 / 3, 0.75 + 0.4 / 3, 0.95]);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) {
      const [p, q] = [a.families[i]!, a.families[j]!];
      expect(Math.hypot(p.cx - q.cx, p.cy - q.cy)).toBeGreaterThanOrEqual(0.25);
    }
    expect(makeAttackLandscape(43)).not.toEqual(a);
  });

  it('has a ceiling no grid point exceeds (second method: a 300 × 300 grid)', () => {
    const l = makeAttackLandscape(7);
    const gridMax = Math.max(...landscapeGrid(l, 300).map((d) => d.p));
    const ceiling = landscapeCeiling(l);
    expect(ceiling).toBeGreaterThanOrEqual(gridMax - 1e-9);
    expect(ceiling - gridMax).toBeLessThan(0.01);
  });
});

describe('search strategies', () => {
  it('random search keeps a running maximum and counts judged violations', () => {
    const run = randomSearch(single, 300, createRng(1), 0);
    expect(run.queries).toHaveLength(300);
    let best = -Infinity;
    run.queries.forEach((q, i) => {
      best = Math.max(best, q.score);
      expect(run.bestSoFar[i]).toBe(best);
      // without judge noise the score is the true probability
      expect(q.score).toBeCloseTo(violationProbability(single, q.x, q.y), 12);
    });
    expect(run.hits).toBe(run.queries.filter((q) => q.score >= HIT_THRESHOLD).length);
    expect(run.best.p).toBeCloseTo(run.best.score, 12);
  });

  it('hill climbing with a step near the peak width climbs to the summit of a single peak', () => {
    const run = hillClimb(single, 2000, 0.03, createRng(5), 0);
    expect(run.best.score).toBeGreaterThan(0.94);
    expect(Math.hypot(run.best.x - 0.5, run.best.y - 0.5)).toBeLessThan(0.03);
  });

  it('extends runs without changing their start when the budget grows', () => {
    const short = hillClimb(single, 50, 0.1, createRng(9));
    const long = hillClimb(single, 100, 0.1, createRng(9));
    expect(long.queries.slice(0, 50)).toEqual(short.queries);
  });

  it('rejects a zero budget or a non-positive step', () => {
    expect(() => randomSearch(single, 0, createRng(1))).toThrow(RangeError);
    expect(() => hillClimb(single, 10, 0, createRng(1))).toThrow(RangeError);
  });
});

describe('compareRedTeamSearch (the widget defaults: seed 42, 16 runs)', () => {
  it('hill climbing wins at 100 queries with step 0.1', () => {
    const c = compareRedTeamSearch(42, { budget: 100, step: 0.1, peakWidth: 0.03, runs: 16 });
    expect(c.hill.meanBest).toBeGreaterThan(c.random.meanBest);
    expect(c.hill.hitRate).toBeGreaterThan(c.random.hitRate);
    expect(c.hill.meanBestSoFar).toHaveLength(100);
    expect(c.hill.meanBestSoFar[99]).toBeCloseTo(c.hill.meanBest, 12);
    // the band brackets the mean
    c.hill.meanBestSoFar.forEach((m, i) => {
      expect(c.hill.lowBestSoFar[i]!).toBeLessThanOrEqual(m + 1e-12);
      expect(c.hill.highBestSoFar[i]!).toBeGreaterThanOrEqual(m - 1e-12);
    });
  });

  it('loses with a tiny step (it crawls) and ties or loses with 10 queries and a huge step', () => {
    const tiny = compareRedTeamSearch(42, { budget: 100, step: 0.01, peakWidth: 0.03, runs: 16 });
    expect(tiny.hill.meanBest).toBeLessThan(tiny.random.meanBest);
    const short = compareRedTeamSearch(42, { budget: 10, step: 0.5, peakWidth: 0.03, runs: 16 });
    expect(short.hill.meanBest).toBeLessThanOrEqual(short.random.meanBest);
  });
});

describe('summaries the widget reads', () => {
  const settings = { step: 0.1, peakWidth: 0.03, runs: 16 };

  it('draws the 10–90% band as d3-array quantiles of the runs at each query', () => {
    const c = compareRedTeamSearch(42, { ...settings, budget: 60 });
    for (const s of [c.hill, c.random]) {
      s.meanBestSoFar.forEach((_, i) => {
        const col = s.runs.map((r) => r.bestSoFar[i]!);
        expect(s.lowBestSoFar[i]).toBe(quantile(col, 0.1));
        expect(s.highBestSoFar[i]).toBe(quantile(col, 0.9));
      });
    }
  });

  it('StrategyRuns gives the same summary as a fresh comparison, whichever budgets came before', () => {
    const l = makeAttackLandscape(42, settings.peakWidth);
    const hill = new StrategyRuns(l, 'hill', 42, settings.runs, settings.step);
    const random = new StrategyRuns(l, 'random', 42, settings.runs);
    for (const budget of [40, 130, 10, 130, 400, 1, 250]) {
      const fresh = compareRedTeamSearch(42, { ...settings, budget });
      expect(hill.summary(budget)).toEqual(fresh.hill);
      expect(random.summary(budget)).toEqual(fresh.random);
    }
  });
});

describe('violationProbability skips far peaks without changing a bit', () => {
  it('equals the product over all families taken in full, near and far from every peak', () => {
    const g = (dx: number, dy: number, s: number) => Math.exp(-(dx * dx + dy * dy) / (2 * s * s));
    const full = (l: AttackLandscape, x: number, y: number) => {
      let keep = 1 - l.base;
      for (const f of l.families) keep *= (1 - l.skirtHeight * g(x - f.cx, y - f.cy, l.skirtWidth)) * (1 - f.height * g(x - f.cx, y - f.cy, l.peakWidth));
      return 1 - keep;
    };
    const rng = createRng(3);
    for (const width of [0.015, 0.03, 0.08]) {
      const l = makeAttackLandscape(42, width);
      const f = l.families[0]!;
      // around the cut-off radius √80·w, where the exponent crosses −40
      const r = Math.sqrt(80) * width;
      for (let i = 0; i < 2000; i++) {
        const x = i < 1000 ? rng.uniform() : f.cx + (r + (rng.uniform() - 0.5) * 0.01) * Math.cos(i);
        const y = i < 1000 ? rng.uniform() : f.cy + (r + (rng.uniform() - 0.5) * 0.01) * Math.sin(i);
        expect(violationProbability(l, x, y)).toBe(full(l, x, y));
      }
    }
  });
});
