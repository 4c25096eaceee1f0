// Display formulas narrower than a phone: where a line may break.
//
// - Formulas set side by side ("A, \qquad B") become displays of their own, wrapped in a row, and
//   the lines of an outer `gathered` a stack of displays (see rehype-math-breaks.mjs and .math-row
//   in global.css). Only at the outer level: not inside braces, an environment, \left…\right or a
//   pair of brackets.
// - A formula may break after a relation (=, ≤, \iff …) outside any brackets, as TeX breaks an
//   inline formula. KaTeX already cuts a formula into unbreakable blocks after every outer relation
//   and binary operator; the blocks between two such breaks form a run, kept on one line where it
//   fits the column.
// - A run wider than the column may also break after a binary operator, the outermost first, even
//   inside brackets (see breakPieces). Only a piece that is itself too wide (a big fraction, an
//   environment: KaTeX draws those whole) still scrolls.
// The same TeX scanner reads an exercise's `array` tables (parseArray), which exercises draw as
// HTML tables.

const OPEN_WORDS = new Set(['langle', 'lbrace', 'lbrack', 'lceil', 'lfloor', 'lvert', 'lVert']);
const CLOSE_WORDS = new Set(['rangle', 'rbrace', 'rbrack', 'rceil', 'rfloor', 'rvert', 'rVert']);

/**
 * Cuts TeX at each outer-level separator: `qquad` (\qquad), `newline` (\\ and its optional
 * [spacing]) or `amp` (&). Returns the raw pieces, or null when the brackets do not balance (a
 * bracket opened and never closed), where no cut can be trusted.
 */
