import { describe, expect, it } from 'vitest';
import { DPO_DEMO_BETA, DPO_DEMO_LOSE, DPO_DEMO_WIN, dpoDemo, dpoLossCurve } from '@math/sims/dpo-loss';

describe('dpoDemo', () => {
  it('reproduces the notebook pairs at β = 0.1, with pair 3 mis-ranked', () => {
    // margins 0.1·[1.4, 0.7, −0.1, 1.5]; −log σ(m) = log(1 + e^(−m)):
    // log(1.8693582) = 0.6255952, log(1.9323938) = 0.6587596, log(2.0100502) = 0.6981597, log(1.8607080) = 0.6209570
    const d = dpoDemo(DPO_DEMO_BETA, DPO_DEMO_WIN, DPO_DEMO_LOSE);
    expect(d.rows.map((r) => r.pair)).toEqual([1, 2, 3, 4]);
    [0.6255952, 0.6587596, 0.6981597, 0.620957].forEach((v, i) => expect(d.rows[i]!.loss).toBeCloseTo(v, 6));
    expect(d.meanLoss).toBeCloseTo(0.6508679, 6);
    // σ(−m) = 1/(1 + e^m): 0.4650571, 0.4825071, 0.5025000, 0.4625702 → mean 0.4781586
    expect(d.meanWeight).toBeCloseTo(0.4781586, 6);
    expect(d.rows[2]!.rewardWin).toBeCloseTo(0.04, 12);
    expect(d.rows[2]!.rewardLose).toBeCloseTo(0.05, 12);
    expect(d.correctlyRanked).toBe(3);
  });

  it('keeps the ranking but sharpens loss and weights at β = 1', () => {
    // margins [1.4, 0.7, −0.1, 1.5]: losses log(1 + e^(−m)) = 0.2204174, 0.4031860, 0.7443967, 0.2014133
    const d = dpoDemo(1, DPO_DEMO_WIN, DPO_DEMO_LOSE);
    expect(d.meanLoss).toBeCloseTo(0.3923533, 6);
    expect(d.meanWeight).toBeCloseTo(0.3092583, 6);
    expect(d.correctlyRanked).toBe(3);
    // the mis-ranked pair now carries the largest weight, σ(0.1) = 0.5249792
    expect(d.rows[2]!.weight).toBeCloseTo(0.5249792, 6);
    expect(Math.max(...d.rows.map((r) => r.weight))).toBe(d.rows[2]!.weight);
  });

  it('counts a tie as not ranked higher', () => {
    expect(dpoDemo(0.5, [1, 2], [1, 0]).correctlyRanked).toBe(1);
  });

  it('rejects β ≤ 0 through the core', () => {
    expect(() => dpoDemo(0, [1], [0])).toThrow(/dpo: beta/);
  });
});

describe('dpoLossCurve', () => {
  it('spans the symmetric range with loss log 2 and weight ½ at the centre', () => {
    const c = dpoLossCurve(3, 7);
    expect(c.map((p) => p.margin)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(c[3]!.loss).toBeCloseTo(Math.LN2, 12);
    expect(c[3]!.weight).toBe(0.5);
    // −log σ(2) = log(1 + e^−2) = 0.1269280; σ(−2) = 0.1192029; −log σ(−3) = 3.0485874
    expect(c[5]!.loss).toBeCloseTo(0.126928, 6);
    expect(c[5]!.weight).toBeCloseTo(0.1192029, 6);
    expect(c[0]!.loss).toBeCloseTo(3.0485874, 6);
  });

  it('rejects a non-positive width or fewer than two points', () => {
    expect(() => dpoLossCurve(0)).toThrow(RangeError);
    expect(() => dpoLossCurve(2, 1)).toThrow(RangeError);
  });
});
