import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { ORIGINAL_RUN, evalNoiseDraws, validationRun } from '@math/sims/validation-curve';
import { endLabelOffsets, validationCurvePlot } from '@plots/validation-curve';
import { textSpan } from './text-anchor';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('validation-curve figure', () => {
  it('marks the early-stopping step it was given', () => {
    const run = validationRun(ORIGINAL_RUN, 80);
    const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: false }), document: doc() }).outerHTML;
    expect(svg).toContain('stop: step 52');
    expect(svg).toContain('memorizing');
  });

  // 0.25× the data, 40% noise, 3× the learning rate: onset at step 2.2 and a 26-nat axis put the
  // training curve and the rising validation points through "memorizing →" at the bottom.
  it('runs "memorizing →" along the top when the curves fill the bottom of its band, and keeps the bottom otherwise', () => {
    const box = (run: ReturnType<typeof validationRun>, noisy: boolean) => {
      const svg = Plot.plot({ ...validationCurvePlot({ run, noisy }), document: doc() }) as unknown as Element;
      const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'memorizing →')!;
      const { x0, x1, y } = textSpan(t, 6.6);
      const b = { x0, x1, y0: y - 7, y1: y + 5 };
      const points = [...svg.querySelectorAll('path')].flatMap((p) => [...p.getAttribute('d')!.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
      const dots = [...svg.querySelectorAll('circle')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
      const hits = [...points, ...dots].filter(([px, py]) => px! > b.x0 && px! < b.x1 && py! > b.y0 - 2 && py! < b.y1 + 2).length;
      return { y: b.y0, hits };
    };
    const extreme = validationRun({ dataScale: 0.25, labelNoise: 0.4, lr: 3 }, 120, 0.05, evalNoiseDraws(42, 120));
    const moved = box(extreme, true);
    expect(moved.y).toBeLessThan(34 + 30);
    expect(moved.hits).toBe(0);
    const usual = box(validationRun(ORIGINAL_RUN, 80), false);
    expect(usual.y).toBeGreaterThan(290 - 44 - 30);
    expect(usual.hits).toBe(0);
  });

  // The theory page's 120-step run stops at step 52, inside the words that start at the onset (step 26).
  it('ends the stop rule short of "memorizing →" wherever the rule would run through the words', () => {
    const draw = (run: ReturnType<typeof validationRun>) => {
      const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: false }), document: doc() }) as unknown as Element;
      const t = [...svg.querySelectorAll('text')].find((e) => e.textContent === 'memorizing →');
      const rule = svg.querySelector('g[stroke-dasharray="2,3"] line');
      if (!t || !rule) return null;
      // 7.5 units a character: wider than DejaVu Sans at 13 px (about 7.2), as a phone may draw it.
      const span = textSpan(t, 7.5);
      const [x, y1, y2] = ['x1', 'y1', 'y2'].map((a) => Number(rule.getAttribute(a)));
      return { span, x: x!, top: Math.min(y1!, y2!), bottom: Math.max(y1!, y2!) };
    };
    const page = validationRun(ORIGINAL_RUN, 120);
    expect([page.onsetStep, page.bestStep]).toEqual([26, 52]);
    const seen = draw(page)!;
    expect(seen.x).toBeGreaterThan(seen.span.x0);
    expect(seen.x).toBeLessThan(seen.span.x1);
    // Plot area 34–246: the words sit at 238, so the rule ends above their band.
    expect(seen.bottom).toBeLessThan(226);
    expect(seen.top).toBe(34);
    let checked = 0;
    let cut = 0;
    for (const steps of [40, 60, 80, 100, 120])
      for (const dataScale of [0.25, 0.5, 1, 2, 4])
        for (const labelNoise of [0, 0.1, 0.2, 0.4])
          for (const lr of [0.25, 0.5, 1, 2, 3]) {
            const at = draw(validationRun({ dataScale, labelNoise, lr }, steps));
            if (!at) continue;
            checked++;
            const where = `steps ${steps}, data ${dataScale}, noise ${labelNoise}, lr ${lr}`;
            const across = at.x > at.span.x0 - 2 && at.x < at.span.x1 + 2;
            // Where the rule is over the words' columns it must stop 12 units short of their middle.
            if (across) {
              cut++;
              expect(at.span.y > at.bottom + 12 || at.span.y < at.top - 12, where).toBe(true);
            } else if (at.x < at.span.x0 - 30 || at.x > at.span.x1 + 30) expect(at.bottom - at.top, where).toBe(212);
          }
    expect(checked).toBeGreaterThan(200);
    expect(cut).toBeGreaterThan(10);
  });

  it('draws the golden chart of the original 40-step run', async () => {
    const run = validationRun(ORIGINAL_RUN, 40);
    expect(run.bestStep).toBe(40);
    const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: false }), document: doc() });
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/validation-curve.svg');
  });

  it('draws the golden noisy chart at seed 42 (one dot per observed step)', async () => {
    const run = validationRun(ORIGINAL_RUN, 80, 0.02, evalNoiseDraws(42, 120));
    const svg = Plot.plot({ ...validationCurvePlot({ run, noisy: true }), document: doc() });
    expect(svg.querySelectorAll('circle').length).toBe(81);
    await expect(svg.outerHTML).toMatchFileSnapshot('../../fixtures/golden/validation-curve-noisy.svg');
  });

  // Plot height 290 − 34 − 44 = 212 px; with yMax 2.12 one loss unit is 100 px.
  it('names the curve that ends higher above its end and the other below, whichever it is', () => {
    expect(endLabelOffsets({ train: 0.5, val: 1.2 }, 2.12, false)).toEqual({ val: -12, train: 12 });
    // A short run: training loss still above validation loss at the end (the labels once swapped sides).
    expect(endLabelOffsets({ train: 1.2, val: 0.5 }, 2.12, false)).toEqual({ train: -12, val: 12 });
  });

  it('puts the lower name above its curve near the x axis, a line under the upper one', () => {
    // train at 0.3 (30 px): below it the label would reach 12 px, under the 20 px it needs.
    expect(endLabelOffsets({ train: 0.3, val: 0.4 }, 2.12, false)).toEqual({ train: -12, val: -12 - 6 });
    expect(endLabelOffsets({ train: 0.3, val: 1.0 }, 2.12, false)).toEqual({ train: -12, val: -12 });
    // 45 px is room enough on its own, not beside a right-aligned "memorizing →".
    expect(endLabelOffsets({ train: 0.45, val: 1.0 }, 2.12, false).train).toBe(12);
    expect(endLabelOffsets({ train: 0.45, val: 1.0 }, 2.12, true).train).toBe(-12);
  });
});
