import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import PolicyMatrix, { policyMatrixSpec } from '@widgets/PolicyMatrix';
import { applyPreset } from '@widgets/core/spec';

const render = (props: Parameters<typeof PolicyMatrix>[0]) => parseHTML(renderToString(<PolicyMatrix {...props} />)).document;
const check = (d: Document) => d.querySelector('[data-check]')!;
const readout = (d: Document, label: string) => d.querySelector(`[data-readout="${label}"]`)?.textContent;

describe('PolicyMatrix widget (server render)', () => {
  it('passes at the defaults: 1.6% low-intent over-refusal, 6.7% high-severity misses', () => {
    const d = render({ id: 'pm' });
    expect(readout(d, 'Low-intent over-refusal')).toBe('1.6%');
    expect(readout(d, 'High-severity misses')).toBe('6.7%');
    expect(check(d).getAttribute('data-check')).toBe('pass');
  });

  it('fails on misses when the high-severity threshold rises to 0.6 (1 − Φ(1.5 − logit 0.6) = 13.7%)', () => {
    const d = render({ id: 'pm', preset: { tauHigh: 0.6 } });
    expect(readout(d, 'High-severity misses')).toBe('14%');
    expect(check(d).getAttribute('data-check')).toBe('fail');
    expect(check(d).textContent).toContain('high-severity misses');
  });

  it('fails on over-refusal when the low-severity threshold drops to 0.3', () => {
    const d = render({ id: 'pm', preset: { tauLow: 0.3 } });
    expect(check(d).getAttribute('data-check')).toBe('fail');
    expect(check(d).textContent).toContain('low-intent over-refusal is 17%');
  });

  it('a stricter threshold for risky intent repairs the misses without refusing more low-intent users', () => {
    const d = render({ id: 'pm', preset: { tauHigh: 0.6, intentShift: 0.5 } });
    expect(readout(d, 'High-severity misses')).toBe('8.1%');
    expect(readout(d, 'Low-intent over-refusal')).toBe('1.3%');
    expect(check(d).getAttribute('data-check')).toBe('pass');
  });

  it('rejects an unknown shading metric', () => {
    expect(() => applyPreset('policy-matrix', policyMatrixSpec, { metric: 'cost' })).toThrow(/metric must be one of/);
  });
});
