// Colours are CSS variables, so the same SVG follows the light and dark themes.
export const palette = {
  primary: 'var(--chart-1)',
  secondary: 'var(--chart-2)',
  tertiary: 'var(--chart-3)',
  quaternary: 'var(--chart-4)',
  grid: 'var(--chart-grid)',
  muted: 'var(--text-muted)',
  good: 'var(--good)',
  bad: 'var(--bad)',
} as const;

/** Shared frame: fixed viewBox (scaled by CSS), readable type, transparent background. */
export const frame = (width = 640, height = 360) => ({
  width,
  height,
  marginLeft: 52,
  marginBottom: 44,
  marginTop: 24,
  marginRight: 20,
  style: { fontSize: '13px', background: 'transparent', overflow: 'visible' },
});

/**
 * Offset of a bottom axis title with a subscript ("r_w", drawn lowered by the chart's subscript
 * pass): 9 px above the default (the frame's 44 px margin), so the subscript's line box stays inside
 * the figure, still clear of the tick labels above it.
 */
export const SUBSCRIPTED_X_LABEL = 35;

/** The plot area inside a figure's margins, in chart units (what label placement measures against). */
export const plotArea = (o: { width: number; height: number; marginLeft: number; marginRight: number; marginTop: number; marginBottom: number }) => ({
  width: o.width - o.marginLeft - o.marginRight,
  height: o.height - o.marginTop - o.marginBottom,
});

/**
 * Items whose values nearly coincide, for labels that share one line ("2, 4"): sorted by value, a
 * group starts at its first item and takes every later one within `gap` of that first value.
 */
export function nearbyGroups<T>(items: readonly T[], value: (item: T) => number, gap: number): T[][] {
  const groups: { start: number; members: T[] }[] = [];
  for (const item of [...items].sort((a, b) => value(a) - value(b))) {
    const last = groups[groups.length - 1];
    if (last && value(item) - last.start < gap) last.members.push(item);
    else groups.push({ start: value(item), members: [item] });
  }
  return groups.map((g) => g.members);
}

/**
 * A label's rough width in chart units, for keeping labels apart: about 0.62 em a character for
 * bold sans (wide enough for digits and %), 0.55 em for regular.
 */
export const textWidth = (text: string, fontSize: number, bold = true) => (bold ? 0.62 : 0.55) * fontSize * text.length;

/**
 * Text options for a label on a vertical rule at fraction f of the x range: centred in the middle
 * half, running inward from the rule (4 px past it) near either edge, so it is never cut off there.
 */
export function labelAnchor(f: number): { textAnchor: 'start' | 'middle' | 'end'; dx: number } {
  if (f < 0.25) return { textAnchor: 'start', dx: -4 };
  if (f > 0.75) return { textAnchor: 'end', dx: 4 };
  return { textAnchor: 'middle', dx: 0 };
}

/** A background-coloured outline drawn under a label's glyphs: lines and fills it crosses stop short of it. */
export const halo = (strokeWidth = 4) => ({ stroke: 'var(--bg-raised)', strokeWidth, paintOrder: 'stroke' }) as const;

/** Where a label of width `w` anchored at x starts, for its text-anchor. */
export const startOf = (x: number, w: number, anchor: 'start' | 'middle' | 'end') => (anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w);

/** A label's box in chart units, for placement checks. */
export type Box = { x0: number; x1: number; y0: number; y1: number };

export const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Whether a polyline (chart units) passes through a box, with `pad` px to spare. */
export function polylineHits(xs: readonly number[], ys: readonly number[], box: Box, pad = 1): boolean {
  for (let i = 1; i < xs.length; i++) {
    const [xa, xb, ya, yb] = [xs[i - 1], xs[i], ys[i - 1], ys[i]];
    const lo = Math.max(Math.min(xa, xb), box.x0 - pad), hi = Math.min(Math.max(xa, xb), box.x1 + pad);
    if (lo > hi) continue;
    const at = (x: number) => (xb === xa ? ya : ya + ((x - xa) / (xb - xa)) * (yb - ya));
    const [y0, y1] = xb === xa ? [Math.min(ya, yb), Math.max(ya, yb)] : [Math.min(at(lo), at(hi)), Math.max(at(lo), at(hi))];
    if (y0 <= box.y1 + pad && y1 >= box.y0 - pad) return true;
  }
  return false;
}
