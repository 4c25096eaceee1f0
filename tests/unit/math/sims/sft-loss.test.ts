import { describe, expect, it } from 'vitest';
import { SFT_DEMO_MASK, SFT_DEMO_TARGETS, sftLossDemo } from '@math/sims/sft-loss';

const base = { targets: SFT_DEMO_TARGETS, mask: SFT_DEMO_MASK, boosts: [0, 0, 0, 0], scale: 1 };
// Reference values from a separate Python script (log-softmax with the max subtracted):
// token NLL at the original logits = 0.2210485, 0.2761297, 0.4421192, 0.5720760.

describe('sft-loss demo', () => {
  it('reproduces the original masked loss with the prompt token left out', () => {
    const r = sftLossDemo(base);
    [0.2210485, 0.2761297, 0.4421192, 0.572076].forEach((v, i) => expect(r.tokens[i]!.nll).toBeCloseTo(v, 6));
    // (0.2761297 + 0.4421192 + 0.5720760) / 3
    expect(r.loss).toBeCloseTo(0.4301083, 6);
    expect(r.unmaskedLoss).toBeCloseTo(0.3778434, 6);
    expect(r.counted).toBe(3);
    expect(r.tokens.map((t) => t.weight)).toEqual([0, 1 / 3, 1 / 3, 1 / 3]);
  });

  it('reports the target probability from the softmax of the row', () => {
    // row 0: e^2 / (e^2 + e^0.2 + e^−0.5) = 7.3890561 / 9.2169895 = 0.8016778
    const t0 = sftLossDemo(base).tokens[0]!;
    expect(t0.pTarget).toBeCloseTo(0.8016778, 6);
    expect(t0.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('counting the prompt token too lowers the loss here, since the prompt token is easy', () => {
    expect(sftLossDemo({ ...base, mask: [true, true, true, true] }).loss).toBeCloseTo(0.3778434, 6);
    // only the prompt counts: the loss is that token's NLL
    expect(sftLossDemo({ ...base, mask: [true, false, false, false] }).loss).toBeCloseTo(0.2210485, 6);
  });

  it('a boost on the target logit lowers only that token’s NLL', () => {
    // row 3 becomes [2.1, 0.5, −0.4]: NLL = log(1 + e^−1.6 + e^−2.5) = 0.2499658
    const r = sftLossDemo({ ...base, boosts: [0, 0, 0, 1] });
    expect(r.tokens[3]!.nll).toBeCloseTo(0.2499658, 6);
    expect(r.tokens[2]!.nll).toBeCloseTo(0.4421192, 6);
    expect(r.loss).toBeCloseTo(0.3227382, 6);
  });

  it('a negative boost can push the loss above ln 3 (worse than uniform guessing)', () => {
    const r = sftLossDemo({ ...base, boosts: [0, 0, -3, 0] });
    expect(r.tokens[2]!.nll).toBeCloseTo(2.4987753, 6);
    expect(r.loss).toBeCloseTo(1.1156603, 6);
    expect(r.loss).toBeGreaterThan(Math.log(3));
  });

  it('scaling the logits sharpens the softmax', () => {
    // ×2: row 0 = [4, 0.4, −1], NLL = log(1 + e^−3.6 + e^−5) = 0.0334944
    const r = sftLossDemo({ ...base, scale: 2 });
    expect(r.tokens[0]!.nll).toBeCloseTo(0.0334944, 6);
    expect(r.loss).toBeCloseTo(0.1667191, 6);
  });

  it('changing a target re-reads the NLL from the other logit', () => {
    // row 1 target 0: log(Z) − 0.1 with Z = 7.9735491, i.e. log(7.9735491 / 1.1051709) = 1.9761297
    const r = sftLossDemo({ ...base, targets: [0, 0, 2, 0] });
    expect(r.tokens[1]!.nll).toBeCloseTo(1.9761297, 6);
    expect(r.loss).toBeCloseTo(0.996775, 6);
  });

  it('gives an undefined loss (not a crash) when no token counts', () => {
    const r = sftLossDemo({ ...base, mask: [false, false, false, false] });
    expect(r.loss).toBeNaN();
    expect(r.counted).toBe(0);
    expect(r.tokens.every((t) => t.weight === 0)).toBe(true);
  });
});
