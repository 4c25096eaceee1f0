import { describe, it, expect } from 'vitest';
import { cohenKappa, confusionMatrix } from '@math/index';

/** Expand a contingency table into two label arrays. */
function fromTable(labels: number[], table: number[][]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        a.push(labels[i]!);
        b.push(labels[j]!);
      }
    }),
  );
  return [a, b];
}

describe('confusionMatrix', () => {
  it('cross-tabulates with sorted labels, rows = rater A', () => {
    const m = confusionMatrix([2, 0, 2, 5], [2, 2, 0, 5]);
    expect(m.labels).toEqual([0, 2, 5]);
    expect(m.counts).toEqual([
      [0, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('recovers the table it was built from', () => {
    const table = [
      [10, 2, 3],
      [1, 12, 2],
      [2, 1, 7],
    ];
    const [a, b] = fromTable([-1, 3, 7], table);
    expect(confusionMatrix(a, b)).toEqual({ labels: [-1, 3, 7], counts: table });
  });

  it('rejects non-integer labels and mismatched lengths', () => {
    expect(() => confusionMatrix([0, 1.5], [0, 1])).toThrow(/^confusionMatrix: raterA\[1\] must be an integer/);
    expect(() => confusionMatrix([0, 1], [0])).toThrow(/^confusionMatrix: raterA has 2 entries but raterB has 1/);
  });
});

describe('cohenKappa', () => {
  it('matches a hand-computed 2×2 table', () => {
    // table [[20, 5], [10, 15]], n = 50
    // p_o = (20 + 15)/50 = 0.7
    // A's rates (rows) .5/.5; B's rates (cols) 30/50 = .6, 20/50 = .4
    // p_e = .5·.6 + .5·.4 = 0.5; κ = (.7 − .5)/(1 − .5) = 0.4
    const [a, b] = fromTable([0, 1], [
      [20, 5],
      [10, 15],
    ]);
    const k = cohenKappa(a, b);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it('matches a hand-computed 3×3 table with arbitrary integer labels', () => {
    // table [[10,2,3],[1,12,2],[2,1,7]], n = 40; row sums 15, 15, 10; column sums 13, 15, 12
    // p_o = (10 + 12 + 7)/40 = 29/40 = 0.725
    // p_e = (15·13 + 15·15 + 10·12)/40² = (195 + 225 + 120)/1600 = 540/1600 = 0.3375
    // κ = (0.725 − 0.3375)/(1 − 0.3375) = 0.3875/0.6625 = 31/53 = 0.5849057
    const [a, b] = fromTable([-1, 3, 7], [
      [10, 2, 3],
      [1, 12, 2],
      [2, 1, 7],
    ]);
    const k = cohenKappa(a, b);
    expect(k.observed).toBeCloseTo(0.725, 12);
    expect(k.expected).toBeCloseTo(0.3375, 12);
    expect(k.kappa).toBeCloseTo(31 / 53, 12);
  });

  it('is 1 for perfect agreement and can go negative for systematic disagreement', () => {
    expect(cohenKappa([1, 2, 3, 1], [1, 2, 3, 1]).kappa).toBe(1);
    // A = [0,1,0,1], B = [1,0,1,0]: p_o = 0, p_e = .5·.5 + .5·.5 = .5, κ = −.5/.5 = −1
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0]).kappa).toBeCloseTo(-1, 12);
  });

  it('is NaN when both raters always give the same single label (chance agreement 1)', () => {
    const k = cohenKappa([4, 4, 4], [4, 4, 4]);
    expect(k.observed).toBe(1);
    expect(k.expected).toBe(1);
    expect(k.kappa).toBeNaN();
    // each rater constant but different labels: p_o = 0, p_e = 1·0 + 0·1 = 0, κ = 0
    expect(cohenKappa([1, 1], [2, 2]).kappa).toBe(0);
  });

  it('rejects empty, mismatched and non-integer inputs', () => {
    expect(() => cohenKappa([], [])).toThrow(/^cohenKappa: raterA is empty/);
    expect(() => cohenKappa([0, 1, 1], [0, 1])).toThrow(/^cohenKappa: raterA has 3 entries but raterB has 2/);
    expect(() => cohenKappa([0, NaN], [0, 1])).toThrow(/raterA\[1\] must be a finite number/);
    expect(() => cohenKappa([0, 1], [0, 0.5])).toThrow(/raterB\[1\] must be an integer/);
  });
});
