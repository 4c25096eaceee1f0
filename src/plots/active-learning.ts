import * as Plot from '@observablehq/plot';
import { fixed, perObject } from './fixed';
import { seriesKey } from './series-key';
import { frame, palette } from './theme';

export interface PoolPoint {
  risk: number;
  uncertainty: number;
  diversity: number;
  violating: 0 | 1;
  /** In the queue (only read when the queue is not passed to poolPlot separately). */
  queued?: boolean;
}

/** Dot radius in px from diversity (the third score has no axis of its own). */
export const diversityRadius = (d: number) => 1.8 + 4.2 * d;

// Marks that never change are built once; the pool's dots once per pool (array of points).
let poolKey: Plot.Markish[] | undefined;
let gainKey: Plot.Markish[] | undefined;

/**
 * The pool's dots move only with the pool (seed, n), not with the weights or k: drawn with the
 * axes, keyed on the points array. One mark per colour, so colour and opacity are written once
 * on the group instead of on each of up to 500 dots; the violating ones are drawn on top.
 */
const baseDots = perObject((points: readonly PoolPoint[]): Plot.Markish[] => {
  const dots = (violating: 0 | 1) =>
    Plot.dot(
      points.filter((d) => d.violating === violating),
      { x: 'risk', y: 'uncertainty', r: (d: PoolPoint) => diversityRadius(d.diversity), fill: violating ? palette.secondary : palette.muted, fillOpacity: violating ? 0.85 : 0.4 },
    );
  return fixed(points, dots(0), dots(1));
});

/**
 * The pool on risk × uncertainty; dot size is diversity. Violating items (the hidden label)
 * are orange, the rest grey, and the chosen queue (`queued`, in pool order) is ringed.
 */
export function poolPlot(points: readonly PoolPoint[], queued: readonly PoolPoint[] = points.filter((p) => p.queued)): Plot.PlotOptions {
  // The key is fixed too: it sits in the top margin under the rings, which could only touch it
  // (reaching 8 px above the frame) for an item with uncertainty above 0.99.
  poolKey ??= fixed(
    'active-learning-pool-key',
    ...seriesKey(
      [
        { label: 'violating (hidden)', color: palette.secondary, glyph: '●' },
        { label: 'not violating', color: palette.muted, glyph: '●' },
        { label: 'in the queue', color: palette.primary, glyph: '○' },
        { label: 'size = diversity d', color: 'currentColor', glyph: '•' },
      ],
      { widths: [150, 130], perRow: 2, top: -20, left: -40 },
    ),
  );
  return {
    ...frame(360, 330),
    marginTop: 40,
    x: { domain: [0, 1], label: 'risk score r →', grid: true },
    y: { domain: [0, 1], label: 'uncertainty h →', labelAnchor: 'center', labelArrow: 'none', grid: true },
    r: { type: 'identity' },
    marks: [
      ...baseDots(points),
      ...poolKey,
      Plot.dot(queued, { x: 'risk', y: 'uncertainty', r: (d: PoolPoint) => diversityRadius(d.diversity) + 3, stroke: palette.primary, strokeWidth: 2.2, fill: 'none' }),
    ],
  };
}

/**
 * The corners of a step-after line: a point at the same height as the one before only extends
 * that horizontal run, so dropping it draws the same line (the last point sets where it ends).
 */
export function stepAfterCorners<T>(points: readonly T[], y: (p: T) => number): T[] {
  if (points.length <= 2) return points.slice();
  const out: T[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) if (y(points[i]!) !== y(points[i - 1]!)) out.push(points[i]!);
  out.push(points[points.length - 1]!);
  return out;
}

export interface GainPlotData {
  /** gain[k]: violating items among the first k of the ranking. */
  gain: number[];
  violatingTotal: number;
  k: number;
}

/**
 * Share of all violating items caught as the queue grows, for this ranking and (expected) for
 * a random queue, with the current budget marked.
 */
export function gainPlot({ gain, violatingTotal, k }: GainPlotData): Plot.PlotOptions {
  const n = gain.length - 1;
  const V = Math.max(1, violatingTotal);
  const curve = stepAfterCorners(gain.map((g, i) => ({ k: i, share: g / V })), (p) => p.share);
  const random = [
    { k: 0, share: 0 },
    { k: n, share: violatingTotal > 0 ? 1 : 0 },
  ];
  const kk = Math.min(k, n);
  const here = [
    { k: kk, share: gain[kk]! / V, who: 'ranking' },
    { k: kk, share: violatingTotal > 0 ? kk / n : 0, who: 'random' },
  ];
  // The key never changes (fixed): it sits in the top margin, clear of the lines and dots (at
  // most 6 px above the frame).
  gainKey ??= fixed(
    'active-learning-gain-key',
    ...seriesKey(
      [
        { label: 'this ranking', color: palette.primary, glyph: '▬' },
        { label: 'random queue (expected)', color: palette.muted, glyph: '- -' },
      ],
      { widths: [200], perRow: 1, top: -20, left: -40 },
    ),
  );
  return {
    ...frame(300, 320),
    marginTop: 40,
    marginLeft: 56,
    x: { domain: [0, n], label: 'queue size (budget) →', grid: true },
    y: { domain: [0, 1], label: 'share of violating items caught', labelAnchor: 'center', grid: true, tickFormat: '.0%' },
    marks: [
      ...gainKey,
      Plot.ruleX([kk], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.line(random, { x: 'k', y: 'share', stroke: palette.muted, strokeDasharray: '5,4', strokeWidth: 2 }),
      Plot.line(curve, { x: 'k', y: 'share', stroke: palette.primary, strokeWidth: 2.5, curve: 'step-after' }),
      Plot.dot(here, { x: 'k', y: 'share', r: 5, fill: (d) => (d.who === 'ranking' ? palette.primary : palette.muted), stroke: 'var(--bg-raised)', strokeWidth: 1.5 }),
    ],
  };
}
