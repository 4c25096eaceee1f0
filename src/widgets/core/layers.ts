import * as Plot from '@observablehq/plot';
import { plotDocument } from '../../plots/document';
import { fixedKey } from '../../plots/fixed';

/**
 * A chart drawn as two stacked Plot figures with identical scales: a frame (axes and grid, the
 * expensive part: ticks, labels, many nodes, plus any leading marks tagged with `fixed`) and the
 * data marks (drawn with axes off). A control change redraws the data layer; the frame is redrawn
 * only when a scale's domain or range moves or a fixed mark's key changes.
 * Both figures come from the same options, so the picture is the one Plot draws in one figure
 * (tests/unit/widgets/layers.test.ts compares them group by group).
 */
export interface DataLayer {
  data: Element;
  /** Options of the matching frame (no marks; scales fixed to the data layer's). */
  frameOptions: Plot.PlotOptions;
  /** Identifies the frame: equal keys draw identical frames. */
  frameKey: string;
}

const POSITION = ['x', 'y'] as const;
const MARGINS = ['marginTop', 'marginRight', 'marginBottom', 'marginLeft'] as const;

// Options that shape a scale's domain or range: the resolved scale already carries their effect.
const SCALE_SHAPING = new Set([
  'type', 'domain', 'range', 'reverse', 'nice', 'zero', 'inset', 'insetLeft', 'insetRight', 'insetTop', 'insetBottom',
  'percent', 'transform', 'padding', 'paddingInner', 'paddingOuter', 'align', 'round', 'clamp', 'unknown',
  'base', 'exponent', 'constant', 'interpolate', 'scheme', 'pivot', 'symmetric', 'interval',
]);

type ScaleOptions = Record<string, unknown>;

/** Facets, legends and automatic margins would make the two figures disagree; those draw whole. */
export function canLayer(options: Plot.PlotOptions): boolean {
  const o = options as Record<string, unknown>;
  if (o.fx !== undefined || o.fy !== undefined || o.facet !== undefined) return false;
  if (o.title !== undefined || o.subtitle !== undefined || o.caption !== undefined) return false;
  if ((o.color as ScaleOptions | undefined)?.legend) return false;
  const marks = ((o.marks as unknown[] | undefined) ?? []).flat(Infinity as 1) as { fx?: unknown; fy?: unknown }[];
  if (marks.some((m) => m && typeof m === 'object' && (m.fx != null || m.fy != null))) return false;
  return MARGINS.every((m) => typeof o[m] === 'number');
}

export function plot(options: Plot.PlotOptions): Element {
  return Plot.plot({ ...options, document: plotDocument() }) as unknown as Element;
}

/**
 * A frame key's digest, short enough to travel in the HTML: two 32-bit FNV-1a-style hashes, so
 * equal keys give equal digests and a collision is about one in 2^64.
 */
export function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36);
}

function probe(interpolate: unknown): string {
  try {
    const f = (interpolate as (a: number, b: number) => (t: number) => unknown)(0, 10);
    return `interpolates 0→10 at 0.37 to ${String(f(0.37))}`;
  } catch {
    return 'fn:' + String(interpolate);
  }
}

export function drawData(options: Plot.PlotOptions): DataLayer | null {
  if (!canLayer(options)) return null;
  const o = options as Record<string, unknown>;
  const marks = ((o.marks as unknown[] | undefined) ?? []).flat(Infinity as 1);
  let lead = 0;
  while (lead < marks.length && fixedKey(marks[lead]) !== undefined) lead++;
  const dataOptions: Record<string, unknown> = { ...o, grid: false, marks: marks.slice(lead) };
  for (const s of POSITION) dataOptions[s] = { ...((o[s] as ScaleOptions) ?? {}), axis: null, grid: false };
  const data = plot(dataOptions as Plot.PlotOptions);
  if (data.nodeName.toLowerCase() !== 'svg') return null;

  const frameMarks = marks.slice(0, lead);
  const frameOptions: Record<string, unknown> = { ...o, marks: frameMarks };
  const keyParts: unknown[] = [o.width, o.height, ...MARGINS.map((m) => o[m]), o.grid, o.style, o.aspectRatio, frameMarks.map(fixedKey)];
  const scaleOf = (data as unknown as { scale: (k: string) => ScaleOptions | undefined }).scale;
  for (const s of POSITION) {
    let resolved: ScaleOptions | undefined;
    try {
      resolved = scaleOf.call(data, s);
    } catch {
      resolved = undefined;
    }
    const own = (o[s] as ScaleOptions | undefined) ?? {};
    if (!resolved) {
      // No mark uses this scale: nothing to draw an axis for (as in the single figure).
      frameOptions[s] = { ...own, axis: null, grid: false };
      keyParts.push(null);
      continue;
    }
    const axisOnly = Object.fromEntries(Object.entries(own).filter(([k]) => !SCALE_SHAPING.has(k)));
    const { apply: _a, invert: _i, ...shape } = resolved;
    frameOptions[s] = { ...axisOnly, ...shape };
    // A default interpolator (plain or rounding) enters the key by what it does: its source text
    // differs between the build's bundle and the page's, and the key must match across the two.
    keyParts.push(axisOnly, own.interpolate === undefined && typeof shape.interpolate === 'function' ? { ...shape, interpolate: probe(shape.interpolate) } : shape);
  }
  // Function options (a tickFormat) enter the key by their source text: they must depend on their
  // argument only, or on state that also changes the domain (the key cannot see a closure).
  const frameKey = JSON.stringify(keyParts, (_, v) => (typeof v === 'function' ? `fn:${String(v)}` : v));
  return { data, frameOptions: frameOptions as Plot.PlotOptions, frameKey };
}
