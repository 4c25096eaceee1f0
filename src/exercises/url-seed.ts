/** Exercise variants in the URL: `?ex-<id>=<seed>`, one parameter per exercise. */
export const MAX_EXERCISE_SEED = 2 ** 31 - 1;

export const seedParam = (id: string) => `ex-${id}`;

/** The seed in a query string for this exercise, or undefined when absent or not a valid seed. */
export function readSeed(search: string, id: string): number | undefined {
  let raw: string | null;
  try {
    raw = new URLSearchParams(search).get(seedParam(id));
  } catch {
    return undefined;
  }
  if (raw === null || !/^\d{1,10}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) && n <= MAX_EXERCISE_SEED ? n : undefined;
}

/** The query string with this exercise's seed set (or removed when it is the default). */
export function writeSeed(search: string, id: string, seed: number, defaultSeed: number): string {
  const params = new URLSearchParams(search);
  if (seed === defaultSeed) params.delete(seedParam(id));
  else params.set(seedParam(id), String(seed));
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** A fresh random seed different from `current`. */
export function freshSeed(current: number, random: () => number = Math.random): number {
  const next = Math.floor(random() * MAX_EXERCISE_SEED);
  return next === current ? (next + 1) % MAX_EXERCISE_SEED : next;
}
