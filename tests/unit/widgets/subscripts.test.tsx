import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import { withSubscripts } from '@widgets/core/subscripts';
import { subscripts } from '@widgets/core/PlotChart';
import BradleyTerry from '@widgets/BradleyTerry';

const html = (text: string) => renderToStaticMarkup(<>{withSubscripts(text)}</>).replaceAll('<span class="visually-hidden"> </span>', '');

describe('withSubscripts (control and readout labels)', () => {
  it.each([
    ['Weight on risk λ_risk', 'Weight on risk λ<sub>risk</sub>'],
    ['A ≻ B: s_A − s_B', 'A ≻ B: s<sub>A</sub> − s<sub>B</sub>'],
    ['KL(π*‖π_ref), nats', 'KL(π*‖π<sub>ref</sub>), nats'],
    ['Pair 1: P, ∂ℓ/∂r_w', 'Pair 1: P, ∂ℓ/∂r<sub>w</sub>'],
    ['Δ_w (preferred), pair 1', 'Δ<sub>w</sub> (preferred), pair 1'],
    ['Cost of a miss C_{miss}', 'Cost of a miss C<sub>miss</sub>'],
    ['Threshold τ', 'Threshold τ'],
  ])('%s', (text, expected) => {
    expect(html(text)).toBe(expected);
  });

  it('the text a screen reader gets keeps a space where the underscore was', () => {
    const { document } = parseHTML(`<p>${renderToStaticMarkup(<>{withSubscripts('A ≻ B: s_A − s_B')}</>)}</p>`);
    expect(document.querySelector('p')!.textContent).toBe('A ≻ B: s A − s B');
  });
});

describe('subscripts in chart text', () => {
  const svg = (inner: string) => parseHTML(`<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`).document.querySelector('svg')! as unknown as Element;

  it('lowers the letters after "_" in a text or a tspan, and leaves other text alone', () => {
    const el = svg('<text>reward margin m = r_w − r_l →</text><text><tspan>┃ π_ref (reference)</tspan><tspan>line two</tspan></text><text>τ = 0.50</text>');
    subscripts(el);
    const [a, b, c] = [...el.querySelectorAll(':scope > text')];
    const subs = (t: Element) => [...t.querySelectorAll('tspan[baseline-shift="sub"]')].map((s) => [s.textContent, s.getAttribute('font-size')]);
    expect(subs(a)).toEqual([['w', '78%'], ['l', '78%']]);
    expect(a.textContent).toBe('reward margin m = rw − rl →');
    expect(subs(b)).toEqual([['ref', '78%']]);
    expect(b.textContent).toBe('┃ πref (reference)line two');
    expect(c.innerHTML).toBe('τ = 0.50');
  });

  it('the Bradley–Terry chart the build draws writes r_w as r with a subscript w', () => {
    const svgs = [...parseHTML(renderToString(<BradleyTerry />)).document.querySelectorAll('svg')];
    expect(svgs.length).toBeGreaterThan(0);
    const text = svgs.map((s) => s.textContent).join(' ');
    expect(text).not.toMatch(/r_w|r_l/);
    expect(text).toContain('chosen rw');
    expect(svgs.flatMap((s) => [...s.querySelectorAll('tspan[baseline-shift="sub"]')].map((t) => t.textContent))).toEqual(expect.arrayContaining(['w', 'l']));
  });
});
