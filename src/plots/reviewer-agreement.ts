import * as Plot from '@observablehq/plot';
import { fixed, perObject } from './fixed';
import { seriesKey } from './series-key';
import { frame, halo, palette } from './theme';
import { thinPolyline } from './thin';

export interface ConfusionPlotData {
  /** counts[i][j]: items rater A put in category i and rater B in category j. */
  table: number[][];
  names: string[];
}

/** Heatmap of the two raters' labels with the count in each cell; the diagonal is agreement. */
export function confusionPlot({ table, names }: ConfusionPlotData): Plot.PlotOptions {
  const K = names.length;
  const max = Math.max(1, ...table.flat());
  const cells = table.flatMap((row, i) =>
    row.map((count, j) => ({ a: names[i]!, b: names[j]!, count, share: count / max, agree: i === j })),
  );
  const longest = Math.max(...names.map((s) => s.length));
  return {
    ...frame(300, 280),
    marginLeft: 16 + 7 * longest,
    marginBottom: K > 3 ? 56 : 44,
    marginTop: 12,
    x: { domain: names, label: `rater B's label →`, labelAnchor: 'right', tickRotate: K > 3 ? -25 : 0 },
    y: { domain: names, label: `↑ rater A's label`, labelAnchor: 'top' },
    opacity: { type: 'identity' },
    marks: [
      // Agreement cells get an outline, so the diagonal reads as "same label". One rect per cell
      // draws shade and outline (the stroke paints over its own fill; off the diagonal it is fully
      // transparent), as a shaded rect under an outline-only rect would.
      Plot.cell(cells, {
        x: 'b',
        y: 'a',
        fill: palette.primary,
        fillOpacity: (d) => 0.06 + 0.84 * d.share,
        stroke: 'currentColor',
        strokeWidth: 1.5,
        strokeOpacity: (d) => (d.agree ? 1 : 0),
        inset: 1,
      }),
      // Counts in the text colour on a halo of the background: a switch to background-coloured text
      // on dark cells fell to 2.4:1 (light theme) and 3.2:1 (dark) just past the switch, and no
      // single switch point keeps 4.5:1 in both themes.
      Plot.text(cells, {
        x: 'b',
        y: 'a',
        text: (d) => String(d.count),
        fill: 'currentColor',
        fontSize: K > 3 ? 12 : 15,
        fontWeight: 600,
        ...halo(3),
      }),
    ],
  };
}

export interface ParadoxCurvePoint {
  prevalence: number;
  observed: number;
  expected: number;
  kappa: number;
}

export interface ParadoxPlotData {
  curve: ParadoxCurvePoint[];
  prevalence: number;
  sample: { observed: number; expected: number; kappa: number };
  /** The bar the check uses (e.g. 0.6 = "substantial"). */
  bar: number;
  /** The first category's name, whose share the x axis runs over ("positive" with two labels). */
  first?: string;
}

type Series = 'observed' | 'expected' | 'kappa';
const SERIES: { key: Series; label: string; color: string; glyph: string }[] = [
  { key: 'kappa', label: 'κ', color: palette.primary, glyph: '▬' },
  { key: 'observed', label: 'pₒ observed', color: palette.secondary, glyph: '- -' },
  { key: 'expected', label: 'pₑ chance', color: palette.tertiary, glyph: '▬' },
];

const barLayers = new Map<string, Plot.Markish[]>();

/** The three population curves, built once per curve (prevalence moves only the rule and dots). */
const curveLines = perObject((curve: readonly ParadoxCurvePoint[]): Plot.Markish[] =>
  SERIES.map((s) =>
    Plot.line(
      // Only the corners: observed agreement is flat across prevalence (99 points, 2 corners).
      thinPolyline(
        curve.filter((d) => Number.isFinite(d[s.key])),
        (d) => d.prevalence,
        (d) => d[s.key],
      ),
      { x: 'prevalence', y: s.key, stroke: s.color, strokeWidth: s.key === 'kappa' ? 3 : 2, strokeDasharray: s.key === 'observed' ? '6,4' : undefined },
    ),
  ),
);

/**
 * The bar and the key never move: drawn with the axes, and built once per bar value. The key sits
 * in the top margin, at least 2 px clear of the lines and dots (which reach 6 px above the frame).
 */
