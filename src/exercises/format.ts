/** Number formatting shared by generators, so prompts, solutions and tests agree on the digits. */

/**
 * Fixed decimals, without "-0.00", rounding a decimal half away from zero as by hand: 39/160 = 0.24375
 * gives 0.2438. (toFixed rounds the binary value, 0.243749999…, down to 0.2437.)
 */
export function fixed(x: number, digits: number): string {
  const scaled = Number((Math.abs(x) * 10 ** digits).toPrecision(12));
  const s = (Math.sign(x) * (Math.round(scaled) / 10 ** digits)).toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * The sign between a worked step and its result: "=" when the operands as shown give the result as
 * shown, "\approx" when they do not because the operands were rounded (0.2686 + 0.0974 is 0.3660,
 * while the exact sum rounds to 0.3659).
 */
export function eqShown(result: number, fromShown: number, digits: number): string {
  return fixed(fromShown, digits) === fixed(result, digits) ? '=' : '\\approx';
}

/** At most `digits` decimals, without trailing zeros: 300 rather than "300.00", 112.4 rather than "112.400". */
export function trimmed(x: number, digits: number): string {
  const s = fixed(x, digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A number as `fixed` shows it, with `digits` decimals (for values given in a prompt, and worked steps). */
export function round(x: number, digits: number): number {
  return Number(fixed(x, digits));
}

/** An integer with a TeX thin group separator: 120000 → "120{,}000". */
export function texInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '{,}');
}

/** Several significant digits for an exact value shown after a correct answer. */
export function exact(x: number, sig = 6): string {
  if (Number.isInteger(x)) return String(x);
  const s = x.toPrecision(sig);
  return s.includes('e') ? s : s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Uniform draw of an integer in [lo, hi] from a [0, 1) source. */
export function intIn(u: () => number, lo: number, hi: number): number {
  return lo + Math.floor(u() * (hi - lo + 1));
}

/** Uniform draw on a grid lo, lo+step, …, hi (e.g. two-decimal probabilities), rounded to the step. */
export function gridIn(u: () => number, lo: number, hi: number, step: number): number {
  const n = Math.round((hi - lo) / step);
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return round(lo + intIn(u, 0, n) * step, digits);
}

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
