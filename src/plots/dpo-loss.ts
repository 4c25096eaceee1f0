import * as Plot from '@observablehq/plot';
import type { DpoPairRow } from '../math/sims/dpo-loss';
import { ticks } from 'd3-array';
import { fixed } from './fixed';
import { frame, palette } from './theme';

const QUANTITIES = ['βΔ_w', 'βΔ_l', 'loss', 'weight'] as const;
const FIELDS = ['rewardWin', 'rewardLose', 'loss', 'weight'] as const;
const COLOURS = [palette.primary, palette.secondary, palette.tertiary, palette.quaternary];

const PAIRS_FRAME = { ...frame(400, 300), marginTop: 62, marginLeft: 40, marginBottom: 34 };
// One band per pair (as facets would place them), and inside it one band per quantity.
const PAIR_BAND = { type: 'band', paddingInner: 0.14, paddingOuter: 0, round: true } as const;
const pairBandwidth = (n: number) =>
  Plot.scale({ x: { ...PAIR_BAND, domain: Array.from({ length: n }, (_, i) => i), range: [PAIRS_FRAME.marginLeft, PAIRS_FRAME.width - PAIRS_FRAME.marginRight] } }).bandwidth!;
function quantityInsets(bandwidth: number): { insetLeft: number; insetRight: number }[] {
  const q = Plot.scale({ x: { type: 'band', domain: [...QUANTITIES], range: [0, bandwidth], paddingInner: 0.12, round: true } });
  return QUANTITIES.map((k) => {
    const left = q.apply(k) as number;
    return { insetLeft: left, insetRight: bandwidth - left - q.bandwidth! };
  });
}
const insetCache = new Map<number, { insetLeft: number; insetRight: number }[]>();

export interface DpoPairsPlotData {
  rows: DpoPairRow[];
  /** The pair being edited (1-based), marked under its group. */
  selected?: number;
}

/**
 * Per pair: the two implicit rewards, the pair's loss and its gradient weight, as grouped bars.
 * Drawn without facets (one band per pair, each bar inset to its quantity's sub-band), so the
 * grid, zero line and key sit in the chart's fixed layer and a change redraws only the bars.
 */
export function dpoPairsPlot({ rows, selected }: DpoPairsPlotData): Plot.PlotOptions {
  const values = rows.flatMap((r) => FIELDS.map((f) => r[f]));
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const y = Plot.scale({ y: { domain: [lo, hi], nice: true } }).domain as [number, number];
  const pairs = rows.map((r) => r.pair);
  let insets = insetCache.get(rows.length);
  if (!insets) insetCache.set(rows.length, (insets = quantityInsets(pairBandwidth(rows.length))));
  return {
    ...PAIRS_FRAME,
    x: { ...PAIR_BAND, domain: pairs, axis: null },
    y: { domain: y, label: null, ticks: 6 },
    marks: [
      ...pairsLayer(pairs, y),
      ...FIELDS.map((f, k) => Plot.barY(rows, { x: 'pair', y: f, fill: COLOURS[k], ...insets[k]! })),
      // The pair names where a facet axis would put them; the edited pair is marked.
      Plot.text(pairs, { x: (p: number) => p, frameAnchor: 'bottom', lineAnchor: 'top', dy: 9, text: (p: number) => (p === selected ? `▸ pair ${p} ◂` : `pair ${p}`) }),
    ],
  };
}

// Two rows of two, so the key stays legible when the chart is scaled down on a phone.
const KEY = [
  { label: 'reward βΔ_w (preferred)', dx: 0, dy: -46 },
  { label: 'reward βΔ_l (rejected)', dx: 184, dy: -46 },
  { label: 'loss −log σ(m)', dx: 0, dy: -26 },
  { label: 'gradient weight σ(−m)', dx: 184, dy: -26 },
];
let lastPairsLayer: { key: string; marks: Plot.Markish[] } | undefined;

/** The grid (per pair, as it was within each facet), the zero lines and the key: built again only when the y domain moves. */
function pairsLayer(pairs: number[], y: [number, number]): Plot.Markish[] {
  const key = `dpo-pairs:${pairs.join(',')}:${y.join(',')}`;
  if (lastPairsLayer?.key === key) return lastPairsLayer.marks;
  const grid = ticks(y[0], y[1], 6).flatMap((v) => pairs.map((pair) => ({ pair, v })));
  const marks = fixed(
    key,
    Plot.ruleY(grid, { x1: 'pair', x2: 'pair', y: 'v', strokeOpacity: 0.1 }),
    Plot.ruleY(pairs, { x1: (p: number) => p, x2: (p: number) => p, y: 0, stroke: 'currentColor', strokeOpacity: 0.7 }),
    // A colour key drawn as text (Plot's legends do not render well here).
    ...KEY.map((k, i) =>
      Plot.text([k], { frameAnchor: 'top-left', text: (d: { label: string }) => `■ ${d.label}`, fill: COLOURS[i], dx: k.dx - 34, dy: k.dy, textAnchor: 'start', fontSize: 13 }),
    ),
  );
  lastPairsLayer = { key, marks };
  return marks;
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
  const { h, yMax, marks: fixedMarks } = curveLayer(curve);
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
      ...fixedMarks,
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

const curveLayers = new WeakMap<object, { h: number; yMax: number; marks: Plot.Markish[] }>();

/** Everything up to the curves' labels depends on the curve alone: the chart's fixed layer, built once per curve. */
function curveLayer(curve: DpoCurvePlotData['curve']): { h: number; yMax: number; marks: Plot.Markish[] } {
  const cached = curveLayers.get(curve);
  if (cached) return cached;
  const h = curve[curve.length - 1]!.margin;
  const yMax = Math.max(1.2, ...curve.map((d) => d.loss));
  const at = (m: number) => curve.reduce((a, b) => (Math.abs(b.margin - m) < Math.abs(a.margin - m) ? b : a));
  const lossLabel = at(-0.45 * h);
  const weightLabel = curve[0]!;
  const marks = fixed(
    curve,
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
  );
  const layer = { h, yMax, marks };
  curveLayers.set(curve, layer);
  return layer;
}
