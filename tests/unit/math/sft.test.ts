import { describe, it, expect } from 'vitest';
import { maskedTokenNll } from '@math/index';

const logits = [
  [2, 0.2, -0.5],
  [0.1, 1.8, -0.2],
  [0.4, 0, 1.5],
  [1.1, 0.5, -0.4],
];
const targets = [0, 1, 2, 0];
const mask = [0, 1, 1, 1];

describe('maskedTokenNll', () => {
  it('reproduces the demo numbers (prompt token masked out)', () => {
    // row 0: Z = e^2 + e^0.2 + e^−0.5 = 7.3890561 + 1.2214028 + 0.6065307 = 9.2169895; nll = −log(7.3890561/9.2169895) = 0.2210485
    // row 1: Z = 1.1051709 + 6.0496475 + 0.8187308 = 7.9735491; nll = −log(6.0496475/7.9735491) = 0.2761297
    // row 2: Z = 1.4918247 + 1 + 4.4816891 = 6.9735138; nll = −log(4.4816891/6.9735138) = 0.4421192
    // row 3: Z = 3.0041660 + 1.6487213 + 0.6703200 = 5.3232073; nll = −log(3.0041660/5.3232073) = 0.5720760
    // loss = (0.2761297 + 0.4421192 + 0.5720760) / 3 = 1.2903249 / 3 = 0.4301083
    const { tokenNll, loss } = maskedTokenNll(logits, targets, mask);
    [0.2210485, 0.2761297, 0.4421192, 0.572076].forEach((v, i) => expect(tokenNll[i]).toBeCloseTo(v, 6));
    expect(loss).toBeCloseTo(0.4301083, 6);
  });

  it('uses mask entries as weights in a weighted mean', () => {
    // mask [1, 0, 0, 3]: (0.2210485 + 3·0.5720760) / 4 = 1.9372765 / 4 = 0.4843191
    expect(maskedTokenNll(logits, targets, [1, 0, 0, 3]).loss).toBeCloseTo(0.4843191, 6);
    // all ones = plain mean: (0.2210485 + 0.2761297 + 0.4421192 + 0.5720760) / 4 = 0.3778434
    expect(maskedTokenNll(logits, targets, [1, 1, 1, 1]).loss).toBeCloseTo(0.3778434, 6);
  });

  it('stays finite for extreme logits', () => {
    // target has logit −1000 against 1000: nll = 2000 + log(1 + e^−2000) = 2000
    const r = maskedTokenNll([[1000, -1000], [1000, -1000]], [1, 0], [1, 1]);
    expect(r.tokenNll[0]).toBeCloseTo(2000, 9);
    expect(r.tokenNll[1]).toBe(0);
    expect(r.loss).toBeCloseTo(1000, 9);
  });

  it('rejects an all-zero mask because no token carries loss', () => {
    expect(() => maskedTokenNll(logits, targets, [0, 0, 0, 0])).toThrow(RangeError);
    expect(() => maskedTokenNll(logits, targets, [0, 0, 0, 0])).toThrow(/^maskedTokenNll: .*no token carries loss/);
  });

  it('rejects bad shapes, targets and masks', () => {
    expect(() => maskedTokenNll(logits, [0, 1, 2], mask)).toThrow(
      /^maskedTokenNll: logits has 4 entries but targets has 3/,
    );
    expect(() => maskedTokenNll(logits, targets, [1, 1])).toThrow(/logits has 4 entries but mask has 2/);
    expect(() => maskedTokenNll(logits, [0, 1, 3, 0], mask)).toThrow(/targets\[2\] must be an integer in \[0, 2\]/);
    expect(() => maskedTokenNll(logits, [0, 1.5, 2, 0], mask)).toThrow(/targets\[1\] must be an integer/);
    expect(() => maskedTokenNll(logits, targets, [0, -1, 1, 1])).toThrow(/mask\[1\] must be ≥ 0/);
    expect(() => maskedTokenNll([], [], [])).toThrow(/logits is empty/);
    expect(() => maskedTokenNll([[1, NaN]], [0], [1])).toThrow(/logits\[0\]\[1\] must be a finite number/);
  });
});
