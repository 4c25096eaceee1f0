import * as Plot from '@observablehq/plot';
import type { SftDemoToken } from '../math/sims/sft-loss';
import { fixed } from './fixed';
import { frame, halo, palette } from './theme';

export interface SftPlotData {
  tokens: SftDemoToken[];
  /** Masked mean NLL (NaN when nothing counts: no line is drawn). */
  loss: number;
  /** Role of each position in the original example. */
  roles: readonly string[];
}

const posLabel = (t: number, roles: readonly string[]) => `pos ${t} · ${roles[t] ?? ''}`;

/** Per-token NLL as bars (solid if the token counts, faint if masked) with the masked mean and ln 3. */
export function sftNllPlot({ tokens, loss, roles }: SftPlotData): Plot.PlotOptions {
  const bars = tokens.map((t) => ({ ...t, label: posLabel(t.position, roles) }));
  const need = Math.max(...tokens.map((t) => t.nll * 1.15), Number.isFinite(loss) ? loss * 1.15 : 0);
  // Above the usual 1.6 the top steps by half a nat, so the axes are not redrawn on every nudge.
  const top = need <= 1.6 ? 1.6 : Math.ceil(need * 2) / 2;
  const uniform = Math.log(3);
  // Keep the two right-margin labels (about 30 px tall) from overlapping when the mean nears ln 3.
  const gapPx = Number.isFinite(loss) ? ((loss - uniform) * (290 - 24 - 48)) / top : Infinity;
  const uniformDy = Math.abs(gapPx) < 30 ? Math.sign(gapPx || 1) * (30 - Math.abs(gapPx)) : 0;
  const marks: Plot.Markish[] = [
    Plot.barY(bars.filter((b) => b.counted), { x: 'label', y: 'nll', fill: palette.primary }),
    Plot.barY(bars.filter((b) => !b.counted), {
      x: 'label', y: 'nll', fill: palette.muted, fillOpacity: 0.18, stroke: palette.muted, strokeDasharray: '4,3', inset: 1,
    }),
    Plot.ruleY([0], { stroke: 'currentColor' }),
    Plot.ruleY([uniform], { stroke: palette.muted, strokeDasharray: '5,4', strokeWidth: 1.5 }),
    // Both reference lines are labelled in the right margin, clear of the bars and their values.
    Plot.text([uniform], { y: (d: number) => d, frameAnchor: 'right', text: () => 'uniform\nln 3', dx: 6, dy: uniformDy, textAnchor: 'start', fill: palette.muted, fontSize: 12 }),
  ];
  if (Number.isFinite(loss)) {
    marks.push(
      Plot.ruleY([loss], { stroke: palette.secondary, strokeWidth: 2.5 }),
      Plot.text([loss], { y: (d: number) => d, frameAnchor: 'right', text: (d: number) => `mean\n${d.toFixed(3)}`, dx: 6, textAnchor: 'start', fill: palette.secondary, fontSize: 13, fontWeight: 700 }),
    );
  }
  // A bar's value sits just above the bar; if a reference line would run through it, it sits just
  // above that line instead (a line through the digits reads as a strike-through).
  const pxPerNat = (290 - 24 - 48) / top;
  const rules = (Number.isFinite(loss) ? [loss, uniform] : [uniform]).sort((a, b) => a - b);
  const labelBase = (b: (typeof bars)[number]) => {
    // Digits span about 2–12 px above the text's anchor, 5 px over the bar; a second line adds 13.
    const reach = b.counted ? 19 : 32;
    let base = b.nll;
    for (const r of rules) {
      const above = (r - base) * pxPerNat;
      if (above > 3 && above < reach) base = r;
    }
    return base;
  };
  // The bar values come after the reference lines, so their halo keeps the lines off the digits.
  marks.push(
    Plot.text(bars, { x: 'label', y: labelBase, text: (b: (typeof bars)[number]) => `${b.nll.toFixed(3)}${b.counted ? '' : '\n(masked)'}`, dy: -5, lineAnchor: 'bottom', fontSize: 13, fill: 'currentColor', ...halo() }),
  );
  return {
    ...frame(400, 290),
    marginBottom: 48,
    marginRight: 62,
    // Two-line tick labels ("pos 0" over "prompt") so they fit under narrow bars.
    x: { domain: bars.map((b) => b.label), label: null, padding: 0.25, tickFormat: (l: string) => l.replace(' · ', '\n') },
    y: { domain: [0, top], label: '↑ token NLL (nats)', grid: true, ticks: 5 },
    marks,
  };
}

/** Softmax probabilities per position (rows) and vocabulary id (columns); the target cell is outlined. */
export function sftProbsPlot({ tokens, roles }: SftPlotData): Plot.PlotOptions {
  const cells = tokens.flatMap((t) =>
    t.probs.map((p, v) => ({ row: posLabel(t.position, roles), id: `id ${v}`, p, target: v === t.target, counted: t.counted })),
  );
  const vocab = tokens[0]?.probs.map((_, v) => `id ${v}`) ?? [];
  return {
    ...frame(300, 290),
    marginLeft: 118,
    marginBottom: 30,
    marginTop: 40,
    x: { domain: vocab, label: null, axis: 'top', padding: 0.06 },
    y: { domain: tokens.map((t) => posLabel(t.position, roles)), label: null, padding: 0.06 },
    marks: [
      // The key below the grid never changes: drawn once with the axes.
      ...fixed('sft-probs-key', Plot.text(['outlined: target token'], { frameAnchor: 'bottom-left', dy: 22, dx: -110, textAnchor: 'start', fill: palette.muted, fontSize: 12 })),
      Plot.cell(cells, { x: 'id', y: 'row', fill: palette.primary, fillOpacity: (d: (typeof cells)[number]) => 0.08 + 0.92 * d.p, inset: 1 }),
      Plot.cell(cells.filter((c) => c.target), { x: 'id', y: 'row', fill: 'none', stroke: 'currentColor', strokeWidth: 2.5, inset: 2 }),
      ...[false, true].map((target) =>
        Plot.text(cells.filter((c) => c.target === target), {
          x: 'id', y: 'row', text: (d: (typeof cells)[number]) => d.p.toFixed(2), fontSize: 13, fontWeight: target ? 700 : 400,
          // Text colour on a cell whose shade runs from pale to full: no single switch point keeps
          // 4.5:1 in both themes (light/dark text fell to 2.5:1 just past p = 0.5), so every number
          // is drawn in the text colour on a halo of the background.
          fill: 'currentColor',
          ...halo(3),
        }),
      ),
    ],
  };
}
