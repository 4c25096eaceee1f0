import { createRng, type Rng } from '@math/index';
import { withinTolerance } from './grade';
import type { Tolerance } from './types';

export { createRng, type Rng };

/**
 * Draw a scenario until `accept` holds (at most `tries` draws), else use `fallback`. Generators use
 * this to avoid degenerate numbers: ties at a cut-off, or a known wrong answer that happens to equal
 * the right one (its targeted message could then never be shown).
 */
/** Counts fallbacks (tests assert generators rarely need one). */
export const drawStats = { fallbacks: 0 };

export function drawUntil<T>(rng: Rng, draw: (rng: Rng) => T, accept: (t: T) => boolean, fallback: () => T, tries = 200): T {
  for (let i = 0; i < tries; i++) {
    const t = draw(rng);
    if (accept(t)) return t;
  }
  drawStats.fallbacks++;
  return fallback();
}

/** True when every wrong value is clearly separated from the answer (3× the tolerance, at least `gap`). */
export function separated(answer: number, wrong: readonly number[], tol: Tolerance, gap = 0): boolean {
  const wide: Tolerance = {
    abs: Math.max(gap, 3 * (tol.abs ?? 0)),
    rel: tol.rel !== undefined ? 3 * tol.rel : undefined,
  };
  return wrong.every((w) => Number.isFinite(w) && !withinTolerance(w, answer, wide));
}

/** All wrong values also pairwise apart, so each targeted message is reachable by its own slip. */
export function distinct(values: readonly number[], tol: Tolerance): boolean {
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) if (withinTolerance(values[i]!, values[j]!, tol)) return false;
  }
  return true;
}

/** Pairwise apart by `factor`× the tolerance: the answer and every known wrong value. */
export function allApart(values: readonly number[], tol: Tolerance, factor = 3): boolean {
  const wide: Tolerance = {
    abs: tol.abs !== undefined ? factor * tol.abs : undefined,
    rel: tol.rel !== undefined ? factor * tol.rel : undefined,
  };
  if (!values.every(Number.isFinite)) return false;
  return distinct(values, wide);
}
