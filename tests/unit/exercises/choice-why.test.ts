import { describe, expect, it } from 'vitest';
import { whyShownUnder } from '../../../src/exercises/choice-why';

const all = () => true;

describe('whyShownUnder', () => {
  it('shows a verdict shared by "pass" and "fail" once, under the correct option', () => {
    expect(whyShownUnder([false, true], ['verdict', 'verdict'], all)).toEqual([false, true]);
    expect(whyShownUnder([true, false], ['verdict', 'verdict'], all)).toEqual([true, false]);
  });

  it('keeps every distinct explanation under its own option', () => {
    expect(whyShownUnder([false, true, false, false], ['a', 'b', 'c', 'd'], all)).toEqual([true, true, true, true]);
  });

  it('shows each repeated paragraph once: four identical notes become one, two of three identical become one', () => {
    expect(whyShownUnder([false, false, true, false], ['same', 'same', 'same', 'same'], all)).toEqual([false, false, true, false]);
    // Two wrong options sharing a note, one correct option with its own: the shared note goes under the first wrong one.
    expect(whyShownUnder([true, false, false], ['right', 'wrong', 'wrong'], all)).toEqual([true, true, false]);
  });

  it('before the part is done, only the selected option explains itself, even if its note is shared', () => {
    const selected = (k: number) => k === 0;
    expect(whyShownUnder([false, true], ['verdict', 'verdict'], selected)).toEqual([true, false]);
    expect(whyShownUnder([false, true], ['verdict', 'verdict'], () => false)).toEqual([false, false]);
  });
});
