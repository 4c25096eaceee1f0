import { describe, it, expect } from 'vitest';
import {
  checkProbabilityVector,
  checkSameLength,
  fail,
  probabilityTolerance,
} from '@math/index';

describe('shared validation', () => {
  it('fail throws a RangeError prefixed with the function name', () => {
    expect(() => fail('myFn', 'went wrong')).toThrow(new RangeError('myFn: went wrong'));
  });

  it('sum-to-one tolerance is 1e-9·n but never below 1e-6', () => {
    expect(probabilityTolerance(3)).toBe(1e-6);
    expect(probabilityTolerance(1e4)).toBeCloseTo(1e-5, 18);
    expect(() => checkProbabilityVector('f', 'p', [0.5, 0.5 + 5e-7])).not.toThrow();
    expect(() => checkProbabilityVector('f', 'p', [0.5, 0.5 + 5e-6])).toThrow(/^f: p must sum to 1/);
  });

  it('length mismatch messages give both lengths', () => {
    expect(() => checkSameLength('g', 'a', [1, 2, 3], 'b', [1])).toThrow('g: a has 3 entries but b has 1');
  });
});
