import { fsum } from 'd3-array';
import { checkFiniteArray } from './validate';

// Plain d3-array helpers, re-exported so callers have one import for math.
export { ascending, bisector, cumsum, descending, extent, fsum, quantile, range, ticks } from 'd3-array';

/**
 * Arithmetic mean of a non-empty array of finite numbers. Unlike d3-array's
 * `mean` (which skips NaN and returns undefined for []), bad input throws, and
 * the sum is d3's exact `fsum`.
 */
export function mean(values: readonly number[]): number {
  checkFiniteArray('mean', 'values', values);
  return fsum(values) / values.length;
}
