// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeMathGuard from './src/lib/rehype-math-guard.mjs';
import rehypeHeadingAnchors from './src/lib/rehype-heading-anchors.mjs';
import { fileURLToPath } from 'node:url';

const alias = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  site: 'https://alignment-math.example.org',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
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
  integrations: [mdx(), react()],
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
