import * as Plot from '@observablehq/plot';
import type { LossMaskResult, MaskCell } from '../math/sims/loss-mask';
import { fixed } from './fixed';
import { frame, palette } from './theme';

export const ROLE_COLOURS: Record<MaskCell['role'], string> = {
  system: palette.quaternary,
  user: palette.secondary,
  assistant: palette.primary,
  pad: palette.grid,
};
const ROLE_LETTER: Record<MaskCell['role'], string> = { system: 'S', user: 'U', assistant: 'A', pad: '' };

export interface LossMaskPlotData {
  result: LossMaskResult;
  packing: boolean;
  boundaries: boolean;
}

/** Key drawn as text in the top margin (Plot's legends render badly here). */
function key(items: { label: string; colour: string; glyph: string }[], widths: number[], dy: number): Plot.Markish[] {
  let x = 0;
  return items.flatMap((it, i) => {
    const dx = x;
    x += widths[i] ?? 90;
    return [
      Plot.text([it.glyph], { frameAnchor: 'top-left', dx, dy, text: (d: string) => d, fill: it.colour, textAnchor: 'start', fontSize: 14 }),
      Plot.text([it.label], { frameAnchor: 'top-left', dx: dx + 14, dy, text: (d: string) => d, fill: 'currentColor', textAnchor: 'start', fontSize: 12 }),
    ];
  });
}

/**
 * The loss mask as a grid: colour = whose token, solid = a training label (darker when it weighs
 * more), faint = no loss. Padded: one row per example. Packed: one sequence wrapped into rows.
 */
