import { describe, expect, it } from 'vitest';
import { sectionsLabel } from '../../../src/lib/sections';

describe('sectionsLabel', () => {
  it('names one section in the singular', () => expect(sectionsLabel([7])).toBe('section 7'));
  it('joins two sections with "and", in order', () => expect(sectionsLabel([6, 5])).toBe('sections 5 and 6'));
  it('writes a run of three or more as a range', () => expect(sectionsLabel([1, 2, 3])).toBe('sections 1–3'));
  it('lists a broken run', () => expect(sectionsLabel([1, 3, 5])).toBe('sections 1, 3 and 5'));
});
