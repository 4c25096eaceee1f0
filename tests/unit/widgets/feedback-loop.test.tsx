import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import FeedbackLoop, { feedbackLoopSpec } from '@widgets/FeedbackLoop';
import { applyPreset } from '@widgets/core/spec';

const render = (props: Parameters<typeof FeedbackLoop>[0]) => parseHTML(renderToString(<FeedbackLoop {...props} />)).document;
const readout = (d: Document, label: string) => d.querySelector(`[data-readout="${label}"]`)?.textContent;
const check = (d: Document) => d.querySelector('[data-check]')?.getAttribute('data-check');

describe('FeedbackLoop widget (server render)', () => {
  it('defaults follow the original: safety up about 4–5 points, helpfulness down about as much, so the check fails', () => {
    const d = render({ id: 'fl' });
    expect(readout(d, 'Safety')).toMatch(/^72\.0% → 7[4-7]\.\d%$/);
    expect(readout(d, 'Labels used')).toBe('200');
    expect(d.querySelectorAll('table tbody tr')).toHaveLength(6);
    expect(check(d)).toBe('fail');
  });

  it('clean labels, little over-refusal pressure and a risk-weighted sample pass', () => {
    const d = render({ id: 'fl', preset: { noise: 0.02, pressure: 0.1, strategy: 'risk' } });
    expect(check(d)).toBe('pass');
  });

  it('very noisy labels fail: safety barely moves', () => {
    expect(check(render({ id: 'fl', preset: { noise: 0.4, pressure: 0 } }))).toBe('fail');
  });

  it('rejects unknown strategies in presets', () => {
    expect(() => applyPreset('feedback-loop', feedbackLoopSpec, { strategy: 'greedy' })).toThrow(/strategy must be one of random, uncertainty, risk/);
  });
});
