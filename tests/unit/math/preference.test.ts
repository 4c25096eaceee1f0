import { describe, it, expect } from 'vitest';
import { bradleyTerryProbability, pairwiseRewardGradient, pairwiseRewardLoss } from '@math/index';

// Demo numbers: margins r_w − r_l = [1.8, 0.3, 0.6, −0.3]
const rWin = [2.1, 0.7, 1.4, 0.2];
const rLose = [0.3, 0.4, 0.8, 0.5];

describe('bradleyTerryProbability', () => {
  it('is σ(r_w − r_l) on the demo pairs', () => {
    // σ(1.8) = 1/(1 + e^−1.8) = 1/(1 + 0.1652989) = 0.8581489
    // σ(0.3) = 1/(1 + 0.7408182) = 0.5744425
    // σ(0.6) = 1/(1 + 0.5488116) = 0.6456563
    // σ(−0.3) = 1 − 0.5744425 = 0.4255575
    const expected = [0.8581489, 0.5744425, 0.6456563, 0.4255575];
    rWin.forEach((w, i) => expect(bradleyTerryProbability(w, rLose[i]!)).toBeCloseTo(expected[i]!, 6));
  });

  it('gives 1/2 for equal rewards and depends only on the difference', () => {
    expect(bradleyTerryProbability(3, 3)).toBe(0.5);
    expect(bradleyTerryProbability(10.5, 10)).toBeCloseTo(bradleyTerryProbability(0.5, 0), 12);
  });

  it('rejects non-finite rewards', () => {
    expect(() => bradleyTerryProbability(NaN, 0)).toThrow(/^bradleyTerryProbability: rewardWin/);
    expect(() => bradleyTerryProbability(0, Infinity)).toThrow(RangeError);
  });
});

describe('pairwiseRewardLoss', () => {
  it('is the mean of −log σ(margin) on the demo pairs', () => {
    // −log 0.8581489 = 0.1529776; −log 0.5744425 = 0.5543552;
    // −log 0.6456563 = 0.4374880; −log 0.4255575 = 0.8543552
    // mean = (0.1529776 + 0.5543552 + 0.4374880 + 0.8543552) / 4 = 1.9991760 / 4 = 0.4997940
    expect(pairwiseRewardLoss(rWin, rLose)).toBeCloseTo(0.499794, 6);
  });

  it('is log 2 at zero margin and stays finite for huge wrong margins', () => {
    expect(pairwiseRewardLoss([1, 2], [1, 2])).toBeCloseTo(Math.LN2, 12);
    // −log σ(−1000) = 1000 + log(1 + e^−1000) = 1000
    expect(pairwiseRewardLoss([0], [1000])).toBe(1000);
    expect(pairwiseRewardLoss([1000], [0])).toBe(0);
  });

  it('rejects mismatched, empty or non-finite inputs', () => {
    expect(() => pairwiseRewardLoss([1, 2, 3], [1, 2])).toThrow(
      /^pairwiseRewardLoss: rewardsWin has 3 entries but rewardsLose has 2/,
    );
    expect(() => pairwiseRewardLoss([], [])).toThrow(/rewardsWin is empty/);
    expect(() => pairwiseRewardLoss([1], [NaN])).toThrow(/rewardsLose\[0\] must be a finite number/);
  });
});

describe('pairwiseRewardGradient', () => {
  it('is ∓σ(−margin)/n on the demo pairs', () => {
    // σ(−1.8) = 1 − 0.8581489 = 0.1418511 → /4 = 0.0354628
    // σ(−0.3) = 0.4255575 → /4 = 0.1063894
    // σ(−0.6) = 1 − 0.6456563 = 0.3543437 → /4 = 0.0885859
    // σ(0.3) = 0.5744425 → /4 = 0.1436106
    const expected = [0.0354628, 0.1063894, 0.0885859, 0.1436106];
    const { gradWin, gradLose } = pairwiseRewardGradient(rWin, rLose);
    expected.forEach((g, i) => {
      expect(gradWin[i]).toBeCloseTo(-g, 6);
      expect(gradLose[i]).toBeCloseTo(g, 6);
    });
  });

  it('matches a central finite difference of the loss', () => {
    const h = 1e-6;
    const { gradWin, gradLose } = pairwiseRewardGradient(rWin, rLose);
    for (let i = 0; i < rWin.length; i++) {
      const up = rWin.slice();
      const down = rWin.slice();
      up[i]! += h;
      down[i]! -= h;
      const fdWin = (pairwiseRewardLoss(up, rLose) - pairwiseRewardLoss(down, rLose)) / (2 * h);
      expect(gradWin[i]).toBeCloseTo(fdWin, 7);
      const upL = rLose.slice();
      const downL = rLose.slice();
      upL[i]! += h;
      downL[i]! -= h;
      const fdLose = (pairwiseRewardLoss(rWin, upL) - pairwiseRewardLoss(rWin, downL)) / (2 * h);
      expect(gradLose[i]).toBeCloseTo(fdLose, 7);
    }
  });

  it('rejects mismatched lengths', () => {
    expect(() => pairwiseRewardGradient([1], [1, 2])).toThrow(/^pairwiseRewardGradient: rewardsWin has 1 entries/);
  });
});
