import { checkFiniteArray, checkNonNegative, checkNotNaN, checkProbability } from './validate';

function checkScores(fn: string, harmful: readonly number[], benign: readonly number[]): void {
  checkFiniteArray(fn, 'harmfulScores', harmful);
  checkFiniteArray(fn, 'benignScores', benign);
}

function countAtLeast(scores: readonly number[], tau: number): number {
  let c = 0;
  for (const s of scores) if (s >= tau) c++;
  return c;
}

export interface Rates {
  /** True-positive rate: share of harmful items blocked (score ≥ τ). */
  tpr: number;
  /** False-positive rate: share of benign items blocked (score ≥ τ). */
  fpr: number;
}

/**
 * Rates of a guardrail that blocks an item when its score ≥ τ. τ may be
 * ±Infinity (+∞ blocks nothing, −∞ blocks everything).
 */
export function thresholdRates(
  harmfulScores: readonly number[],
  benignScores: readonly number[],
  tau: number,
): Rates {
  const fn = 'thresholdRates';
  checkScores(fn, harmfulScores, benignScores);
  checkNotNaN(fn, 'tau', tau);
  return {
    tpr: countAtLeast(harmfulScores, tau) / harmfulScores.length,
    fpr: countAtLeast(benignScores, tau) / benignScores.length,
  };
}

/**
 * Area under the ROC curve, P(score_harmful > score_benign) + ½·P(tie), computed
 * exactly in O(n log n) as the Mann–Whitney U statistic from mid-ranks.
 */
export function rocAuc(harmfulScores: readonly number[], benignScores: readonly number[]): number {
  checkScores('rocAuc', harmfulScores, benignScores);
  const nH = harmfulScores.length;
  const nB = benignScores.length;
  const all = [
    ...harmfulScores.map((s) => ({ s, harmful: true })),
    ...benignScores.map((s) => ({ s, harmful: false })),
  ].sort((a, b) => a.s - b.s);
  let rankSumHarmful = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const midRank = (i + 1 + j) / 2; // ranks i+1 … j share their average
    for (let k = i; k < j; k++) if (all[k]!.harmful) rankSumHarmful += midRank;
    i = j;
  }
  const u = rankSumHarmful - (nH * (nH + 1)) / 2;
  return u / (nH * nB);
}

export interface RocPoint extends Rates {
  /** Threshold: block when score ≥ tau (+Infinity for the (0, 0) corner). */
  tau: number;
}

/**
 * ROC curve: one point per distinct score used as τ, in decreasing τ, starting
 * at τ = +∞ (0, 0) and ending at the lowest score (1, 1).
 */
export function rocCurve(harmfulScores: readonly number[], benignScores: readonly number[]): RocPoint[] {
  checkScores('rocCurve', harmfulScores, benignScores);
  const h = harmfulScores.slice().sort((a, b) => b - a);
  const b = benignScores.slice().sort((a, b2) => b2 - a);
  const taus = [...new Set([...h, ...b])].sort((x, y) => y - x);
  const points: RocPoint[] = [{ tau: Infinity, tpr: 0, fpr: 0 }];
  let ih = 0;
  let ib = 0;
  for (const tau of taus) {
    while (ih < h.length && h[ih]! >= tau) ih++;
    while (ib < b.length && b[ib]! >= tau) ib++;
    points.push({ tau, tpr: ih / h.length, fpr: ib / b.length });
  }
  return points;
}

export interface CostSettings {
  /** Cost of letting one harmful request through (≥ 0). */
  costMiss: number;
  /** Cost of blocking one benign request (≥ 0). */
  costOverblock: number;
  /** Share of requests that are harmful, in [0, 1]. */
  baseRate: number;
}

export interface CostOptimum extends RocPoint {
  /** baseRate·(1−tpr)·costMiss + (1−baseRate)·fpr·costOverblock, per request. */
  expectedCost: number;
}

/**
 * Threshold minimizing expected cost per request over every candidate τ
 * (each distinct score, plus +∞ = block nothing). Ties go to the higher τ,
 * i.e. the guardrail that blocks less.
 */
export function costOptimalThreshold(
  harmfulScores: readonly number[],
  benignScores: readonly number[],
  costs: CostSettings,
): CostOptimum {
  const fn = 'costOptimalThreshold';
  checkScores(fn, harmfulScores, benignScores);
  checkNonNegative(fn, 'costMiss', costs.costMiss);
  checkNonNegative(fn, 'costOverblock', costs.costOverblock);
  checkProbability(fn, 'baseRate', costs.baseRate);
  const { costMiss, costOverblock, baseRate } = costs;
  let best: CostOptimum | undefined;
  for (const p of rocCurve(harmfulScores, benignScores)) {
    const expectedCost = baseRate * (1 - p.tpr) * costMiss + (1 - baseRate) * p.fpr * costOverblock;
    if (best === undefined || expectedCost < best.expectedCost) best = { ...p, expectedCost };
  }
  return best!;
}

/**
 * Precision of the blocked set, P(harmful | blocked) by Bayes' rule:
 * π·tpr / (π·tpr + (1−π)·fpr) with π the base rate. NaN when nothing is
 * blocked (the denominator is 0), since precision is then undefined.
 */
export function precisionAt(tpr: number, fpr: number, baseRate: number): number {
  const fn = 'precisionAt';
  checkProbability(fn, 'tpr', tpr);
  checkProbability(fn, 'fpr', fpr);
  checkProbability(fn, 'baseRate', baseRate);
  const blockedHarmful = baseRate * tpr;
  const blocked = blockedHarmful + (1 - baseRate) * fpr;
  return blocked === 0 ? NaN : blockedHarmful / blocked;
}
