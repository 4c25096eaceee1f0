import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { parseAnswer } from '@exercises/parse-answer';

// Hundreds of seeds / property runs: allow for a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 60_000 });

const value = (s: string) => {
  const r = parseAnswer(s);
  if (!r.ok) throw new Error(`expected "${s}" to parse, got: ${r.message}`);
  return r.value;
};

describe('parseAnswer accepts the forms learners type', () => {
  it.each([
    ['0.375', 0.375],
    ['.375', 0.375],
    ['0.375 ', 0.375],
    ['   0.375', 0.375],
    ['+0.375', 0.375],
    ['-0.5', -0.5],
    ['\u22120.5', -0.5], // Unicode minus sign
    ['\u2212 .5'.replace(' ', ''), -0.5],
    ['3/8', 0.375],
    ['3 / 8', 0.375],
    ['-3/8', -0.375],
    ['\u22123/8', -0.375],
    ['1.5/4', 0.375],
    ['37.5%', 0.375],
    ['37.5 %', 0.375],
    ['-12%', -0.12],
    ['3.75e-1', 0.375],
    ['3.75E-1', 0.375],
    ['1e3', 1000],
    ['1,234,567.5', 1234567.5],
    ['1,234,567', 1234567],
    ['12,500.5', 12500.5],
    ['12 500', 12500],
    ['12\u202f500', 12500],
    ['0,375', 0.375], // decimal comma where it cannot be a thousands separator
    ['1,5', 1.5],
    ['12,50', 12.5],
    ['42', 42],
    ['0', 0],
    ['-0', 0],
    ['7.', 7],
  ])('%j → %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('reads 37.5% as exactly 0.375 (no float drift from ×0.01)', () => {
    expect(value('37.5%')).toBe(0.375);
    expect(value('3/8')).toBe(value('0.375'));
  });
});

describe('parseAnswer rejects junk with a short message', () => {
  it.each(['abc', '1/0', '0/0', 'NaN', 'nan', 'Infinity', '-Infinity', '<script>alert(1)</script>', '<script>', '', '   ', '1e400', '--1', '1..2', '3/8%', '1/2/3', '0x10', '1,2,3', '½', '5 6', '1e', '.'])(
    '%j',
    (text) => {
      const r = parseAnswer(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message.length).toBeGreaterThan(5);
        expect(r.message.length).toBeLessThan(120);
      }
    },
  );

  it('rejects 10,000 characters quickly without echoing them', () => {
    const long = '1'.repeat(10_000);
    const r = parseAnswer(long);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('1111');
    expect(parseAnswer('<'.repeat(10_000)).ok).toBe(false);
  });

  it.each([
    ['1,277', '1277', '1.277'],
    ['-1,728', '-1728', '-1.728'],
    ['12,500', '12500', '12.500'],
    ['4,400%', '4400', '4.400'],
  ])('asks whether %j uses a thousands separator or a decimal comma', (text, thousands, decimal) => {
    const r = parseAnswer(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(thousands);
      expect(r.message).toContain(decimal);
      expect(r.message.length).toBeLessThan(120);
    }
  });

  it('explains division by zero specifically', () => {
    const r = parseAnswer('1/0');
    expect(r.ok === false && /zero/i.test(r.message)).toBe(true);
  });

  it('handles non-string input', () => {
    expect(parseAnswer(undefined).ok).toBe(false);
    expect(parseAnswer(42 as unknown).ok).toBe(false);
  });
});

describe('parseAnswer properties', () => {
  it('never throws and never yields a non-finite value on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[-+ \d.,/%eE\u2212]{0,20}$/)), (s) => {
        const r = parseAnswer(s);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(typeof r.message).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back any finite double written with toString, toFixed or as a percentage', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        expect(value(String(x))).toBe(x === 0 ? 0 : x);
        expect(value(x.toFixed(4))).toBeCloseTo(Number(x.toFixed(4)), 10);
        expect(value(`${x.toExponential(6)}`)).toBe(Number(x.toExponential(6)) || 0);
      }),
    );
  });

  it('a fraction equals its quotient', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => {
        expect(value(`${a}/${b}`)).toBe(a / b || 0);
      }),
    );
  });
});
