import { describe, expect, it } from 'vitest';
import { cohenKappa } from '@math/index';
import {
  agreementTable,
  categoryShares,
  drawRaterUniforms,
  kappaByPrevalence,
  kappaFromTable,
  populationAgreement,
  raterLabels,
  sampleRaterPair,
} from '@math/sims/reviewer-agreement';

describe('reviewer-agreement: population values (worked by hand)', () => {
  it('matches the original setup: P(1) = .3, flip 12%', () => {
    // π = (.3, .7). B's marginal: q₀ = .3·.88 + .12·.7 = .348, q₁ = .7·.88 + .12·.3 = .652.
    // p_e = .3·.348 + .7·.652 = .1044 + .4564 = .5608; p_o = .88; κ = .3192/.4392 = .726776
    const r = populationAgreement({ prevalence: 0.3, flip: 0.12, categories: 2 });
    expect(r.observed).toBeCloseTo(0.88, 12);
    expect(r.expected).toBeCloseTo(0.5608, 12);
    expect(r.kappa).toBeCloseTo(0.726776, 6);
  });

  it('shows the prevalence paradox: same 88% agreement, far lower κ at 5% prevalence', () => {
    // q₀ = .05·.88 + .12·.95 = .158, q₁ = .842; p_e = .0079 + .7999 = .8078; κ = .0722/.1922 = .375650
    const r = populationAgreement({ prevalence: 0.05, flip: 0.12, categories: 2 });
    expect(r.observed).toBeCloseTo(0.88, 12);
    expect(r.expected).toBeCloseTo(0.8078, 12);
    expect(r.kappa).toBeCloseTo(0.37565, 5);
  });

  it('handles K = 3 with the rest split evenly', () => {
    // π = (.5, .25, .25), f = .2: q₀ = .4 + .2·.5/2 = .45, q₁ = q₂ = .2 + .2·.75/2 = .275
    // p_e = .225 + 2·.25·.275 = .3625; κ = (.8 − .3625)/.6375 = 35/51
    expect(categoryShares(0.5, 3)).toEqual([0.5, 0.25, 0.25]);
    const r = populationAgreement({ prevalence: 0.5, flip: 0.2, categories: 3 });
    expect(r.expected).toBeCloseTo(0.3625, 12);
    expect(r.kappa).toBeCloseTo(35 / 51, 12);
  });

  it('gives κ = 1 without flips and κ = 0 when B is independent of A', () => {
    expect(populationAgreement({ prevalence: 0.2, flip: 0, categories: 4 }).kappa).toBeCloseTo(1, 12);
    // Uniform categories and f = (K−1)/K: B is uniform whatever A said.
    expect(populationAgreement({ prevalence: 0.25, flip: 0.75, categories: 4 }).kappa).toBeCloseTo(0, 12);
    expect(populationAgreement({ prevalence: 0.5, flip: 0.5, categories: 2 }).kappa).toBeCloseTo(0, 12);
  });

  it('is symmetric in prevalence for two categories and peaks at 1/2', () => {
    const curve = kappaByPrevalence(0.12, 2);
    expect(curve).toHaveLength(99);
    for (let i = 0; i < curve.length; i++) expect(curve[i]!.kappa).toBeCloseTo(curve[curve.length - 1 - i]!.kappa, 10);
    const best = curve.reduce((a, b) => (b.kappa > a.kappa ? b : a));
    expect(best.prevalence).toBeCloseTo(0.5, 10);
    // Observed agreement does not move with prevalence at all.
    for (const p of curve) expect(p.observed).toBeCloseTo(0.88, 12);
  });
});

