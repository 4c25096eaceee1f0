import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface Watched {
  page: Page;
  errors: string[];
  failed: string[];
}

/** A page that records console errors, uncaught exceptions and failed requests. */
export async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} (${r.status()})`);
  });
  return { page, errors, failed };
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}) {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
}

/** Every built HTML page as a site path (/, /demos/, …), excluding Pagefind's own files. */
export function builtPages(dist = 'dist'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
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

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core's WCAG 2.x A/AA rules (through 2.2) on the page. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n   ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`).join('\n   ')}`).join('\n');
}

/** Scrolls through the page so every `client:visible` island hydrates, then waits for them. */
/** Returns the islands still waiting after the deadline (rare on a loaded machine; see the README). */
export async function hydrateAll(page: Page, timeoutMs = 45_000): Promise<string[]> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 500) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  // On a loaded machine a fast pass can skip an island between two frames (its observer never
  // sees it), so keep bringing each waiting island into view until all have hydrated.
  const deadline = Date.now() + timeoutMs;
  let stuck: string[] = [];
  for (;;) {
    const waiting = await page.evaluate(() => {
      const el = document.querySelector('astro-island[ssr]') as HTMLElement | null;
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      window.dispatchEvent(new Event('scroll'));
      return el.getAttribute('component-url') ?? 'island';
    });
    if (waiting === null) break;
    if (Date.now() > deadline) {
      stuck = await page.evaluate(() => [...document.querySelectorAll('astro-island[ssr]')].map((e) => e.getAttribute('component-url') ?? 'island'));
      break;
    }
    await page.waitForTimeout(250);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return stuck;
}
