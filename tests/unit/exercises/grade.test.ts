import { describe, expect, it } from 'vitest';
import { gradeChoice, gradeNumeric, gradeNumericValue, isAttempt, withinTolerance } from '@exercises/grade';
import type { ChoicePart, NumericPart } from '@exercises/types';

const part = (over: Partial<NumericPart> = {}): NumericPart => ({
  kind: 'numeric',
  id: 'a',
  prompt: 'x',
  answer: 0.4,
  tolerance: { abs: 0.002 },
  exact: '$0.4$',
  mistakes: [],
  ...over,
});

describe('withinTolerance', () => {
  it('absolute: just inside passes, just outside fails, the edge itself passes', () => {
    expect(withinTolerance(0.4 + 0.00199, 0.4, { abs: 0.002 })).toBe(true);
    expect(withinTolerance(0.4 - 0.00199, 0.4, { abs: 0.002 })).toBe(true);
    expect(withinTolerance(0.4 + 0.002, 0.4, { abs: 0.002 })).toBe(true);
    expect(withinTolerance(0.4 + 0.00201, 0.4, { abs: 0.002 })).toBe(false);
    expect(withinTolerance(0.4 - 0.00201, 0.4, { abs: 0.002 })).toBe(false);
  });

  it('relative: scales with the answer', () => {
    expect(withinTolerance(1000 * 1.0099, 1000, { rel: 0.01 })).toBe(true);
    expect(withinTolerance(1000 * 1.0101, 1000, { rel: 0.01 })).toBe(false);
    expect(withinTolerance(1000 * 0.9901, 1000, { rel: 0.01 })).toBe(true);
    expect(withinTolerance(1000 * 0.9899, 1000, { rel: 0.01 })).toBe(false);
    expect(withinTolerance(0.001 * 1.0099, 0.001, { rel: 0.01 })).toBe(true);
    expect(withinTolerance(0.001 * 1.02, 0.001, { rel: 0.01 })).toBe(false);
  });

  it('both: either bound is enough', () => {
    const tol = { abs: 0.001, rel: 0.01 };
    // Small answer: the absolute bound is the looser one.
    expect(withinTolerance(0.02 + 0.0009, 0.02, tol)).toBe(true);
    expect(withinTolerance(0.02 + 0.0011, 0.02, tol)).toBe(false);
    // Large answer: the relative bound is the looser one.
    expect(withinTolerance(5 + 0.049, 5, tol)).toBe(true);
    expect(withinTolerance(5 + 0.051, 5, tol)).toBe(false);
  });

  it('zero tolerance means exact (integer answers)', () => {
    expect(withinTolerance(4, 4, { abs: 0 })).toBe(true);
    expect(withinTolerance(4.0000001, 4, { abs: 0 })).toBe(false);
    expect(withinTolerance(3, 4, { abs: 0 })).toBe(false);
  });

  it('never accepts non-finite values', () => {
    expect(withinTolerance(NaN, 0.4, { abs: 1 })).toBe(false);
    expect(withinTolerance(Infinity, 0.4, { rel: 1 })).toBe(false);
  });
});

