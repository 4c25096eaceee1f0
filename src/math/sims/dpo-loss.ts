import { dpo } from '../dpo';
import { logSigmoid, sigmoid } from '../functions';
import { checkFinite, checkPositive, checkPositiveInteger } from '../validate';

/** The original notebook's four preference pairs (log-ratios Δ = log π_θ − log π_ref). */
export const DPO_DEMO_BETA = 0.1;
export const DPO_DEMO_WIN = [1.2, 0.8, 0.4, 1.5] as const;
export const DPO_DEMO_LOSE = [-0.2, 0.1, 0.5, 0] as const;

export interface DpoPairRow {
  /** 1-based pair number, as the learner sees it. */
  pair: number;
  logRatioWin: number;
  logRatioLose: number;
  /** βΔ_w and βΔ_l: DPO's implicit rewards (up to a prompt-only constant). */
  rewardWin: number;
  rewardLose: number;
  /** β(Δ_w − Δ_l). */
  margin: number;
  /** −log σ(margin). */
  loss: number;
  /** σ(−margin): the factor that scales this pair's gradient. */
  weight: number;
}

export interface DpoDemo {
  rows: DpoPairRow[];
  meanLoss: number;
  meanWeight: number;
  /** Pairs whose implicit reward ranks the preferred response strictly higher. */
  correctlyRanked: number;
}

/** Per-pair DPO quantities for the demo, computed with the core `dpo`. */
export function dpoDemo(beta: number, win: readonly number[], lose: readonly number[]): DpoDemo {
  const r = dpo(beta, win, lose);
  const rows = r.margins.map((margin, i) => ({
    pair: i + 1,
    logRatioWin: win[i]!,
    logRatioLose: lose[i]!,
    rewardWin: r.implicitRewardsWin[i]!,
    rewardLose: r.implicitRewardsLose[i]!,
    margin,
    loss: -logSigmoid(margin),
    weight: r.weights[i]!,
  }));
  const meanWeight = r.weights.reduce((a, b) => a + b, 0) / r.weights.length;
  return { rows, meanLoss: r.loss, meanWeight, correctlyRanked: r.margins.filter((m) => m > 0).length };
}

/** −log σ(m) and σ(−m) on an even grid of margins in [−halfWidth, halfWidth]. */
export function dpoLossCurve(halfWidth: number, points = 121): { margin: number; loss: number; weight: number }[] {
  checkFinite('dpoLossCurve', 'halfWidth', halfWidth);
  checkPositive('dpoLossCurve', 'halfWidth', halfWidth);
  checkPositiveInteger('dpoLossCurve', 'points', points);
  if (points < 2) throw new RangeError('dpoLossCurve: points must be at least 2');
  return Array.from({ length: points }, (_, i) => {
    const margin = -halfWidth + (2 * halfWidth * i) / (points - 1);
    return { margin, loss: -logSigmoid(margin), weight: sigmoid(-margin) };
  });
}
