import { checkFinite, checkFiniteArray } from './validate';

/** softplus(x) = log(1 + eˣ), computed as max(x, 0) + log1p(e^(−|x|)) so it never overflows. */
export function softplus(x: number): number {
  checkFinite('softplus', 'x', x);
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Logistic sigmoid σ(x) = 1 / (1 + e^(−x)), evaluated on the side where the exponent is ≤ 0. */
export function sigmoid(x: number): number {
  checkFinite('sigmoid', 'x', x);
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log σ(x) = −softplus(−x); stays finite for very negative x where σ(x) underflows. */
export function logSigmoid(x: number): number {
  checkFinite('logSigmoid', 'x', x);
  return 0 - softplus(-x); // 0 − … avoids returning −0
}

/** log Σ e^(xᵢ), shifted by the maximum so no exponent overflows. */
export function logSumExp(row: readonly number[]): number {
  checkFiniteArray('logSumExp', 'row', row);
  return logSumExpUnchecked(row);
}

function logSumExpUnchecked(row: readonly number[]): number {
  let m = -Infinity;
  for (const x of row) if (x > m) m = x;
  let s = 0;
  for (const x of row) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** log softmax: xᵢ − log Σⱼ e^(xⱼ), with the max subtracted first for stability. */
export function logSoftmax(row: readonly number[]): number[] {
  checkFiniteArray('logSoftmax', 'row', row);
  const lse = logSumExpUnchecked(row);
  return row.map((x) => x - lse);
}

/** softmax: e^(xᵢ) / Σⱼ e^(xⱼ), with the max subtracted first so large logits do not overflow. */
export function softmax(row: readonly number[]): number[] {
  checkFiniteArray('softmax', 'row', row);
  let m = -Infinity;
  for (const x of row) if (x > m) m = x;
  const e = row.map((x) => Math.exp(x - m));
  let s = 0;
  for (const v of e) s += v;
  return e.map((v) => v / s);
}
