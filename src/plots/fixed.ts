import type * as Plot from '@observablehq/plot';

/** Marks tagged with this belong to a chart's frame layer (see src/widgets/core/layers.ts). */
export const FIXED = Symbol.for('alignment18.fixed-layer');

const ids = new WeakMap<object, number>();
let nextId = 1;

/**
 * Tags marks that change rarely (a contour map, a reference curve) so they are drawn with the axes
 * and redrawn only when `key` changes: a string, or an object compared by identity (a memoized
 * sample). They must come first in a chart's marks, where they sit under the data.
 */
export function fixed<M extends Plot.Markish>(key: string | object, ...marks: M[]): M[] {
  let k: string;
  if (typeof key === 'string') k = `s:${key}`;
  else {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = nextId++));
    k = `o:${id}`;
  }
  for (const m of marks) (m as unknown as Record<symbol, string>)[FIXED] = k;
  return marks;
}

export function fixedKey(mark: unknown): string | undefined {
  return mark && typeof mark === 'object' ? (mark as Record<symbol, string | undefined>)[FIXED] : undefined;
}
