// A browser may break a line between inline maths and the punctuation after it ("n = 0⏎.") or
// the bracket before it ("(⏎Δ = 0.5"). The break after KaTeX's last inline-block is governed by
// that block's parent, so the last block goes into a no-wrap span; the break before the first
// block by the formula's parent, so the bracket and the formula share a no-wrap span inside which
// the formula wraps normally. Either way the formula keeps its own line breaks.
const PUNCTUATION = /^[.,;:!?)\]}’”%]/;
const OPENING = /[([{‘“]$/;
const has = (node, name) => node?.type === 'element' && (node.properties?.className ?? []).includes(name);

function glue(katex) {
  const html = katex.children.find((c) => has(c, 'katex-html'));
  if (!html) return;
  const i = html.children.findLastIndex((c) => has(c, 'katex-base'));
  if (i < 0) return;
  html.children[i] = { type: 'element', tagName: 'span', properties: { className: ['katex-tail'] }, children: [html.children[i]] };
}

function walk(node) {
  const kids = node.children;
  if (!kids) return;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    if (!has(kid, 'katex')) {
      walk(kid);
      continue;
    }
    const next = kids[i + 1];
    if (next?.type === 'text' && PUNCTUATION.test(next.value)) glue(kid);
    const prev = kids[i - 1];
    if (prev?.type === 'text' && OPENING.test(prev.value)) {
      const open = prev.value.slice(-1);
      prev.value = prev.value.slice(0, -1);
      kids[i] = { type: 'element', tagName: 'span', properties: { className: ['katex-open'] }, children: [{ type: 'text', value: open }, kid] };
    }
  }
}

export default function rehypeKatexTail() {
  return (tree) => walk(tree);
}

/** The same for an HTML string from katex.renderToString (exercise text rendered in the browser). */
export function glueKatexTail(html) {
  const start = html.lastIndexOf('<span class="katex-base">');
  const end = html.lastIndexOf('</span></span>');
  if (start < 0 || end < start || !html.startsWith('<span class="katex">')) return html;
  return `${html.slice(0, start)}<span class="katex-tail">${html.slice(start, end)}</span>${html.slice(end)}`;
}
export const startsWithPunctuation = (text) => PUNCTUATION.test(text);
export const endsWithOpening = (text) => OPENING.test(text);
