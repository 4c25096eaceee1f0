import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import rehypeKatexTail, { glueKatexTail } from '../../../src/lib/rehype-katex-tail.mjs';
import { texInline } from '../../../src/exercises/tex';

const render = (tex: string) => katex.renderToString(tex, { output: 'htmlAndMathml' });
const bases = (html: string) => [...html.matchAll(/<span class="katex-base">/g)].length;
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('inline maths keeps the punctuation after it on its line', () => {
  it('wraps only the last of the formula’s blocks, so the formula can still break before it', () => {
    const html = render('a = b + c');
    expect(bases(html)).toBeGreaterThan(1);
    const glued = glueKatexTail(html);
    expect(glued.match(/<span class="katex-tail">/g)).toHaveLength(1);
    // The tail holds the last block only, and nothing is lost or reordered.
    expect(glued.slice(glued.indexOf('katex-tail'))).not.toMatch(/katex-base[\s\S]*katex-base/);
    expect(text(glued)).toBe(text(html));
  });

  it('in a page, glues a formula followed by punctuation and leaves the others alone', () => {
    const tree = fromHtml(`<p>from ${render('n = 0')}. A pooled curve, ${render('x')} and ${render('y')}), then ${render('z')}</p>`, { fragment: true });
    rehypeKatexTail()(tree);
    const out = toHtml(tree);
    expect(out.match(/class="katex-tail"/g)).toHaveLength(2);
    expect(out).toMatch(/class="katex-tail"><span class="katex-base">[\s\S]*?0<\/span><\/span><\/span><\/span><\/span>\. A pooled/);
    expect(text(out)).toBe(text(toHtml(fromHtml(`<p>from ${render('n = 0')}. A pooled curve, ${render('x')} and ${render('y')}), then ${render('z')}</p>`, { fragment: true }))));
  });

  it('puts an opening bracket and the formula after it in one no-wrap span, the bracket kept once', () => {
    const html = `<p>raised the rejected response (${render('\\Delta_l = 0.5')}) and ${render('y')}</p>`;
    const tree = fromHtml(html, { fragment: true });
    rehypeKatexTail()(tree);
    const out = toHtml(tree);
    expect(out).toMatch(/response <span class="katex-open">\(<span class="katex">/);
    expect(out.match(/class="katex-open"/g)).toHaveLength(1);
    expect(text(out)).toBe(text(html));
    const ex = texInline('raised it ($\\Delta_l = 0.5$), then', katex);
    expect(ex).toMatch(/raised it <span class="katex-open">\(<span class="katex">/);
    expect(text(ex)).toContain('raised it (');
    expect(ex).toContain('katex-tail');
  });

  it('in exercise text, glues before punctuation only', () => {
    expect(texInline('with $\\rho = 1.58$, so', katex)).toContain('katex-tail');
    expect(texInline('with $\\rho = 1.58$ so', katex)).not.toContain('katex-tail');
    expect(texInline('with $$\\rho = 1.58$$.', katex)).not.toContain('katex-tail');
  });
});
