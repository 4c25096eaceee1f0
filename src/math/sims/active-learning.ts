import { createRng } from '../rng';
import { reviewPriority, topK } from '../priority';
import { checkNonNegative, checkPositiveInteger } from '../validate';

/**
 * An unlabelled pool as in the original notebook: risk r ~ Beta(2, 5), model uncertainty
 * h ~ Beta(3, 3), diversity d ~ U(0, 1). Each item also carries a hidden label — violating
 * with probability r — that the ranking never sees; it only scores the queue afterwards.
 */
export interface ReviewPool {
  risk: number[];
  uncertainty: number[];
  diversity: number[];
  violating: (0 | 1)[];
}

export function sampleReviewPool(seed: number, n: number): ReviewPool {
  checkPositiveInteger('sampleReviewPool', 'n', n);
  const rng = createRng(seed);
  const risk = Array.from({ length: n }, () => rng.beta(2, 5));
  const uncertainty = Array.from({ length: n }, () => rng.beta(3, 3));
  const diversity = Array.from({ length: n }, () => rng.uniform());
  const violating = risk.map((r) => rng.bernoulli(r));
  return { risk, uncertainty, diversity, violating };
}

export interface QueueWeights {
  risk: number;
  uncertainty: number;
  diversity: number;
}

/**
 * Weights divided by their sum, so utilities stay in [0, 1] and only the ratios matter (the
 * ranking is unchanged by rescaling). All zeros stay zeros: every item then ties at u = 0.
 */
export function normalizeWeights(w: QueueWeights): QueueWeights {
  checkNonNegative('normalizeWeights', 'risk', w.risk);
  checkNonNegative('normalizeWeights', 'uncertainty', w.uncertainty);
  checkNonNegative('normalizeWeights', 'diversity', w.diversity);
  const s = w.risk + w.uncertainty + w.diversity;
  if (s === 0) return { risk: 0, uncertainty: 0, diversity: 0 };
  return { risk: w.risk / s, uncertainty: w.uncertainty / s, diversity: w.diversity / s };
}

export interface QueueResult {
  /** Normalised weights actually used. */
  weights: QueueWeights;
  utility: number[];
  /** Indices of the chosen items, highest utility first. */
  queue: number[];
  /** Every index in utility order (the queue is its first k). */
  order: number[];
  queueMeanUtility: number;
  /** Expected mean utility of k items drawn uniformly without replacement = the pool mean. */
  randomMeanUtility: number;
  violatingInQueue: number;
  violatingTotal: number;
  /** Expected violating items in a uniformly random queue of the same size: k·V/n. */
  randomExpectedViolating: number;
}

/** The part of a queue that does not depend on the budget k: utilities and their ranking. */
export interface PoolRanking {
  /** Normalised weights actually used. */
  weights: QueueWeights;
  utility: number[];
  /** Every index in utility order (highest first, ties by lower index). */
  order: number[];
}

export function rankPool(pool: ReviewPool, weights: QueueWeights): PoolRanking {
  const w = normalizeWeights(weights);
  const utility = reviewPriority(pool.risk, pool.uncertainty, pool.diversity, w);
  return { weights: w, utility, order: topK(utility, pool.risk.length) };
}

/** The top k of a ranking and how it compares with a random queue of the same size. */
export function queueFromRanking(pool: ReviewPool, ranking: PoolRanking, k: number): QueueResult {
  const n = pool.risk.length;
  const kk = Math.min(Math.max(0, Math.floor(k)), n);
  const { weights, utility, order } = ranking;
  const queue = order.slice(0, kk);
  const violatingTotal = pool.violating.reduce<number>((s, v) => s + v, 0);
  const violatingInQueue = queue.reduce<number>((s, i) => s + pool.violating[i]!, 0);
  const sumU = utility.reduce((s, u) => s + u, 0);
  return {
    weights,
    utility,
    queue,
    order,
    queueMeanUtility: kk > 0 ? queue.reduce((s, i) => s + utility[i]!, 0) / kk : NaN,
    randomMeanUtility: sumU / n,
    violatingInQueue,
    violatingTotal,
    randomExpectedViolating: (kk * violatingTotal) / n,
  };
}

export function buildQueue(pool: ReviewPool, weights: QueueWeights, k: number): QueueResult {
  return queueFromRanking(pool, rankPool(pool, weights), k);
}

/** Violating items caught by the first k of a ranking, for every k = 0 … n (a gain curve). */
export function gainCurve(order: readonly number[], violating: readonly (0 | 1)[]): number[] {
  const out = [0];
  let c = 0;
  for (const i of order) {
    c += violating[i]!;
    out.push(c);
  }
  return out;
}
