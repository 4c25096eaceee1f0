/**
 * Shared argument checks for src/math. Every check throws a RangeError whose
 * message starts with the calling function's name, so a widget or exercise
 * that passes bad input learns which call was wrong and why.
 */

/** Throw a RangeError of the form "fn: message". */
export function fail(fn: string, message: string): never {
  throw new RangeError(`${fn}: ${message}`);
}

function describe(x: unknown): string {
  return typeof x === 'number' ? String(x) : `${typeof x} ${String(x)}`;
}

/** x must be a finite number. */
export function checkFinite(fn: string, name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    fail(fn, `${name} must be a finite number, got ${describe(x)}`);
  }
}

/** x must be a number that is not NaN (±Infinity allowed). */
export function checkNotNaN(fn: string, name: string, x: number): void {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    fail(fn, `${name} must be a number (±Infinity allowed), got ${describe(x)}`);
  }
}

/** x must be finite and strictly positive. */
export function checkPositive(fn: string, name: string, x: number): void {
  checkFinite(fn, name, x);
  if (!(x > 0)) fail(fn, `${name} must be > 0, got ${x}`);
}

/** x must be finite and ≥ 0. */
export function checkNonNegative(fn: string, name: string, x: number): void {
  checkFinite(fn, name, x);
  if (x < 0) fail(fn, `${name} must be ≥ 0, got ${x}`);
}

/** x must be a probability in [0, 1]. */
export function checkProbability(fn: string, name: string, x: number): void {
  checkFinite(fn, name, x);
  if (x < 0 || x > 1) fail(fn, `${name} must lie in [0, 1], got ${x}`);
}

/** x must be an integer (finite). */
export function checkInteger(fn: string, name: string, x: number): void {
  checkFinite(fn, name, x);
  if (!Number.isInteger(x)) fail(fn, `${name} must be an integer, got ${x}`);
}

/** x must be an integer ≥ 1. */
export function checkPositiveInteger(fn: string, name: string, x: number): void {
  checkInteger(fn, name, x);
  if (x < 1) fail(fn, `${name} must be a positive integer, got ${x}`);
}

/** x must be an integer in [lo, hi]. */
export function checkIntegerInRange(fn: string, name: string, x: number, lo: number, hi: number): void {
  checkInteger(fn, name, x);
  if (x < lo || x > hi) fail(fn, `${name} must be an integer in [${lo}, ${hi}], got ${x}`);
}

/** xs must be a non-empty array of finite numbers. */
export function checkFiniteArray(fn: string, name: string, xs: readonly number[]): void {
  if (!Array.isArray(xs)) fail(fn, `${name} must be an array of numbers`);
  if (xs.length === 0) fail(fn, `${name} is empty; it needs at least one entry`);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      fail(fn, `${name}[${i}] must be a finite number, got ${describe(x)}`);
    }
  }
}

/** xs must be a non-empty array of finite numbers ≥ 0. */
export function checkNonNegativeArray(fn: string, name: string, xs: readonly number[]): void {
  checkFiniteArray(fn, name, xs);
  for (let i = 0; i < xs.length; i++) {
    if (xs[i]! < 0) fail(fn, `${name}[${i}] must be ≥ 0, got ${xs[i]}`);
  }
}

/** xs must be a non-empty array of integers. */
export function checkIntegerArray(fn: string, name: string, xs: readonly number[]): void {
  checkFiniteArray(fn, name, xs);
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isInteger(xs[i])) fail(fn, `${name}[${i}] must be an integer, got ${xs[i]}`);
  }
}

/** Two arrays must have the same length. */
export function checkSameLength(
  fn: string,
  nameA: string,
  a: readonly unknown[],
  nameB: string,
  b: readonly unknown[],
): void {
  if (a.length !== b.length) {
    fail(fn, `${nameA} has ${a.length} entries but ${nameB} has ${b.length}`);
  }
}

/** Tolerance for "sums to 1": 1e-9·n, but never tighter than 1e-6. */
export function probabilityTolerance(n: number): number {
  return Math.max(1e-6, 1e-9 * n);
}

/** ps must be a probability vector: entries ≥ 0 that sum to 1 (within tolerance). */
export function checkProbabilityVector(fn: string, name: string, ps: readonly number[]): void {
  checkFiniteArray(fn, name, ps);
  let total = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (p < 0) fail(fn, `${name}[${i}] is a negative probability (${p})`);
    total += p;
  }
  if (Math.abs(total - 1) > probabilityTolerance(ps.length)) {
    fail(fn, `${name} must sum to 1, but its entries sum to ${total}`);
  }
}
