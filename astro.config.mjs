// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeMathGuard from './src/lib/rehype-math-guard.mjs';
import rehypeHeadingAnchors from './src/lib/rehype-heading-anchors.mjs';
import sitemap from './src/lib/sitemap-integration.mjs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

const alias = (p) => fileURLToPath(new URL(p, import.meta.url));

// Observable Plot puts one fixed <style> element in every chart; the CSP allows exactly that text.
function plotStyleHash() {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({ document, marks: [Plot.dot([[0, 0]])] });
  const css = svg.querySelector('style').textContent;
  return `sha256-${createHash('sha256').update(css).digest('base64')}`;
}

export default defineConfig({
  site: 'https://alignment-math.example.org',
  output: 'static',
  trailingSlash: 'always',
  // External stylesheets only: Astro hashes inlined styles of page components but not of those
  // imported inside MDX, which the CSP would then block.
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [
        // strict + throwOnError: a malformed or non-standard formula is an error, and the
        // guard turns rehype-katex's message into a failed build naming the file.
        [rehypeKatex, { strict: 'error', throwOnError: true, output: 'htmlAndMathml' }],
        rehypeMathGuard,
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
        // KaTeX positions glyphs with style attributes, and Plot with its own style element.
        resources: ["'self'", { resource: "'self'", kind: 'element' }, { resource: "'unsafe-inline'", kind: 'attribute' }],
        hashes: [{ hash: plotStyleHash(), kind: 'element' }],
      },
    },
  },
  vite: {
    resolve: {
      alias: {
        '@math': alias('./src/math'),
        '@plots': alias('./src/plots'),
        '@widgets': alias('./src/widgets'),
        '@exercises': alias('./src/exercises'),
        '@components': alias('./src/components'),
        '@lib': alias('./src/lib'),
      },
    },
  },
});
