import { describe, expect, it } from 'vitest';
import { createRng } from '@math/index';
import {
  LOOP_CONSTANTS,
  drawLoopPools,
  originalLoopCurves,
  promptAmbiguity,
  selectLoopBatch,
  simulateFeedbackLoop,
  type LoopDraws,
} from '@math/sims/feedback-loop';

const defaults = { budget: 40, noise: 0.1, strategy: 'random' as const, rounds: 5, pressure: 0.5 };

describe('feedback-loop: one round by hand', () => {
  // Four prompts, two labelled. risk .5 and .25 are the most ambiguous (a = 1 and .5, w = 1.5 and 1).
  const draws: LoopDraws = {
    risk: [Float64Array.from([0.5, 0.25, 0.9, 0.1])],
    truth: [Uint8Array.from([1, 0, 1, 0])],
    flip: [Float64Array.from([0.9, 0.01, 0.9, 0.9])],
    key: [Float64Array.from([0.1, 0.2, 0.3, 0.4])],
  };

  it('applies the documented update rules', () => {
    const [r0, r1] = simulateFeedbackLoop(draws, { budget: 2, noise: 0.1, strategy: 'uncertainty', rounds: 1, pressure: 0.5 });
    expect(r0).toMatchObject({ round: 0, safety: 0.72, helpfulness: 0.78 });
    // Item 0: flip prob .1·1.5 = .15 < .9 → kept; violating, labelled violating: G = R = 1.5.
    // Item 1: flip prob .1·1.0 = .1 > .01 → flipped; benign labelled violating: F = 1, R = 2.5.
    expect(r1).toMatchObject({ correctHarm: 1, missedHarm: 0, wrongRefusal: 1, helpful: 0 });
    // s = .72 + (.8 − .72)(1 − e^(−1.6·1.5/100)) = .72 + .08·.0237143 = .7218971
    expect(r1!.safety).toBeCloseTo(0.7218971, 6);
    // h = .78 − .08·.5·2.5/100 − .2·1/100 = .78 − .001 − .002 = .777
    expect(r1!.helpfulness).toBeCloseTo(0.777, 10);
    expect(r1!.tax).toBeCloseTo(0.003, 10);
  });

  it('the constants are the ones the hand calculation used', () => {
    expect(LOOP_CONSTANTS).toMatchObject({ safety0: 0.72, helpfulness0: 0.78, safetyMax: 0.8, eta: 1.6, tax: 0.08, wrong: 0.2 });
  });
});

describe('feedback-loop: strategies', () => {
  it('random sampling keeps the smallest keys; uncertainty the most ambiguous prompts', () => {
    const risk = Float64Array.from([0.1, 0.45, 0.9, 0.6, 0.3]);
    const key = Float64Array.from([0.5, 0.05, 0.7, 0.2, 0.9]);
    expect(selectLoopBatch(risk, key, 2, 'random')).toEqual([1, 3]);
    // ambiguity: .2, .9, .2, .8, .6
    expect(promptAmbiguity(0.45)).toBeCloseTo(0.9, 12);
    expect(selectLoopBatch(risk, key, 3, 'uncertainty')).toEqual([1, 3, 4]);
  });

  it('risk-weighted sampling picks each prompt first with probability ∝ its risk', () => {
    // Efraimidis–Spirakis: the largest u^(1/w) wins with probability w/Σw (here 1/6, 2/6, 3/6).
    const risk = Float64Array.from([0.1, 0.2, 0.3]);
    const rng = createRng(5);
    const wins = [0, 0, 0];
    const trials = 30_000;
    for (let t = 0; t < trials; t++) {
      const key = Float64Array.from([rng.uniform(), rng.uniform(), rng.uniform()]);
      wins[selectLoopBatch(risk, key, 1, 'risk')[0]!]!++;
    }
    [1 / 6, 2 / 6, 3 / 6].forEach((p, i) => expect(wins[i]! / trials).toBeCloseTo(p, 2));
  });
});

describe('feedback-loop: whole runs', () => {
  it('defaults give the original notebook’s shape: safety up with diminishing steps, helpfulness down', () => {
    const original = originalLoopCurves(5);
    expect(original[5]!.safety).toBeCloseTo(0.7659, 4);
    expect(original[5]!.helpfulness).toBeCloseTo(0.7229, 4);
    for (const seed of [42, 1, 7]) {
      const r = simulateFeedbackLoop(drawLoopPools(seed), defaults);
      expect(r).toHaveLength(6);
      expect(r[5]!.safety).toBeGreaterThan(0.745);
      expect(r[5]!.safety).toBeLessThan(0.785);
      expect(r[5]!.helpfulness).toBeGreaterThan(0.7);
      expect(r[5]!.helpfulness).toBeLessThan(0.75);
      // Diminishing returns: the first round gains more than the last.
      expect(r[1]!.safety - r[0]!.safety).toBeGreaterThan(r[5]!.safety - r[4]!.safety);
    }
  });

  it('with clean labels and no over-refusal pressure, helpfulness never drops', () => {
    const r = simulateFeedbackLoop(drawLoopPools(42), { ...defaults, noise: 0, pressure: 0, rounds: 12 });
    for (const d of r) expect(d.helpfulness).toBeCloseTo(0.78, 12);
    expect(r[12]!.safety).toBeGreaterThan(r[0]!.safety);
  });

  it('labels that are half noise teach next to nothing about safety', () => {
    const draws = drawLoopPools(42);
    const clean = simulateFeedbackLoop(draws, { ...defaults, strategy: 'uncertainty', noise: 0, rounds: 12 });
    const noisy = simulateFeedbackLoop(draws, { ...defaults, strategy: 'uncertainty', noise: 0.4, rounds: 12 });
    expect(clean[12]!.safety - 0.72).toBeGreaterThan(0.06);
    expect(Math.abs(noisy[12]!.safety - 0.72)).toBeLessThan(0.02);
    expect(noisy[12]!.helpfulness).toBeLessThan(clean[12]!.helpfulness);
  });

  it('more over-refusal pressure costs helpfulness and leaves safety alone', () => {
    const draws = drawLoopPools(42);
    const low = simulateFeedbackLoop(draws, { ...defaults, pressure: 0 });
    const high = simulateFeedbackLoop(draws, { ...defaults, pressure: 1 });
    expect(high[5]!.safety).toBe(low[5]!.safety);
    expect(high[5]!.helpfulness).toBeLessThan(low[5]!.helpfulness - 0.03);
  });

  it('is reproducible, and fewer rounds are a prefix of more rounds', () => {
    const a = simulateFeedbackLoop(drawLoopPools(9), { ...defaults, rounds: 12 });
    const b = simulateFeedbackLoop(drawLoopPools(9), { ...defaults, rounds: 4 });
    expect(b).toEqual(a.slice(0, 5));
  });
});