describe('gradeNumeric', () => {
  it('correct, incorrect and unreadable states', () => {
    expect(gradeNumeric('0.4', part()).state).toBe('correct');
    expect(gradeNumeric('40%', part()).state).toBe('correct');
    expect(gradeNumeric('2/5', part()).state).toBe('correct');
    expect(gradeNumeric('0.5', part()).state).toBe('incorrect');
    const u = gradeNumeric('abc', part());
    expect(u.state).toBe('unreadable');
    expect(isAttempt(u)).toBe(false);
    expect(isAttempt(gradeNumeric('0.5', part()))).toBe(true);
  });

  it('targeted messages: by value (with tolerance) and by range; the right answer wins', () => {
    const p = part({
      mistakes: [
        { value: 0.7, message: 'raw agreement' },
        { min: 1.0001, message: 'too big' },
      ],
    });
    expect(gradeNumeric('0.7', p)).toEqual({ state: 'targeted', message: 'raw agreement', mistake: 0 });
    expect(gradeNumeric('0.7015', p).state).toBe('targeted');
    expect(gradeNumeric('0.705', p).state).toBe('incorrect');
    expect(gradeNumeric('1.7', p)).toEqual({ state: 'targeted', message: 'too big', mistake: 1 });
    expect(gradeNumeric('0.4', p).state).toBe('correct');
    // A mistake that coincides with the answer can never hide the right answer.
    expect(gradeNumeric('0.4', part({ mistakes: [{ value: 0.4, message: 'x' }] })).state).toBe('correct');
  });

  it('generic slips: a percentage without %, a flipped sign, a fraction of a count', () => {
    expect(gradeNumeric('40', part())).toMatchObject({ state: 'targeted', message: expect.stringMatching(/percentage/) });
    // A slope or a margin is not a share: 100 times the answer is just wrong.
    expect(gradeNumeric('40', part({ plain: true }))).toMatchObject({ state: 'incorrect' });
    // ... and "40%" of a loss or a statistic is a unit slip, not the answer 0.4.
    expect(gradeNumeric('40%', part())).toMatchObject({ state: 'correct' });
    expect(gradeNumeric('40%', part({ plain: true }))).toMatchObject({ state: 'targeted', message: expect.stringMatching(/no percent form/) });
    expect(gradeNumeric('0.4', part({ plain: true }))).toMatchObject({ state: 'correct' });
    expect(gradeNumeric('-0.4', part())).toMatchObject({ state: 'targeted', message: expect.stringMatching(/sign/) });
    const count = part({ answer: 5, tolerance: { abs: 0 }, integer: true });
    expect(gradeNumeric('5', count).state).toBe('correct');
    expect(gradeNumeric('4.6', count)).toMatchObject({ state: 'targeted', message: expect.stringMatching(/whole number/) });
    expect(gradeNumeric('4', count).state).toBe('incorrect');
    // A count is neither a share nor signed: "500%" was read as 5 and passed, "−5" was told to check a subtraction.
    expect(gradeNumeric('500%', count)).toMatchObject({ state: 'targeted', message: expect.stringMatching(/count has no percent form/) });
    expect(gradeNumeric('-5', count)).toMatchObject({ state: 'targeted', message: expect.stringMatching(/count is never negative/) });
    // A non-integer reply is told what the answer is, not to round "the way the question asks" (most do not say).
    expect(gradeNumeric('4.6', count)).toMatchObject({ message: expect.not.stringMatching(/round/) });
  });

  it('the message never contains what the learner typed', () => {
    for (const text of ['<img src=x onerror=alert(1)>', 'abc<script>', '0.9']) {
      const f = gradeNumeric(text, part());
      expect('message' in f ? f.message : '').not.toContain('<');
    }
  });

  it('gradeNumericValue is the same decision on a parsed number', () => {
    expect(gradeNumericValue(0.401, part()).state).toBe('correct');
    expect(gradeNumericValue(0.41, part()).state).toBe('incorrect');
  });
});

describe('gradeChoice', () => {
  const single: ChoicePart = {
    kind: 'choice',
    id: 'b',
    prompt: 'x',
    multiple: false,
    choices: [
      { id: 'pass', label: 'Pass', correct: false, explanation: '' },
      { id: 'fail', label: 'Fail', correct: true, explanation: '' },
    ],
    mistakes: [{ selection: ['pass'], message: 'point estimate' }],
  };
  const multi: ChoicePart = {
    ...single,
    multiple: true,
    choices: ['A', 'B', 'C', 'D'].map((id) => ({ id, label: id, correct: id === 'A' || id === 'C', explanation: '' })),
    mistakes: [{ selection: ['A', 'B'], message: 'by risk alone' }],
  };

  it('single choice', () => {
    expect(gradeChoice(['fail'], single).state).toBe('correct');
    expect(gradeChoice(['pass'], single)).toEqual({ state: 'targeted', message: 'point estimate', mistake: 0 });
    expect(gradeChoice([], single).state).toBe('unreadable');
    expect(gradeChoice(['pass', 'fail'], single).state).toBe('unreadable');
    expect(gradeChoice(['bogus'], single).state).toBe('unreadable');
  });

  it('several correct: order and duplicates do not matter; partial answers say what is off', () => {
    expect(gradeChoice(['C', 'A'], multi).state).toBe('correct');
    expect(gradeChoice(['A', 'C', 'C'], multi).state).toBe('correct');
    expect(gradeChoice(['B', 'A'], multi)).toMatchObject({ state: 'targeted', message: 'by risk alone' });
    const partial = gradeChoice(['A'], multi);
    expect(partial.state).toBe('incorrect');
    expect('message' in partial && partial.message).toMatch(/1 correct option is missing/);
    const extra = gradeChoice(['A', 'C', 'D'], multi);
    expect('message' in extra && extra.message).toMatch(/1 of your selections is wrong/);
    expect(gradeChoice([], multi).state).toBe('unreadable');
  });
});
