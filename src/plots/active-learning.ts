import * as Plot from '@observablehq/plot';
import { seriesKey } from './series-key';
import { frame, palette } from './theme';

export interface PoolPoint {
  risk: number;
  uncertainty: number;
  diversity: number;
  violating: 0 | 1;
  queued: boolean;
}

/** Dot radius in px from diversity (the third score has no axis of its own). */
export const diversityRadius = (d: number) => 1.8 + 4.2 * d;

/**
 * The pool on risk × uncertainty; dot size is diversity. Violating items (the hidden label)
 * are orange, the rest grey, and the chosen queue is ringed.
 */
export function poolPlot(points: PoolPoint[]): Plot.PlotOptions {
  const queued = points.filter((p) => p.queued);
  return {
    ...frame(360, 330),
    marginTop: 40,
    x: { domain: [0, 1], label: 'risk score r →', grid: true },
    y: { domain: [0, 1], label: 'uncertainty h →', labelAnchor: 'center', labelArrow: 'none', grid: true },
    r: { type: 'identity' },
    marks: [
      Plot.dot(points, {
        x: 'risk',
        y: 'uncertainty',
        r: (d: PoolPoint) => diversityRadius(d.diversity),
        fill: (d: PoolPoint) => (d.violating ? palette.secondary : palette.muted),
        fillOpacity: (d: PoolPoint) => (d.violating ? 0.85 : 0.4),
      }),
      Plot.dot(queued, { x: 'risk', y: 'uncertainty', r: (d: PoolPoint) => diversityRadius(d.diversity) + 3, stroke: palette.primary, strokeWidth: 2.2, fill: 'none' }),
      ...seriesKey(
        [
          { label: 'violating (hidden)', color: palette.secondary, glyph: '●' },
          { label: 'not violating', color: palette.muted, glyph: '●' },
          { label: 'in the queue', color: palette.primary, glyph: '◯' },
          { label: 'size = diversity d', color: 'currentColor', glyph: '•' },
        ],
        { widths: [150, 130], perRow: 2, top: -20, left: -40 },
      ),
    ],
  };
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
  const curve = gain.map((g, i) => ({ k: i, share: g / V }));
  const random = [
    { k: 0, share: 0 },
    { k: n, share: violatingTotal > 0 ? 1 : 0 },
  ];
  const kk = Math.min(k, n);
  const here = [
    { k: kk, share: gain[kk]! / V, who: 'ranking' },
    { k: kk, share: violatingTotal > 0 ? kk / n : 0, who: 'random' },
  ];
  return {
    ...frame(300, 320),
    marginTop: 40,
    marginLeft: 56,
    x: { domain: [0, n], label: 'queue size (budget) →', grid: true },
    y: { domain: [0, 1], label: 'share of violating items caught', labelAnchor: 'center', grid: true, tickFormat: '.0%' },
    marks: [
      Plot.ruleX([kk], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.line(random, { x: 'k', y: 'share', stroke: palette.muted, strokeDasharray: '5,4', strokeWidth: 2 }),
      Plot.line(curve, { x: 'k', y: 'share', stroke: palette.primary, strokeWidth: 2.5, curve: 'step-after' }),
      Plot.dot(here, { x: 'k', y: 'share', r: 5, fill: (d) => (d.who === 'ranking' ? palette.primary : palette.muted), stroke: 'var(--bg-raised)', strokeWidth: 1.5 }),
      ...seriesKey(
        [
          { label: 'this ranking', color: palette.primary, glyph: '▬' },
          { label: 'random queue (expected)', color: palette.muted, glyph: '- -' },
        ],
        { widths: [200], perRow: 1, top: -20, left: -40 },
      ),
    ],
  };
}
