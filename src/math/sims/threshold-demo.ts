import { randomBeta } from 'd3-random';
import { createRng } from '../rng';
import { thresholdRates, type CostOptimum, type CostSettings, type RocPoint } from '../threshold';
import { checkNonNegative, checkPositive, checkProbability } from '../validate';

/**
 * Synthetic guardrail scores as in the original notebook: harmful ~ Beta(a, 2), benign ~ Beta(2, a)
 * with a = 6 by default (a is the "separation": larger a pushes the two classes apart).
 */
export interface ScoreSample {
  harmful: number[];
  benign: number[];
}

export function sampleGuardrailScores(seed: number, n: number, separation = 6): ScoreSample {
  checkPositive('sampleGuardrailScores', 'separation', separation);
  const rng = createRng(seed);
  // The generators rng.beta would build on its first calls (same source, so the same draws),
  // taken once instead of being looked up per draw.
  const harmful = Array.from({ length: n }, randomBeta.source(rng.source)(separation, 2));
  const benign = Array.from({ length: n }, randomBeta.source(rng.source)(2, separation));
  return { harmful, benign };
}

/** Rates at evenly spaced thresholds (the original swept 30 values in [0.05, 0.95]). */
export function thresholdSweep(sample: ScoreSample, from = 0.05, to = 0.95, count = 30): { tau: number; tpr: number; fpr: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const tau = from + ((to - from) * i) / (count - 1);
    return { tau, ...thresholdRates(sample.harmful, sample.benign, tau) };
  });
}

export interface GuardrailCurves {
  /** rocCurve(harmful, benign). */
  roc: RocPoint[];
  /** rocAuc(harmful, benign). */
  auc: number;
  /** thresholdSweep(sample). */
  sweep: { tau: number; tpr: number; fpr: number }[];
  /** thresholdSweep(sample, from, to, curveCount): by default every 0.01, the τ slider's grid. */
  curve: { tau: number; tpr: number; fpr: number }[];
}

/** How many of the ascending `sorted` scores are ≥ tau (binary search). */
function countAtLeastSorted(sorted: Float64Array, tau: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! >= tau) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

/**
 * The ROC curve, its AUC, the 30-threshold sweep (the data table) and the finer rate curve (the
 * chart, whose vertices include every τ the slider can take) from one sort of each class: the same
 * numbers as rocCurve, rocAuc and thresholdSweep, which sort (or scan) the scores each.
 */
export function guardrailCurves(sample: ScoreSample, from = 0.05, to = 0.95, count = 30, curveCount = 91): GuardrailCurves {
  const h = Float64Array.from(sample.harmful).sort();
  const b = Float64Array.from(sample.benign).sort();
  const nH = h.length;
  const nB = b.length;

  // Mid-ranks over the pooled ascending scores (as rocAuc): ties share the average of their ranks.
  let rankSumHarmful = 0;
  for (let i = 0, j = 0; i < nH || j < nB; ) {
    const s = j >= nB || (i < nH && h[i]! <= b[j]!) ? h[i]! : b[j]!;
    let th = 0;
    let tb = 0;
    while (i + th < nH && h[i + th] === s) th++;
    while (j + tb < nB && b[j + tb] === s) tb++;
    const start = i + j;
    const midRank = (start + 1 + start + th + tb) / 2;
    for (let k = 0; k < th; k++) rankSumHarmful += midRank;
    i += th;
    j += tb;
  }
  const auc = (rankSumHarmful - (nH * (nH + 1)) / 2) / (nH * nB);

  // One point per distinct score, in decreasing τ, after the (0, 0) corner (as rocCurve).
  const roc: RocPoint[] = [{ tau: Infinity, tpr: 0, fpr: 0 }];
  for (let i = nH - 1, j = nB - 1; i >= 0 || j >= 0; ) {
    const tau = j < 0 || (i >= 0 && h[i]! >= b[j]!) ? h[i]! : b[j]!;
    while (i >= 0 && h[i]! >= tau) i--;
    while (j >= 0 && b[j]! >= tau) j--;
    roc.push({ tau, tpr: (nH - 1 - i) / nH, fpr: (nB - 1 - j) / nB });
  }

  const sweepOf = (m: number) =>
    Array.from({ length: m }, (_, k) => {
      const tau = from + ((to - from) * k) / (m - 1);
      return { tau, tpr: countAtLeastSorted(h, tau) / nH, fpr: countAtLeastSorted(b, tau) / nB };
    });
  return { roc, auc, sweep: sweepOf(count), curve: sweepOf(curveCount) };
}

/** costOptimalThreshold over an already computed ROC curve (same candidates, same tie rule). */
export function costOptimumOnCurve(roc: readonly RocPoint[], costs: CostSettings): CostOptimum {
  checkNonNegative('costOptimumOnCurve', 'costMiss', costs.costMiss);
  checkNonNegative('costOptimumOnCurve', 'costOverblock', costs.costOverblock);
  checkProbability('costOptimumOnCurve', 'baseRate', costs.baseRate);
  const { costMiss, costOverblock, baseRate } = costs;
  let best: CostOptimum | undefined;
  for (const p of roc) {
    const expectedCost = baseRate * (1 - p.tpr) * costMiss + (1 - baseRate) * p.fpr * costOverblock;
    if (best === undefined || expectedCost < best.expectedCost) best = { ...p, expectedCost };
  }
  return best!;
}
