/** Exercise variants in the URL: `?ex-<id>=<seed>`, one parameter per exercise. */
export const MAX_EXERCISE_SEED = 2 ** 31 - 1;

export const seedParam = (id: string) => `ex-${id}`;

/** A seed a variant can be drawn from: a whole number in [0, MAX_EXERCISE_SEED]. */
export const isSeed = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= MAX_EXERCISE_SEED;

/** What a query string says about this exercise's variant: nothing, a valid seed, or something else (its first such value). */
export type SeedParam = { kind: 'absent' } | { kind: 'seed'; seed: number } | { kind: 'invalid'; raw: string };

export function seedParamOf(search: string, id: string): SeedParam {
  let all: string[];
  try {
    all = new URLSearchParams(search).getAll(seedParam(id));
  } catch {
    return { kind: 'absent' };
  }
  if (all.length === 0) return { kind: 'absent' };
  for (const raw of all) {
    const n = /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (isSeed(n)) return { kind: 'seed', seed: n };
  }
  return { kind: 'invalid', raw: all[0]! };
}

/** The seed in a query string for this exercise, or undefined when absent or not a valid seed. */
export function readSeed(search: string, id: string): number | undefined {
  const p = seedParamOf(search, id);
  return p.kind === 'seed' ? p.seed : undefined;
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
