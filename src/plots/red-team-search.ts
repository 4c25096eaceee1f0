import * as Plot from '@observablehq/plot';
import { HIT_THRESHOLD, violationProbability, type AttackLandscape, type SearchRun } from '../math/sims/red-team-search';
import { fixed } from './fixed';
import { frame, halo, overlaps, palette, plotArea, polylineHits, startOf, textWidth, type Box } from './theme';

export interface SearchCurvePlotData {
  /** Mean best-so-far per query, for the chosen strategy and the one it is compared with. */
  chosen: { name: string; mean: number[]; low: number[]; high: number[] };
  other: { name: string; mean: number[] };
  /** The landscape's highest violation probability (what a perfect search would reach). */
  ceiling: number;
}

/** Best violation score found so far against the number of queries, averaged over seeded runs. */
export function searchCurvePlot({ chosen, other, ceiling }: SearchCurvePlotData): Plot.PlotOptions {
  const n = chosen.mean.length;
  // A step-after line through a flat run draws the same as one through its first and last
  // points, so only queries where a value changes are kept (plus the first and the last).
  const changes = (i: number, ...series: number[][]) => i === 0 || i === n - 1 || series.some((v) => v[i] !== v[i - 1]);
  const band: { q: number; lo: number; hi: number }[] = [];
  const mine: { q: number; v: number }[] = [];
  const theirs: { q: number; v: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (changes(i, chosen.low, chosen.high)) band.push({ q: i + 1, lo: chosen.low[i]!, hi: chosen.high[i]! });
    if (changes(i, chosen.mean)) mine.push({ q: i + 1, v: chosen.mean[i]! });
    if (changes(i, other.mean)) theirs.push({ q: i + 1, v: other.mean[i]! });
  }
  const lastMine = mine[mine.length - 1]!;
  const lastTheirs = theirs[theirs.length - 1]!;
  // Put the higher curve's label above its end and the lower one's below, so they never collide.
  const mineAbove = lastMine.v >= lastTheirs.v;
  const right = Math.max(2, n);
  const size = { ...frame(400, 300), marginRight: 16 };
  const area = plotArea(size);
  const ypx = (v: number) => (1 - v) * area.height;
  const pxPerQuery = area.width / (right - 1);
  // The end labels run leftwards from the curves' ends: the higher one sits above its curve and the
  // lower one below its curve, wherever that curve runs under the text (a step curve is lower
  // further left).
  const under = (pts: { q: number; v: number }[], text: string, f: (a: number, b: number) => number) => {
    const from = right - textWidth(text, 13) / pxPerQuery;
    let v = pts[pts.length - 1]!.v;
    // Step-after: point i holds until the next point.
    for (let i = 0; i < pts.length; i++) if ((pts[i + 1]?.q ?? Infinity) > from) v = f(v, pts[i]!.v);
    return v;
  };
  const labelDy = (pts: { q: number; v: number }[], text: string, above: boolean) => {
    const last = pts[pts.length - 1]!.v;
    // Kept inside the plot: the text's centre at least 8 px from its top and bottom edges.
    const centre = above ? ypx(under(pts, text, Math.max)) - 10 : ypx(under(pts, text, Math.min)) + 14;
    return Math.min(ypx(0) - 8, Math.max(8, centre)) - ypx(last);
  };
  const mineDy = labelDy(mine, chosen.name, mineAbove);
  const theirsDy = labelDy(theirs, other.name, !mineAbove);
  // The 0.5 line's label goes under the line's right end, above it, or under its left end: of the
  // spots clear of the end labels (centres more than 15 px apart), the one the curves run through
  // least, counting px of a step's flat run inside the text (6 px either side of its centre) and 4
  // for each rise across it.
  const endCentres = [ypx(lastMine.v) + mineDy, ypx(lastTheirs.v) + theirsDy];
  const THRESHOLD_LABEL = 'judged a violation above 0.5';
  const span = textWidth(THRESHOLD_LABEL, 11.5, false) / pxPerQuery;
  const overlap = (cy: number, from: number, to: number) => {
    let total = 0;
    for (const pts of [mine, theirs]) {
      pts.forEach((p, i) => {
        const next = pts[i + 1];
        const y = ypx(p.v);
        const inside = Math.min(next?.q ?? right, to) - Math.max(p.q, from);
        if (inside > 0 && Math.abs(y - cy) < 6) total += inside * pxPerQuery;
        if (next && next.q >= from && next.q <= to && Math.min(y, ypx(next.v)) < cy + 6 && Math.max(y, ypx(next.v)) > cy - 6) total += 4;
      });
    }
    return total;
  };
  const clearOfEnds = (cy: number) => endCentres.every((e) => Math.abs(e - cy) > 15);
  const line = ypx(HIT_THRESHOLD);
  const spots = [
    { place: 'below', cy: line + 11, from: right - span, to: right },
    { place: 'above', cy: line - 8, from: right - span, to: right },
    { place: 'left', cy: line + 11, from: 1, to: 1 + span },
  ] as const;
  // (The end labels sit at the right end, away from the left spot.)
  const open = spots.filter((p) => p.place === 'left' || clearOfEnds(p.cy));
  const scored = open.map((p) => ({ place: p.place, cost: overlap(p.cy, p.from, p.to) }));
  const place = scored.reduce((a, b) => (b.cost < a.cost ? b : a)).place;
  const thresholdText =
    place === 'left'
      ? { x: 'q', y: 'v', textAnchor: 'start' as const, dx: 4, dy: 11 }
      : { x: 'q', y: 'v', textAnchor: 'end' as const, dy: place === 'below' ? 11 : -8 };
  return {
    ...size,
    x: { domain: [1, right], label: 'queries →', grid: true, ticks: 6 },
    y: { domain: [0, 1], label: '↑ best violation score so far', grid: true, ticks: 5 },
    marks: [
      // The 0.5 line moves only with the budget, which redraws the axes anyway: drawn with the axes.
      // (It and the ceiling line never overlap, the ceiling being at least 0.75, so their order is free.)
      ...fixed(`threshold|${right}`, Plot.ruleY([HIT_THRESHOLD], { stroke: palette.bad, strokeOpacity: 0.5, strokeDasharray: '5,4' })),
      // The ceiling moves with the peak width, which would otherwise not redraw the axes.
      Plot.ruleY([ceiling], { stroke: palette.muted, strokeDasharray: '2,3' }),
      Plot.text([{ q: 1, v: ceiling }], { x: 'q', y: 'v', text: () => `worst prompt in the space: ${ceiling.toFixed(2)}`, textAnchor: 'start', dy: -7, dx: 4, fill: palette.muted, fontSize: 11.5 }),
      Plot.areaY(band, { x: 'q', y1: 'lo', y2: 'hi', fill: palette.primary, fillOpacity: 0.12, curve: 'step-after' }),
      Plot.line(theirs, { x: 'q', y: 'v', stroke: palette.secondary, strokeWidth: 2, strokeDasharray: '6,4', curve: 'step-after' }),
      Plot.line(mine, { x: 'q', y: 'v', stroke: palette.primary, strokeWidth: 2.75, curve: 'step-after' }),
      // Haloed: near the ceiling, or where the curves cross by the end, a line would run through them.
      Plot.text([lastMine], { x: 'q', y: 'v', text: () => chosen.name, textAnchor: 'end', dy: mineDy, fill: palette.primary, fontWeight: 700, ...halo() }),
      Plot.text([lastTheirs], { x: 'q', y: 'v', text: () => other.name, textAnchor: 'end', dy: theirsDy, fill: palette.secondary, fontWeight: 600, ...halo() }),
      // The 0.5 line's label is drawn over the curves, haloed, so that where no spot is free of
      // them (a short budget crowds them into the middle) they stop short of its letters.
      Plot.text([{ q: place === 'left' ? 1 : right, v: HIT_THRESHOLD }], { ...thresholdText, text: () => THRESHOLD_LABEL, fill: palette.bad, fontSize: 11.5, ...halo() }),
    ],
  };
}

