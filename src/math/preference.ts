import { logSigmoid, sigmoid } from './functions';
import { checkFinite, checkFiniteArray, checkSameLength } from './validate';

/**
 * Bradley–Terry preference probability P(win ≻ lose) = σ(r_w − r_l)
 * (Bradley & Terry 1952, "Rank analysis of incomplete block designs").
 */
export function bradleyTerryProbability(rewardWin: number, rewardLose: number): number {
  checkFinite('bradleyTerryProbability', 'rewardWin', rewardWin);
  checkFinite('bradleyTerryProbability', 'rewardLose', rewardLose);
  return sigmoid(rewardWin - rewardLose);
}

function checkPairs(fn: string, rewardsWin: readonly number[], rewardsLose: readonly number[]): void {
  checkFiniteArray(fn, 'rewardsWin', rewardsWin);
  checkFiniteArray(fn, 'rewardsLose', rewardsLose);
  checkSameLength(fn, 'rewardsWin', rewardsWin, 'rewardsLose', rewardsLose);
}

/**
 * Reward-model loss: the mean over pairs of −log σ(r_w − r_l), the negative
 * log-likelihood of the observed preferences under Bradley–Terry (1952).
 * Uses logSigmoid so large negative margins do not give log(0).
 */
export function pairwiseRewardLoss(rewardsWin: readonly number[], rewardsLose: readonly number[]): number {
  checkPairs('pairwiseRewardLoss', rewardsWin, rewardsLose);
  let s = 0;
  for (let i = 0; i < rewardsWin.length; i++) s -= logSigmoid(rewardsWin[i]! - rewardsLose[i]!);
  return s / rewardsWin.length;
}

export interface PairwiseRewardGradient {
  /** ∂loss/∂r_w,i = −σ(−(r_w,i − r_l,i)) / n. */
  gradWin: number[];
  /** ∂loss/∂r_l,i = +σ(−(r_w,i − r_l,i)) / n. */
  gradLose: number[];
}

/**
 * Gradient of `pairwiseRewardLoss` with respect to each reward. The 1/n comes
 * from the loss being a mean over n pairs; σ(−margin) is the model's
 * probability of the wrong ordering, so confidently-correct pairs barely move.
 */
export function pairwiseRewardGradient(
  rewardsWin: readonly number[],
  rewardsLose: readonly number[],
): PairwiseRewardGradient {
  checkPairs('pairwiseRewardGradient', rewardsWin, rewardsLose);
  const n = rewardsWin.length;
  const gradWin: number[] = [];
  const gradLose: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = sigmoid(-(rewardsWin[i]! - rewardsLose[i]!)) / n;
    gradWin.push(-w);
    gradLose.push(w);
  }
  return { gradWin, gradLose };
}
