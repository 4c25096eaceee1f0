import * as Plot from '@observablehq/plot';
import type { DpoPairRow } from '../math/sims/dpo-loss';
import { ticks } from 'd3-array';
import { fixed, perObject } from './fixed';
import { frame, halo, nearbyGroups, overlaps, palette, plotArea, SUBSCRIPTED_X_LABEL, textWidth, type Box } from './theme';

const QUANTITIES = ['βΔ_w', 'βΔ_l', 'loss', 'weight'] as const;
const FIELDS = ['rewardWin', 'rewardLose', 'loss', 'weight'] as const;
const COLOURS = [palette.primary, palette.secondary, palette.tertiary, palette.quaternary];

const PAIRS_FRAME = { ...frame(400, 300), marginTop: 62, marginLeft: 40, marginBottom: 34 };

interface PairsLayout {
  /** Left edge of each pair's band, in px. */
  left: number[];
  bandwidth: number;
  /** Each quantity's bar within a band: offset from its left edge and width, in px. */
  bars: { offset: number; width: number }[];
}

/**
 * Where facets would put the groups: one band per pair across the frame (inner padding 0.14, no
 * outer), and inside it one band per quantity (padding 0.12 inner, 0.1 outer), all rounded to
 * whole pixels. The bars are then drawn as one mark on an identity x scale.
 */
function pairsLayout(n: number): PairsLayout {
  const fx = Plot.scale({
    x: { type: 'band', domain: Array.from({ length: n }, (_, i) => i), range: [PAIRS_FRAME.marginLeft, PAIRS_FRAME.width - PAIRS_FRAME.marginRight], paddingInner: 0.14, paddingOuter: 0, round: true },
  });
  const bandwidth = fx.bandwidth!;
  const q = Plot.scale({ x: { type: 'band', domain: [...QUANTITIES], range: [0, bandwidth], paddingInner: 0.12, round: true } });
  return {
    left: Array.from({ length: n }, (_, i) => fx.apply(i) as number),
    bandwidth,
    bars: QUANTITIES.map((k) => ({ offset: q.apply(k) as number, width: q.bandwidth! })),
  };
}
const layouts = new Map<number, PairsLayout>();

export interface DpoPairsPlotData {
  rows: DpoPairRow[];
  /** The pair being edited (1-based), marked under its group. */
  selected?: number;
}

/**
 * Per pair: the two implicit rewards, the pair's loss and its gradient weight, as grouped bars.
 * Drawn without facets (each bar placed in pixels where the faceted chart put it, see
 * pairsLayout), so the grid, zero lines and key sit in the chart's fixed layer and a change
 * redraws only the bars (one mark) and the pair names.
 */
