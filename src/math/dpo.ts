import { logSigmoid, sigmoid } from './functions';
import { checkFiniteArray, checkPositive, checkSameLength } from './validate';

export interface DpoResult {
  /** marginᵢ = β(Δ_w,i − Δ_l,i). */
  margins: number[];
  /** Mean of −log σ(marginᵢ). */
  loss: number;
  /** σ(−marginᵢ): how strongly pair i is pushed (large when the model ranks it wrong). */
  weights: number[];
  /** β·Δ_w,i, the implicit reward of each preferred response. */
  implicitRewardsWin: number[];
  /** β·Δ_l,i, the implicit reward of each rejected response. */
  implicitRewardsLose: number[];
}

/**
 * Direct Preference Optimization loss (Rafailov et al. 2023, arXiv:2305.18290).
 * Δ = log π_θ(y|x) − log π_ref(y|x) is the log-ratio of policy to reference for
 * a response; β > 0 sets how far the policy may move from the reference.
 */
export function dpo(
  beta: number,
  logRatiosWin: readonly number[],
  logRatiosLose: readonly number[],
): DpoResult {
  const fn = 'dpo';
  checkPositive(fn, 'beta', beta);
  checkFiniteArray(fn, 'logRatiosWin', logRatiosWin);
  checkFiniteArray(fn, 'logRatiosLose', logRatiosLose);
  checkSameLength(fn, 'logRatiosWin', logRatiosWin, 'logRatiosLose', logRatiosLose);
  const implicitRewardsWin = logRatiosWin.map((d) => beta * d);
  const implicitRewardsLose = logRatiosLose.map((d) => beta * d);
  const margins = logRatiosWin.map((d, i) => beta * (d - logRatiosLose[i]!));
  let s = 0;
  for (const m of margins) s -= logSigmoid(m);
  return {
    margins,
    loss: s / margins.length,
    weights: margins.map((m) => sigmoid(-m)),
    implicitRewardsWin,
    implicitRewardsLose,
  };
}