export interface LandscapePlotData {
  landscape: AttackLandscape;
  /** One run of the chosen strategy, drawn as its queries and (for hill climbing) its path of improvements. */
  run: SearchRun;
  showPath: boolean;
}

/** Improvements in order: each query that beat every earlier one. */
export function improvementPath(run: SearchRun): { x: number; y: number; score: number }[] {
  const out: { x: number; y: number; score: number }[] = [];
  let best = -Infinity;
  for (const q of run.queries) {
    if (q.score > best) {
      best = q.score;
      out.push(q);
    }
  }
  return out;
}

/** The violation-probability landscape (shaded contours) with one run's queries on top. */
export function landscapePlot({ landscape, run, showPath }: LandscapePlotData): Plot.PlotOptions {
  const path = showPath ? improvementPath(run) : [];
  return {
    ...LANDSCAPE_FRAME,
    x: { domain: [0, 1], label: 'prompt feature 1 →', ticks: 5 },
    y: { domain: [0, 1], label: '↑ feature 2', ticks: 5 },
    marks: [
      // The map depends on the landscape only, so it is drawn with the axes and kept while queries move.
      ...fixed(
        JSON.stringify(landscape),
        Plot.frame({ stroke: palette.grid }),
        // Nested contour bands, each lightly filled: the overlap darkens toward the peaks in either theme.
        Plot.contour({
          x1: 0,
          y1: 0,
          x2: 1,
          y2: 1,
          width: 80,
          height: 80,
          value: (x: number, y: number) => violationProbability(landscape, x, y),
          thresholds: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
          fill: palette.bad,
          fillOpacity: 0.13,
          stroke: palette.bad,
          strokeOpacity: 0.25,
          strokeWidth: 0.6,
        } as Plot.ContourOptions),
      ),
      Plot.dot(run.queries, { x: 'x', y: 'y', r: 1.8, fill: 'currentColor', fillOpacity: 0.55 }),
      ...(path.length > 1 ? [Plot.line(path, { x: 'x', y: 'y', stroke: palette.primary, strokeWidth: 1.75, marker: 'dot' })] : []),
      Plot.dot([run.best], { x: 'x', y: 'y', r: 7, stroke: palette.primary, strokeWidth: 2.5, fill: 'none' }),
      Plot.text([run.best], { x: 'x', y: 'y', text: () => bestLabel(run), ...bestLabelSpot(run, path), fill: palette.primary, fontWeight: 700, fontSize: 12.5, ...halo() }),
    ],
  };
}