export function dpoPairsPlot({ rows, selected }: DpoPairsPlotData): Plot.PlotOptions {
  let layout = layouts.get(rows.length);
  if (!layout) layouts.set(rows.length, (layout = pairsLayout(rows.length)));
  const { left, bandwidth, bars } = layout;
  const long = rows.flatMap((r, i) =>
    FIELDS.map((f, k) => ({ x1: left[i]! + bars[k]!.offset, x2: left[i]! + bars[k]!.offset + bars[k]!.width, value: r[f], fill: COLOURS[k]! })),
  );
  const values = long.map((d) => d.value);
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const y = Plot.scale({ y: { domain: [lo, hi], nice: true } }).domain as [number, number];
  const labels = rows.map((r, i) => ({ x: left[i]! + bandwidth / 2, text: r.pair === selected ? `▸ pair ${r.pair} ◂` : `pair ${r.pair}` }));
  return {
    ...PAIRS_FRAME,
    x: { type: 'identity', axis: null },
    y: { domain: y, label: null, ticks: 6 },
    marks: [
      ...pairsLayer(layout, rows.length, y),
      Plot.rect(long, { x1: 'x1', x2: 'x2', y1: 0, y2: 'value', fill: 'fill' }),
      // The pair names where a facet axis would put them; the edited pair is marked.
      Plot.text(labels, { x: 'x', text: 'text', frameAnchor: 'bottom', lineAnchor: 'top', dy: 9 }),
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
function pairsLayer({ left, bandwidth }: PairsLayout, n: number, y: [number, number]): Plot.Markish[] {
  const key = `dpo-pairs:${n}:${y.join(',')}`;
  if (lastPairsLayer?.key === key) return lastPairsLayer.marks;
  const bands = left.slice(0, n).map((x1) => ({ x1, x2: x1 + bandwidth }));
  const grid = ticks(y[0], y[1], 6).flatMap((v) => bands.map((b) => ({ ...b, v })));
  const marks = fixed(
    key,
    Plot.ruleY(grid, { x1: 'x1', x2: 'x2', y: 'v', strokeOpacity: 0.1 }),
    Plot.ruleY(bands, { x1: 'x1', x2: 'x2', y: 0, stroke: 'currentColor', strokeOpacity: 0.7 }),
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

const CURVE_FRAME = { ...frame(360, 330), marginLeft: 44 };
const CURVE_AREA = plotArea(CURVE_FRAME);

/** The DPO loss −log σ(m) and gradient weight σ(−m) against the margin, with the pairs as points. */
export function dpoCurvePlot({ curve, rows, selected }: DpoCurvePlotData): Plot.PlotOptions {
  const { h, yMax, crowded, marks: fixedMarks } = curveLayer(curve);
  // Pairs whose margins nearly coincide share one label, "1, 2, 3" (a column of numbers ran into the
  // curve's own label). It sits up and to the right of its point, where the falling curve leaves
  // room; up and to the left near the right edge; level with the point and to its right where it
  // would leave the top.
  const size = CURVE_FRAME;
  const { width: innerWidth, height: innerHeight } = CURVE_AREA;
  const xpx = (m: number) => ((m + h) / (2 * h)) * innerWidth;
  const ypx = (v: number) => (1 - v / yMax) * innerHeight;
  const labelWidth = (t: string) => textWidth(t, 12.5);
  const clusters = nearbyGroups(rows, (r) => r.margin, (2 * h * 16) / 300);
  const places = { beside: { dx: 13, dy: 0, anchor: 'start' }, upRight: { dx: 6, dy: -14, anchor: 'start' }, upLeft: { dx: -6, dy: -14, anchor: 'end' } } as const;
  const labels: { margin: number; loss: number; text: string; place: keyof typeof places }[] = [];
  for (const c of clusters) {
    const l = { margin: c[0]!.margin, loss: c[0]!.loss, text: c.map((r) => r.pair).sort((a, b) => a - b).join(', ') };
    const place = ypx(l.loss) - 14 - 8 < 0 ? 'beside' : xpx(l.margin) + 6 + labelWidth(l.text) > innerWidth ? 'upLeft' : 'upRight';
    labels.push({ ...l, place });
  }
  // "log 2" sits above its line as far right as it can without touching a pair's dots or label
  // (right of m = 0, where both curves run below the line).
  const boxes = [
    ...labels.map((l) => {
      const p = places[l.place];
      const x = xpx(l.margin) + p.dx;
      const y = ypx(l.loss) + p.dy;
      return p.anchor === 'start' ? [x, y - 7, x + labelWidth(l.text), y + 7] : [x - labelWidth(l.text), y - 7, x, y + 7];
    }),
    ...rows.flatMap((r) => [
      [xpx(r.margin) - 9, ypx(r.loss) - 9, xpx(r.margin) + 9, ypx(r.loss) + 9],
      [xpx(r.margin) - 4, ypx(r.weight) - 4, xpx(r.margin) + 4, ypx(r.weight) + 4],
    ]),
  ];
  // With the log 2 rule and the weight curve crowding the bottom (both ran through the label at β 2,
  // Δ ±3), "loser ranked higher" goes in the shaded region's upper right, under the frame top, where
  // the loss curve has already fallen away, unless a pair or its label is there.
  const loserHigh: Box = { x0: xpx(0) - 6 - textWidth(LOSER, 11.5, false), y0: 12 - 8, x1: xpx(0) - 6, y1: 12 + 6 };
  const loser = crowded ? [loserLabel(boxes.some(([x0, y0, x1, y1]) => overlaps(loserHigh, { x0: x0!, y0: y0!, x1: x1!, y1: y1! })) ? 'low' : 'high', h, yMax)] : [];
  const lnTop = ypx(Math.LN2) - 14;
  const lnBottom = ypx(Math.LN2) - 1;
  let lnRight = innerWidth;
  while (lnRight - 32 > xpx(0) + 4 && boxes.some(([x1, y1, x2, y2]) => x1! < lnRight + 2 && x2! > lnRight - 32 && y1! < lnBottom && y2! > lnTop)) lnRight -= 8;
  if (lnRight - 32 <= xpx(0) + 4) lnRight = innerWidth;
  return {
    ...size,
    x: { domain: [-h, h], label: 'margin m = β(Δ_w − Δ_l) →', labelOffset: SUBSCRIPTED_X_LABEL, grid: true, ticks: 5 },
    y: { domain: [0, yMax], label: '↑ loss / weight', grid: true, ticks: 5 },
    r: { type: 'identity' },
    marks: [
      ...fixedMarks,
      ...loser,
      // The pairs on the weight curve, then on the loss curve, as one mark: radii in px, drawn in this order.
      Plot.dot(
        [
          ...rows.map((d) => ({ m: d.margin, y: d.weight, r: 3.5, fill: palette.quaternary, stroke: 'none' })),
          ...rows.map((d) => ({ m: d.margin, y: d.loss, r: 5, fill: d.margin > 0 ? palette.good : palette.bad, stroke: 'var(--bg-raised)' })),
        ],
        { x: 'm', y: 'y', r: 'r', fill: 'fill', stroke: 'stroke', strokeWidth: 1.5, sort: null },
      ),
      Plot.dot(rows.filter((d) => d.pair === selected), { x: 'margin', y: 'loss', r: 8.5, stroke: 'currentColor', strokeWidth: 1.5 }),
      Plot.text([{ x: h, y: Math.LN2 }], { x: 'x', y: 'y', text: () => 'log 2', textAnchor: 'end', dx: lnRight - innerWidth, dy: -7, fill: palette.muted, fontSize: 11.5 }),
      ...(Object.keys(places) as (keyof typeof places)[]).map((place) =>
        Plot.text(labels.filter((l) => l.place === place), {
          x: 'margin', y: 'loss', text: 'text', textAnchor: places[place].anchor, dx: places[place].dx, dy: places[place].dy,
          fill: 'currentColor', fontWeight: 700, fontSize: 12.5, ...halo(),
        }),
      ),
    ],
  };
}

/** Everything up to the curves' labels depends on the curve alone: the chart's fixed layer, built once per curve. */
const curveLayer = perObject((curve: DpoCurvePlotData['curve']): { h: number; yMax: number; crowded: boolean; marks: Plot.Markish[] } => {
  const h = curve[curve.length - 1]!.margin;
  const yMax = Math.max(1.2, ...curve.map((d) => d.loss));
  const at = (m: number) => curve.reduce((a, b) => (Math.abs(b.margin - m) < Math.abs(a.margin - m) ? b : a));
  const lossLabel = at(-0.45 * h);
  const weightLabel = curve[0]!;
  const crowded = (Math.LN2 / yMax) * CURVE_AREA.height < 22;
  const marks = fixed(
    curve,
    // Negative margins: the implicit reward ranks the rejected response higher.
    Plot.rect([{ x1: -h, x2: 0, y1: 0, y2: yMax }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: palette.bad, fillOpacity: 0.07 }),
    Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
    Plot.ruleY([Math.LN2], { stroke: palette.muted, strokeDasharray: '3,3' }),
    Plot.line(curve, { x: 'margin', y: 'loss', stroke: palette.tertiary, strokeWidth: 2.5 }),
    Plot.line(curve, { x: 'margin', y: 'weight', stroke: palette.quaternary, strokeWidth: 2, strokeDasharray: '6,4' }),
    // In the shaded region's lower left, over the log 2 rule, unless the axis has grown so far that
    // the bottom is crowded: then the pairs decide where it goes (see dpoCurvePlot).
    ...(crowded ? [] : [loserLabel('low', h, yMax)]),
    Plot.text([lossLabel], { x: 'margin', y: 'loss', text: () => 'loss −log σ(m)', textAnchor: 'start', dx: 10, dy: -2, fill: palette.tertiary, fontWeight: 600 }),
    Plot.text([weightLabel], { x: 'margin', y: 'weight', text: () => 'weight σ(−m)', textAnchor: 'start', dx: 4, dy: -12, fill: palette.quaternary, fontWeight: 600 }),
  );
  return { h, yMax, crowded, marks };
});

const LOSER = 'loser ranked higher';
const loserLabel = (where: 'low' | 'high', h: number, yMax: number) =>
  where === 'low'
    ? Plot.text([{ x: -h, y: 0 }], { x: 'x', y: 'y', text: () => LOSER, textAnchor: 'start', dx: 6, dy: -8, fill: palette.bad, fontSize: 11.5, ...halo() })
    : Plot.text([{ x: 0, y: yMax }], { x: 'x', y: 'y', text: () => LOSER, textAnchor: 'end', dx: -6, dy: 12, fill: palette.bad, fontSize: 11.5, ...halo() });
