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
    ['Raise their Δ_w or lower their Δ_l.', 'Raise their Δ<sub>w</sub> or lower their Δ<sub>l</sub>.'],
    ['near π_ref; then', 'near π<sub>ref</sub>; then'],
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

describe('subscripts in a demo\'s title and question', () => {
  // Lessons write "π_ref" and "Δ(y_w)" in the props; the header showed the underscores.
  it('draws them as <sub>, as the controls and readouts do', () => {
    const { document } = parseHTML(renderToString(<BradleyTerry title="Swapping y_w and y_l" question="What reward gap pushes P(y_w ≻ y_l) above 0.9?" />));
    const title = document.querySelector('.widget-title')!, question = document.querySelector('.widget-question')!;
    expect([...title.querySelectorAll('sub')].map((s) => s.textContent)).toEqual(['w', 'l']);
    expect([...question.querySelectorAll('sub')].map((s) => s.textContent)).toEqual(['w', 'l']);
    expect(title.textContent).not.toContain('_');
    expect(question.textContent).toBe('What reward gap pushes P(y w ≻ y l) above 0.9?');
  });
});
