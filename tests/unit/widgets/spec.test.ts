import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPreset, clampNumber, defaults, readQuery, writeQuery, type ControlSpec } from '@widgets/core/spec';

const spec = {
  tau: { kind: 'number', label: 'τ', min: 0.05, max: 0.95, step: 0.01, default: 0.5 },
  mode: { kind: 'choice', label: 'mode', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], default: 'a' },
  on: { kind: 'toggle', label: 'on', default: false },
} satisfies ControlSpec;

describe('widget URL state', () => {
  const base = defaults(spec);

  it('reads valid values for its own id and ignores other widgets', () => {
    const s = readQuery(spec, 'w', '?w.tau=0.7&w.mode=b&w.on=1&x.tau=0.1&w.seed=7', base);
    expect(s).toEqual({ tau: 0.7, mode: 'b', on: true, seed: 7 });
  });

  it('clamps out-of-range numbers and snaps to the step', () => {
    expect(readQuery(spec, 'w', '?w.tau=5', base).tau).toBe(0.95);
    expect(readQuery(spec, 'w', '?w.tau=-3', base).tau).toBe(0.05);
    expect(readQuery(spec, 'w', '?w.tau=0.5049', base).tau).toBe(0.5);
    expect(clampNumber(spec.tau, 0.123456)).toBe(0.12);
  });

  it('ignores junk: unknown choices, non-numbers, bad seeds, malformed encodings', () => {
    const s = readQuery(spec, 'w', '?w.tau=abc&w.mode=<script>&w.on=maybe&w.seed=-4&w.seed=1e99&%E0%A4%A', base);
    expect(s).toEqual(base);
  });

  it('round-trips a state through the query string and omits defaults', () => {
    const state = { ...base, tau: 0.81, on: true, seed: 99 };
    const q = writeQuery(spec, 'w', '?other=1', state, base);
    expect(q).toContain('other=1');
    expect(q).not.toContain('w.mode');
    expect(readQuery(spec, 'w', q, base)).toEqual(state);
  });

  it('never produces NaN or out-of-range state from arbitrary query strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        const q = `?w.tau=${a}&w.mode=${b}&w.seed=${c}&${a}=${b}`;
        const s = readQuery(spec, 'w', q, base);
        return Number.isFinite(s.tau) && s.tau >= 0.05 && s.tau <= 0.95 && ['a', 'b'].includes(s.mode) && Number.isInteger(s.seed);
      }),
    );
  });
});

describe('lesson presets', () => {
  it('accepts valid presets', () => {
    expect(applyPreset('demo', spec, { tau: 0.7, mode: 'b', seed: 3 })).toEqual({ tau: 0.7, mode: 'b', on: false, seed: 3 });
  });
  it('fails loudly on unknown keys and out-of-range values, naming the widget', () => {
    expect(() => applyPreset('demo', spec, { tua: 0.7 })).toThrow(/demo: unknown preset key "tua"/);
    expect(() => applyPreset('demo', spec, { tau: 2 })).toThrow(/demo: preset tau must be a number in \[0.05, 0.95\]/);
    expect(() => applyPreset('demo', spec, { mode: 'c' })).toThrow(/one of a, b/);
  });
});

describe('formatNumber and formatNear', () => {
  it('prints a minus sign, but never on a value that rounds to zero', async () => {
    const { formatNumber } = await import('@widgets/core/spec');
    expect(formatNumber(-0.25, 2)).toBe('−0.25');
    expect(formatNumber(-2.6e-16, 3)).toBe('0.000');
    expect(formatNumber(-0.0004, 3)).toBe('0.000');
    expect(formatNumber(-0.0005, 3)).toBe('−0.001');
    expect(formatNumber(-0, 0)).toBe('0');
  });

  it('says a 0/0 value in words, in numbers and percentages alike', async () => {
    const { formatNumber, formatPercent } = await import('@widgets/core/spec');
    expect(formatNumber(NaN, 3)).toBe('not defined');
    expect(formatNumber(Infinity, 3)).toBe('∞');
    expect(formatPercent(NaN)).toBe('not defined');
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(0.0512, 2)).toBe('5.12%');
  });

  it('adds decimals until a value no longer prints like the limit it is compared with', async () => {
    const { formatNear } = await import('@widgets/core/spec');
    expect(formatNear(0.59983, 0.6, 3)).toBe('0.5998');
    expect(formatNear(5.04, 5, 1)).toBe('5.04');
    expect(formatNear(6.2, 5, 1)).toBe('6.2');
    expect(formatNear(0.6, 0.6, 3)).toBe('0.600');
    expect(formatNear(0.599999633, 0.6, 3)).toBe('0.5999996');
    // Floating-point noise below 10 decimals is not a difference worth printing.
    expect(formatNear(0.1 + 1e-12, 0.1, 2)).toBe('0.1000000000');
  });
});