function barAndKey(bar: number): Plot.Markish[] {
  let marks = barLayers.get(`${bar}`);
  if (!marks) {
    marks = fixed(
      `paradox-bar:${bar}`,
      Plot.ruleY([bar], { stroke: palette.muted, strokeDasharray: '2,3' }),
      ...seriesKey([...SERIES, { label: 'this sample', color: 'currentColor', glyph: '●' }], { widths: [40, 112, 96], left: -30, top: -20 }),
    );
    barLayers.set(`${bar}`, marks);
  }
  return marks;
}

/** The bar's name, at the place barLabelSide picks. */
function barLabel(bar: number, side: 'left' | 'centre' | 'right'): Plot.Markish {
  const text = () => `κ = ${bar}`;
  const style = { dy: -7, fill: palette.muted, fontSize: 11, ...halo() };
  return side === 'centre'
    ? Plot.text([bar], { x: () => 0.5, y: (d) => d, text, textAnchor: 'middle', ...style })
    : Plot.text([bar], { y: (d) => d, frameAnchor: side, text, dx: side === 'left' ? 4 : 0, textAnchor: side === 'left' ? 'start' : 'end', ...style });
}

/**
 * Where on the bar line its label goes: the curves are drawn over it, so it takes the place where κ
 * and p_e pass farther from the text (0.01–0.06 above the line, over about 15% of the prevalence
 * range). The right end unless another place is clearly freer; then the freer of the left end and
 * the middle. A curve that crosses the band between two sampled points counts as passing through it.
 */
export function barLabelSide(curve: readonly ParadoxCurvePoint[], bar: number): 'left' | 'centre' | 'right' {
  const low = bar + 0.01;
  const high = bar + 0.06;
  const gap = (v: number) => (v < low ? low - v : v > high ? v - high : 0);
  const clearance = (inside: (p: number) => boolean) => {
    let min = Infinity;
    const points = curve.filter((d) => inside(d.prevalence));
    for (const k of ['kappa', 'expected'] as const) {
      for (let i = 0; i < points.length; i++) {
        const v = points[i]![k];
        if (!Number.isFinite(v)) continue;
        min = Math.min(min, gap(v));
        const u = points[i + 1]?.[k];
        // The segment to the next point meets the band.
        if (u !== undefined && Number.isFinite(u) && Math.min(u, v) <= high && Math.max(u, v) >= low) min = 0;
      }
    }
    return min;
  };
  const right = clearance((p) => p >= 0.85);
  if (right >= 0.02) return 'right';
  const left = clearance((p) => p <= 0.15);
  const centre = clearance((p) => p >= 0.42 && p <= 0.58);
  const best = Math.max(right, left, centre);
  return right === best ? 'right' : left === best ? 'left' : 'centre';
}

/**
 * The prevalence paradox: with the flip rate fixed, observed agreement p_o stays put while
 * chance agreement p_e rises toward it at extreme prevalence, so κ falls.
 */
export function paradoxPlot({ curve, prevalence, sample, bar, first = 'positive' }: ParadoxPlotData): Plot.PlotOptions {
  const sampleDots = SERIES.filter((s) => Number.isFinite(sample[s.key])).map((s) => ({ prevalence, value: sample[s.key], series: s.key }));
  let minY = 0;
  for (const d of curve) for (const s of SERIES) if (d[s.key] < minY) minY = d[s.key];
  for (const d of sampleDots) if (d.value < minY) minY = d.value;
  return {
    ...frame(360, 300),
    marginTop: 34,
    marginLeft: 40,
    x: { domain: [0, 1], label: first === 'positive' ? 'prevalence of the positive label →' : `share of ${first} →`, grid: true },
    y: { domain: [Math.max(-1, Math.floor(minY * 10) / 10), 1], label: null, grid: true },
    color: { domain: SERIES.map((s) => s.key), range: SERIES.map((s) => s.color) },
    marks: [
      ...barAndKey(bar),
      Plot.ruleX([prevalence], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      ...curveLines(curve),
      // Over the prevalence rule (its halo keeps the rule off the words), under the sample's dots.
      barLabel(bar, barLabelSide(curve, bar)),
      // The current sample: its κ (and p_o, p_e) at the chosen prevalence.
      Plot.dot(sampleDots, { x: 'prevalence', y: 'value', fill: 'series', r: 5, stroke: 'var(--bg-raised)', strokeWidth: 1.5 }),
    ],
  };
}
