import { describe, expect, it } from 'vitest';
import { eqShown, fixed, round, trimmed } from '../../../src/exercises/format';

describe('trimmed', () => {
  it('drops the zeros that padding adds, and only those', () => {
    expect(trimmed(300, 2)).toBe('300');
    expect(trimmed(112.4, 3)).toBe('112.4');
    expect(trimmed(52.5, 2)).toBe('52.5');
    expect(trimmed(100, 2)).toBe('100');
    expect(trimmed(0.125, 2)).toBe('0.13');
    expect(trimmed(-0.001, 2)).toBe('0');
    expect(trimmed(2.0049, 2)).toBe('2');
  });
});

describe('fixed', () => {
  it('rounds a decimal half away from zero, as by hand, where toFixed rounds the binary value', () => {
    // 39/160 = 0.24375 exactly; its double is 0.243749999…, which toFixed(4) turns into 0.2437.
    expect((39 / 160).toFixed(4)).toBe('0.2437');
    expect(fixed(39 / 160, 4)).toBe('0.2438');
    expect(fixed(1.005, 2)).toBe('1.01');
    expect(fixed(0.75 * 0.415, 4)).toBe('0.3113');
    expect(fixed(-0.125, 2)).toBe('-0.13');
    expect(fixed(2.5, 0)).toBe('3');
    expect(fixed(0.3659, 4)).toBe('0.3659');
    expect(fixed(0.0000327, 7)).toBe('0.0000327');
    expect(fixed(12345.678, 1)).toBe('12345.7');
  });
  it('never writes a negative zero', () => {
    expect(fixed(-0.0004, 3)).toBe('0.000');
    expect(fixed(-0, 2)).toBe('0.00');
  });
});

describe('round', () => {
  it('gives the number fixed shows, so a worked step recomputes from what the learner reads', () => {
    // Math.round(1.005 * 100) / 100 is 1 (the product is 100.4999…), and Math.round takes -12.5 up to -12.
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-0.125, 2)).toBe(-0.13);
    expect(round(39 / 160, 4)).toBe(0.2438);
    expect(round(0.1 + 0.2, 2)).toBe(0.3);
    expect(round(-0.0004, 3)).toBe(0);
    expect(round(12345.678, 1)).toBe(12345.7);
  });
});

describe('eqShown', () => {
  it('is "=" when the shown operands give the shown result, else ≈', () => {
    // 0.2686 + 0.0974 = 0.3660, but the exact sum 0.36594… shows as 0.3659.
    expect(eqShown(0.36594, 0.2686 + 0.0974, 4)).toBe('\\approx');
    expect(eqShown(0.36601, 0.2686 + 0.0974, 4)).toBe('=');
  });
});
