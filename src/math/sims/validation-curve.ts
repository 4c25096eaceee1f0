import { createRng } from '../rng';

/**
 * A toy SFT run whose defaults reproduce the original notebook's curves exactly:
 *   train(s) = 1.8·e^(−s/18) + 0.25
 *   val(s)   = 1.4·e^(−s/22) + 0.38 + 0.006·max(s − 26, 0)
 * Three knobs move them, each by one stated rule:
 * - learning rate ℓ (× the original): progress runs on u = ℓ·s, so a faster rate reaches the
 *   same loss, and the same overfitting, in fewer steps;
 * - data size D (× the original): memorization starts later (onset u₀ = 26·D), the
 *   generalization gap floor shrinks as 0.13/√D, and the overfitting slope as 1/D;
 * - label noise ρ (the original reads as ρ = 0.1): both floors rise by 0.8·ρ (noisy labels
 *   cannot be predicted), and memorizing them hurts more: slope 0.006·(ρ + 0.05)/0.15/D.
 */
export interface ValidationModel {
  dataScale: number;
  labelNoise: number;
  lr: number;
}
export const ORIGINAL_RUN: ValidationModel = { dataScale: 1, labelNoise: 0.1, lr: 1 };

export const toyTrainFloor = (m: ValidationModel) => 0.17 + 0.8 * m.labelNoise;
export const toyValFloor = (m: ValidationModel) => toyTrainFloor(m) + 0.13 / Math.sqrt(m.dataScale);
/** Extra validation loss per unit of progress u once memorization has started. */
export const toyOverfitSlope = (m: ValidationModel) => (0.006 * (m.labelNoise + 0.05)) / 0.15 / m.dataScale;
/** The step at which memorization starts to add validation loss. */
export const toyOverfitOnsetStep = (m: ValidationModel) => (26 * m.dataScale) / m.lr;

export function toyTrainLoss(step: number, m: ValidationModel): number {
  return 1.8 * Math.exp((-m.lr * step) / 18) + toyTrainFloor(m);
}

export function toyValLoss(step: number, m: ValidationModel): number {
  const u = m.lr * step;
  return 1.4 * Math.exp(-u / 22) + toyValFloor(m) + toyOverfitSlope(m) * Math.max(u - 26 * m.dataScale, 0);
}

export interface ValidationPoint {
  step: number;
  train: number;
  /** The noiseless validation loss of the toy model. */
  val: number;
  /** What an evaluation on a finite validation set reports: val + seeded noise. */
  observed: number;
}

export interface ValidationRun {
  points: ValidationPoint[];
  /** argmin of the observed validation loss (the first one on ties): where early stopping keeps the checkpoint. */
  bestStep: number;
  /** argmin of the noiseless validation loss. */
  trueBestStep: number;
  onsetStep: number;
}

/** Standard-normal draws for steps 1..maxSteps, fixed by the seed alone so sliders never reshuffle them. */
export function evalNoiseDraws(seed: number, maxSteps: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: maxSteps }, () => rng.normal());
}

export function validationRun(m: ValidationModel, steps: number, evalNoise = 0, draws: readonly number[] = []): ValidationRun {
  const points = Array.from({ length: steps }, (_, i) => {
    const step = i + 1;
    const val = toyValLoss(step, m);
    return { step, train: toyTrainLoss(step, m), val, observed: val + evalNoise * (draws[i] ?? 0) };
  });
  const argmin = (key: 'val' | 'observed') => points.reduce((best, p) => (p[key] < best[key] ? p : best)).step;
  return { points, bestStep: argmin('observed'), trueBestStep: argmin('val'), onsetStep: toyOverfitOnsetStep(m) };
}
