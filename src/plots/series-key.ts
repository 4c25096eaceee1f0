import * as Plot from '@observablehq/plot';

export interface KeyItem {
  label: string;
  color: string;
  /** The glyph drawn before the label (default a filled square). */
  glyph?: string;
}

/**
 * A key drawn as text marks in the top margin (Plot's own legends render badly here). Items
 * are laid out left to right from the frame's top-left corner (shifted by `left` px, negative
 * to start in the left margin); `perRow` wraps long keys.
 */
export function seriesKey(items: readonly KeyItem[], { widths, perRow = items.length, top = -10, left = 0, rowHeight = 16 }: { widths: readonly number[]; perRow?: number; top?: number; left?: number; rowHeight?: number }): Plot.Markish[] {
  const placed = items.map((item, i) => {
    const col = i % perRow;
    const row = Math.floor(i / perRow);
    let x = left;
    for (let c = 0; c < col; c++) x += widths[c] ?? 100;
    return { ...item, dx: x, dy: top - (Math.ceil(items.length / perRow) - 1 - row) * rowHeight };
  });
  return placed.flatMap((p) => [
    Plot.text([p], { frameAnchor: 'top-left', dx: p.dx, dy: p.dy, text: () => p.glyph ?? '■', fill: p.color, textAnchor: 'start', fontSize: 13, fontWeight: 700 }),
    Plot.text([p], { frameAnchor: 'top-left', dx: p.dx + (p.glyph && p.glyph.length > 1 ? 20 : 16), dy: p.dy, text: () => p.label, fill: 'currentColor', textAnchor: 'start', fontSize: 13 }),
  ]);
}