const bestLabel = (run: SearchRun) => `run 1 best ${run.best.score.toFixed(2)}`;
const LANDSCAPE_FRAME = { ...frame(320, 320), marginLeft: 40, marginBottom: 40, marginTop: 28, marginRight: 12 };
const MAP = plotArea(LANDSCAPE_FRAME);
// Round the ring (radius 7): above, the upper corners, below, the lower corners, then either side.
const SPOTS = [
  { dx: 0, dy: -17, textAnchor: 'middle' },
  { dx: 10, dy: -14, textAnchor: 'start' },
  { dx: -10, dy: -14, textAnchor: 'end' },
  { dx: 0, dy: 18, textAnchor: 'middle' },
  { dx: 10, dy: 15, textAnchor: 'start' },
  { dx: -10, dy: 15, textAnchor: 'end' },
  { dx: 12, dy: 0, textAnchor: 'start' },
  { dx: -12, dy: 0, textAnchor: 'end' },
] as const;

/**
 * Where the best prompt's label goes: of eight spots round its ring that stay inside the map, the
 * first that no query dot or path segment touches, else the one touching fewest (a segment counts
 * as three dots). Always above the ring, it sat on the climb's path and the dots around it.
 */
export function bestLabelSpot(run: SearchRun, path: readonly { x: number; y: number }[]) {
  const px = (x: number) => x * MAP.width, py = (y: number) => (1 - y) * MAP.height;
  const [bx, by] = [px(run.best.x), py(run.best.y)];
  const w = textWidth(bestLabel(run), 12.5);
  const [xs, ys] = [path.map((p) => px(p.x)), path.map((p) => py(p.y))];
  let pick: (typeof SPOTS)[number] = SPOTS[0], fewest = Infinity;
  for (const spot of SPOTS) {
    const x0 = startOf(bx + spot.dx, w, spot.textAnchor);
    const box: Box = { x0, x1: x0 + w, y0: by + spot.dy - 7, y1: by + spot.dy + 6 };
    if (box.x0 < -2 || box.x1 > MAP.width + 2 || box.y0 < -2 || box.y1 > MAP.height + 2) continue;
    let hits = 0;
    for (const q of run.queries) if (q !== run.best && overlaps(box, { x0: px(q.x) - 2, x1: px(q.x) + 2, y0: py(q.y) - 2, y1: py(q.y) + 2 })) hits++;
    for (let i = 1; i < xs.length; i++) if (polylineHits([xs[i - 1]!, xs[i]!], [ys[i - 1]!, ys[i]!], box)) hits += 3;
    if (hits < fewest) [pick, fewest] = [spot, hits];
    if (hits === 0) break;
  }
  return pick;
}
