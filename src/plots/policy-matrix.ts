import * as Plot from '@observablehq/plot';
import { POLICY_LEVELS, type PolicyCell } from '../math/sims/policy-matrix';
import { fixed } from './fixed';
import { frame, halo, labelAnchor, palette, plotArea, textWidth } from './theme';

export type PolicyMetric = 'block' | 'overRefusal' | 'miss';
const METRIC_LINES: { key: PolicyMetric; short: string }[] = [
  { key: 'block', short: 'block' },
  { key: 'overRefusal', short: 'over-ref' },
  { key: 'miss', short: 'miss' },
];
/** Colour saturates at these values: errors are judged on a finer scale than block rates. */
const METRIC_MAX: Record<PolicyMetric, number> = { block: 1, overRefusal: 0.25, miss: 0.5 };
export const METRIC_NAMES: Record<PolicyMetric, string> = {
  block: 'block rate',
  overRefusal: 'over-refusal (benign blocked)',
  miss: 'misses (harmful allowed)',
};

export const formatRate = (v: number) => {
  const p = 100 * v;
  return `${p < 9.95 ? p.toFixed(1) : p.toFixed(0)}%`;
};

export interface PolicyHeatmapData {
  cells: PolicyCell[][];
  metric: PolicyMetric;
}

/** 3 × 3 matrix (intent risk × harm severity) shaded by one metric, with all three rates written in each cell. */
export function policyHeatmapPlot({ cells, metric }: PolicyHeatmapData): Plot.PlotOptions {
  const flat = cells.flat().map((c) => ({
    ...c,
    intent: POLICY_LEVELS[c.row]!,
    severity: POLICY_LEVELS[c.col]!,
    value: c[metric],
  }));
  return {
    ...frame(390, 330),
    marginLeft: 64,
    marginTop: 46,
    marginBottom: 20,
    marginRight: 8,
    x: { domain: [...POLICY_LEVELS], axis: 'top', label: 'harm severity →', tickSize: 0, padding: 0.04 },
    y: { domain: [...POLICY_LEVELS], label: 'user-intent risk ↓', tickSize: 0, padding: 0.04, labelAnchor: 'top' },
    opacity: { domain: [0, METRIC_MAX[metric]], range: [0.04, 0.5], clamp: true },
    marks: [
      // Shade and outline in one rect per cell (the stroke paints over the fill, as a second
      // outline-only mark would; the 4 px gaps keep neighbouring outlines apart).
      Plot.cell(flat, { x: 'severity', y: 'intent', fill: palette.bad, fillOpacity: { value: 'value', scale: 'opacity' }, stroke: palette.grid, rx: 4 } as Plot.CellOptions),
      ...METRIC_LINES.map((m, k) =>
        Plot.text(flat, {
          x: 'severity',
          y: 'intent',
          text: (d: PolicyCell) => `${m.short} ${formatRate(d[m.key])}`,
          dy: (k - 1) * 18,
          fontSize: m.key === metric ? 12.5 : 11,
          fontWeight: m.key === metric ? 700 : 400,
          fill: 'currentColor',
          // A halo keeps the numbers legible on the darkest cells.
          ...halo(3),
          strokeOpacity: 0.85,
        }),
      ),
    ],
  };
}

export interface ScoreDensityData {
  benign: { score: number; density: number }[];
  harmful: { score: number; density: number }[];
  /** τ per severity column for low-risk intent, and (when shifted) for high-risk intent. */
  thresholds: readonly number[];
  highIntentThresholds?: readonly number[];
}

interface DensityLayer {
  yMax: number;
  marks: Plot.Markish[];
  /** Where each density's name goes (see namePlace). */
  names?: Names;
}

type Place = { x: number; y: number };
type Names = { benign: Place; violating: Place };
/** A box the names keep clear of, in data units. */
type Box = { x0: number; x1: number; y0: number; y1: number };

const NOTE = 'dotted: τ for high-risk intent';

// Threshold labels stack in rows above the plot, so equal thresholds stay readable.
const DENSITY_FRAME = { ...frame(360, 300), marginTop: 64, marginLeft: 40 };
const DENSITY_AREA = plotArea(DENSITY_FRAME);

// The densities and their labels, built once per (benign, harmful) pair of arrays: they form the
// fixed layer (keyed on this cache entry), so a threshold change neither rebuilds nor redraws them.
const densityLayers = new WeakMap<object, WeakMap<object, DensityLayer>>();

function densityLayer(benign: ScoreDensityData['benign'], harmful: ScoreDensityData['harmful']): DensityLayer {
  let byHarmful = densityLayers.get(benign);
  if (!byHarmful) densityLayers.set(benign, (byHarmful = new WeakMap()));
  let layer = byHarmful.get(harmful);
  if (layer) return layer;
  let top = -Infinity;
  for (const d of benign) if (d.density > top) top = d.density;
  for (const d of harmful) if (d.density > top) top = d.density;
  const yMax = Math.min(6, top);
  layer = { yMax, marks: [] };
  layer.marks = fixed(
    layer,
    Plot.areaY(benign, { x: 'score', y: 'density', fill: palette.primary, fillOpacity: 0.18, clip: true }),
    Plot.lineY(benign, { x: 'score', y: 'density', stroke: palette.primary, strokeWidth: 2, clip: true }),
    Plot.areaY(harmful, { x: 'score', y: 'density', fill: palette.bad, fillOpacity: 0.18, clip: true }),
    Plot.lineY(harmful, { x: 'score', y: 'density', stroke: palette.bad, strokeWidth: 2, clip: true }),
  );
  byHarmful.set(harmful, layer);
  return layer;
}