describe('reviewer-agreement: samples', () => {
  it('is reproducible from the seed', () => {
    const setup = { prevalence: 0.3, flip: 0.12, categories: 2 };
    expect(sampleRaterPair(7, 300, setup)).toEqual(sampleRaterPair(7, 300, setup));
    expect(sampleRaterPair(7, 300, setup)).not.toEqual(sampleRaterPair(8, 300, setup));
  });

  it('a large sample settles near the population κ (second method: simulation)', () => {
    for (const setup of [
      { prevalence: 0.3, flip: 0.12, categories: 2 },
      { prevalence: 0.05, flip: 0.12, categories: 2 },
      { prevalence: 0.5, flip: 0.2, categories: 3 },
      { prevalence: 0.1, flip: 0.3, categories: 5 },
    ]) {
      const { a, b } = sampleRaterPair(11, 100_000, setup);
      const k = cohenKappa(a, b);
      const pop = populationAgreement(setup);
      expect(Math.abs(k.kappa - pop.kappa)).toBeLessThan(0.015);
      expect(Math.abs(k.observed - pop.observed)).toBeLessThan(0.006);
      expect(a.filter((x) => x === 0).length / a.length).toBeCloseTo(setup.prevalence, 2);
    }
  });

  it('a flip always lands on a different category, spread evenly over the others', () => {
    const { a, b } = sampleRaterPair(3, 60_000, { prevalence: 0.2, flip: 1, categories: 4 });
    expect(a.every((x, i) => x !== b[i])).toBe(true);
    const t = agreementTable(a, b, 4);
    // Row 0 (positive) spreads over categories 1–3 about a third each.
    const row = t[0]!;
    const total = row.reduce((s, c) => s + c, 0);
    for (const j of [1, 2, 3]) expect(row[j]! / total).toBeCloseTo(1 / 3, 1);
  });

  it('raising the flip rate only adds disagreements (the draws are shared)', () => {
    const draws = drawRaterUniforms(5, 500);
    const low = raterLabels(draws, { prevalence: 0.3, flip: 0.1, categories: 3 });
    const high = raterLabels(draws, { prevalence: 0.3, flip: 0.25, categories: 3 });
    expect(high.a).toEqual(low.a);
    for (let i = 0; i < 500; i++) if (low.a[i] !== low.b[i]) expect(high.b[i]).toBe(low.b[i]);
    const dis = (s: { a: number[]; b: number[] }) => s.a.filter((x, i) => x !== s.b[i]).length;
    expect(dis(high)).toBeGreaterThan(dis(low));
  });

  it('the full table keeps empty categories and sums to n', () => {
    const t = agreementTable([0, 0, 1], [0, 1, 1], 4);
    expect(t).toEqual([
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('rejects impossible setups', () => {
    expect(() => populationAgreement({ prevalence: 1.2, flip: 0.1, categories: 2 })).toThrow(/prevalence/);
    expect(() => populationAgreement({ prevalence: 0.3, flip: 0.1, categories: 1 })).toThrow(/categories/);
  });
});

describe('reviewer-agreement: κ from the table', () => {
  it('works a 2×2 table by hand', () => {
    // n = 100, p_o = .85; rows (.5, .5), columns (.45, .55): p_e = .225 + .275 = .5; κ = .35/.5 = .7
    const r = kappaFromTable([
      [40, 10],
      [5, 45],
    ]);
    expect(r.observed).toBeCloseTo(0.85, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.7, 12);
  });

  it('equals cohenKappa on the label vectors, bit for bit, unused categories included', () => {
    for (const [seed, n, prevalence, flip, categories] of [
      [1, 300, 0.3, 0.12, 2],
      [7, 50, 0.05, 0.4, 5],
      [42, 2000, 0.9, 0.01, 3],
      [3, 60, 0.99, 0, 4],
    ] as const) {
      const { a, b } = sampleRaterPair(seed, n, { prevalence, flip, categories });
      expect(kappaFromTable(agreementTable(a, b, categories))).toEqual(cohenKappa(a, b));
    }
  });

  it('is undefined when both raters use one single label', () => {
    expect(kappaFromTable([
      [0, 0],
      [0, 9],
    ]).kappa).toBeNaN();
  });
});