function cutOuter(tex, sep) {
  const parts = [];
  let braces = 0; // { } groups
  let envs = 0; // \begin … \end
  let lr = 0; // \left … \right
  let brackets = 0; // ( ) [ ] \{ \} \langle \rangle and sized versions
  let start = 0;
  const outer = () => braces === 0 && envs === 0 && lr === 0 && brackets === 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') {
      const word = /^[a-zA-Z]+/.exec(tex.slice(i + 1))?.[0];
      if (!word) {
        const next = tex[i + 1];
        if (next === '{') brackets++;
        else if (next === '}') brackets--;
        else if (next === '\\' && sep === 'newline' && outer()) {
          parts.push(tex.slice(start, i));
          const spacing = /^\s*\[\s*-?[\d.]+\s*[a-z]{2}\s*\]/.exec(tex.slice(i + 2));
          start = i + 2 + (spacing ? spacing[0].length : 0);
          i = start - 1;
          continue;
        }
        i++;
        continue;
      }
      if (word === 'begin') envs++;
      else if (word === 'end') envs--;
      else if (word === 'left') lr++;
      else if (word === 'right') lr--;
      else if (OPEN_WORDS.has(word)) brackets++;
      else if (CLOSE_WORDS.has(word)) brackets--;
      else if (word === 'qquad' && sep === 'qquad' && outer()) {
        parts.push(tex.slice(start, i));
        start = i + 1 + word.length;
      }
      i += word.length;
      continue;
    }
    if (c === '%') {
      const end = tex.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === '{') braces++;
    else if (c === '}') braces--;
    else if (c === '(' || c === '[') brackets++;
    else if (c === ')' || c === ']') brackets--;
    else if (c === '&' && sep === 'amp' && outer()) {
      parts.push(tex.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(tex.slice(start));
  return outer() ? parts : null;
}

/** cutOuter's pieces, trimmed and without empty ones; [tex] when nothing is cut. */
function splitOuter(tex, sep) {
  const kept = (cutOuter(tex, sep) ?? []).map((p) => p.trim()).filter(Boolean);
  return kept.length ? kept : [tex.trim()];
}

/** The formulas side by side in a display: split at each outer-level \qquad. */
export const splitTopLevelQquad = (tex) => splitOuter(tex, 'qquad');

const GATHERED = /^\\begin\{gathered\}([\s\S]*)\\end\{gathered\}$/;

/**
 * How a display formula is set out: lines (the rows of an outer `gathered`, which are centred
 * one under another anyway) of formulas side by side (split at \qquad). [[tex]] when neither.
 */
export function displayLayout(tex) {
  const inner = GATHERED.exec(tex.trim())?.[1];
  const lines = inner !== undefined && !/\\(begin|end)\{gathered\}/.test(inner) ? splitOuter(inner, 'newline') : [tex.trim()];
  return lines.map(splitTopLevelQquad);
}

const OPENERS = new Set(['(', '[', '{', '⟨', '⌈', '⌊']);
const CLOSERS = new Set([')', ']', '}', '⟩', '⌉', '⌋']);
// Arrows between whole statements ("A ⟹ B"): where a formula has one, it breaks only there.
const STRONG = new Set(['⟹', '⟸', '⟺', '⇒', '⇐', '⇔']);

/** Bracket depth after a block's atoms, from `depth` before them, and its last atom (spacing aside). */
function scan(atoms, depth) {
  let last = null;
  for (const atom of atoms) {
    // \big( and its kin are drawn as ordinary atoms holding only the bracket.
    const t = atom.text.trim();
    if (atom.classes.includes('mopen') || OPENERS.has(t)) depth++;
    else if (atom.classes.includes('mclose') || CLOSERS.has(t)) depth--;
    if (!atom.classes.includes('mspace') && !atom.classes.includes('katex-strut')) last = atom;
  }
  return { depth, last };
}

/**
 * Groups KaTeX's blocks (each given by its outer-level atoms, in order: their classes and text)
 * into runs, each kept on one line where it fits (see breakPieces): a run ends after a block whose last atom (spacing aside)
 * is a relation, when every bracket opened so far is closed; if one such relation is an arrow
 * between statements, only those arrows end runs. Returns the runs as [first, last] indexes.
 */
export function breakRuns(blocks) {
  const ends = [];
  let depth = 0;
  blocks.forEach((atoms, i) => {
    let last;
    ({ depth, last } = scan(atoms, depth));
    if (i < blocks.length - 1 && depth === 0 && last?.classes.includes('mrel')) ends.push({ i, strong: STRONG.has(last.text.trim()) });
  });
  const strong = ends.some((e) => e.strong);
  const runs = [];
  let first = 0;
  for (const e of ends) {
    if (strong && !e.strong) continue;
    runs.push([first, e.i]);
    first = e.i + 1;
  }
  if (blocks.length) runs.push([first, blocks.length - 1]);
  return runs;
}

/**
 * Within a run (see breakRuns), where a line may still break when the run alone is wider than the
 * column: after a binary operator (+, −, ·), as TeX breaks an inline formula, the outermost ones
 * first. The run is cut after its operators at the least bracket depth, and each part that is still
 * too wide after those deeper in, so "a + (1 − b) c" breaks at the "+" before it breaks inside the
 * brackets. Never after a relation inside brackets, such as the bar of π(y | x). Returns the run's
 * pieces as { range: [first, last], pieces } (pieces null where nothing breaks), or null.
 */
export function breakPieces(blocks, [first, last]) {
  const cuts = []; // { i, depth }: may break after block i, at bracket depth `depth`
  let depth = 0;
  for (let i = first; i < last; i++) {
    const end = scan(blocks[i], depth);
    depth = end.depth;
    if (end.last?.classes.includes('mbin')) cuts.push({ i, depth });
  }
  const split = (a, b) => {
    const inside = cuts.filter((c) => c.i >= a && c.i < b);
    if (!inside.length) return null;
    const outer = Math.min(...inside.map((c) => c.depth));
    const pieces = [];
    let start = a;
    for (const c of inside) {
      if (c.depth !== outer) continue;
      pieces.push([start, c.i]);
      start = c.i + 1;
    }
    pieces.push([start, b]);
    return pieces.map(([x, y]) => ({ range: [x, y], pieces: split(x, y) }));
  };
  return split(first, last);
}

/**
 * How a display's blocks are grouped: runs (no-wrap between relation breaks), each with its pieces
 * (see breakPieces). Null when the formula has no break of either kind.
 */
export function groupBlocks(blocks) {
  const runs = breakRuns(blocks).map((range) => ({ range, pieces: breakPieces(blocks, range) }));
  return runs.length > 1 || runs[0]?.pieces ? runs : null;
}

/** A run or piece as HTML (with `slice` giving a range's blocks), with the classes global.css sets. */
export function groupHtml({ range, pieces }, slice, kind = 'katex-unit') {
  if (!pieces) return `<span class="${kind}">${slice(range)}</span>`;
  return `<span class="${kind} katex-splits">${pieces.map((p) => groupHtml(p, slice, 'katex-piece')).join('')}</span>`;
}

const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const classAttr = (attrs) => / class="([^"]*)"/.exec(attrs)?.[1].split(' ') ?? [];
const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * The same as rehype-math-breaks.mjs does to a page, for one display formula rendered by
 * katex.renderToString (exercise text rendered in the browser): runs of blocks between allowed
 * breaks go into no-wrap spans and the display is marked as wrapping.
 */
