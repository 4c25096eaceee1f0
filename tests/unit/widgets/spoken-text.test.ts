import { describe, expect, it } from 'vitest';
import { spokenBrief, spokenText } from '@widgets/core/WidgetFrame';

// A change that turns a demo's check over was announced only as the numbers (the PASS/FAIL line is not a live region).
describe('spoken summary', () => {
  const summary = 'Threshold 0.55: 80% of harmful items blocked.';
  it('is the summary alone while the verdict holds', () => {
    expect(spokenText(summary, { pass: true, text: 'Within budget.' }, true)).toBe(summary);
    expect(spokenText(summary, { pass: false, text: 'Over budget.' }, false)).toBe(summary);
  });
  it('leads with the new verdict and its reason when a change turned it', () => {
    expect(spokenText(summary, { pass: false, text: 'FPR 6.1% is over the 5% budget.' }, true)).toBe(`Check now fails: FPR 6.1% is over the 5% budget. ${summary}`);
    expect(spokenText(summary, { pass: true, text: 'κ = 0.70 > 0.6: substantial' }, false)).toBe(`Check now passes: κ = 0.70 > 0.6: substantial. ${summary}`);
  });
});

// Ten deliberate arrow presses spoke 2,500–5,000 characters of whole summaries; a change now says its key numbers.
describe('spoken key numbers', () => {
  it('are the emphasised readouts, in order', () => {
    const readouts = [
      { label: 'TPR at τ', value: '94.4%', emphasis: true },
      { label: 'AUC', value: '0.97' },
      { label: 'FPR at τ', value: '5.9%', emphasis: true },
    ];
    expect(spokenBrief(readouts, 'a long summary')).toBe('TPR at τ 94.4%; FPR at τ 5.9%.');
  });
  it('fall back to the summary when a demo emphasises nothing', () => {
    expect(spokenBrief([{ label: 'AUC', value: '0.97' }], 'The summary.')).toBe('The summary.');
  });
});
