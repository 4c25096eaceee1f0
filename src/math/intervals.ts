import jStatModule from 'jstat';
import { checkIntegerInRange, checkPositive, checkPositiveInteger, fail } from './validate';

// jstat is CommonJS; depending on the bundler's interop the default import is
// jStat itself or an object holding it. Resolved on use, not at module load,
// so bundles that never call clopperPearsonInterval can drop jstat.
const betaInv = (p: number, a: number, b: number): number =>
  (jStatModule.jStat ?? jStatModule).beta.inv(p, a, b);

const clip = (x: number) => Math.min(1, Math.max(0, x));

function checkCounts(fn: string, successes: number, n: number): void {
  checkPositiveInteger(fn, 'n', n);
  checkIntegerInRange(fn, 'successes', successes, 0, n);
}

/**
 * Wald interval p̂ ± z·sqrt(p̂(1−p̂)/n), clipped to [0, 1]. At 0 or n successes
 * the standard error is 0 and the interval collapses to a point — the known
 * failure this interval is shown for.
 */
export function waldInterval(successes: number, n: number, z = 1.96): [number, number] {
  const fn = 'waldInterval';
  checkCounts(fn, successes, n);
  checkPositive(fn, 'z', z);
  const p = successes / n;
  const half = z * Math.sqrt((p * (1 - p)) / n);
  return [clip(p - half), clip(p + half)];
}

/**
 * Wilson score interval (Wilson 1927, "Probable inference, the law of
 * succession, and statistical inference"):
 * (p̂ + z²/2n ± z·sqrt(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): [number, number] {
  const fn = 'wilsonInterval';
  checkCounts(fn, successes, n);
  checkPositive(fn, 'z', z);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = successes === 0 ? 0 : (centre - half) / denom;
  const high = successes === n ? 1 : (centre + half) / denom;
  return [clip(low), clip(high)];
}

/**
 * Clopper–Pearson "exact" interval (Clopper & Pearson 1934), from beta
 * quantiles: low = B⁻¹(α/2; x, n−x+1), high = B⁻¹(1−α/2; x+1, n−x), with
 * low = 0 at x = 0 and high = 1 at x = n. Quantiles from jstat's `beta.inv`.
 */
export function clopperPearsonInterval(successes: number, n: number, alpha = 0.05): [number, number] {
  const fn = 'clopperPearsonInterval';
  checkCounts(fn, successes, n);
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    fail(fn, `alpha must lie strictly between 0 and 1, got ${alpha}`);
  }
  const x = successes;
  const low = x === 0 ? 0 : betaInv(alpha / 2, x, n - x + 1);
  const high = x === n ? 1 : betaInv(1 - alpha / 2, x + 1, n - x);
  return [clip(low), clip(high)];
}
