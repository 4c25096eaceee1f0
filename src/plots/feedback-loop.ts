import * as Plot from '@observablehq/plot';
import { fixed } from './fixed';
import { seriesKey } from './series-key';
import { frame, halo, palette, plotArea, textWidth } from './theme';

export interface LoopPoint {
  round: number;
  safety: number;
  helpfulness: number;
}

export interface LoopCurvesData {
  records: LoopPoint[];
  /** Helpfulness before any feedback round: the baseline the alignment tax is measured from. */
  helpfulness0: number;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/**
 * Safety and helpfulness after each round. The shaded band between the starting helpfulness
 * and the current one is the alignment tax paid so far.
 */
export function loopCurvesPlot({ records, helpfulness0 }: LoopCurvesData): Plot.PlotOptions {
  const last = records[records.length - 1]!;
  const rounds = last.round;
  const values = records.flatMap((d) => [d.safety, d.helpfulness]);
  // The usual band [0.66, 0.84]; beyond it the bounds step by 0.05, so a nudge of a knob seldom
  // moves the axis (and the axes are redrawn only when it does).
  const min = Math.min(...values);
  const max = Math.max(...values);
  const size = { ...frame(360, 290), marginRight: 16 };
  const area = plotArea(size);
  let lo = min >= 0.68 ? 0.66 : Math.floor((min - 0.01) * 20) / 20;
  const hi = max <= 0.82 ? 0.84 : Math.ceil((max + 0.01) * 20) / 20;
  // End labels: the higher series is labelled above its end point, the lower one below, each clear
  // of its own curve wherever that runs under the text (the text runs leftwards from the end).
  const safetyOnTop = last.safety >= last.helpfulness;
  const px = (x: number) => ((hi - x) * area.height) / (hi - lo);
  // A series' values under a label that ends at the last round: the rounds it spans, and the curve
  // where the text starts (between two rounds).
  const valuesUnder = (key: Series, text: string) => {
    const span = (textWidth(text, 13) / area.width) * Math.max(1, rounds);
    const x0 = Math.max(0, rounds - span);
    return [seriesAt(records, key, x0), ...records.filter((d) => d.round >= x0).map((d) => d[key])];
  };
  const endLabel = (key: Series, text: string, color: string, above: boolean) => {
    const under = valuesUnder(key, text);
    const v = above ? Math.max(...under) : Math.min(...under);
    return { round: rounds, value: last[key], text, color, dy: above ? px(v) - px(last[key]) - 12 : px(v) - px(last[key]) + 14 };
  };
  // How badly a label centred at `centre` px (ending at the last round) meets what is around it:
  // the other curve and its dots under the text, the dashed start line, the top, a placed label.
  const clash = (centre: number, text: string, otherKey: Series, placed: number[]) => {
    let hits = 0;
    const other = valuesUnder(otherKey, text).map(px);
    for (let k = 0; k < other.length; k++) {
      const y = other[k]!;
      // The first value is where the text starts, between rounds: a line, not a dot.
      if (Math.abs(y - centre) < (k === 0 ? 8 : 10)) hits++;
      const next = other[k + 1];
      if (next !== undefined && (y - centre) * (next - centre) < 0) hits++;
    }
    if (Math.abs(px(helpfulness0) - centre) < 9) hits++;
    // Near the x axis the axis steps down instead (below), so only the top edge counts here.
    if (centre < 8) hits++;
    // Text on text is the worst: it costs more than any line.
    for (const c of placed) if (Math.abs(c - centre) < 16) hits += 5;
    return hits;
  };
  const endsAt = () => {
    const topKey = safetyOnTop ? 'safety' : 'helpfulness';
    const lowKey = safetyOnTop ? 'helpfulness' : 'safety';
    const texts = { safety: `safety ${pct(last.safety)}`, helpfulness: `helpfulness ${pct(last.helpfulness)}` };
    const colors = { safety: palette.primary, helpfulness: palette.secondary };
    // Each label clears its own curve on either side; it takes its usual side (the upper series
    // above, the lower below) unless the other side meets less.
    const place = (key: Series, otherKey: Series, usual: boolean, placed: number[]) => {
      const sides = [usual, !usual].map((above) => endLabel(key, texts[key], colors[key], above));
      // Each side, and one line further out, to step over a line that runs just beside the text.
      const further = sides.map((o, k) => ({ ...o, dy: o.dy + ((k === 0) === usual ? -14 : 14) }));
      const options = [...sides, ...further.filter((o) => px(o.value) + o.dy <= area.height - 10)];
      let best = options[0]!;
      let fewest = Infinity;
      for (const o of options) {
        const hits = clash(px(o.value) + o.dy, texts[key], otherKey, placed);
        if (hits < fewest) [best, fewest] = [o, hits];
      }
      return best;
    };
    const top = place(topKey, lowKey, true, []);
    const low = place(lowKey, topKey, false, [px(top.value) + top.dy]);
    return safetyOnTop ? [top, low] : [low, top];
  };
  let ends = endsAt();
  // The lower label needs room above the x axis (its centre 10 px up): else the axis steps down.
  const lower = ends[safetyOnTop ? 1 : 0]!;
  if (px(lower.value) + lower.dy > area.height - 10) {
    lo -= 0.05;
    ends = endsAt();
  }
  const taxBand = records.map((d) => ({ round: d.round, y1: Math.min(d.helpfulness, helpfulness0), y2: helpfulness0 }));
  const tax = taxLabelAt(records, helpfulness0, lo, hi, area.height, { innerWidth: area.width, ends });
  return {
    ...size,
    x: { domain: [0, Math.max(1, rounds)], label: 'feedback round →', ticks: Math.min(rounds, 12), tickFormat: 'd', grid: true },
    y: { domain: [lo, hi], label: '↑ share of prompts handled well', grid: true, tickFormat: '.0%' },
    marks: [
      Plot.areaY(taxBand, { x: 'round', y1: 'y1', y2: 'y2', fill: palette.secondary, fillOpacity: 0.16 }),
      Plot.ruleY([helpfulness0], { stroke: palette.secondary, strokeDasharray: '4,4', strokeOpacity: 0.8 }),
      Plot.line(records, { x: 'round', y: 'safety', stroke: palette.primary, strokeWidth: 2.5 }),
      Plot.line(records, { x: 'round', y: 'helpfulness', stroke: palette.secondary, strokeWidth: 2.5 }),
      // Over the lines (their halo keeps a line that comes near off the words), under the rounds' dots.
      Plot.text(tax.inside, { x: 'round', y: 'y', text: () => 'alignment tax', fill: palette.secondary, fontSize: 12, fontWeight: 600, ...halo() }),
      Plot.text(tax.above, { x: 'round', y: 'y', dy: -9, text: () => TAX_ABOVE, fill: palette.secondary, fontSize: 12, fontWeight: 600, ...halo() }),
      Plot.text(tax.aboveLeft, { x: 'round', y: 'y', dy: -9, dx: 4, textAnchor: 'start', text: () => TAX_ABOVE, fill: palette.secondary, fontSize: 12, fontWeight: 600, ...halo() }),
      Plot.dot(records, { x: 'round', y: 'safety', fill: palette.primary, r: 3.5 }),
      Plot.dot(records, { x: 'round', y: 'helpfulness', fill: palette.secondary, r: 3.5 }),
      // dy is a constant per mark, so each end label is its own mark.
      ...ends.map((e) => Plot.text([e], { x: 'round', y: 'value', text: 'text', fill: e.color, dy: e.dy, textAnchor: 'end', fontWeight: 700, fontSize: 13, ...halo() })),
    ],
  };
}

type Series = 'safety' | 'helpfulness';

/** A series between rounds, on the straight line the chart draws (clamped to the run). */
function seriesAt(records: LoopPoint[], k: Series, round: number): number {
  const last = records[records.length - 1]!;
  if (records.length < 2) return last[k];
  const r = Math.min(last.round, Math.max(0, round));
  const i = Math.min(records.length - 2, Math.max(0, records.findIndex((d) => d.round >= r) - 1));
  const a = records[i]!;
  const b = records[i + 1]!;
  const w = b.round === a.round ? 0 : (r - a.round) / (b.round - a.round);
  return a[k] + w * (b[k] - a[k]);
}

const TAX_ABOVE = 'alignment tax (shaded) ↓';

interface EndLabel {
  value: number;
  dy: number;
  text: string;
}

/**
 * Where "alignment tax" goes: halfway along the run (between rounds, interpolated), centred. Inside
 * the shaded band when the band is tall enough there for a line of text; otherwise just above the
 * dashed start line, unless the safety curve passes there too; nowhere while the tax is under 1.2 points.
 * Given the end labels (`avoid`), a label above the line that would run into one moves to the left
 * end of the line (`aboveLeft`, drawn from round 0 rightwards), or is left out if that spot is taken too.
 */
export function taxLabelAt(records: LoopPoint[], helpfulness0: number, lo: number, hi: number, innerHeight: number, avoid?: { innerWidth: number; ends: EndLabel[] }) {
  const none = { inside: [] as { round: number; y: number }[], above: [] as { round: number; y: number }[], aboveLeft: [] as { round: number; y: number }[] };
  const last = records[records.length - 1]!;
  if (helpfulness0 - last.helpfulness <= 0.012 || records.length < 2) return none;
  const t = last.round / 2;
  const valueAt = (k: Series, round: number) => seriesAt(records, k, round);
  const px = (v: number) => (v * innerHeight) / (hi - lo);
  const helpfulness = valueAt('helpfulness', t);
  const mid = (helpfulness + helpfulness0) / 2;
  // The safety curve is checked across the text's width (known when `avoid` gives the plot width),
  // not only at its centre: a curve that rises or falls steeply there crossed the words.
  const across = (text: string, ok: (safety: number, helpfulness: number) => boolean) => {
    const half = avoid ? ((textWidth(text, 12) / 2 + 4) / avoid.innerWidth) * Math.max(1, last.round) : 0;
    return [-1, -0.5, 0, 0.5, 1].every((f) => ok(valueAt('safety', t + f * half), valueAt('helpfulness', t + f * half)));
  };
  // Inside the band: the safety curve 12 px from the text's middle line, the band's floor (the
  // helpfulness curve) 8 px below it, all along the words.
  const fits = (s: number, h: number) => px(Math.abs(s - mid)) >= 12 && px(mid - h) >= 8;
  if (px(helpfulness0 - helpfulness) >= 20 && across('alignment tax', fits)) return { ...none, inside: [{ round: t, y: mid }] };
  // Above the start line the text spans about 2 to 16 px; the safety curve must keep clear of that.
  const clear = (v: number) => {
    const above = px(v - helpfulness0);
    return above < -2 || above > 22;
  };
  const clearAcross = across(TAX_ABOVE, clear);
  if (!avoid) return clearAcross ? { ...none, above: [{ round: t, y: helpfulness0 }] } : none;
  const { innerWidth, ends } = avoid;
  const xpx = (round: number) => (round / Math.max(1, last.round)) * innerWidth;
  const ypx = (v: number) => ((hi - v) * innerHeight) / (hi - lo);
  const width = textWidth(TAX_ABOVE, 12);
  const top = ypx(helpfulness0) - 16;
  const bottom = ypx(helpfulness0) - 2;
  const hitsEnd = (x1: number, x2: number) =>
    ends.some((e) => {
      const cy = ypx(e.value) + e.dy;
      return x1 < innerWidth + 2 && x2 > innerWidth - textWidth(e.text, 13) - 2 && top < cy + 9 && bottom > cy - 9;
    });
  const centre = xpx(t);
  if (clearAcross && !hitsEnd(centre - width / 2, centre + width / 2)) return { ...none, above: [{ round: t, y: helpfulness0 }] };
  // From round 0: the safety curve must be clear wherever the text runs (the rounds it spans and the
  // point where it ends).
  const endRound = ((4 + width) / innerWidth) * Math.max(1, last.round);
  const j = Math.min(records.length - 2, Math.max(0, records.findIndex((d) => d.round >= endRound) - 1));
  const c = records[j]!;
  const d = records[j + 1]!;
  const u = d.round === c.round ? 0 : Math.min(1, Math.max(0, (endRound - c.round) / (d.round - c.round)));
  const spanClear = records.filter((r) => r.round <= endRound).every((r) => clear(r.safety)) && clear(c.safety + u * (d.safety - c.safety));
  if (spanClear && !hitsEnd(4, 4 + width)) return { ...none, aboveLeft: [{ round: 0, y: helpfulness0 }] };
  return none;
}

export interface BatchRound {
  round: number;
  correctHarm: number;
  missedHarm: number;
  wrongRefusal: number;
  helpful: number;
}

const KINDS = [
  { key: 'correctHarm', label: 'harm labelled harm', color: palette.tertiary },
  { key: 'missedHarm', label: 'harm labelled fine', color: palette.bad },
  { key: 'wrongRefusal', label: 'fine labelled harm', color: palette.secondary },
  { key: 'helpful', label: 'fine labelled fine', color: palette.muted },
] as const;

/** What each round's labelled batch contained: the raw material of the updates. */
export function batchPlot({ rounds }: { rounds: BatchRound[] }): Plot.PlotOptions {
  const long = rounds.flatMap((r) => KINDS.map((k) => ({ round: r.round, kind: k.label, count: r[k.key] })));
  return {
    ...frame(320, 300),
    marginTop: 48,
    marginLeft: 50,
    x: { label: 'round →', type: 'band', padding: 0.2, tickFormat: (d: number) => (rounds.length > 8 && d % 2 === 0 ? '' : String(d)) },
    y: { label: 'labelled items →', labelAnchor: 'center', grid: true },
    color: { domain: KINDS.map((k) => k.label), range: KINDS.map((k) => k.color) },
    marks: [
      // The key sits in the top margin, clear of the bars, its top row's letters inside the figure's
      // box (at top −30 they reached a unit past it): drawn once with the axes.
      ...fixed('feedback-batch-key', ...seriesKey(
        KINDS.map((k) => ({ label: k.label, color: k.color })),
        { widths: [152, 140], perRow: 2, top: -28, left: -44 },
      )),
      Plot.barY(long, { x: 'round', y: 'count', fill: 'kind', fillOpacity: 0.9 }),
      Plot.ruleY([0]),
    ],
  };
}
