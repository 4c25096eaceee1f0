import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { breakKatexDisplay, breakPieces, breakRuns, displayLayout, parseArray, splitTopLevelQquad } from '../../../src/lib/math-breaks.mjs';
import { rehypeKatexBreaks, rehypeMathRows } from '../../../src/lib/rehype-math-breaks.mjs';
import { texInline, texToHtml } from '../../../src/exercises/tex';

const display = (tex: string) => katex.renderToString(tex, { displayMode: true, output: 'htmlAndMathml' });
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e]!);
/** The text of each no-wrap run of a display formula (its visible part only). */
const units = (html: string) =>
  [...html.matchAll(/<span class="katex-unit[" ]/g)].map((m) => {
    // A unit ends where the span opened at its start closes.
    let depth = 0;
    const re = /<(\/?)span\b[^>]*>/g;
    re.lastIndex = m.index;
    for (let t; (t = re.exec(html)); ) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) return text(html.slice(m.index, re.lastIndex)).replace(/\u200b/g, '');
    }
    return '';
  });

/** The text of each piece of the runs that may break after a binary operator. */
const pieces = (html: string) => [...html.matchAll(/<span class="katex-piece[" ]/g)].map((m) => units(html.slice(m.index).replace('katex-piece', 'katex-unit'))[0]);

describe('a display formula splits at a \\qquad on its outer level', () => {
  it('splits side-by-side formulas and keeps each part whole', () => {
    expect(splitTopLevelQquad('a = b, \\qquad c = d.')).toEqual(['a = b,', 'c = d.']);
    expect(splitTopLevelQquad('x \\qquad \\text{and} \\qquad y')).toEqual(['x', '\\text{and}', 'y']);
  });

  it('does not split inside braces, environments, \\left…\\right or brackets', () => {
    for (const tex of [
      '\\frac{a \\qquad b}{c}',
      '\\begin{aligned} a &= b \\qquad c \\end{aligned}',
      '\\left( a \\qquad b \\right)',
      '\\big( a \\qquad b \\big)',
      '\\lbrace a \\qquad b \\rbrace',
      '\\{ a \\qquad b \\}',
    ])
      expect(splitTopLevelQquad(tex)).toEqual([tex]);
  });

  it('counts brackets by kind-blind depth, so a half-open interval closes; an unclosed one splits nothing', () => {
    expect(splitTopLevelQquad('x \\in [0, 1), \\qquad y = 2')).toEqual(['x \\in [0, 1),', 'y = 2']);
    expect(splitTopLevelQquad('\\big( a, \\qquad b')).toEqual(['\\big( a, \\qquad b']);
  });

  it('ignores \\qquad-like words and empty parts', () => {
    expect(splitTopLevelQquad('a \\qquadx b')).toEqual(['a \\qquadx b']);
    expect(splitTopLevelQquad('\\qquad a')).toEqual(['a']);
  });
});

describe('an outer gathered is set as its lines', () => {
  it('splits at each outer \\\\ (dropping its spacing), then each line at \\qquad', () => {
    expect(displayLayout('\\begin{gathered}\na = b, \\qquad c = d \\\\[6pt]\ne = f\n\\end{gathered}')).toEqual([['a = b,', 'c = d'], ['e = f']]);
  });

  it('keeps the rows of an inner environment inside their line', () => {
    const cases = 'A = \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}';
    expect(displayLayout(`\\begin{gathered}${cases} \\\\ B = 2\\end{gathered}`)).toEqual([[cases], ['B = 2']]);
  });

  it('leaves other environments, and formulas around a gathered, whole', () => {
    for (const tex of ['\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}', 'x = \\begin{gathered} a \\\\ b \\end{gathered}'])
      expect(displayLayout(tex)).toEqual([[tex]]);
  });
});

