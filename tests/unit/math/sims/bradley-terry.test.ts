import { describe, expect, it } from 'vitest';
import { BT_REWARD_LOSE, BT_REWARD_WIN, preferencePairs, preferenceSigmoidCurve } from '@math/sims/bradley-terry';

const margins = BT_REWARD_WIN.map((w, i) => w - BT_REWARD_LOSE[i]!); // 1.8, 0.3, 0.6, −0.3
// Reference values from a separate Python script: p = 1/(1 + e^−m), loss = −log p.

describe('bradley-terry demo', () => {
  it('rebuilds the original rewards from the margins', () => {
    const r = preferencePairs(margins);
    r.pairs.forEach((p, i) => {
      expect(p.rewardWin).toBeCloseTo(BT_REWARD_WIN[i]!, 12);
      expect(p.rewardLose).toBeCloseTo(BT_REWARD_LOSE[i]!, 12);
    });
  });

  it('reproduces the original probabilities, loss and gradients', () => {
    const r = preferencePairs(margins);
    [0.8581489, 0.5744425, 0.6456563, 0.4255575].forEach((v, i) => expect(r.pairs[i]!.pWin).toBeCloseTo(v, 6));
    [0.1529776, 0.5543552, 0.437488, 0.8543552].forEach((v, i) => expect(r.pairs[i]!.loss).toBeCloseTo(v, 6));
    // mean of the four terms: 1.9991761 / 4
    expect(r.loss).toBeCloseTo(0.499794, 6);
    // −σ(−m) = −(1 − p)
    [-0.1418511, -0.4255575, -0.3543437, -0.5744425].forEach((v, i) => expect(r.pairs[i]!.gradWin).toBeCloseTo(v, 6));
    expect(r.correct).toBe(3);
  });

  it('a common shift of every reward changes nothing the model predicts', () => {
    const a = preferencePairs(margins, 0);
    const b = preferencePairs(margins, 2.5);
    expect(b.pairs[0]!.rewardWin).toBeCloseTo(4.6, 12);
    expect(b.loss).toBeCloseTo(a.loss, 12);
    b.pairs.forEach((p, i) => expect(p.pWin).toBeCloseTo(a.pairs[i]!.pWin, 12));
  });

  it('a scale stretches every margin and does change the loss', () => {
    // margins 3.6, 0.6, 1.2, −0.6
    const r = preferencePairs(margins, 0, 2);
    expect(r.pairs[0]!.pWin).toBeCloseTo(0.973403, 6);
    expect(r.loss).toBeCloseTo(0.4413039, 6);
  });

  it('fixing the misranked pair ranks all four correctly', () => {
    const r = preferencePairs([1.8, 0.3, 0.6, 0.5]);
    expect(r.correct).toBe(4);
    expect(r.pairs[3]!.pWin).toBeCloseTo(0.6224593, 6);
    expect(r.loss).toBeCloseTo(0.4047244, 6);
  });

  it('a zero margin is a coin flip: p = 1/2, loss = ln 2, gradient −1/2, not counted as correct', () => {
    const r = preferencePairs([0, 0, 0, 0]);
    expect(r.pairs[0]!.pWin).toBe(0.5);
    expect(r.loss).toBeCloseTo(Math.LN2, 12);
    expect(r.pairs[0]!.gradWin).toBeCloseTo(-0.5, 12);
    expect(r.correct).toBe(0);
  });

  it('draws the sigmoid through (0, ½) with symmetric ends', () => {
    const c = preferenceSigmoidCurve(-6, 6, 121);
    expect(c).toHaveLength(121);
    expect(c[60]!.m).toBeCloseTo(0, 12);
    expect(c[60]!.p).toBeCloseTo(0.5, 12);
    expect(c[0]!.p + c[120]!.p).toBeCloseTo(1, 12);
  });
});
