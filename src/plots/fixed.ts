import type * as Plot from '@observablehq/plot';

/** Marks tagged with this belong to a chart's frame layer (see src/widgets/core/layers.ts). */
export const FIXED = Symbol.for('alignment18.fixed-layer');

let nextId = 1;
// Object identities mean nothing across runtimes: a key drawn into the HTML at build time must
// never match one the page makes, or a frame of other data could be kept.
const RUNTIME = typeof window === 'undefined' ? 'build' : 'page';

/**
 * Tags marks that change rarely (a contour map, a reference curve) so they are drawn with the axes
 * and redrawn only when `key` changes: a string, or an object compared by identity (a memoized
 * sample). They must come first in a chart's marks, where they sit under the data.
 */
export function fixed<M extends Plot.Markish>(key: string | object, ...marks: M[]): M[] {
  const k = typeof key === 'string' ? `s:${key}` : `o:${RUNTIME}:${idOf(key)}`;
  for (const m of marks) (m as unknown as Record<symbol, string>)[FIXED] = k;
  return marks;
}

export function fixedKey(mark: unknown): string | undefined {
  return mark && typeof mark === 'object' ? (mark as Record<symbol, string | undefined>)[FIXED] : undefined;
}

/**
 * Memoizes a builder on its argument's identity (a memoized pool, curve or sweep): fixed marks are
 * built once per object and forgotten with it.
 */
export function perObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = build(key)));
    return v;
  };
}

const idOf = perObject((_: object) => nextId++);
