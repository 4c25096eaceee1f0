import { endsWithOpening, glueKatexTail, startsWithPunctuation } from '../lib/rehype-katex-tail.mjs';
import { speakableTex } from '../lib/speakable-tex.mjs';
import { breakKatexDisplay, displayLayout, parseArray, type ArrayTable } from '../lib/math-breaks.mjs';

/**
 * Turns exercise `Tex` text (prose with `$…$` and `$$…$$`) into HTML. KaTeX is passed in, so the
 * build imports it statically and the browser loads it only when a learner asks for new numbers.
 */
export interface KatexLike {
  renderToString(tex: string, options?: Record<string, unknown>): string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// `**bold**` is the only prose markup authors may use.
const prose = (s: string) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

/** One formula as the build and the browser draw it; without KaTeX (it failed to load) its TeX source, still readable. */
function formula(tex: string, displayMode: boolean, katex: KatexLike | null): string {
  if (!katex) return `<code class="tex-fallback">${escapeHtml(tex)}</code>`;
  return katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'error', output: 'htmlAndMathml' });
}

/** Inline rendering of one paragraph (no <p> wrapper). Display math becomes a block span. */
export function texInline(text: string, katex: KatexLike | null): string {
  const pieces = text.split(/(\$\$[\s\S]+?\$\$|\$[^$]+\$)/g);
  const isInline = (piece = '') => !piece.startsWith('$$') && piece.startsWith('$') && piece.endsWith('$') && piece.length > 2;
  // An opening bracket right before inline maths moves into the formula's no-wrap span (see rehype-katex-tail.mjs).
  const opens = (i: number) => katex !== null && isInline(pieces[i + 1]) && endsWithOpening(pieces[i]!);
  return pieces
    .map((piece, i) => {
      const display = piece.startsWith('$$') && piece.endsWith('$$') && piece.length > 4;
      const inline = !display && isInline(piece);
      if (!display && !inline) return prose(opens(i) ? piece.slice(0, -1) : piece);
      const tex = display ? piece.slice(2, -2).trim() : piece.slice(1, -1);
      if (!katex) return formula(tex, false, null);
      const render = (t: string) => formula(t, display, katex);
      if (display) {
        // As on lesson pages (rehype-math-breaks.mjs): side-by-side formulas stack on a phone, and
        // a long one wraps after an outer relation.
        const lines = displayLayout(tex).map((parts) => parts.map((t) => breakKatexDisplay(render(t))));
        const line = (parts: string[]) => (parts.length > 1 ? `<span class="math-row">${parts.join('')}</span>` : parts[0]!);
        if (lines.length > 1) return `<span class="katex-display-wrap math-stack">${lines.map(line).join('')}</span>`;
        return `<span class="katex-display-wrap${lines[0]!.length > 1 ? ' math-row' : ''}">${lines[0]!.join('')}</span>`;
      }
      const html = render(tex);
      const glued = startsWithPunctuation(pieces[i + 1] ?? '') ? glueKatexTail(html) : html;
      return opens(i - 1) ? `<span class="katex-open">${escapeHtml(pieces[i - 1]!.slice(-1))}${glued}</span>` : glued;
    })
    .join('');
}

// A cell that is only words (`\text{…}` with at most \% \& \_ \# \$ or a spacing backslash): plain text.
const WORDS = /^\\text\{((?:[^{}\\$]|\\[%&_#$ ])*)\}$/;

/**
 * A paragraph that is only a display `array` (an exercise's table of numbers) becomes an HTML
 * table: it is read as a table by screen readers, its word cells wrap on a phone, and it scrolls
 * sideways like the lessons' tables when it is still too wide. The first row is the header when an
 * \hline follows it; the first column holds row headers when a rule follows it.
 */
function arrayTable(table: ArrayTable, katex: KatexLike | null): string {
  const cell = (tex: string) => {
    const words = WORDS.exec(tex);
    if (words) return escapeHtml(words[1]!.replace(/\\([%&_#$])/g, '$1').replace(/\\ /g, ' '));
    return tex ? formula(tex, false, katex) : '';
  };
  const head = table.rows.length > 1 && table.rows[1]!.ruleAbove;
  const rowHeads = table.columns.length > 1 && table.columns[1]!.ruleBefore;
  const tr = (cells: string[], ruleAbove: boolean, header: boolean) =>
    `<tr${ruleAbove ? ' class="rule-above"' : ''}>` +
    cells
      .map((tex, j) => {
        const col = table.columns[j]!;
        const cls = `al-${col.align}${col.ruleBefore ? ' rule-before' : ''}`;
        const html = cell(tex);
        // A header cell is announced before every cell under it: name it in plain text, since
        // accessible names leave KaTeX's MathML out.
        const name = html.includes('katex') ? ` aria-label="${escapeHtml(speakableTex(tex))}"` : '';
        if (header && html) return `<th scope="col" class="${cls}"${name}>${html}</th>`;
        if (!header && j === 0 && rowHeads && html) return `<th scope="row" class="${cls}"${name}>${html}</th>`;
        return `<td class="${cls}">${html}</td>`;
      })
      .join('') +
    '</tr>';
  const body = (head ? table.rows.slice(1) : table.rows).map((r, i) => tr(r.cells, r.ruleAbove && !(head && i === 0), false));
  return `<table class="ex-table">${head ? `<thead>${tr(table.rows[0]!.cells, false, true)}</thead>` : ''}<tbody>${body.join('')}</tbody></table>`;
}

/** Block rendering: paragraphs separated by blank lines, each in <p> (a table paragraph as a table). */
export function texToHtml(text: string, katex: KatexLike | null): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const table = p.length > 4 && p.startsWith('$$') && p.endsWith('$$') ? parseArray(p.slice(2, -2)) : null;
      return table ? arrayTable(table, katex) : `<p>${texInline(p, katex)}</p>`;
    })
    .join('');
}
