import GithubSlugger from 'github-slugger';
import { speakableTex } from './speakable-tex.mjs';

// Gives h2–h4 stable ids (same algorithm Astro uses, so TOC links agree) and a visible
// anchor link for sharing a subsection. The anchor is hidden from the search index.
export default function rehypeHeadingAnchors() {
  return (tree) => {
    const slugger = new GithubSlugger();
    // A heading's text with each inline formula read once (not MathML + HTML) through `math`: its TeX
    // source for the slug, or words and symbols (speakable-tex.mjs) for the accessible name.
    const text = (node, math = (tex) => tex) => {
      if (node.type === 'text') return node.value;
      if (node.type === 'element' && node.properties?.className?.includes?.('katex-html')) return '';
      if (node.type === 'element' && node.tagName === 'math') {
        const find = (n) => (n.tagName === 'annotation' ? n : (n.children ?? []).map(find).find(Boolean));
        const ann = find(node);
        return ann ? math(ann.children.map((c) => text(c)).join('')) : '';
      }
      return (node.children ?? []).map((c) => text(c, math)).join('');
    };
    const speak = (tex) => ` ${speakableTex(tex)} `;
    const visit = (node) => {
      if (node.type === 'element' && /^h[2-4]$/.test(node.tagName)) {
        const id = node.properties.id ?? slugger.slug(text(node).trim());
        node.properties.id = id;
        // A heading with inline math is named with it: Chromium leaves MathML out of accessible names.
        const spoken = text(node, speak);
        if (spoken !== text(node)) node.properties.ariaLabel = spoken.replace(/\s+/g, ' ').trim();
        node.children.push({
          type: 'element',
          tagName: 'a',
          properties: { className: ['heading-anchor'], href: `#${id}`, 'data-pagefind-ignore': '', ariaHidden: 'true', tabIndex: -1 },
          children: [{ type: 'text', value: '#' }],
        });
        return;
      }
      // A table header is announced before each cell under it, so it is named with its maths too.
      if (node.type === 'element' && node.tagName === 'th') {
        const spoken = text(node, speak);
        if (spoken !== text(node)) node.properties.ariaLabel = spoken.replace(/\s+/g, ' ').trim();
        return;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
