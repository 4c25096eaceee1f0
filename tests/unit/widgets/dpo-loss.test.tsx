import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import DpoLoss, { dpoLossSpec } from '@widgets/DpoLoss';
import { applyPreset } from '@widgets/core/spec';

const render = (props: Parameters<typeof DpoLoss>[0]) => parseHTML(renderToString(<DpoLoss {...props} />)).document;

describe('DpoLoss widget (server render)', () => {
  it('starts at the notebook values and fails the check on mis-ranked pair 3', () => {
    const d = render({ id: 'dpo' });
    expect(d.querySelector('[data-readout="Mean DPO loss"]')?.textContent).toBe('0.651');
    expect(d.querySelector('[data-readout="Pairs ranked right"]')?.textContent).toBe('3 of 4');
    expect(d.querySelector('[data-check]')?.getAttribute('data-check')).toBe('fail');
    expect(d.querySelector('[data-check]')?.textContent).toContain('pair 3 (margin −0.010)');
  });

  it('passes once pair 3 ranks its preferred response higher, and β scales the loss', () => {
    // margins at β = 1: [1.4, 0.7, 0.5, 1.5] → losses 0.2204, 0.4032, 0.4741, 0.2014 → mean 0.3248
    const d = render({ id: 'dpo', preset: { beta: 1, dl3: -0.1, pair: '3' } });
    expect(d.querySelector('[data-check]')?.getAttribute('data-check')).toBe('pass');
    expect(d.querySelector('[data-readout="Mean DPO loss"]')?.textContent).toBe('0.325');
    expect(d.querySelector('[data-readout="Pair 3 margin m"]')?.textContent).toBe('0.500');
  });

  it('shows only β, the pair picker and the selected pair’s two log-ratios', () => {
    const d = render({ id: 'dpo', preset: { pair: '2' } });
    const names = [...d.querySelectorAll('[data-control]')].map((e) => e.getAttribute('data-control'));
    expect(names).toEqual(['beta', 'pair', 'dw2', 'dl2']);
  });

  it('rejects presets outside the controls’ ranges', () => {
    expect(() => applyPreset('dpo-loss', dpoLossSpec, { beta: 5 })).toThrow(/beta must be a number in \[0.01, 2\]/);
    expect(() => applyPreset('dpo-loss', dpoLossSpec, { dw5: 1 })).toThrow(/unknown preset key "dw5"/);
  });
  it('names every mis-ranked pair with plural wording when there are several', () => {
    const zeros = { dw1: 0, dl1: 0, dw2: 0, dl2: 0, dw3: 0, dl3: 0, dw4: 0, dl4: 0 };
    const d = render({ id: 'd', preset: zeros });
    const text = d.querySelector('.widget-check')?.textContent ?? '';
    expect(text).toContain('pair 1 (margin 0.000), pair 2 (margin 0.000), pair 3 (margin 0.000), pair 4 (margin 0.000) give the rejected response');
    expect(text).toContain('Raise their Δ w or lower their Δ l.');
    expect([...d.querySelectorAll('.widget-check sub')].map((e) => e.textContent)).toEqual(['w', 'l']);
  });
});
