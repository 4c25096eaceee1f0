// A check line compares a value with a limit; printed to a fixed number of digits the two can look
// equal (or the wrong way round). These settings put each value within a rounding step of its limit.
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import type { ComponentType } from 'react';
import '../../../src/plots/ssr-document';
import SftLoss from '@widgets/SftLoss';
import ValidationCurve from '@widgets/ValidationCurve';
import ActiveLearning from '@widgets/ActiveLearning';
import KlOptimum from '@widgets/KlOptimum';
import AsrInterval from '@widgets/AsrInterval';
import ReviewerAgreement from '@widgets/ReviewerAgreement';

function check(Widget: ComponentType<{ id: string; preset?: Record<string, unknown> }>, preset: Record<string, unknown>) {
  const el = parseHTML(renderToString(<Widget id="w" preset={preset} />)).document.querySelector('[data-check]');
  return { verdict: el?.getAttribute('data-check'), text: el?.textContent ?? '' };
}

describe('check lines print values that agree with their verdicts', () => {
  it('SFT: a masked loss of 1.09856 is below ln 3 = 1.09861, and says so with enough digits', () => {
    const c = check(SftLoss, { m1: false, b3: -1.6, scale: 1.6 });
    expect(c.verdict).toBe('pass');
    expect(c.text).toContain('The masked loss 1.09856 is below ln 3 = 1.099');
  });

  it('validation curve: a saving of 6e-6 is not printed as 0.000', () => {
    const c = check(ValidationCurve, { steps: 50, lr: 1.05, evalNoise: 0 });
    expect(c.verdict).toBe('pass');
    expect(c.text).toMatch(/saves 0\.0000\d+ in validation loss/);
    expect(c.text).not.toContain('saves 0.000 ');
  });

  it('validation curve: a noisy pick 3e-5 worse than the last is not printed as 0.000 worse', () => {
    const c = check(ValidationCurve, { seed: 1, steps: 55, evalNoise: 0.005 });
    expect(c.verdict).toBe('fail');
    expect(c.text).toMatch(/that checkpoint is 0\.0000\d+ worse than the last/);
  });

  it('active learning: 5 caught beats a random expectation of 4.997, not "5.00"', () => {
    const c = check(ActiveLearning, { seed: 4, n: 330, k: 17 });
    expect(c.verdict).toBe('pass');
    expect(c.text).toContain('catches 5 violating items, more than the 4.997 a random queue');
  });

  it('KL optimum: 94.97% of the best fails the 95% bar and prints as 94.97%, not "0.950 vs 1.000"', () => {
    const c = check(KlOptimum, { proxyError: 0, beta: 0.106 });
    expect(c.verdict).toBe('fail');
    expect(c.text).toContain('only 94.97% of the best over the sweep');
  });

  it('ASR: Wald coverage 92.99% is more than 2 points below 95% and is printed as 92.99%', () => {
    const c = check(AsrInterval, { n: 40, rate: 0.3, confidence: 0.95 });
    expect(c.verdict).toBe('fail');
    expect(c.text).toContain('Wald’s actual coverage 92.99% is 2.01 points below the nominal 95%');
  });

  it('reviewer agreement: κ = 0.59999963 is printed below 0.6, not as 0.600000', () => {
    const c = check(ReviewerAgreement, { seed: 42, n: 1250, categories: 4, prevalence: 0.51, flip: 0.29 });
    expect(c.verdict).toBe('fail');
    expect(c.text).toContain('κ = 0.5999996 ≤ 0.6');
  });
});