describe('a display formula may break only after an outer relation', () => {
  const atom = (cls: string, t = '') => ({ classes: [cls], text: t });
  it('ends a run after a relation at bracket depth 0, never after a binary operator', () => {
    // a = | b + | c = | d   (KaTeX cuts after each relation and operator)
    const blocks = [[atom('mord', 'a'), atom('mrel', '=')], [atom('mord', 'b'), atom('mbin', '+')], [atom('mord', 'c'), atom('mrel', '=')], [atom('mord', 'd')]];
    expect(breakRuns(blocks)).toEqual([[0, 0], [1, 2], [3, 3]]);
  });

  it('does not break inside brackets opened in an earlier block', () => {
    // ( a = | b ) = | c
    const blocks = [[atom('mopen', '('), atom('mord', 'a'), atom('mrel', '=')], [atom('mord', 'b'), atom('mclose', ')'), atom('mrel', '=')], [atom('mord', 'c')]];
    expect(breakRuns(blocks)).toEqual([[0, 1], [2, 2]]);
  });

  it('counts \\big( … \\big), which KaTeX draws as ordinary atoms, as brackets', () => {
    const html = breakKatexDisplay(display('L = \\log\\pi\\big(y \\mid x\\big) \\le c'));
    expect(units(html)).toEqual(['L=', 'logπ(y∣x)≤', 'c']);
  });

  it('prefers an arrow between statements to the relations inside them', () => {
    const blocks = [[atom('mord', 'a'), atom('mrel', '=')], [atom('mord', 'b'), atom('mrel', '⟹')], [atom('mord', 'c'), atom('mrel', '=')], [atom('mord', 'd')]];
    expect(breakRuns(blocks)).toEqual([[0, 1], [2, 3]]);
  });

  it('never ends a run after the last block', () => {
    expect(breakRuns([[atom('mord', 'a'), atom('mrel', '=')]])).toEqual([[0, 0]]);
    expect(breakRuns([])).toEqual([]);
  });
});

describe('a run wider than the column may also break after a binary operator', () => {
  const atom = (cls: string, t = '') => ({ classes: [cls], text: t });
  it('cuts a run after each block that ends on a binary operator, spacing aside, at any depth', () => {
    // a = | ( b + | c ∣ | d − | e )   as KaTeX cuts it; the run after "=" is blocks 1–4
    const blocks = [
      [atom('mord', 'a'), atom('mrel', '=')],
      [atom('mopen', '('), atom('mord', 'b'), atom('mbin', '+'), atom('mspace')],
      [atom('mord', 'c'), atom('mrel', '∣')],
      [atom('mord', 'd'), atom('mbin', '−'), atom('mspace')],
      [atom('mord', 'e'), atom('mclose', ')')],
    ];
    expect(breakRuns(blocks)).toEqual([[0, 0], [1, 4]]);
    // Not after the conditional bar: it is a relation inside brackets.
    const leaf = (a: number, b: number) => ({ range: [a, b], pieces: null });
    expect(breakPieces(blocks, [1, 4])).toEqual([leaf(1, 1), leaf(2, 3), leaf(4, 4)]);
    expect(breakPieces(blocks, [0, 0])).toBeNull();
  });

  it('breaks at the outermost operators first, and inside brackets only within a piece that is still too wide', () => {
    // p + | ( 1 − | q ) r + | s   as KaTeX cuts "p + (1 − q) r + s"
    const blocks = [
      [atom('mord', 'p'), atom('mbin', '+')],
      [atom('mopen', '('), atom('mord', '1'), atom('mbin', '−')],
      [atom('mord', 'q'), atom('mclose', ')'), atom('mord', 'r'), atom('mbin', '+')],
      [atom('mord', 's')],
    ];
    expect(breakPieces(blocks, [0, 3])).toEqual([
      { range: [0, 0], pieces: null },
      { range: [1, 2], pieces: [{ range: [1, 1], pieces: null }, { range: [2, 2], pieces: null }] },
      { range: [3, 3], pieces: null },
    ]);
  });

  it('marks the pieces of a real formula, and lets a formula with no relation wrap at its operators', () => {
    const tex = 'L = -\\log\\sigma\\Big(\\beta\\log\\frac{\\pi(y_w\\mid x)}{q} - \\beta\\log\\frac{\\pi(y_l\\mid x)}{q}\\Big)';
    const html = breakKatexDisplay(display(tex));
    expect(units(html)).toEqual(['L=', '−logσ(βlogqπ(yw∣x)−βlogqπ(yl∣x))']);
    expect(pieces(html)).toEqual(['−logσ(βlogqπ(yw∣x)−', 'βlogqπ(yl∣x))']);
    const nested = breakKatexDisplay(display('J = a\\,C + (1 - b)\\,D'));
    expect(units(nested)).toEqual(['J=', 'aC+(1−b)D']);
    expect(pieces(nested)).toEqual(['aC+', '(1−b)D', '(1−', 'b)D']);
    expect(text(html)).toBe(text(display(tex)));
    expect(pieces(breakKatexDisplay(display('a + b')))).toEqual(['a+', 'b']);
  });
});

