import GithubSlugger from 'github-slugger';
import { speakableTex } from './speakable-tex.mjs';

// Gives h2–h4 stable ids (same algorithm Astro uses, so TOC links agree) and a visible
// anchor link for sharing a subsection. The anchor is hidden from the search index.
export default function rehypeHeadingAnchors() {
  return (tree) => {
    const slugger = new GithubSlugger();
    const text = (node) => {
      if (node.type === 'text') return node.value;
      if (node.type === 'element' && node.properties?.className?.includes?.('katex-html')) return '';
      // Inline math in a heading contributes its TeX source once (not MathML + TeX).
      if (node.type === 'element' && node.tagName === 'math') {
        const find = (n) => (n.tagName === 'annotation' ? n : (n.children ?? []).map(find).find(Boolean));
        const ann = find(node);
        return ann ? ann.children.map(text).join('') : '';
      }
      return (node.children ?? []).map(text).join('');
    };
    const visit = (node) => {
      if (node.type === 'element' && /^h[2-4]$/.test(node.tagName)) {
        const id = node.properties.id ?? slugger.slug(text(node).trim());
        node.properties.id = id;
        // A heading with inline math is named in words and symbols (see speakable-tex.mjs).
        const spoken = (n) => {
          if (n.type === 'text') return n.value;
          if (n.type === 'element' && n.properties?.className?.includes?.('katex-html')) return '';
          if (n.type === 'element' && n.tagName === 'math') return ` ${speakableTex(text(n))} `;
          return (n.children ?? []).map(spoken).join('');
        };
        if (text(node) !== spoken(node)) node.properties.ariaLabel = spoken(node).replace(/\s+/g, ' ').trim();
        node.children.push({
          type: 'element',
          tagName: 'a',
          properties: { className: ['heading-anchor'], href: `#${id}`, 'data-pagefind-ignore': '', ariaHidden: 'true', tabIndex: -1 },
          children: [{ type: 'text', value: '#' }],
        });
        return;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
