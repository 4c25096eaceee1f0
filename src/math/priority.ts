import {
  checkFinite,
  checkFiniteArray,
  checkInteger,
  checkProbability,
  checkSameLength,
  fail,
} from './validate';

export interface PriorityWeights {
  risk: number;
  uncertainty: number;
  diversity: number;
}

/**
 * Review-queue utility per item: u = w_risk·r + w_unc·h + w_div·d, a linear
 * scalarization of risk, model uncertainty and diversity (the usual
 * active-learning recipe; weights are the reviewer's trade-off, any finite sign).
 */
export function reviewPriority(
  risk: readonly number[],
  uncertainty: readonly number[],
  diversity: readonly number[],
  weights: PriorityWeights,
): number[] {
  const fn = 'reviewPriority';
  checkFiniteArray(fn, 'risk', risk);
  checkFiniteArray(fn, 'uncertainty', uncertainty);
  checkFiniteArray(fn, 'diversity', diversity);
  checkSameLength(fn, 'risk', risk, 'uncertainty', uncertainty);
  checkSameLength(fn, 'risk', risk, 'diversity', diversity);
  checkFinite(fn, 'weights.risk', weights.risk);
  checkFinite(fn, 'weights.uncertainty', weights.uncertainty);
  checkFinite(fn, 'weights.diversity', weights.diversity);
  return risk.map(
    (r, i) => weights.risk * r + weights.uncertainty * uncertainty[i]! + weights.diversity * diversity[i]!,
  );
}

/**
 * Indices of the k largest values, largest first. Ties are broken by the lower
 * index (stable), so equal utilities keep queue order. k must be an integer
 * ≥ 0; k larger than the array returns every index.
 */
export function topK(values: readonly number[], k: number): number[] {
  const fn = 'topK';
  checkFiniteArray(fn, 'values', values);
  checkInteger(fn, 'k', k);
  if (k < 0) fail(fn, `k must be ≥ 0, got ${k}`);
  return values
    .map((v, i) => i)
    .sort((a, b) => values[b]! - values[a]! || a - b)
    .slice(0, k);
}

/** Binary entropy in bits: H(p) = −p log₂ p − (1−p) log₂(1−p), with 0·log 0 = 0 (max 1 at p = ½). */
export function binaryEntropy(p: number): number {
  checkProbability('binaryEntropy', 'p', p);
  if (p === 0 || p === 1) return 0;
  return -p * Math.log2(p) - (1 - p) * Math.log2(1 - p);
}

/** Margin uncertainty 1 − |2p − 1|: 1 at p = ½, 0 when the model is certain (p = 0 or 1). */
export function marginUncertainty(p: number): number {
  checkProbability('marginUncertainty', 'p', p);
  return 1 - Math.abs(2 * p - 1);
}