export function breakKatexDisplay(html) {
  const open = '<span class="katex-html" aria-hidden="true">';
  const at = html.indexOf(open);
  if (!html.startsWith('<span class="katex-display">') || at < 0) return html;
  const blocks = []; // { start, end, atoms: { classes, text }[] }
  let depth = 0;
  let atom = null;
  let end = -1;
  TAG.lastIndex = at + open.length;
  let last = TAG.lastIndex;
  for (let m; (m = TAG.exec(html)); last = TAG.lastIndex) {
    if (atom && depth >= 2) atom.text += unescape(html.slice(last, m.index));
    const [, closing, , attrs, selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === 0) blocks[blocks.length - 1].end = TAG.lastIndex;
      if (depth < 0) {
        end = m.index;
        break;
      }
    } else {
      if (depth === 0) blocks.push({ start: m.index, end: -1, classes: classAttr(attrs), atoms: [] });
      else if (depth === 1) blocks[blocks.length - 1].atoms.push((atom = { classes: classAttr(attrs), text: '' }));
      if (!selfClosing) depth++;
    }
  }
  if (end < 0 || !blocks.every((b) => b.classes.includes('katex-base'))) return html;
  const runs = groupBlocks(blocks.map((b) => b.atoms));
  if (!runs) return html;
  const units = runs.map((run) => groupHtml(run, ([a, b]) => html.slice(blocks[a].start, blocks[b].end))).join('');
  return `<span class="katex-display katex-wraps">${html.slice('<span class="katex-display">'.length, at + open.length)}${units}${html.slice(end)}`;
}

const ARRAY = /^\\begin\{array\}\{([lcr| ]+)\}([\s\S]*)\\end\{array\}$/;

/**
 * A display that is only an `array` (a table of numbers in an exercise): its columns (alignment,
 * and whether a rule stands before them) and rows of cell TeX (and whether an \hline stands above
 * them). Null for anything else, or when a row does not have one cell per column.
 */
export function parseArray(tex) {
  const m = ARRAY.exec(tex.trim());
  if (!m || /\\begin\{array\}/.test(m[2])) return null;
  const columns = [];
  let rule = false;
  for (const ch of m[1].replace(/ /g, '')) {
    if (ch === '|') rule = true;
    else {
      columns.push({ align: { l: 'left', c: 'center', r: 'right' }[ch], ruleBefore: rule && columns.length > 0 });
      rule = false;
    }
  }
  const lines = cutOuter(m[2], 'newline');
  if (!lines) return null;
  const rows = [];
  let ruleAbove = false;
  for (let line of lines) {
    line = line.trim();
    while (line.startsWith('\\hline')) {
      ruleAbove = true;
      line = line.slice('\\hline'.length).trim();
    }
    if (!line) continue;
    const cells = cutOuter(line, 'amp');
    if (!cells || cells.length !== columns.length) return null;
    rows.push({ cells: cells.map((c) => c.trim()), ruleAbove });
    ruleAbove = false;
  }
  return rows.length ? { columns, rows } : null;
}
