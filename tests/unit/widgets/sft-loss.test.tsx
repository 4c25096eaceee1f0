import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import SftLoss, { sftLossSpec } from '@widgets/SftLoss';
import { applyPreset } from '@widgets/core/spec';

const render = (props: Parameters<typeof SftLoss>[0]) => parseHTML(renderToString(<SftLoss {...props} />)).document;
const readout = (d: Document, label: string) => d.querySelector(`[data-readout="${label}"]`)?.textContent;

describe('SftLoss widget (server render)', () => {
  it('starts at the notebook numbers: prompt masked, loss 0.430, below ln 3', () => {
    const d = render({ id: 'sft' });
    expect(readout(d, 'Masked loss (mean NLL)')).toBe('0.430');
    expect(readout(d, 'Positions counted')).toBe('3 of 4');
    expect(readout(d, 'Mean NLL over all 4')).toBe('0.378');
    expect(d.querySelector('[data-check]')?.getAttribute('data-check')).toBe('pass');
  });

  it('has a keyboard-reachable editor per position (checkbox, select, slider)', () => {
    const d = render({ id: 'sft' });
    expect(d.querySelectorAll('.token-editor fieldset')).toHaveLength(4);
    expect(d.querySelectorAll('.token-editor input[type="checkbox"]')).toHaveLength(4);
    expect(d.querySelectorAll('.token-editor select')).toHaveLength(4);
    expect(d.querySelectorAll('.token-editor input[type="range"]')).toHaveLength(4);
    for (const input of d.querySelectorAll('.token-editor input, .token-editor select')) {
      expect(d.querySelector(`label[for="${input.getAttribute('id')}"]`)).not.toBeNull();
    }
  });

  it('fails the check when a counted target becomes unlikely', () => {
    // position 2 target logit −3: NLL 2.499, loss (0.276 + 2.499 + 0.572)/3 = 1.116 > ln 3
    const d = render({ id: 'sft', preset: { b2: -3 } });
    expect(readout(d, 'Masked loss (mean NLL)')).toBe('1.116');
    expect(d.querySelector('[data-check]')?.getAttribute('data-check')).toBe('fail');
  });

  it('says the loss is undefined, rather than crashing, when nothing counts', () => {
    const d = render({ id: 'sft', preset: { m1: false, m2: false, m3: false } });
    expect(readout(d, 'Masked loss (mean NLL)')).toBe('not defined (0/0)');
    // Said in words: the bare word "undefined" reads like a program error.
    expect(d.querySelector('.widget')?.textContent).not.toContain('undefined');
    expect(d.querySelector('[data-check]')?.getAttribute('data-check')).toBe('fail');
  });

  it('rejects presets outside the controls', () => {
    expect(() => applyPreset('sft-loss', sftLossSpec, { t1: '3' })).toThrow(/t1 must be one of 0, 1, 2/);
    expect(() => applyPreset('sft-loss', sftLossSpec, { b0: 9 })).toThrow(/b0 must be a number in \[-4, 4\]/);
  });
});
