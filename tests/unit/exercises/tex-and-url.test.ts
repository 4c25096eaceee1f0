import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { escapeHtml, texInline, texToHtml } from '@exercises/tex';
import { freshSeed, isSeed, MAX_EXERCISE_SEED, readSeed, seedParamOf, writeSeed } from '@exercises/url-seed';

describe('texToHtml', () => {
  it('escapes prose and renders inline and display math with KaTeX', () => {
    const html = texToHtml('If a < b & **c**, then $x^2$.\n\n$$\\kappa = 1$$', katex);
    expect(html).toContain('a &lt; b &amp; <strong>c</strong>');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html.match(/<p>/g)).toHaveLength(2);
  });

  it('falls back to readable TeX source without KaTeX', () => {
    expect(texInline('value $x<1$', null)).toBe('value <code class="tex-fallback">x&lt;1</code>');
  });

  it('throws on a broken formula (the build fails instead of shipping it)', () => {
    expect(() => texInline('$\\frac{1}{$', katex)).toThrow();
  });

  it('escapeHtml covers every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('seeds in the URL', () => {
  it('reads a valid seed for its own exercise only', () => {
    expect(readSeed('?ex-kappa-table=123', 'kappa-table')).toBe(123);
    expect(readSeed('?ex-kappa-table=123', 'priority-score')).toBeUndefined();
    expect(readSeed('?a=1&ex-kappa-table=0&b=2', 'kappa-table')).toBe(0);
    expect(readSeed(`?ex-x=${MAX_EXERCISE_SEED}`, 'x')).toBe(MAX_EXERCISE_SEED);
  });

  it.each(['abc', '-1', '1.5', '1e3', '', '99999999999', String(MAX_EXERCISE_SEED + 1), '%3Cscript%3E', 'NaN', '0x10'])('ignores junk seed %j', (junk) => {
    expect(readSeed(`?ex-x=${junk}`, 'x')).toBeUndefined();
    // ... and says so, so the page can tell the learner why the link's numbers are not shown.
    expect(seedParamOf(`?ex-x=${junk}`, 'x')).toEqual({ kind: 'invalid', raw: decodeURIComponent(junk) });
  });

  it('tells an absent parameter from a junk one, and takes the first valid of repeated ones', () => {
    expect(seedParamOf('?ex-y=5', 'x')).toEqual({ kind: 'absent' });
    expect(seedParamOf('', 'x')).toEqual({ kind: 'absent' });
    expect(seedParamOf('?ex-x=abc&ex-x=-5', 'x')).toEqual({ kind: 'invalid', raw: 'abc' });
    expect(seedParamOf('?ex-x=abc&ex-x=42', 'x')).toEqual({ kind: 'seed', seed: 42 });
    expect([0, 7, MAX_EXERCISE_SEED].every(isSeed)).toBe(true);
    expect([-1, 1.5, MAX_EXERCISE_SEED + 1, NaN, '3'].some(isSeed)).toBe(false);
  });

  it('writes one parameter per exercise, keeps the others, drops the default', () => {
    const q = writeSeed('?ex-a=5&theme=dark', 'b', 77, 3);
    const params = new URLSearchParams(q);
    expect(params.get('ex-a')).toBe('5');
    expect(params.get('ex-b')).toBe('77');
    expect(params.get('theme')).toBe('dark');
    expect(writeSeed('?ex-b=77', 'b', 3, 3)).toBe('');
  });

  it('a fresh seed is in range and differs from the current one', () => {
    expect(freshSeed(5, () => 0)).toBe(0);
    expect(freshSeed(0, () => 0)).toBe(1);
    const s = freshSeed(1, () => 0.999999999);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(MAX_EXERCISE_SEED);
  });
});
