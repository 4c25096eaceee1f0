import * as Plot from '@observablehq/plot';
import { frame, halo, labelAnchor, overlaps, palette, plotArea, polylineHits, startOf, textWidth, type Box } from './theme';
import { fixed, perObject } from './fixed';
import { thinPolyline } from './thin';

type RatePoint = { tau: number; tpr: number; fpr: number };

export interface ThresholdPlotData {
  /** Block rates on a grid of thresholds (the widget's includes every τ its slider can take). */
  curve: RatePoint[];
  tau: number;
  /** The block rates at τ itself. */
  at: { tpr: number; fpr: number };
  optimumTau: number;
}

const HARMFUL = 'harmful (TPR)';
const BENIGN = 'benign (FPR)';

const longOf = (points: RatePoint[]) =>
  points.flatMap((d) => [
    { tau: d.tau, rate: d.tpr, series: HARMFUL },
    { tau: d.tau, rate: d.fpr, series: BENIGN },
  ]);
const rateLines = (points: RatePoint[]) => Plot.line(longOf(points), { x: 'tau', y: 'rate', stroke: 'series', strokeWidth: 2.5 });
// The curves move only with the sample: drawn with the axes, once per curve, while τ and the costs
// move. Keyed by their values, not the object, so the page keeps the axes layer the build drew.
const fixedLines = perObject((curve: RatePoint[]) => fixed(`thr-curve:${curve.map((d) => `${d.tau.toFixed(4)},${d.tpr},${d.fpr}`).join(';')}`, rateLines(curve)));

/** Block rates of harmful (TPR) and benign (FPR) content against the threshold τ. */
export function ratesPlot({ curve, tau, at, optimumTau }: ThresholdPlotData): Plot.PlotOptions {
  const points = throughTau(curve, { tau, ...at });
  // τ on the curve's grid (always, from the slider or a URL, which snap to it) leaves the curve as it
  // is; a τ between grid points gets its own vertex, and then the lines are drawn with the data.
  const onGrid = points.length === curve.length;
  const names = namesFor(curve, optimumTau);
  return {
    ...RATES_FRAME,
    x: { domain: [0, 1], label: 'threshold τ →', grid: true },
    y: { domain: [0, 1], label: '↑ share blocked', grid: true },
    color: { domain: [HARMFUL, BENIGN], range: [palette.primary, palette.secondary] },
    marks: [
      ...(onGrid ? fixedLines(curve) : []),
      Plot.ruleX([optimumTau], { stroke: palette.tertiary, strokeDasharray: '5,4', strokeWidth: 1.5 }),
      // Above the frame, except in the left quarter, where the axis title is: there it goes at the
      // rule's foot, right of it (the curves are still high there).
      optimumTau < 0.25
        ? Plot.text([{ x: optimumTau, y: 0 }], { x: 'x', y: 'y', text: () => 'cost-optimal τ', dy: -9, dx: 5, textAnchor: 'start', fill: palette.tertiary, ...halo() })
        // 12 px up: the τ dots (radius 4) ride the top edge while TPR is 1, and τ is dragged toward this rule.
        : Plot.text([{ x: optimumTau, y: 1 }], { x: 'x', y: 'y', text: () => 'cost-optimal τ', dy: -12, fill: palette.tertiary, ...labelAnchor(optimumTau) }),
      ...(onGrid ? [] : [rateLines(points)]),
      Plot.ruleX([tau], { stroke: 'currentColor', strokeWidth: 1.5 }),
      // Direct labels instead of a legend (the y label says what is blocked); short enough that the
      // harmful label, which starts at τ ≈ 0.72, ends inside the frame on a phone. Over the rules,
      // haloed, so neither rule nor the other curve runs through the names.
      ...(['above', 'below'] as const).map((side) =>
        Plot.text(names.filter((d) => d.side === side), { x: 'tau', y: 'rate', text: 'series', fill: 'series', ...(side === 'above' ? { textAnchor: 'start', dx: 8, dy: -6 } : { textAnchor: 'end', dx: -8, dy: 8 }), ...halo() }),
      ),
      Plot.dot(
        [
          { tau, rate: at.tpr, series: HARMFUL },
          { tau, rate: at.fpr, series: BENIGN },
        ],
        { x: 'tau', y: 'rate', fill: 'series', r: 4 },
      ),
    ],
  };
}

export interface RocPlotData {
  roc: { tpr: number; fpr: number }[];
  point: { tpr: number; fpr: number };
  auc: number;
}

/**
 * The curve with τ's exact rates as a vertex, so the dots at τ sit on the lines: a grid vertex at τ
 * takes them (the same numbers when τ is on the grid), otherwise they are inserted in order.
 */
export function throughTau(curve: RatePoint[], point: RatePoint): RatePoint[] {
  const i = curve.findIndex((d) => d.tau >= point.tau - 1e-9);
  if (i < 0) return [...curve, point];
  return [...curve.slice(0, i), point, ...curve.slice(Math.abs(curve[i].tau - point.tau) <= 1e-9 ? i + 1 : i)];
}

