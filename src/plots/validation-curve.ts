import * as Plot from '@observablehq/plot';
import type { ValidationRun } from '../math/sims/validation-curve';
import { frame, halo, palette, plotArea, textWidth } from './theme';

export interface ValidationPlotData {
  run: ValidationRun;
  /** Draw the noisy observed points (only when evaluation noise is on). */
  noisy: boolean;
}

const VALIDATION_FRAME = { ...frame(400, 290), marginTop: 34 };

/**
 * Vertical offsets (px) of the two end labels: the curve that ends higher is named above its end,
 * the other below its own, unless that would reach the x axis (or the bottom-right "memorizing →"
 * label), in which case it goes above too and the upper name stays a line clear of it.
 */
export function endLabelOffsets(last: { train: number; val: number }, yMax: number, memorizingLabelRight: boolean): { train: number; val: number } {
  const height = plotArea(VALIDATION_FRAME).height;
  const px = (v: number) => (v / yMax) * height;
  const valUp = last.val >= last.train;
  const [upper, lower] = valUp ? [last.val, last.train] : [last.train, last.val];
  const gap = px(upper) - px(lower);
  const room = memorizingLabelRight ? 36 : 20;
  let upperDy = -12;
  let lowerDy = 12;
  if (px(lower) - 12 - 6 < room) {
    lowerDy = -12;
    upperDy = -12 - Math.max(0, 16 - gap);
  }
  return valUp ? { val: upperDy, train: lowerDy } : { train: upperDy, val: lowerDy };
}

const MEMORIZING = 'memorizing →';

/**
 * Whether "memorizing →" goes along the top of the plot instead of the bottom: when a curve or a
 * validation point runs through its band at the bottom (a large axis squeezes the training curve
 * and an early onset puts the rising validation curve there) and none runs along the top.
 */
export function memorizingLabelOnTop(points: ValidationRun['points'], from: number, yMax: number): boolean {
  const { width, height } = plotArea(VALIDATION_FRAME);
  const last = points[points.length - 1]!.step;
  const to = from + ((textWidth(MEMORIZING, 13, false) + 8) / width) * (last - 1);
  const ys = points.filter((p) => p.step >= from && p.step <= to).flatMap((p) => [p.train, p.val, p.observed].map((v) => (v / yMax) * height));
  const bottomTaken = ys.some((y) => y < 26);
  const topTaken = ys.some((y) => y > height - 22);
  return bottomTaken && !topTaken;
}

/**
 * Whether the stop rule at `bestStep` would run through "memorizing →" drawn at `labelAt` (starting
 * there, or ending there when `atEnd`), with room for a reader's font setting the words wider.
 */
export function ruleCrossesLabel(bestStep: number, labelAt: number, atEnd: boolean, lastStep: number): boolean {
  const { width } = plotArea(VALIDATION_FRAME);
  const px = (step: number) => ((step - 1) / (lastStep - 1)) * width;
  const w = textWidth(MEMORIZING, 13, false) * 1.15;
  const [x0, x1] = atEnd ? [px(labelAt) - 4 - w, px(labelAt) - 4] : [px(labelAt) + 4, px(labelAt) + 4 + w];
  const rule = px(bestStep);
  return rule > x0 - 4 && rule < x1 + 4;
}

/** Train and validation loss per step; the gap shaded, memorization region tinted, early-stopping step marked. */
export function validationCurvePlot({ run, noisy }: ValidationPlotData): Plot.PlotOptions {
  const { points, bestStep, onsetStep } = run;
  const last = points[points.length - 1]!;
  const best = points.find((p) => p.step === bestStep)!;
  let need = 0;
  for (const p of points) need = Math.max(need, p.train, p.observed);
  // Above the usual 2.2 the top steps by a quarter, so the axes are not redrawn on every nudge.
  const yMax = need <= 2.2 ? 2.2 : Math.ceil(need * 4) / 4;
  const marks: Plot.Markish[] = [];
  const memorizing = onsetStep < last.step;
  const offsets = endLabelOffsets(last, yMax, memorizing && onsetStep > 0.7 * last.step);
  if (memorizing) marks.push(Plot.rect([{ x1: Math.max(onsetStep, 1), x2: last.step }], { x1: 'x1', x2: 'x2', fill: palette.bad, fillOpacity: 0.07 }));
  marks.push(
    Plot.areaY(points, { x: 'step', y1: 'train', y2: 'val', fill: palette.secondary, fillOpacity: 0.12 }),
    Plot.line(points, { x: 'step', y: 'train', stroke: palette.primary, strokeWidth: 2.5 }),
    Plot.line(points, { x: 'step', y: 'val', stroke: palette.secondary, strokeWidth: 2.5, strokeDasharray: noisy ? '4,3' : undefined, strokeOpacity: noisy ? 0.6 : 1 }),
  );
  if (noisy) marks.push(Plot.dot(points, { x: 'step', y: 'observed', fill: palette.secondary, r: 2.5 }));
  // The stop rule ends short of "memorizing →" where it would run through the words (a narrow
  // region, or a stop just after the onset): the words sit in a band along the top or the bottom.
  const atEnd = onsetStep > 0.7 * last.step;
  const labelAt = atEnd ? last.step : Math.max(onsetStep, 1);
  const top = memorizing && !atEnd && memorizingLabelOnTop(points, labelAt, yMax);
  const cut = memorizing && ruleCrossesLabel(bestStep, labelAt, atEnd, last.step);
  const band = (24 / plotArea(VALIDATION_FRAME).height) * yMax;
  marks.push(
    Plot.ruleX([bestStep], { ...(cut ? { y1: top ? 0 : band, y2: top ? yMax - band : yMax } : {}), stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: '2,3' }),
    Plot.dot([best], { x: 'step', y: 'observed', r: 6, fill: palette.secondary, stroke: 'var(--bg-raised)', strokeWidth: 2 }),
    Plot.text([best], {
      x: 'step', frameAnchor: 'top', text: (p: typeof best) => `stop: step ${p.step}`, dy: -14,
      textAnchor: bestStep > last.step * 0.85 ? 'end' : bestStep < last.step * 0.15 ? 'start' : 'middle', fontSize: 13, fontWeight: 700, fill: 'currentColor',
    }),
    // Direct labels at the right end instead of a legend (placed by endLabelOffsets).
    Plot.text([last], { x: 'step', y: 'train', text: () => 'train', dy: offsets.train, dx: -10, textAnchor: 'end', fill: palette.primary, fontSize: 13, fontWeight: 600, ...halo() }),
    Plot.text([last], { x: 'step', y: 'val', text: () => 'validation', dy: offsets.val, dx: -10, textAnchor: 'end', fill: palette.secondary, fontSize: 13, fontWeight: 600, ...halo() }),
    Plot.ruleY([0], { stroke: 'currentColor' }),
  );
  // Drawn last, with a halo. A narrow region near the end gets its label right-aligned, so it stays
  // inside the frame.
  if (memorizing) {
    marks.push(
      Plot.text([labelAt], {
        x: (d: number) => d, frameAnchor: top ? 'top' : 'bottom', text: () => MEMORIZING, textAnchor: atEnd ? 'end' : 'start',
        dx: atEnd ? -4 : 4, dy: top ? 10 : -8, fill: palette.bad, fontSize: 13, ...halo(),
      }),
    );
  }
  return {
    ...VALIDATION_FRAME,
    x: { domain: [1, last.step], label: 'training step →', grid: true },
    y: { domain: [0, yMax], label: '↑ loss', grid: true, ticks: 6 },
    marks,
  };
}