describe('the string and page versions agree on KaTeX output', () => {
  it('groups a real formula after its relations only', () => {
    const html = breakKatexDisplay(display('L = -\\log\\sigma\\big(\\beta (a - b)\\big) + c \\le d'));
    expect(html.startsWith('<span class="katex-display katex-wraps">')).toBe(true);
    expect(units(html)).toEqual(['L=', '−logσ(β(a−b))+c≤', 'd']);
    expect(text(html)).toBe(text(display('L = -\\log\\sigma\\big(\\beta (a - b)\\big) + c \\le d')));
  });

  it('leaves a formula with nothing to break, or built of environments, as KaTeX drew it', () => {
    for (const tex of ['ab', '\\frac{a + b}{c}', '\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}', 'a = b \\\\ c = d']) expect(breakKatexDisplay(display(tex))).toBe(display(tex));
  });

  // Every display formula of the lessons, drawn both ways: the tree plugin (pages) and the string
  // scanner (exercises in the browser) must cut each one into the same runs.
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.mdx')) for (const m of readFileSync(p, 'utf8').matchAll(/^\$\$\n([\s\S]+?)\n\$\$/gm)) sources.push(m[1]!);
    }
  };
  walk('content/lessons');

  it(`on all ${sources.length > 0 ? sources.length : 'the'} display formulas of the lessons`, () => {
    expect(sources.length).toBeGreaterThan(100);
    let wrapped = 0;
    for (const tex of sources) {
      for (const part of displayLayout(tex).flat()) {
        const html = display(part);
        const tree = fromHtml(html, { fragment: true });
        rehypeKatexBreaks()(tree);
        const page = toHtml(tree);
        const string = breakKatexDisplay(html);
        expect(units(string), part).toEqual(units(page));
        expect(pieces(string), part).toEqual(pieces(page));
        expect(text(string), part).toBe(text(html));
        if (units(string).length) wrapped++;
      }
    }
    expect(wrapped).toBeGreaterThan(40);
  });
});

describe('pages and exercises set side-by-side formulas as a row', () => {
  it('turns one display block into a row of displays, each rendered on its own', () => {
    const tree = fromHtml('<pre><code class="language-math math-display">a = b, \\qquad c = d</code></pre>', { fragment: true });
    rehypeMathRows()(tree);
    expect(toHtml(tree)).toBe(
      '<div class="math-row"><pre><code class="language-math math-display">a = b,</code></pre><pre><code class="language-math math-display">c = d</code></pre></div>',
    );
  });

  it('turns an outer gathered into a stack of its lines', () => {
    const tree = fromHtml('<pre><code class="language-math math-display">\\begin{gathered} a, \\qquad b \\\\ c \\end{gathered}</code></pre>', { fragment: true });
    rehypeMathRows()(tree);
    expect(toHtml(tree)).toBe(
      '<div class="math-stack"><div class="math-row"><pre><code class="language-math math-display">a,</code></pre><pre><code class="language-math math-display">b</code></pre></div><pre><code class="language-math math-display">c</code></pre></div>',
    );
  });

  it('exercise text does the same', () => {
    const html = texInline('$$\\mathcal{L} = (h - 1)^2, \\qquad h = 0.5$$', katex);
    expect(html.startsWith('<span class="katex-display-wrap math-row"><span class="katex-display katex-wraps">')).toBe(true);
    expect(html.match(/class="katex-display[ "]/g)).toHaveLength(2);
    expect(texInline('$$a b$$', katex)).toBe(`<span class="katex-display-wrap">${display('a b')}</span>`);
    const stack = texInline('$$\\begin{gathered} a = 1 \\\\ b = 2 \\end{gathered}$$', katex);
    expect(stack).toBe(`<span class="katex-display-wrap math-stack">${breakKatexDisplay(display('a = 1'))}${breakKatexDisplay(display('b = 2'))}</span>`);
  });
});

