import { describe, expect, it } from 'vitest';
import { trimmed } from '../../../src/exercises/format';

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
