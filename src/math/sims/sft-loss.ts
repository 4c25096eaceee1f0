import { softmax } from '../functions';
import { maskedTokenNll } from '../sft';

/** The original notebook's four positions over a 3-token vocabulary. */
export const SFT_DEMO_LOGITS: readonly (readonly number[])[] = [
  [2, 0.2, -0.5],
  [0.1, 1.8, -0.2],
  [0.4, 0, 1.5],
  [1.1, 0.5, -0.4],
];
export const SFT_DEMO_TARGETS: readonly number[] = [0, 1, 2, 0];
/** Position 0 is the prompt; positions 1–3 are the response. */
export const SFT_DEMO_MASK: readonly boolean[] = [false, true, true, true];

export interface SftDemoInput {
  targets: readonly number[];
  /** Which positions count in the loss. */
  mask: readonly boolean[];
  /** Added to each position's target logit before scaling (the learner's edit). */
  boosts: readonly number[];
  /** Multiplies every logit (1/temperature): larger means a more confident model. */
  scale: number;
  logits?: readonly (readonly number[])[];
}

export interface SftDemoToken {
  position: number;
  /** The logits after the boost and the scale. */
  logits: number[];
  target: number;
  counted: boolean;
  probs: number[];
  pTarget: number;
  nll: number;
  /** Share of the masked mean this token carries: 1/k if counted (k counted tokens), else 0. */
  weight: number;
}

export interface SftDemoResult {
  tokens: SftDemoToken[];
  /** Masked mean NLL; NaN when no token counts (the mean would be 0/0). */
  loss: number;
  /** Plain mean over all positions, as if nothing were masked. */
  unmaskedLoss: number;
  counted: number;
}

/** Applies the learner's edits to the logits, then takes the masked mean NLL from the core. */
export function sftLossDemo(input: SftDemoInput): SftDemoResult {
  const base = input.logits ?? SFT_DEMO_LOGITS;
  const logits = base.map((row, t) =>
    row.map((x, j) => input.scale * (x + (j === input.targets[t] ? (input.boosts[t] ?? 0) : 0))),
  );
  const weights: number[] = input.mask.map((m) => (m ? 1 : 0));
  const counted = weights.reduce((a, b) => a + b, 0);
  const all = maskedTokenNll(logits, input.targets, logits.map(() => 1));
  const loss = counted > 0 ? maskedTokenNll(logits, input.targets, weights).loss : NaN;
  const tokens = logits.map((row, t) => {
    const probs = softmax(row);
    const target = input.targets[t]!;
    return {
      position: t,
      logits: row,
      target,
      counted: weights[t] === 1,
      probs,
      pTarget: probs[target]!,
      nll: all.tokenNll[t]!,
      weight: counted > 0 ? weights[t]! / counted : 0,
    };
  });
  return { tokens, loss, unmaskedLoss: all.loss, counted };
}