describe('an exercise table written as a TeX array becomes an HTML table', () => {
  const KAPPA =
    '\\begin{array}{l|cc|c} & \\text{B: violation} & \\text{B: ok} & \\text{total} \\\\ \\hline \\text{A: violation} & 30 & 10 & 40 \\\\ ' +
    '\\text{A: ok} & 5 & 55 & 60 \\\\ \\hline \\text{total} & 35 & 65 & 100 \\end{array}';

  it('reads columns, rules and cells (empty ones kept; a bracketed interval is one cell)', () => {
    expect(parseArray(KAPPA)).toEqual({
      columns: [
        { align: 'left', ruleBefore: false },
        { align: 'center', ruleBefore: true },
        { align: 'center', ruleBefore: false },
        { align: 'center', ruleBefore: true },
      ],
      rows: [
        { cells: ['', '\\text{B: violation}', '\\text{B: ok}', '\\text{total}'], ruleAbove: false },
        { cells: ['\\text{A: violation}', '30', '10', '40'], ruleAbove: true },
        { cells: ['\\text{A: ok}', '5', '55', '60'], ruleAbove: false },
        { cells: ['\\text{total}', '35', '65', '100'], ruleAbove: true },
      ],
    });
    expect(parseArray('\\begin{array}{l|cc} \\text{score } c & [0.0,\\ 0.2) & [0.2,\\ 0.4) \\end{array}')?.rows[0]!.cells).toEqual(['\\text{score } c', '[0.0,\\ 0.2)', '[0.2,\\ 0.4)']);
  });

  it('refuses anything but a plain array with one cell per column', () => {
    expect(parseArray('a = b')).toBeNull();
    expect(parseArray('\\begin{array}{cc} 1 & 2 \\\\ 3 \\end{array}')).toBeNull();
    expect(parseArray('x = \\begin{array}{c} 1 \\end{array}')).toBeNull();
  });

  it('draws a header row, row headers, plain word cells, KaTeX number cells and the rule above the totals', () => {
    const html = texToHtml(`Counts:\n\n$$${KAPPA}$$\n\nThen.`, katex);
    expect(html.startsWith('<p>Counts:</p><table class="ex-table"><thead><tr><td class="al-left"></td><th scope="col" class="al-center rule-before">B: violation</th>')).toBe(true);
    expect(html).toContain('<tr><th scope="row" class="al-left">A: violation</th><td class="al-center rule-before"><span class="katex">');
    expect(html).toContain('<tr class="rule-above"><th scope="row" class="al-left">total</th>');
    // The rule under the header is the header's own border, not a class on the first body row.
    expect(html.match(/rule-above/g)).toHaveLength(1);
    expect(html.endsWith('</tbody></table><p>Then.</p>')).toBe(true);
    // Without KaTeX the numbers still show, as TeX.
    expect(texToHtml(`$$${KAPPA}$$`, null)).toContain('<td class="al-center rule-before"><code class="tex-fallback">30</code></td>');
  });
});

describe('every table in the exercises is drawn as an HTML table', () => {
  it('for 30 seeds of each exercise, each array paragraph parses (none falls back to a KaTeX array)', async () => {
    const { allExercises } = await import('../../../src/exercises/registry');
    let tables = 0;
    for (const def of allExercises)
      for (let seed = 1; seed <= 30; seed++) {
        const v = def.generate(seed);
        const texts = [v.prompt, ...v.hints, ...v.solution, ...v.parts.map((p) => p.prompt)];
        for (const t of texts)
          for (const para of t.split(/\n\s*\n/).map((p) => p.trim()))
            if (para.includes('\\begin{array}')) {
              const where = `${def.id} seed ${seed}: ${para.slice(0, 80)}`;
              const table = /^\$\$[\s\S]+\$\$$/.test(para) ? parseArray(para.slice(2, -2)) : null;
              expect(table, where).toBeTruthy();
              // Every body cell is filled, and the TeX is a valid array too (what a reader without
              // the table sees in the source): KaTeX draws it with as many rows.
              expect(table!.rows.slice(1).flatMap((r) => r.cells.filter((c) => !c)), where).toEqual([]);
              const drawn = katex.renderToString(para.slice(2, -2), { displayMode: true, throwOnError: true, strict: 'error', output: 'mathml' });
              expect(drawn.match(/<mtr>/g)?.length, where).toBe(table!.rows.length);
              tables++;
            }
      }
    expect(tables).toBeGreaterThanOrEqual(300);
  });
});
