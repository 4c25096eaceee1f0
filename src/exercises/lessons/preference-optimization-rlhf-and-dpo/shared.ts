/** Small helpers shared by lesson 02's generators (kept here so the engine files stay untouched). */
import { createRng, normalizeSeed, seedFromString, type Rng } from '@math/index';

export const LESSON = 'preference-optimization-rlhf-and-dpo';

/** TeX written as raw strings, so `\pi` needs no doubled backslash. */
export const tex = String.raw;

/**
 * The generator's random source. d3's LCG maps neighbouring integer seeds to almost the same first
 * draws (seeds 0–3 all start near 0.236), so "new numbers" would barely change them; hashing the
 * seed with the exercise id spreads neighbouring seeds out and keeps every exercise independent.
 */
export function rngFor(id: string, seed: number): Rng {
  return createRng(seedFromString(`${id}:${normalizeSeed(seed)}`));
}

export type { Rng };

/** A formatted number, in parentheses when negative, for use after an operator: "0.5 \times (-0.2)". */
export const paren = (text: string) => (text.startsWith('-') ? `(${text})` : text);
