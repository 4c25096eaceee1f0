import { describe, it, expect } from 'vitest';
import { extent, mean, quantile, range } from '@math/index';

describe('mean and d3-array re-exports', () => {
  it('mean is the arithmetic mean', () => {
    // (1 + 2 + 3 + 10)/4 = 16/4 = 4
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(mean([0.1, 0.2, 0.3])).toBeCloseTo(0.2, 15);
    // fsum adds exactly: 1e16 + 1 − 1e16 = 1 → 1/3 (a naive running sum rounds 1e16 + 1 to 1e16 and gives 0)
    expect(mean([1e16, 1, -1e16])).toBe(1 / 3);
  });

  it('mean rejects empty and non-finite input instead of returning undefined/NaN', () => {
    expect(() => mean([])).toThrow(/^mean: values is empty/);
    expect(() => mean([1, NaN])).toThrow(/^mean: values\[1\] must be a finite number/);
  });

  it('re-exports d3-array helpers', () => {
    expect(range(3)).toEqual([0, 1, 2]);
    expect(extent([3, 1, 2])).toEqual([1, 3]);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});