export function lossMaskPlot({ result, packing, boundaries }: LossMaskPlotData): Plot.PlotOptions {
  const { cells, rows, cols } = result;
  const wmax = Math.max(1e-12, ...cells.map((c) => c.weight));
  // Square cells of at most 22 units, so a short batch is not stretched into a thin strip. A long
  // one fits 380 units: drawn narrower, the grid shrinks less on a phone (its text was under 8.5 px
  // there), and a wide column still scales it up to 1.25×.
  const cell = Math.min(22, 380 / Math.max(cols, 1));
  const marginLeft = packing ? 58 : 56;
  // At least wide enough for the key's second line ("solid = carries loss · faint = no loss", about
  // 250 units at 13 px): a short batch leaves the spare width as right margin.
  const width = Math.max(marginLeft + cols * cell + 6, marginLeft + 262);
  const height = 56 + rows * cell + 24;
  const showLetters = cell >= 16;
  // A packed row names the positions it holds: the last row stops at the sequence's end.
  const span = (r: number) => [r * cols, Math.min(r * cols + cols - 1, cells.length - 1)] as const;
  const rowLabel = (r: number) => (packing ? (span(r)[0] === span(r)[1] ? `${span(r)[0]}` : `${span(r)[0]}–${span(r)[1]}`) : `chat ${r + 1}`);
  const starts = packing ? cells.filter((c, i) => i > 0 && c.example !== cells[i - 1]!.example) : [];
  // No-loss cells at 0.3, enough to tell system from user on the dark theme's background.
  const opacity = (c: MaskCell) => (c.mask ? 0.45 + 0.55 * (c.weight / wmax) : c.role === 'pad' ? 0.35 : 0.3);
  return {
    ...frame(width, height),
    marginLeft,
    marginTop: 56,
    marginBottom: 24,
    marginRight: width - marginLeft - cols * cell,
    x: { domain: [0, cols], label: packing ? 'position in the packed sequence (wrapped) →' : 'position →', ticks: [], axis: null },
    y: { domain: [rows, 0], axis: null },
    marks: [
      // The key and the row and column labels sit in the margins, clear of the cells: they are
      // drawn with the frame and redrawn only when the grid's shape changes.
      ...fixed('loss-mask-key', ...key(
        [
          { label: 'system', colour: ROLE_COLOURS.system, glyph: '■' },
          { label: 'user', colour: ROLE_COLOURS.user, glyph: '■' },
          { label: 'assistant', colour: ROLE_COLOURS.assistant, glyph: '■' },
        ],
        [72, 54, 90],
        -46,
      ),
      Plot.text(['solid = carries loss · faint = no loss'], { frameAnchor: 'top-left', dy: -26, text: (d: string) => d, fill: palette.muted, textAnchor: 'start', fontSize: 13 })),
      // The key carries the sequence length: a packed grid's last row label ends with it.
      ...fixed(`loss-mask-labels:${packing}:${rows}:${cols}:${packing ? cells.length : 0}`,
        Plot.text(Array.from({ length: rows }, (_, r) => r), {
          x: 0, y: (r: number) => r + 0.5, text: rowLabel, textAnchor: 'end', dx: -6, fontSize: 13, fill: 'currentColor',
        }),
        Plot.text([0, ...Array.from({ length: Math.floor((cols - 1) / 4) }, (_, i) => (i + 1) * 4)], {
          x: (c: number) => c + 0.5, y: rows, text: (c: number) => String(c), dy: 12, fontSize: 12, fill: palette.muted,
        }),
      ),
      Plot.rect(cells, {
        x1: 'col', x2: (c: MaskCell) => c.col + 1, y1: 'row', y2: (c: MaskCell) => c.row + 1,
        // Literal colours and opacities ({scale: null}): Plot need not scan every cell to infer that.
        fill: { value: (c: MaskCell) => ROLE_COLOURS[c.role], scale: null }, fillOpacity: { value: opacity, scale: null }, inset: 1,
        stroke: { value: (c: MaskCell) => (c.crossLabel ? palette.bad : 'none'), scale: null }, strokeWidth: 2.5,
      }),
      ...(showLetters
        ? [Plot.text(cells, {
            x: (c: MaskCell) => c.col + 0.5, y: (c: MaskCell) => c.row + 0.5, text: (c: MaskCell) => ROLE_LETTER[c.role],
            fill: { value: (c: MaskCell) => (c.mask ? 'var(--bg-raised)' : 'currentColor'), scale: null }, fontSize: 13, fontWeight: 600,
          })]
        : []),
      // Example boundaries inside the packed sequence: solid when attention is reset there, dashed when it is not.
      Plot.ruleX(starts, {
        x: 'col', y1: 'row', y2: (c: MaskCell) => c.row + 1, stroke: 'currentColor', strokeWidth: 3,
        strokeDasharray: boundaries ? undefined : '3,3',
      }),
    ],
  };
}

/** Share of the total loss each example carries, split by role. */
export function lossSharePlot({ result }: LossMaskPlotData): Plot.PlotOptions {
  const examples = [...new Set(result.exampleShares.map((s) => s.example))];
  const totals = examples.map((e) => ({
    example: `chat ${e + 1}`,
    share: result.exampleShares.filter((s) => s.example === e).reduce((a, s) => a + s.share, 0),
  }));
  const data = result.exampleShares.filter((s) => s.share > 0).map((s) => ({ ...s, label: `chat ${s.example + 1}` }));
  return {
    ...frame(360, 60 + 34 * examples.length),
    marginLeft: 78,
    marginRight: 44,
    marginBottom: 36,
    marginTop: 12,
    x: { domain: [0, 1], label: 'share of the total loss →', tickFormat: '.0%', grid: true, ticks: 5 },
    y: { domain: totals.map((t) => t.example), label: null, padding: 0.25 },
    color: { domain: ['system', 'user', 'assistant'], range: [ROLE_COLOURS.system, ROLE_COLOURS.user, ROLE_COLOURS.assistant] },
    marks: [
      Plot.barX(data, { x: 'share', y: 'label', fill: 'role', order: ['system', 'user', 'assistant'] }),
      Plot.text(totals, { x: 'share', y: 'example', text: (t: { share: number }) => `${(100 * t.share).toFixed(0)}%`, dx: 5, textAnchor: 'start', fontSize: 12, fill: 'currentColor' }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  };
}
