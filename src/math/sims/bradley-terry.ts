import { bradleyTerryProbability, pairwiseRewardGradient, pairwiseRewardLoss } from '../preference';
import { sigmoid } from '../functions';

/** The original notebook's rewards for the preferred and the rejected response of four pairs. */
export const BT_REWARD_WIN: readonly number[] = [2.1, 0.7, 1.4, 0.2];
export const BT_REWARD_LOSE: readonly number[] = [0.3, 0.4, 0.8, 0.5];

export interface PreferencePair {
  pair: number;
  rewardWin: number;
  rewardLose: number;
  margin: number;
  /** σ(r_w − r_l): the model's probability that the labelled winner is preferred. */
  pWin: number;
  /** −log σ(margin), this pair's term of the loss. */
  loss: number;
  /** ∂(−log σ(m))/∂r_w = −σ(−m); the loser's derivative is its negative. */
  gradWin: number;
}

export interface PreferenceResult {
  pairs: PreferencePair[];
  /** Mean −log σ(margin) over the pairs (the reward-model loss). */
  loss: number;
  /** Pairs whose winner gets the higher reward. */
  correct: number;
}

/**
 * Rewards from per-pair margins: r_l = scale·base_l + shift, r_w = scale·(base_l + margin) + shift.
 * A shift moves every reward and changes nothing in σ(r_w − r_l); a scale stretches every margin.
 */
export function preferencePairs(margins: readonly number[], shift = 0, scale = 1, baseLose: readonly number[] = BT_REWARD_LOSE): PreferenceResult {
  const win = margins.map((d, i) => scale * (baseLose[i]! + d) + shift);
  const lose = margins.map((_, i) => scale * baseLose[i]! + shift);
  const grad = pairwiseRewardGradient(win, lose);
  const n = margins.length;
  const pairs = margins.map((_, i) => {
    const margin = win[i]! - lose[i]!;
    const pWin = bradleyTerryProbability(win[i]!, lose[i]!);
    return {
      pair: i + 1,
      rewardWin: win[i]!,
      rewardLose: lose[i]!,
      margin,
      pWin,
      loss: pairwiseRewardLoss([win[i]!], [lose[i]!]),
      // The core's gradient is of the mean over n pairs; ×n gives this pair's own term.
      gradWin: grad.gradWin[i]! * n,
    };
  });
  return { pairs, loss: pairwiseRewardLoss(win, lose), correct: pairs.filter((p) => p.margin > 0).length };
}

/** σ(m) on an even grid, for drawing the curve the pairs sit on. */
export function preferenceSigmoidCurve(from: number, to: number, count = 121): { m: number; p: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const m = from + ((to - from) * i) / (count - 1);
    return { m, p: sigmoid(m) };
  });
}
