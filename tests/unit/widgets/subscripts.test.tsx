import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import { withSubscripts } from '@widgets/core/subscripts';

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
