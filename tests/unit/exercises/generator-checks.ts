import { expect } from 'vitest';
import { gradeChoice, gradeNumericValue, withinTolerance } from '@exercises/grade';
import { fixed } from '@exercises/format';
import type { ChoicePart, ExerciseDef, NumericPart, Variant } from '@exercises/types';

/**
 * ≥ 200 seeds: a small contiguous block, seeds spread over the whole range "New numbers" draws from
 * (a seeded LCG's first draw moves by only 0.0004 per unit of seed, so consecutive seeds alone would
 * test a sliver of every generator's first choice), and the extremes.
 */
export const SEEDS = [
  ...Array.from({ length: 20 }, (_, i) => i),
  ...Array.from({ length: 200 }, (_, i) => (i * 10_737_407 + 12_345) % 2 ** 31),
  2 ** 31 - 1,
  2 ** 31 - 2,
  123_456_789,
  987_654_321,
  1_000_003,
];

/** The numbers of the prompt, as written there ("12{,}000" → 12000, "5\\%" → 5). */
export const givenNumbers = (v: Variant) => v.given.map((g) => Number(g.replace(/\{,\}/g, '').replace('\\%', '')));

export const allText = (v: Variant) => [v.prompt, ...v.parts.map((p) => p.prompt)].join('\n');

const DECIMALS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4 };

export function numericParts(v: Variant): NumericPart[] {
  return v.parts.filter((p): p is NumericPart => p.kind === 'numeric');
}
export function choiceParts(v: Variant): ChoicePart[] {
  return v.parts.filter((p): p is ChoicePart => p.kind === 'choice');
}

/** Structure every variant must have, whatever the exercise. */
export function checkShape(def: ExerciseDef, v: Variant) {
  expect(v.seed).toBeTypeOf('number');
  expect(v.hints.length).toBeGreaterThanOrEqual(2);
  expect(v.hints.length).toBeLessThanOrEqual(3);
  expect(v.solution.length).toBeGreaterThanOrEqual(2);
  expect(v.parts.length).toBeGreaterThanOrEqual(1);
  expect(new Set(v.parts.map((p) => p.id)).size).toBe(v.parts.length);
  // The prompt shows the numbers the exercise is about.
  expect(v.given.length).toBeGreaterThan(0);
  const text = allText(v);
  for (const g of v.given) expect(text, `${def.id} seed ${v.seed}: "${g}" missing from the prompt`).toContain(g);
  for (const p of numericParts(v)) {
    expect(Number.isFinite(p.answer)).toBe(true);
    expect(p.tolerance.abs !== undefined || p.tolerance.rel !== undefined).toBe(true);
    expect(p.exact.length).toBeGreaterThan(0);
  }
  for (const p of choiceParts(v)) {
    const correct = p.choices.filter((c) => c.correct).length;
    expect(correct).toBeGreaterThanOrEqual(1);
    if (!p.multiple) expect(correct).toBe(1);
    for (const c of p.choices) expect(c.explanation.length).toBeGreaterThan(10);
  }
  // At least one known wrong answer with its own message per exercise.
  expect(v.parts.reduce((n, p) => n + p.mistakes.length, 0)).toBeGreaterThanOrEqual(1);
  // A negative number after + or − is bracketed: "−0.3 − (−0.1)", never "−0.3 − −0.1".
  const written = [allText(v), ...v.hints, ...v.solution, ...v.parts.flatMap((p) => p.mistakes.map((m) => m.message))];
  for (const t of written) expect(t, `${def.id} seed ${v.seed}`).not.toMatch(/[-+−]\s*[-−]\s*\d/);
}

/** The right answer is graded correct (also when rounded as the prompt asks); every targeted message fires for its slip. */
export function checkGrading(def: ExerciseDef, v: Variant) {
  const where = `${def.id} seed ${v.seed}`;
  for (const p of numericParts(v)) {
    expect(gradeNumericValue(p.answer, p).state, where).toBe('correct');
    const d = /\b(one|two|three|four) decimals?\b/i.exec(p.prompt)?.[1]?.toLowerCase();
    if (d) {
      const rounded = Number(p.answer.toFixed(DECIMALS[d]!));
      expect(gradeNumericValue(rounded, p).state, `${where} rounded to ${d}`).toBe('correct');
    }
    // The right share typed as a percentage without its % sign ("10" for 0.1) is never told it made a
    // slip. (Not for answers under 0.1%: "−0.0124" for −0.000124 is a point estimate, not a percentage.)
    if (!p.plain && Math.abs(p.answer) < 1 && Math.abs(p.answer) >= 0.001) {
      const f = gradeNumericValue(100 * p.answer, p);
      expect(f.state === 'targeted' && f.mistake !== undefined ? p.mistakes[f.mistake]!.message : null, `${where} part ${p.id}: 100 × answer`).toBe(null);
    }
    p.mistakes.forEach((m, i) => {
      const probe = m.value ?? (m.min !== undefined ? m.min + 0.05 : m.max! - 0.05);
      const f = gradeNumericValue(probe, p);
      expect(f, `${where} part ${p.id} mistake ${i}`).toEqual({ state: 'targeted', message: m.message, mistake: i });
      if (m.value !== undefined) expect(withinTolerance(m.value, p.answer, p.tolerance), `${where}: mistake equals answer`).toBe(false);
    });
  }
  for (const p of choiceParts(v)) {
    const right = p.choices.filter((c) => c.correct).map((c) => c.id);
    expect(gradeChoice(right, p).state, where).toBe('correct');
    p.mistakes.forEach((m, i) => {
      expect(gradeChoice(m.selection, p), `${where} part ${p.id} mistake ${i}`).toEqual({ state: 'targeted', message: m.message, mistake: i });
    });
  }
}

export const numericAnswer = (v: Variant, id: string) => {
  const p = v.parts.find((q) => q.id === id);
  if (!p || p.kind !== 'numeric') throw new Error(`no numeric part ${id}`);
  return p.answer;
};
export const correctIds = (v: Variant, id: string) => {
  const p = v.parts.find((q) => q.id === id);
  if (!p || p.kind !== 'choice') throw new Error(`no choice part ${id}`);
  return p.choices.filter((c) => c.correct).map((c) => c.id).sort();
};

/**
 * One worked step "… = c" or "… \approx c", matched by `pattern` (its groups: the operands, the sign,
 * then c). With "=", the operands as shown give c as shown (the site's rounding, `digits` decimals);
 * with ≈, they come within 3 in the last place. Returns whether the step said ≈.
 */
export function checkShownStep(where: string, line: string | undefined, pattern: RegExp, recompute: (x: number[]) => number, digits: number): boolean {
  expect(line, `${where}: step not found`).toBeDefined();
  const m = pattern.exec(line!)!;
  const rel = m.find((g) => g === '=' || g === '\\approx')!;
  const xs = m.slice(1).filter((g) => g !== rel && g !== undefined).map(Number);
  const shown = xs.pop()!;
  const again = recompute(xs);
  if (rel === '=') expect(fixed(again, digits), `${where}: ${line}`).toBe(fixed(shown, digits));
  else expect(Math.abs(again - shown), `${where}: ${line}`).toBeLessThan(3 * 10 ** -digits);
  return rel !== '=';
}
