import { describe, expect, it } from 'vitest';
import { ORIGINAL_RUN, evalNoiseDraws, toyOverfitOnsetStep, validationRun } from '@math/sims/validation-curve';

// The original notebook's curves, written out directly.
const train = (s: number) => 1.8 * Math.exp(-s / 18) + 0.25;
const val = (s: number) => 1.4 * Math.exp(-s / 22) + 0.38 + 0.006 * Math.max(s - 26, 0);

describe('validation-curve toy model', () => {
  it('reproduces the original train and validation curves at its defaults', () => {
    const run = validationRun(ORIGINAL_RUN, 40);
    expect(run.points).toHaveLength(40);
    for (const p of run.points) {
      expect(p.train).toBeCloseTo(train(p.step), 12);
      expect(p.val).toBeCloseTo(val(p.step), 12);
      expect(p.observed).toBe(p.val);
    }
    // hand check at s = 40: 1.4·e^(−40/22) + 0.38 + 0.006·14 = 0.2272489 + 0.464 = 0.6912489
    expect(run.points[39]!.val).toBeCloseTo(0.6912489, 6);
  });

  it('in the original 40 steps the validation loss is still falling, so its best step is the last one', () => {
    // slope at s = 40: −(1.4/22)·e^(−40/22) + 0.006 = −0.0043 < 0
    expect(validationRun(ORIGINAL_RUN, 40).bestStep).toBe(40);
  });

  it('run longer, the minimum appears near s = 22·ln(1.4/(22·0.006)) ≈ 51.95', () => {
    // val(51) = 0.6678334, val(52) = 0.6677085, val(53) = 0.6678558
    const run = validationRun(ORIGINAL_RUN, 80);
    expect(run.bestStep).toBe(52);
    expect(run.trueBestStep).toBe(52);
  });

  it('a doubled learning rate reaches the same minimum in half the steps', () => {
    const run = validationRun({ ...ORIGINAL_RUN, lr: 2 }, 40);
    expect(run.bestStep).toBe(26);
    expect(run.points[25]!.val).toBeCloseTo(0.6677085, 6);
    expect(run.onsetStep).toBe(13);
  });

  it('more label noise raises the floor and stops earlier', () => {
    // slope 0.006·0.30/0.15 = 0.012: u* = 22·ln(1.4/0.264) = 36.69 → step 37
    const run = validationRun({ ...ORIGINAL_RUN, labelNoise: 0.25 }, 80);
    expect(run.bestStep).toBe(37);
    expect(run.points[36]!.val).toBeCloseTo(0.8924496, 6);
  });

  it('less data overfits sooner; more data later', () => {
    expect(validationRun({ ...ORIGINAL_RUN, dataScale: 0.25 }, 40).bestStep).toBe(21);
    expect(validationRun({ ...ORIGINAL_RUN, dataScale: 0.5 }, 80).bestStep).toBe(37);
    expect(toyOverfitOnsetStep({ ...ORIGINAL_RUN, dataScale: 2 })).toBe(52);
  });

  it('seeded evaluation noise is reproducible and can move the chosen step', () => {
    const a = evalNoiseDraws(7, 120);
    expect(evalNoiseDraws(7, 120)).toEqual(a);
    expect(evalNoiseDraws(8, 120)).not.toEqual(a);
    const run = validationRun(ORIGINAL_RUN, 80, 0.03, a);
    run.points.forEach((p, i) => expect(p.observed).toBeCloseTo(p.val + 0.03 * a[i]!, 12));
    expect(run.trueBestStep).toBe(52);
    expect(run.points.find((p) => p.step === run.bestStep)!.observed).toBe(Math.min(...run.points.map((p) => p.observed)));
  });
});
