import { parseAnswer } from './parse-answer';
import type { ChoicePart, NumericMistake, NumericPart, Tex, Tolerance } from './types';

/**
 * Result of checking one part. `unreadable` is not an attempt (nothing was graded);
 * `targeted` is a wrong answer we recognise, with a message about that specific slip.
 */
export type Feedback =
  | { state: 'correct' }
  | { state: 'incorrect'; message: Tex }
  /** `mistake` is the index of the matched entry in the part's `mistakes` (absent for generic slips). */
  | { state: 'targeted'; message: Tex; mistake?: number }
  | { state: 'unreadable'; message: string };

/** Counts as an attempt: everything that was actually graded. */
export const isAttempt = (f: Feedback) => f.state !== 'unreadable';

// Floating-point slack so that a value exactly on the tolerance edge is accepted.
const EDGE = 1e-9;

export function withinTolerance(value: number, expected: number, tol: Tolerance): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(expected)) return false;
  const d = Math.abs(value - expected);
  if (tol.abs === undefined && tol.rel === undefined) return d <= 1e-12 * Math.max(1, Math.abs(expected));
  const absOk = tol.abs !== undefined && d <= tol.abs * (1 + EDGE) + 1e-15;
  const relOk = tol.rel !== undefined && d <= tol.rel * Math.abs(expected) * (1 + EDGE) + 1e-15;
  return absOk || relOk;
}

/** What the answer box tells the learner about how close an answer must be (withinTolerance's rule, in words). */
export function describeTolerance(tol: Tolerance): string {
  const abs = tol.abs !== undefined && tol.abs > 0 ? `±${tol.abs}` : null;
  const rel = tol.rel !== undefined && tol.rel > 0 ? `±${Number((tol.rel * 100).toFixed(4))}%` : null;
  if (abs && rel) return `Accepted within ${abs} or ${rel} of the answer, whichever is wider.`;
  if (abs) return `Accepted within ${abs}.`;
  if (rel) return `Accepted within ${rel} of the answer.`;
  return 'Only the exact value is accepted.';
}

function mistakeMatches(value: number, m: NumericMistake, tol: Tolerance): boolean {
  if (m.value !== undefined && !withinTolerance(value, m.value, m.tolerance ?? tol)) return false;
  if (m.min !== undefined && value < m.min) return false;
  if (m.max !== undefined && value > m.max) return false;
  return m.value !== undefined || m.min !== undefined || m.max !== undefined;
}

/** Grade an already-parsed number against a numeric part. */
export function gradeNumericValue(value: number, part: NumericPart): Feedback {
  const { answer, tolerance } = part;
  if (withinTolerance(value, answer, tolerance)) return { state: 'correct' };
  for (const [i, m] of part.mistakes.entries()) {
    if (mistakeMatches(value, m, tolerance)) return { state: 'targeted', message: m.message, mistake: i };
  }
  if (part.integer && !Number.isInteger(value)) {
    return { state: 'targeted', message: 'The answer is a count, so a whole number.' };
  }
  if (answer !== 0 && withinTolerance(-value, answer, tolerance)) {
    // A count has no sign to lose; elsewhere the slip is a minus sign somewhere along the way.
    return { state: 'targeted', message: part.integer ? 'Right size, but a count is never negative.' : 'Right size, wrong sign: check the sign of each term along the way.' };
  }
  if (!part.plain && Math.abs(answer) < 1 && withinTolerance(value / 100, answer, tolerance)) {
    return { state: 'targeted', message: 'That looks like a percentage typed without the % sign. Add % or give the proportion as a decimal.' };
  }
  return { state: 'incorrect', message: 'Not quite. Check each step, or take a hint.' };
}

/** Parse and grade a learner's text for a numeric part. */
export function gradeNumeric(text: string, part: NumericPart): Feedback {
  const parsed = parseAnswer(text);
  if (!parsed.ok) return { state: 'unreadable', message: parsed.message };
  if (parsed.percent && part.integer) {
    return { state: 'targeted', message: 'A count has no percent form: give the whole number, without %.' };
  }
  if (parsed.percent && part.plain) {
    return { state: 'targeted', message: 'This quantity is not a share or a probability, so it has no percent form: give it as a plain number, without %.' };
  }
  return gradeNumericValue(parsed.value, part);
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
};

/** Grade a selection of choice ids. An empty selection is not graded. */
export function gradeChoice(selected: readonly string[], part: ChoicePart): Feedback {
  const known = new Set(part.choices.map((c) => c.id));
  const picked = [...new Set(selected)].filter((id) => known.has(id));
  if (picked.length === 0) {
    return { state: 'unreadable', message: part.multiple ? 'Select at least one option first.' : 'Select an option first.' };
  }
  if (!part.multiple && picked.length > 1) return { state: 'unreadable', message: 'Select only one option.' };
  const correct = part.choices.filter((c) => c.correct).map((c) => c.id);
  if (sameSet(picked, correct)) return { state: 'correct' };
  for (const [i, m] of part.mistakes.entries()) {
    if (sameSet(picked, m.selection)) return { state: 'targeted', message: m.message, mistake: i };
  }
  if (part.multiple) {
    const missing = correct.filter((id) => !picked.includes(id)).length;
    const extra = picked.filter((id) => !correct.includes(id)).length;
    const bits = [];
    if (extra) bits.push(`${extra} of your selections ${extra === 1 ? 'is' : 'are'} wrong`);
    if (missing) bits.push(`${missing} correct option${missing === 1 ? ' is' : 's are'} missing`);
    return { state: 'incorrect', message: `Not quite: ${bits.join(' and ')}. Read the notes under the options you chose.` };
  }
  return { state: 'incorrect', message: 'Not this one. Read the note under your choice.' };
}
