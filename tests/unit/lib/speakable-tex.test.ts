import { describe, expect, it } from 'vitest';
import { speakableTex, speakableText } from '../../../src/lib/speakable-tex.mjs';

// Accessible names are computed from text, and Chromium leaves KaTeX's MathML out of them.
describe('speakable names for labels with maths', () => {
  it('reads Greek letters, sub- and superscripts and \\mathrm as words and symbols', () => {
    expect(speakableTex('\\pi_{\\mathrm{ref}}')).toBe('π ref');
    expect(speakableTex('\\beta\\log Z')).toBe('β log Z');
  });

  it('keeps the words of an option and puts its formulas back in place', () => {
    expect(speakableText('Output A ($p = 0.36$)')).toBe('Output A (p = 0.36)');
    expect(speakableText('$y_3$ has a higher true reward than $y_1$.')).toBe('y 3 has a higher true reward than y 1.');
    expect(speakableText('IPO lowers $h$, DPO raises it')).toBe('IPO lowers h, DPO raises it');
    expect(speakableText('Pass: the lower bound is at least $0.85$')).toBe('Pass: the lower bound is at least 0.85');
  });

  it('drops the bold markers of exercise prose and leaves plain text alone', () => {
    expect(speakableText('**Both** lower it')).toBe('Both lower it');
    expect(speakableText('No formula here')).toBe('No formula here');
  });
});

describe('speakable names keep a subscript apart from what follows', () => {
  it('reads π_ref e^{r/β} as three words, and a tuple without stray spaces', () => {
    expect(speakableTex('\\pi_{\\mathrm{ref}}e^{r/\\beta}')).toBe('π ref e r/β');
    expect(speakableTex('(x,y_w,y_l)')).toBe('(x, y w, y l)');
  });
});
