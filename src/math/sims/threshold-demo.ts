import { createRng } from '../rng';
import { thresholdRates } from '../threshold';

/**
 * Synthetic guardrail scores as in the original notebook: harmful ~ Beta(a, 2), benign ~ Beta(2, a)
 * with a = 6 by default (a is the "separation": larger a pushes the two classes apart).
 */
export interface ScoreSample {
  harmful: number[];
  benign: number[];
}

export function sampleGuardrailScores(seed: number, n: number, separation = 6): ScoreSample {
  const rng = createRng(seed);
  const harmful = Array.from({ length: n }, () => rng.beta(separation, 2));
  const benign = Array.from({ length: n }, () => rng.beta(2, separation));
  return { harmful, benign };
}

/** Rates at evenly spaced thresholds (the original swept 30 values in [0.05, 0.95]). */
export function thresholdSweep(sample: ScoreSample, from = 0.05, to = 0.95, count = 30): { tau: number; tpr: number; fpr: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const tau = from + ((to - from) * i) / (count - 1);
    return { tau, ...thresholdRates(sample.harmful, sample.benign, tau) };
  });
}
