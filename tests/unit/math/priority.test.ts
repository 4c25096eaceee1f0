import { describe, it, expect } from 'vitest';
import { binaryEntropy, marginUncertainty, reviewPriority, topK } from '@math/index';

describe('reviewPriority', () => {
  it('is the weighted sum of risk, uncertainty and diversity', () => {
    // u₀ = 1·.9 + .5·.1 + .25·.3 = .9 + .05 + .075 = 1.025
    // u₁ = 1·.2 + .5·.9 + .25·.3 = .2 + .45 + .075 = 0.725
    // u₂ = 1·.5 + .5·.5 + .25·.8 = .5 + .25 + .2 = 0.95
    const u = reviewPriority([0.9, 0.2, 0.5], [0.1, 0.9, 0.5], [0.3, 0.3, 0.8], {
      risk: 1,
      uncertainty: 0.5,
      diversity: 0.25,
    });
    [1.025, 0.725, 0.95].forEach((v, i) => expect(u[i]).toBeCloseTo(v, 12));
  });

  it('rejects mismatched lengths and non-finite weights', () => {
    const w = { risk: 1, uncertainty: 1, diversity: 1 };
    expect(() => reviewPriority([1, 2], [1], [1, 2], w)).toThrow(
      /^reviewPriority: risk has 2 entries but uncertainty has 1/,
    );
    expect(() => reviewPriority([1], [1], [1, 2], w)).toThrow(/risk has 1 entries but diversity has 2/);
    expect(() => reviewPriority([1], [1], [1], { ...w, diversity: NaN })).toThrow(
      /^reviewPriority: weights.diversity must be a finite number/,
    );
    expect(() => reviewPriority([], [], [], w)).toThrow(/risk is empty/);
  });
});

describe('topK', () => {
  it('returns indices of the k largest, largest first', () => {
    expect(topK([0.2, 0.9, 0.5, 0.7], 2)).toEqual([1, 3]);
    expect(topK([0.2, 0.9, 0.5, 0.7], 0)).toEqual([]);
  });

  it('breaks ties by the lower index', () => {
    expect(topK([1, 3, 3, 2, 3], 2)).toEqual([1, 2]);
    expect(topK([5, 5, 5], 3)).toEqual([0, 1, 2]);
  });

  it('returns every index when k exceeds the length', () => {
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });

  it('rejects negative or non-integer k and bad values', () => {
    expect(() => topK([1, 2], -1)).toThrow(/^topK: k must be ≥ 0/);
    expect(() => topK([1, 2], 1.5)).toThrow(/^topK: k must be an integer/);
    expect(() => topK([1, NaN], 1)).toThrow(/^topK: values\[1\] must be a finite number/);
  });
});

describe('binaryEntropy / marginUncertainty', () => {
  it('binary entropy is in bits, 1 at ½ and 0 at the ends', () => {
    expect(binaryEntropy(0.5)).toBe(1);
    expect(binaryEntropy(0)).toBe(0);
    expect(binaryEntropy(1)).toBe(0);
    // H(.25) = −.25·log₂.25 − .75·log₂.75 = .5 + .75·0.4150375 = 0.8112781
    expect(binaryEntropy(0.25)).toBeCloseTo(0.8112781, 6);
    expect(binaryEntropy(0.75)).toBeCloseTo(binaryEntropy(0.25), 12);
  });

  it('margin uncertainty is 1 − |2p − 1|', () => {
    expect(marginUncertainty(0.5)).toBe(1);
    expect(marginUncertainty(0.9)).toBeCloseTo(0.2, 12);
    expect(marginUncertainty(0)).toBe(0);
  });

  it('reject p outside [0, 1]', () => {
    expect(() => binaryEntropy(-0.1)).toThrow(/^binaryEntropy: p must lie in \[0, 1\]/);
    expect(() => marginUncertainty(2)).toThrow(/^marginUncertainty: p/);
  });
});
