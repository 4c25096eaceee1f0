import { logSoftmax } from './functions';
import {
  checkFiniteArray,
  checkIntegerInRange,
  checkNonNegativeArray,
  checkSameLength,
  fail,
} from './validate';

export interface MaskedTokenNll {
  /** Per-position negative log-likelihood −log softmax(logits[t])[targets[t]], in nats (masked positions included). */
  tokenNll: number[];
  /** Mask-weighted mean Σ mₜ·nllₜ / Σ mₜ. */
  loss: number;
}

/**
 * Masked next-token cross-entropy as used in supervised fine-tuning: prompt
 * tokens get mask 0, response tokens mask 1, so only the response is learned.
 * Mask entries may be any weights ≥ 0; an all-zero mask is rejected because
 * no token would carry loss.
 */
export function maskedTokenNll(
  logits: readonly (readonly number[])[],
  targets: readonly number[],
  mask: readonly number[],
): MaskedTokenNll {
  const fn = 'maskedTokenNll';
  if (!Array.isArray(logits) || logits.length === 0) fail(fn, 'logits is empty; it needs one row per position');
  checkSameLength(fn, 'logits', logits, 'targets', targets);
  checkSameLength(fn, 'logits', logits, 'mask', mask);
  checkNonNegativeArray(fn, 'mask', mask);
  const tokenNll = logits.map((row, t) => {
    checkFiniteArray(fn, `logits[${t}]`, row);
    checkIntegerInRange(fn, `targets[${t}]`, targets[t]!, 0, row.length - 1);
    return 0 - logSoftmax(row)[targets[t]!]!; // 0 − … avoids −0
  });
  let weighted = 0;
  let total = 0;
  for (let t = 0; t < tokenNll.length; t++) {
    weighted += mask[t]! * tokenNll[t]!;
    total += mask[t]!;
  }
  if (total === 0) fail(fn, 'mask is all zeros, so no token carries loss (the mean would divide by 0)');
  return { tokenNll, loss: weighted / total };
}
