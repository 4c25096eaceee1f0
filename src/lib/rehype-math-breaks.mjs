// Lets display formulas wrap on a narrow column instead of scrolling sideways (see math-breaks.mjs).
import { displayLayout, groupBlocks } from './math-breaks.mjs';

const classesOf = (node) => (node?.type === 'element' ? (node.properties?.className ?? []) : []);
const has = (node, name) => classesOf(node).includes(name);
const textOf = (node) => (node.type === 'text' ? node.value : (node.children ?? []).map(textOf).join(''));

/**
 * Before rehype-katex: a display formula with outer-level \qquad becomes a row of displays, and an
 * outer `gathered` a stack of its lines (each maybe a row), so each piece can wrap on its own.
 */
export function rehypeMathRows() {
  const div = (className, children) => ({ type: 'element', tagName: 'div', properties: { className: [className] }, children });
  const walk = (node) => {
    const kids = node.children;
    if (!kids) return;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i];
      const code = kid.type === 'element' && kid.tagName === 'pre' && kid.children.length === 1 ? kid.children[0] : null;
      if (!code || !has(code, 'math-display')) {
        walk(kid);
        continue;
      }
      const lines = displayLayout(textOf(code));
      if (lines.length === 1 && lines[0].length === 1) continue;
      const pre = (value) => ({ ...kid, children: [{ ...code, children: [{ type: 'text', value }] }] });
      const line = (parts) => (parts.length === 1 ? pre(parts[0]) : div('math-row', parts.map(pre)));
      kids[i] = lines.length === 1 ? line(lines[0]) : div('math-stack', lines.map(line));
    }
  };
  return (tree) => walk(tree);
}

/** After rehype-katex: marks the allowed breaks in every display formula. */
export function rehypeKatexBreaks() {
  const walk = (node) => {
    for (const kid of node.children ?? []) {
      if (!has(kid, 'katex-display')) {
        walk(kid);
        continue;
      }
      const html = kid.children.find((k) => has(k, 'katex'))?.children.find((k) => has(k, 'katex-html'));
      // Only plain sequences of blocks: a tag or a \\ at the top would be moved by the grouping.
      if (!html || !html.children.every((k) => has(k, 'katex-base'))) continue;
      const runs = groupBlocks(html.children.map((b) => b.children.map((a) => ({ classes: classesOf(a), text: textOf(a) }))));
      if (!runs) continue;
      // The same spans as groupHtml (math-breaks.mjs) writes into a string.
      const group = ({ range: [a, b], pieces }, kind) => ({
        type: 'element',
        tagName: 'span',
        properties: { className: pieces ? [kind, 'katex-splits'] : [kind] },
        children: pieces ? pieces.map((p) => group(p, 'katex-piece')) : html.children.slice(a, b + 1),
      });
      html.children = runs.map((run) => group(run, 'katex-unit'));
      kid.properties.className = [...classesOf(kid), 'katex-wraps'];
    }
  };
  return (tree) => walk(tree);
}
