// Discovers the built pages and groups them by type (the set grows as lessons are added).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const TYPES = ['home', 'overview', 'notes', 'theory', 'exercises', 'demos'];

/** Every index.html under dist/ as a site path, sorted (pagefind and _astro skipped). @param {string} dist @returns {string[]} */
export function builtPages(dist) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(p);
      } else if (name === 'index.html') out.push(`/${relative(dist, dir)}/`.replace(/\/+/g, '/'));
    }
  };
  walk(dist);
  return out.sort();
}

export function pageType(path) {
  if (path === '/') return 'home';
  if (path === '/demos/') return 'demos';
  if (/^\/lessons\/[^/]+\/$/.test(path)) return 'overview';
  if (/^\/lessons\/[^/]+\/notes\/[^/]+\/$/.test(path)) return 'notes';
  if (/^\/lessons\/[^/]+\/theory\/$/.test(path)) return 'theory';
  if (/^\/lessons\/[^/]+\/exercises\/$/.test(path)) return 'exercises';
  return 'other';
}
