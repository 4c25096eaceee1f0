// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeMathGuard from './src/lib/rehype-math-guard.mjs';
import rehypeKatexTail from './src/lib/rehype-katex-tail.mjs';
import { rehypeKatexBreaks, rehypeMathRows } from './src/lib/rehype-math-breaks.mjs';
import rehypeHeadingAnchors from './src/lib/rehype-heading-anchors.mjs';
import sitemap from './src/lib/sitemap-integration.mjs';
import { aliases } from './src/lib/aliases.mjs';

/**
 * Keeps only the woff2 source of KaTeX's @font-face rules.
 * @returns {import('postcss').Plugin}
 */
function katexWoff2Only() {
  return {
    postcssPlugin: 'katex-woff2-only',
    AtRule: {
      'font-face': (/** @type {import('postcss').AtRule} */ rule) => {
        rule.walkDecls('src', (decl) => {
          const sources = decl.value.split(/,(?=\s*url\()/);
          const woff2 = sources.filter((/** @type {string} */ src) => /format\(["']?woff2["']?\)/.test(src));
          if (woff2.length && woff2.length < sources.length) decl.value = woff2.join(',');
        });
      },
    },
  };
}

export default defineConfig({
  site: 'https://alignment-math.example.org',
  output: 'static',
  trailingSlash: 'always',
  // Styles inline in <head>: a cold load then paints without waiting a round trip for four
  // render-blocking stylesheets. Astro adds each inlined style's hash to the CSP (checked by the
  // build test).
  build: { format: 'directory', inlineStylesheets: 'always' },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [
        rehypeMathRows,
        // strict + throwOnError: a malformed or non-standard formula is an error, and the
        // guard turns rehype-katex's message into a failed build naming the file.
        [rehypeKatex, { strict: 'error', throwOnError: true, output: 'htmlAndMathml' }],
        rehypeMathGuard,
        rehypeKatexTail,
        rehypeKatexBreaks,
        rehypeHeadingAnchors,
      ],
    }),
  },
  integrations: [mdx(), react(), sitemap()],
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind's search runs WebAssembly; everything else is hashed by Astro.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: {
        // KaTeX and Plot position with style attributes. (Plot's own <style> element is dropped
        // from every chart; widget.css carries its rules.)
        resources: ["'self'", { resource: "'self'", kind: 'element' }, { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  vite: {
    resolve: {
      alias: aliases,
    },
    // The styles are inlined in every page, so KaTeX's woff and ttf fallbacks (two extra URLs in each
    // of its 20 @font-face rules) cost every page bytes for browsers that all read woff2.
    css: { postcss: { plugins: [katexWoff2Only()] } },
  },
});
