import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { builtPages as listBuiltPages } from '../../scripts/bench/pages.mjs';
import { islandStallReport } from '../../scripts/island-stall.mjs';

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

/** Runs `fn` in a fresh context (see newContext), closed afterwards whether `fn` passes or throws. */
export async function withContext<T>(browser: Browser, fn: (context: BrowserContext) => Promise<T>): Promise<T>;
export async function withContext<T>(browser: Browser, options: BrowserContextOptions, fn: (context: BrowserContext) => Promise<T>): Promise<T>;
export async function withContext<T>(
  browser: Browser,
  a: BrowserContextOptions | ((context: BrowserContext) => Promise<T>),
  b?: (context: BrowserContext) => Promise<T>,
): Promise<T> {
  const [options, fn] = typeof a === 'function' ? [{}, a] : [a, b!];
  const context = await newContext(browser, options);
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

/** Every built HTML page as a site path (/, /demos/, …), excluding Pagefind's own files. */
/** Every built page's path, as the benchmark lists them (one walk of dist/ for both). */
export const builtPages = (dist = 'dist'): string[] => listBuiltPages(dist);

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

/**
 * Scrolls through the page so every `client:visible` island hydrates, then waits for them.
 * Returns the islands still waiting after the deadline (they are asserted per demo elsewhere).
 *
 * Astro's visible directive watches the island's children with an IntersectionObserver, which
 * only sees rendered frames, and islands parsed before Astro's island script start watching at
 * DOMContentLoaded. So: wait for the document to finish loading (`networkidle` can come first on
 * a long page with a slow CPU), stop at each scroll position until a frame has rendered, and
 * bring any island still waiting into view by its content: the island element itself is
 * `display: contents`, has no box, and `scrollIntoView()` on it does nothing.
 */
export async function hydrateAll(page: Page, timeoutMs = 45_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  await page.waitForFunction(() => document.readyState === 'complete', undefined, { timeout: timeoutMs });
  // Scrolls through once; gives up early (false) when a frame does not come, instead of waiting half
  // a second at every one of a long page's stops.
  const scrollThrough = () =>
    page.evaluate(async () => {
      // Resolves after the next rendering update, in which intersection observers are updated.
      const frame = () =>
        new Promise<boolean>((r) => {
          requestAnimationFrame(() => setTimeout(() => r(true), 0));
          setTimeout(() => r(false), 500); // a hidden page renders no frames
        });
      for (let y = 0; y < document.documentElement.scrollHeight; y += 500) {
        window.scrollTo(0, y);
        if (!(await frame())) return false;
      }
      return true;
    });
  // Headless Chromium sometimes stops rendering a page's frames for a while (no requestAnimationFrame,
  // so no intersection observer fires) although the page stays 'visible'; neither bringToFront nor a
  // viewport resize restarts them. The loop below keeps bringing waiting islands into view until the
  // deadline, which usually outlasts the stall.
  if (!(await scrollThrough())) console.warn(`hydrateAll: ${page.url()} stopped rendering frames while scrolling`);
  let stuck: string[] = [];
  for (;;) {
    const waiting = await page.evaluate(() => {
      const island = document.querySelector('astro-island[ssr]');
      if (!island) return null;
      const box = [...island.querySelectorAll('*')].find((el) => el.getClientRects().length > 0);
      box?.scrollIntoView({ block: 'center' });
      return island.getAttribute('component-url') ?? 'island';
    });
    if (waiting === null) break;
    if (Date.now() > deadline) {
      // What each waiting island got to, and whether the page still renders frames: tells a stalled
      // page from a hung request or a failed hydration.
      const report = await page.evaluate(islandStallReport);
      stuck = report.waiting.map((i) => i.component);
      const islands = report.waiting.map((i) => `${i.component} (${i.moduleFetched ? 'fetched' : 'not fetched'}, component ${i.loaded ? 'loaded' : 'not loaded'})`);
      console.warn(`hydrateAll gave up on ${page.url()} (${report.visibility}, animation frame ${report.animationFrame}, a new observer: ${report.freshObserver}): ${islands.join('; ')}`);
      break;
    }
    await page.waitForTimeout(250);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return stuck;
}
