import { describe, it, expect } from 'vitest';
import { logSigmoid, logSoftmax, logSumExp, sigmoid, softmax, softplus } from '@math/index';

describe('sigmoid / softplus / logSigmoid', () => {
  it('match the textbook values', () => {
    // σ(0) = 1/(1+1) = 0.5; σ(1) = 1/(1+e^−1) = 1/1.3678794412 = 0.7310585786
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1)).toBeCloseTo(0.7310585786, 10);
    // symmetry σ(−x) = 1 − σ(x)
    expect(sigmoid(-1)).toBeCloseTo(1 - 0.7310585786, 10);
    // softplus(0) = log 2 = 0.6931471806; softplus(1) = log(1 + e) = log 3.7182818285 = 1.3132616875
    expect(softplus(0)).toBeCloseTo(Math.LN2, 12);
    expect(softplus(1)).toBeCloseTo(1.3132616875, 10);
    // log σ(1) = log 0.7310585786 = −0.3132616875 = −softplus(−1)
    expect(logSigmoid(1)).toBeCloseTo(-0.3132616875, 10);
  });

  it('stay finite and accurate for extreme inputs', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    // softplus(x) → x for large x, → e^x for very negative x
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(-50)).toBeCloseTo(Math.exp(-50), 30);
    // log σ(−1000) = −1000 − log(1 + e^−1000) ≈ −1000 (naive log(σ) would be −Infinity)
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(logSigmoid(1000)).toBe(0);
    expect(logSigmoid(-40)).toBeCloseTo(-40 - Math.exp(-40), 12);
  });

  it('reject non-finite input with a RangeError naming the function', () => {
    expect(() => sigmoid(NaN)).toThrow(RangeError);
    expect(() => sigmoid(Infinity)).toThrow(/^sigmoid: x must be a finite number/);
    expect(() => softplus(NaN)).toThrow(/^softplus:/);
    expect(() => logSigmoid(-Infinity)).toThrow(/^logSigmoid:/);
  });
});

describe('logSoftmax / softmax', () => {
  it('agree with the definition computed with plain exp', () => {
    const row = [2, 0.2, -0.5];
    // e^2 = 7.3890560989, e^0.2 = 1.2214027582, e^−0.5 = 0.6065306597; Z = 9.2169895168
    const z = Math.exp(2) + Math.exp(0.2) + Math.exp(-0.5);
    expect(z).toBeCloseTo(9.2169895168, 9);
    const direct = row.map((x) => Math.log(Math.exp(x) / z));
    logSoftmax(row).forEach((v, i) => expect(v).toBeCloseTo(direct[i]!, 12));
    softmax(row).forEach((v, i) => expect(v).toBeCloseTo(Math.exp(row[i]!) / z, 12));
    expect(softmax(row)[0]).toBeCloseTo(7.3890560989 / 9.2169895168, 9); // 0.8016788
    expect(logSumExp(row)).toBeCloseTo(Math.log(9.2169895168), 9);
  });

  it('is shift invariant and handles logits of ±1000 without overflow', () => {
    // [1000, 999, −1000] has the same log-softmax as [1, 0, −1999]:
    // Z' = e^1 + e^0 + e^−1999 ≈ 3.7182818285 → log p₀ = 1 − 1.3132616875 = −0.3132616875
    const ls = logSoftmax([1000, 999, -1000]);
    expect(ls[0]).toBeCloseTo(-0.3132616875, 10);
    expect(ls[1]).toBeCloseTo(-1.3132616875, 10);
    expect(ls[2]).toBeCloseTo(-2000 - 0.3132616875, 8);
    const p = softmax([1000, -1000]);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
    expect(softmax([5, 5, 5, 5])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('reject empty rows and non-finite logits', () => {
    expect(() => logSoftmax([])).toThrow(/^logSoftmax: row is empty/);
    expect(() => softmax([1, NaN])).toThrow(/^softmax: row\[1\] must be a finite number/);
    expect(() => logSumExp([Infinity])).toThrow(RangeError);
  });
});
