import { describe, expect, it } from 'vitest';
import { buildLossMask, sampleChats, type ChatExample, type LossMaskOptions } from '@math/sims/loss-mask';

// Two hand-made chats: A = S S U U A A A (7 tokens), B = U A A (3 tokens).
const A: ChatExample = [
  { role: 'system', tokens: ['s1', 's2'] },
  { role: 'user', tokens: ['u1', 'u2'] },
  { role: 'assistant', tokens: ['a1', 'a2', '<end>'] },
];
const B: ChatExample = [
  { role: 'user', tokens: ['v1'] },
  { role: 'assistant', tokens: ['b1', '<end>'] },
];
const opts: LossMaskOptions = { trainSystem: false, trainUser: false, packing: false, boundaries: true, normalize: 'token' };
const row = (r: ReturnType<typeof buildLossMask>, i: number) => r.cells.filter((c) => c.row === i).map((c) => c.mask).join('');

describe('loss-mask demo', () => {
  it('padded rows: only assistant tokens carry loss, padding is dead compute', () => {
    const r = buildLossMask([A, B], opts);
    expect([r.rows, r.cols]).toEqual([2, 7]);
    expect(row(r, 0)).toBe('0000111');
    expect(row(r, 1)).toBe('0110000');
    expect(r.active).toBe(5);
    expect(r.positions).toBe(14);
    expect(r.padding).toBe(4);
    expect(r.weightByRole.assistant).toBeCloseTo(1, 12);
    r.cells.filter((c) => c.mask).forEach((c) => expect(c.weight).toBeCloseTo(1 / 5, 12));
  });

  it('the first token of a sequence is never a label, even when its role is trained', () => {
    // A's s1 sits at position 0, so training on system tokens adds only s2; B's v1 likewise.
    const r = buildLossMask([A, B], { ...opts, trainSystem: true, trainUser: true });
    expect(row(r, 0)).toBe('0111111');
    expect(row(r, 1)).toBe('0110000');
    expect(r.active).toBe(8);
    expect(r.activeByRole).toEqual({ system: 1, user: 2, assistant: 5 });
    expect(r.weightByRole.assistant).toBeCloseTo(5 / 8, 12);
  });

  it('per-example normalization gives each example half the loss', () => {
    const r = buildLossMask([A, B], { ...opts, normalize: 'example' });
    const a = r.cells.find((c) => c.example === 0 && c.mask)!;
    const b = r.cells.find((c) => c.example === 1 && c.mask)!;
    expect(a.weight).toBeCloseTo(1 / 6, 12); // 1/(2 examples · 3 tokens)
    expect(b.weight).toBeCloseTo(1 / 4, 12); // 1/(2 · 2)
    const share = (e: number) => r.exampleShares.filter((s) => s.example === e).reduce((t, s) => t + s.share, 0);
    expect(share(0)).toBeCloseTo(0.5, 12);
    expect(share(1)).toBeCloseTo(0.5, 12);
    // token-level: A carries 3/5 of the loss
    const t = buildLossMask([A, B], opts);
    expect(t.exampleShares.filter((s) => s.example === 0).reduce((x, s) => x + s.share, 0)).toBeCloseTo(0.6, 12);
  });

  it('packing wraps one sequence with no padding; boundaries drop the cross-example label', () => {
    const r = buildLossMask([A, B], { ...opts, trainUser: true, packing: true, packedWidth: 4 });
    expect([r.rows, r.cols, r.positions, r.padding]).toEqual([3, 4, 10, 0]);
    const v1 = r.cells.find((c) => c.text === 'v1')!;
    expect([v1.position, v1.row, v1.col, v1.mask]).toEqual([7, 1, 3, 0]);
    expect(r.active).toBe(7);
    expect(r.leakingActive).toBe(0);
  });

  it('packing without boundaries: the next example’s first token is predicted across the seam and attention leaks', () => {
    const r = buildLossMask([A, B], { ...opts, trainUser: true, packing: true, boundaries: false, packedWidth: 4 });
    const v1 = r.cells.find((c) => c.text === 'v1')!;
    expect(v1.mask).toBe(1);
    expect(v1.crossLabel).toBe(true);
    expect(r.active).toBe(8);
    expect(r.leakingActive).toBe(3); // v1, b1, <end> of example B
    // with prompts untrained the seam label is masked, but B's answer still sees A
    const s = buildLossMask([A, B], { ...opts, packing: true, boundaries: false });
    expect(s.active).toBe(5);
    expect(s.leakingActive).toBe(2);
  });

  it('samples reproducible chats with the requested turns', () => {
    const chats = sampleChats(42, 3, 2, true);
    expect(sampleChats(42, 3, 2, true)).toEqual(chats);
    expect(chats).toHaveLength(3);
    for (const c of chats) {
      expect(c.map((t) => t.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
      c.filter((t) => t.role === 'assistant').forEach((t) => expect(t.tokens.at(-1)).toBe('<end>'));
    }
    expect(sampleChats(42, 2, 1, false)[0]!.map((t) => t.role)).toEqual(['user', 'assistant']);
  });
});