type Density = ScoreDensityData['benign'];

/**
 * Where a density's name goes: the spot nearest the hump's mean score where the word's whole box has
 * its own curve either above it (inside the hump) or below it (beside a narrow hump), and the other
 * curve below it, so no line runs through the word. `area` is the plot's inner size in px.
 */
export function namePlace(own: Density, other: Density, yMax: number, word: string, area: { width: number; height: number }, avoid: readonly Box[] = []): Place & { box: Box } {
  const yTop = yMax * 1.05;
  const halfW = textWidth(word, 13) / 2 / area.width + 0.01;
  const halfH = (9 / area.height) * yTop;
  let mass = 0;
  let moment = 0;
  for (const d of own) {
    mass += d.density;
    moment += d.score * d.density;
  }
  const mean = mass > 0 ? moment / mass : 0.5;
  let best: { x: number; y: number; cost: number } | null = null;
  // The lowest and highest point of a curve under the word's span (curves are clipped at the top).
  const range = (density: Density, x: number) => {
    let lo = Infinity;
    let hi = 0;
    for (const d of density) {
      if (d.score < x - halfW || d.score > x + halfW) continue;
      const v = Math.min(d.density, yTop);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return { lo, hi };
  };
  for (let x = halfW; x <= 1 - halfW + 1e-9; x += 0.01) {
    const mine = range(own, x);
    if (mine.lo === Infinity) continue;
    const theirs = range(other, x);
    for (const f of [0.15, 0.25, 0.35, 0.5, 0.65]) {
      const y = f * yTop;
      const inside = mine.lo >= y + halfH;
      const beside = mine.hi <= y - halfH;
      if (avoid.some((b) => x + halfW > b.x0 && x - halfW < b.x1 && y + halfH > b.y0 && y - halfH < b.y1)) continue;
      // Nearest the mean; inside the hump and low down break ties. Where the humps overlap too much
      // for any clear spot (low separation), a spot a curve crosses is still better than another word.
      const crossed = (!inside && !beside) || theirs.hi > y - halfH;
      const cost = Math.abs(x - mean) + (inside ? 0 : 0.05) + f * 0.01 + (crossed ? 10 : 0);
      if (!best || cost < best.cost) best = { x, y, cost };
    }
  }
  const at = best ?? { x: Math.min(0.88, Math.max(0.12, mean)), y: 0.2 * yMax };
  return { x: at.x, y: at.y, box: { x0: at.x - halfW, x1: at.x + halfW, y0: at.y - halfH, y1: at.y + halfH } };
}

/** The two names, the second kept clear of the first. */
function densityNames(layer: DensityLayer, benign: Density, harmful: Density): Names {
  if (layer.names) return layer.names;
  const b = namePlace(benign, harmful, layer.yMax, 'benign', DENSITY_AREA);
  const v = namePlace(harmful, benign, layer.yMax, 'violating', DENSITY_AREA, [b.box]);
  return (layer.names = { benign: { x: b.x, y: b.y }, violating: { x: v.x, y: v.y } });
}

/** Where the two names go for these densities (cached with them). */
export const namePlaces = (benign: Density, harmful: Density): Names => densityNames(densityLayer(benign, harmful), benign, harmful);

/** The classifier's score densities for benign and violating requests, with the block thresholds. */
export function scoreDensityPlot({ benign, harmful, thresholds, highIntentThresholds }: ScoreDensityData): Plot.PlotOptions {
  const densities = densityLayer(benign, harmful);
  const { yMax } = densities;
  const lines = thresholds.map((t, j) => ({ t, label: `τ ${POLICY_LEVELS[j]} sev`, j }));
  const names = densityNames(densities, benign, harmful);
  return {
    ...DENSITY_FRAME,
    x: { domain: [0, 1], label: 'classifier score →', ticks: 5, grid: true },
    y: { domain: [0, yMax * 1.05], label: '↑ density', ticks: 4, grid: true },
    marks: [
      // The densities move with the separation only, not with the thresholds: drawn with the axes
      // and kept while a threshold is dragged. Their names, placed once per separation, are not.
      ...densities.marks,
      ...(highIntentThresholds ? [Plot.ruleX(highIntentThresholds, { stroke: 'currentColor', strokeDasharray: '2,3', strokeOpacity: 0.7 })] : []),
      Plot.ruleX(lines, { x: 't', stroke: 'currentColor', strokeWidth: 1.5 }),
      // The key to the dotted rules sits under the plot, left of the axis title, where no line runs.
      ...(highIntentThresholds
        ? [Plot.text([{}], { frameAnchor: 'bottom-left', dx: 4 - DENSITY_FRAME.marginLeft, dy: 36, text: () => NOTE, textAnchor: 'start', fontSize: 11, fill: 'currentColor' })]
        : []),
      // Each name where no curve runs through it (namePlace), clear of the other name; after every
      // rule, so the halos keep the rules off them.
      Plot.text([names.benign], { x: 'x', y: 'y', text: () => 'benign', fill: palette.primary, fontWeight: 700, ...halo(3) }),
      Plot.text([names.violating], { x: 'x', y: 'y', text: () => 'violating', fill: palette.bad, fontWeight: 700, ...halo(3) }),
      ...lines.map((l) =>
        // Centred on the rule, or running inward from it near either end of the score axis; the
        // lowest row stands clear of the frame top, where the rules begin ("high" met its rule).
        Plot.text([l], { x: 't', frameAnchor: 'top', text: 'label', dy: -11 - 14 * (2 - l.j), fontSize: 11.5, fill: 'currentColor', ...labelAnchor(l.t), ...halo(3) }),
      ),
    ],
  };
}