// Direct labels instead of a legend: each name sits just above and right of a point on its own
// (falling) curve, or, when that is blocked everywhere, just below and left of one, which a falling
// curve also leaves clear. Its usual spot (harmful near τ 0.72, benign near 0.22) is kept unless
// the other curve, the cost-optimal rule or another label would run through it; then the nearest
// free spot along the curve is used. The τ rule is left out, so the names stay put while τ moves.
export const RATES_FRAME = frame(400, 300);
const AREA = plotArea(RATES_FRAME);
type Side = 'above' | 'below';

export function labelPoints(sweep: RatePoint[], optimumTau: number) {
  const px = (t: number) => t * AREA.width;
  const py = (r: number) => (1 - r) * AREA.height;
  const xs = sweep.map((d) => px(d.tau));
  const lines = { [HARMFUL]: sweep.map((d) => py(d.tpr)), [BENIGN]: sweep.map((d) => py(d.fpr)) };
  // Text is centred 6 px above the point and starts 8 px right of it, or 8 px below, ending 8 px left.
  const box = (tau: number, rate: number, text: string, side: Side): Box => {
    const w = textWidth(text, 13, false), cy = py(rate) + (side === 'above' ? -6 : 8);
    const x0 = side === 'above' ? px(tau) + 8 : px(tau) - 8 - w;
    return { x0, x1: x0 + w, y0: cy - 7, y1: cy + 4 };
  };
  // Text already in the way: the y-axis title, and the cost-optimal label above the frame.
  const taken: Box[] = [{ x0: -52, x1: 70, y0: -24, y1: -6 }];
  if (optimumTau >= 0.25) {
    const w = textWidth('cost-optimal τ', 13, false), { textAnchor, dx } = labelAnchor(optimumTau);
    const x0 = startOf(px(optimumTau) + dx, w, textAnchor);
    taken.push({ x0, x1: x0 + w, y0: -24, y1: -8 });
  }
  const ruleX = px(optimumTau);
  const inner = sweep.filter((d) => d.tau >= 0.05 - 1e-9 && d.tau <= 0.95 + 1e-9);
  const spot = (series: typeof HARMFUL | typeof BENIGN, prefer: number) => {
    const rate = (d: RatePoint) => (series === HARMFUL ? d.tpr : d.fpr);
    const free = (b: Box) =>
      b.x0 >= -4 && b.x1 <= AREA.width + 16 && b.y0 >= -22 && b.y1 <= AREA.height - 2 &&
      !(ruleX > b.x0 - 3 && ruleX < b.x1 + 3) &&
      !taken.some((t) => overlaps(t, b)) &&
      !polylineHits(xs, lines[HARMFUL], b) && !polylineHits(xs, lines[BENIGN], b);
    const byDistance = [...inner].sort((a, b) => Math.abs(a.tau - prefer) - Math.abs(b.tau - prefer));
    const pick = (): { d: RatePoint; side: Side; b: Box } => {
      for (const side of ['above', 'below'] as const)
        for (const d of byDistance) {
          const b = box(d.tau, rate(d), series, side);
          if (free(b)) return { d, side, b };
        }
      return { d: byDistance[0]!, side: 'above', b: box(byDistance[0]!.tau, rate(byDistance[0]!), series, 'above') };
    };
    const c = pick();
    taken.push(c.b);
    return { tau: c.d.tau, rate: rate(c.d), series, side: c.side };
  };
  return [spot(HARMFUL, 0.72), spot(BENIGN, 0.22)];
}

// The names depend on the curve (one per sample) and the cost-optimal τ, not on τ: kept for the last
// optimum of each curve, so dragging τ reuses them. Placed on the curve's own grid points, which the
// drawn lines pass through whether or not τ adds a vertex between them.
const namesCache = new WeakMap<RatePoint[], { optimumTau: number; names: ReturnType<typeof labelPoints> }>();
function namesFor(curve: RatePoint[], optimumTau: number) {
  const hit = namesCache.get(curve);
  if (hit?.optimumTau === optimumTau) return hit.names;
  const names = labelPoints(curve, optimumTau);
  namesCache.set(curve, { optimumTau, names });
  return names;
}

const corners = perObject((roc: RocPlotData['roc']) => thinPolyline(roc, (p) => p.fpr, (p) => p.tpr));

/** ROC curve with the operating point at the current τ. */
export function rocPlot({ roc, point, auc }: RocPlotData): Plot.PlotOptions {
  return {
    ...frame(320, 300),
    aspectRatio: 1,
    x: { domain: [0, 1], label: 'false-block rate (FPR) →', grid: true },
    y: { domain: [0, 1], label: '↑ harmful caught (TPR)', grid: true },
    marks: [
      // The curve moves only with the sample: drawn with the axes while τ moves the point.
      ...fixed(
        roc,
        Plot.line([[0, 0], [1, 1]], { stroke: palette.muted, strokeDasharray: '3,3' }),
        // Same line, only its corners: 2n scores give up to 2n + 1 ROC points, mostly on straight runs.
        Plot.line(corners(roc), { x: 'fpr', y: 'tpr', stroke: palette.primary, strokeWidth: 2.5 }),
      ),
      Plot.dot([point], { x: 'fpr', y: 'tpr', r: 6, fill: palette.secondary, stroke: 'var(--bg-raised)', strokeWidth: 2 }),
      Plot.text([{ x: 0.6, y: 0.12 }], { x: 'x', y: 'y', text: () => `AUC = ${auc.toFixed(3)}`, fontSize: 14 }),
    ],
  };
}
