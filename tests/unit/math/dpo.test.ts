import { describe, it, expect } from 'vitest';
import { dpo } from '@math/index';

const win = [1.2, 0.8, 0.4, 1.5];
const lose = [-0.2, 0.1, 0.5, 0];

describe('dpo', () => {
  it('reproduces the demo numbers at β = 0.1', () => {
    // margins = 0.1·(Δw − Δl) = 0.1·[1.4, 0.7, −0.1, 1.5] = [0.14, 0.07, −0.01, 0.15]
    // σ(0.14) = 1/(1 + e^−0.14) = 1/(1 + 0.8693582) = 0.5349429 → −log = 0.6255952
    // σ(0.07) = 1/(1 + 0.9323938) = 0.5174929 → −log = 0.6587596
    // σ(−0.01) = 1/(1 + 1.0100502) = 0.4975000 → −log = 0.6981597
    // σ(0.15) = 1/(1 + 0.8607080) = 0.5374298 → −log = 0.6209570
    // loss = (0.6255952 + 0.6587596 + 0.6981597 + 0.6209570)/4 = 2.6034715/4 = 0.6508679
    const r = dpo(0.1, win, lose);
    [0.14, 0.07, -0.01, 0.15].forEach((m, i) => expect(r.margins[i]).toBeCloseTo(m, 12));
    expect(r.loss).toBeCloseTo(0.6508679, 6);
    // weights σ(−margin) = 1 − σ(margin)
    [0.4650571, 0.4825071, 0.5025, 0.4625702].forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 6));
    [0.12, 0.08, 0.04, 0.15].forEach((v, i) => expect(r.implicitRewardsWin[i]).toBeCloseTo(v, 12));
    [-0.02, 0.01, 0.05, 0].forEach((v, i) => expect(r.implicitRewardsLose[i]).toBeCloseTo(v, 12));
  });

  it('gives log 2 when win and lose log-ratios are equal, for any β', () => {
    expect(dpo(5, [0.3, -1], [0.3, -1]).loss).toBeCloseTo(Math.LN2, 12);
    expect(dpo(5, [0.3], [0.3]).weights[0]).toBe(0.5);
  });

  it('stays finite for extreme margins', () => {
    // margin = 1·(−500 − 500) = −1000 → −log σ(−1000) = 1000
    const r = dpo(1, [-500], [500]);
    expect(r.loss).toBe(1000);
    expect(r.weights[0]).toBe(1);
  });

  it('rejects β ≤ 0, mismatched lengths and non-finite log-ratios', () => {
    expect(() => dpo(0, win, lose)).toThrow(/^dpo: beta must be > 0/);
    expect(() => dpo(-0.1, win, lose)).toThrow(RangeError);
    expect(() => dpo(NaN, win, lose)).toThrow(/^dpo: beta must be a finite number/);
    expect(() => dpo(0.1, [1, 2, 3], [1, 2, 3, 4])).toThrow(
      'dpo: logRatiosWin has 3 entries but logRatiosLose has 4',
    );
    expect(() => dpo(0.1, [], [])).toThrow(/logRatiosWin is empty/);
    expect(() => dpo(0.1, [Infinity], [0])).toThrow(/logRatiosWin\[0\] must be a finite number/);
  });
});
