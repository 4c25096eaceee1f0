import * as Plot from '@observablehq/plot';
import type { DpoPairRow } from '../math/sims/dpo-loss';
import { frame, palette } from './theme';

const QUANTITIES = ['βΔ_w', 'βΔ_l', 'loss', 'weight'] as const;
const COLOURS = [palette.primary, palette.secondary, palette.tertiary, palette.quaternary];

export interface DpoPairsPlotData {
  rows: DpoPairRow[];
  /** The pair being edited (1-based), marked under its group. */
  selected?: number;
}

/** Per pair: the two implicit rewards, the pair's loss and its gradient weight, as grouped bars. */
export function dpoPairsPlot({ rows, selected }: DpoPairsPlotData): Plot.PlotOptions {
  const long = rows.flatMap((r) =>
    [r.rewardWin, r.rewardLose, r.loss, r.weight].map((value, k) => ({ pair: r.pair, quantity: QUANTITIES[k]!, value })),
  );
  const values = long.map((d) => d.value);
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  // Two rows of two, so the key stays legible when the chart is scaled down on a phone.
  const key = [
    { label: 'reward βΔ_w (preferred)', dx: 0, dy: -46 },
    { label: 'reward βΔ_l (rejected)', dx: 184, dy: -46 },
    { label: 'loss −log σ(m)', dx: 0, dy: -26 },
    { label: 'gradient weight σ(−m)', dx: 184, dy: -26 },
  ];
  return {
    ...frame(400, 300),
    marginTop: 62,
    marginLeft: 40,
    marginBottom: 34,
    x: { domain: [...QUANTITIES], axis: null, paddingInner: 0.12 },
    fx: { label: null, padding: 0.14, tickFormat: (p: number) => (p === selected ? `▸ pair ${p} ◂` : `pair ${p}`), axis: 'bottom' },
    y: { domain: [lo, hi], nice: true, label: null, grid: true, ticks: 6 },
    color: { domain: [...QUANTITIES], range: COLOURS },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.7 }),
      Plot.barY(long, { fx: 'pair', x: 'quantity', y: 'value', fill: 'quantity' }),
      // A colour key drawn as text (Plot's legends do not render well here).
      ...key.map((k, i) =>
        Plot.text([k], { frameAnchor: 'top-left', facetAnchor: 'top-left', text: (d: { label: string }) => `■ ${d.label}`, fill: COLOURS[i], dx: k.dx - 34, dy: k.dy, textAnchor: 'start', fontSize: 13 }),
      ),
    ],
  };
}

export interface DpoCurvePlotData {
  curve: { margin: number; loss: number; weight: number }[];
  rows: DpoPairRow[];
  selected?: number;
}

/** Vertical label offsets so pair numbers whose margins nearly coincide stack instead of overlapping. */
export function stackedLabelLevels(margins: readonly number[], minGap: number): number[] {
  const order = margins.map((m, i) => ({ m, i })).sort((a, b) => a.m - b.m);
  const levels = new Array<number>(margins.length).fill(0);
  let clusterStart = -Infinity;
  let level = 0;
  for (const { m, i } of order) {
    if (m - clusterStart < minGap) level += 1;
    else {
      level = 0;
      clusterStart = m;
    }
    levels[i] = level;
  }
  return levels;
}

/** The DPO loss −log σ(m) and gradient weight σ(−m) against the margin, with the pairs as points. */
export function dpoCurvePlot({ curve, rows, selected }: DpoCurvePlotData): Plot.PlotOptions {
  const h = curve[curve.length - 1]!.margin;
  const yMax = Math.max(1.2, ...curve.map((d) => d.loss));
  const at = (m: number) => curve.reduce((a, b) => (Math.abs(b.margin - m) < Math.abs(a.margin - m) ? b : a));
  const lossLabel = at(-0.45 * h);
  const weightLabel = curve[0]!;
  const levels = stackedLabelLevels(
    rows.map((r) => r.margin),
    (2 * h * 16) / 300,
  );
  const labelled = rows.map((r, i) => ({ ...r, level: levels[i]! }));
  return {
    ...frame(360, 330),
    marginLeft: 44,
    x: { domain: [-h, h], label: 'margin m = β(Δ_w − Δ_l) →', grid: true, ticks: 5 },
    y: { domain: [0, yMax], label: '↑ loss / weight', grid: true, ticks: 5 },
    marks: [
      // Negative margins: the implicit reward ranks the rejected response higher.
      Plot.rect([{ x1: -h, x2: 0, y1: 0, y2: yMax }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: palette.bad, fillOpacity: 0.07 }),
      Plot.text([{ x: -h, y: 0 }], { x: 'x', y: 'y', text: () => 'loser ranked higher', textAnchor: 'start', dx: 6, dy: -8, fill: palette.bad, fontSize: 11.5 }),
      Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.ruleY([Math.LN2], { stroke: palette.muted, strokeDasharray: '3,3' }),
      Plot.text([{ x: h, y: Math.LN2 }], { x: 'x', y: 'y', text: () => 'log 2', textAnchor: 'end', dy: -7, fill: palette.muted, fontSize: 11.5 }),
      Plot.line(curve, { x: 'margin', y: 'loss', stroke: palette.tertiary, strokeWidth: 2.5 }),
      Plot.line(curve, { x: 'margin', y: 'weight', stroke: palette.quaternary, strokeWidth: 2, strokeDasharray: '6,4' }),
      Plot.text([lossLabel], { x: 'margin', y: 'loss', text: () => 'loss −log σ(m)', textAnchor: 'start', dx: 10, dy: -2, fill: palette.tertiary, fontWeight: 600 }),
      Plot.text([weightLabel], { x: 'margin', y: 'weight', text: () => 'weight σ(−m)', textAnchor: 'start', dx: 4, dy: -12, fill: palette.quaternary, fontWeight: 600 }),
      Plot.dot(rows, { x: 'margin', y: 'weight', r: 3.5, fill: palette.quaternary }),
      Plot.dot(rows, {
        x: 'margin',
        y: 'loss',
        r: 5,
        fill: (d: DpoPairRow) => (d.margin > 0 ? palette.good : palette.bad),
        stroke: 'var(--bg-raised)',
        strokeWidth: 1.5,
      }),
      Plot.dot(rows.filter((d) => d.pair === selected), { x: 'margin', y: 'loss', r: 8.5, stroke: 'currentColor', strokeWidth: 1.5 }),
      // Pairs whose margins nearly coincide get their numbers stacked, one line per level.
      ...[...new Set(levels)].map((level) =>
        Plot.text(
          labelled.filter((d) => d.level === level),
          { x: 'margin', y: 'loss', text: (d: DpoPairRow) => String(d.pair), dy: -15 - 14 * level, fontWeight: 700, fontSize: 12.5 },
        ),
      ),
    ],
  };
}
