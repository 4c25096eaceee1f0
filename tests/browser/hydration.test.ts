import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, hydrateAll, launch, watchedPage, withContext } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const theory = '/lessons/preference-optimization-rlhf-and-dpo/theory/';
const atBottom = (page: Page) =>
  page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 2).catch(() => false);

describe('client:visible demos', () => {
  // What a loaded machine did now and then: DOMContentLoaded came late (a long page parsed on a
  // slow CPU), the demos parsed before Astro's island script started watching only then, after
  // the reader (or the test's scroll pass) had gone by, and scrolling back to the island element
  // moved nothing. Here the page's scripts are held until the page has been scrolled to the
  // bottom (6 s at most), which makes that order certain.
  it('every demo of a long page hydrates once brought into view, even if it started watching late', async () => {
    await withContext(browser, async (context) => {
      const { page, errors, failed } = await watchedPage(context);
      let held = true;
      await page.route('**/_astro/*.js', async (route) => {
        for (const until = Date.now() + 6_000; held && Date.now() < until && !(await atBottom(page)); ) {
          await new Promise((r) => setTimeout(r, 100));
        }
        held = false;
        await route.continue();
      });
      await page.goto(baseUrl() + theory, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.readyState !== 'loading'); // parsed; scripts pending
      const total = await page.locator('astro-island').count();
      expect(total).toBeGreaterThanOrEqual(10);

      expect(await hydrateAll(page, 30_000), 'islands still waiting').toEqual([]);
      const widgets = page.locator('[data-widget]');
      expect(await widgets.count()).toBe(total);
      for (let i = 0; i < total; i++) {
        const widget = widgets.nth(i);
        const id = await widget.getAttribute('data-widget-id');
        await expect.poll(() => widget.getAttribute('data-hydrated'), { message: `${id} hydrates`, timeout: 10_000 }).toBe('true');
      }
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
    });
  });

  it('a demo whose code fails to download once still hydrates (the import is retried)', async () => {
    await withContext(browser, async (context) => {
      const { page } = await watchedPage(context);
      const html = readFileSync('dist/demos/index.html', 'utf8');
      const components = new Set([...html.matchAll(/component-url="([^"]+)"/g)].map((m) => m[1]));
      const aborted: string[] = [];
      // The first request for each demo's own chunk is reset, as a busy server might do.
      await page.route('**/_astro/*.js', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (!components.has(path) || aborted.includes(path)) return route.continue();
        aborted.push(path);
        return route.abort('connectionreset');
      });
      await page.goto(`${baseUrl()}/demos/`, { waitUntil: 'load' });
      expect(await hydrateAll(page, 30_000), 'islands still waiting').toEqual([]);
      expect(aborted.length).toBe(components.size);
      const widgets = page.locator('[data-widget]');
      for (let i = 0; i < (await widgets.count()); i++) {
        const widget = widgets.nth(i);
        const id = await widget.getAttribute('data-widget-id');
        await expect.poll(() => widget.getAttribute('data-hydrated'), { message: `${id} hydrates`, timeout: 10_000 }).toBe('true');
      }
    });
  });

  it('a demo whose code never downloads says so in the demo, offers a reload, and the others still hydrate', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      const html = readFileSync('dist/demos/index.html', 'utf8');
      const broken = html.match(/component-url="([^"]*ThresholdTradeoff[^"]*)"/)?.[1];
      expect(broken, 'the threshold demo is an island of /demos/').toBeTruthy();
      let attempts = 0;
      // `*.js*`: Astro's retry adds ?astro-retry=… to the URL.
      await page.route('**/_astro/*.js*', (route) => {
        if (new URL(route.request().url()).pathname !== broken) return route.continue();
        attempts++;
        return route.abort('connectionreset');
      });
      await page.goto(`${baseUrl()}/demos/`, { waitUntil: 'load' });
      const dead = page.locator('[data-widget="threshold-tradeoff"]');
      await dead.scrollIntoViewIfNeeded();
      const note = dead.getByRole('alert');
      await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(1);
      expect(await note.textContent()).toMatch(/could not be downloaded.*starting values/);
      expect(attempts, 'Astro tried twice').toBe(2);
      expect(await dead.getAttribute('data-hydrated')).toBe('false');
      expect(await dead.locator('.widget-chart svg').count()).toBeGreaterThan(0);
      await expect.poll(() => dead.getByRole('button', { name: 'Reload the page' }).isVisible()).toBe(true);
      expect(await hydrateAll(page, 15_000), 'only the broken island is left unhydrated').toEqual([broken]);
      const widgets = page.locator('[data-widget]:not([data-widget="threshold-tradeoff"])');
      for (let i = 0; i < (await widgets.count()); i++) {
        await expect.poll(() => widgets.nth(i).getAttribute('data-hydrated'), { timeout: 10_000 }).toBe('true');
      }
      // Only the browser's own line about the aborted download: no uncaught error, no Astro error log.
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      // The reload button reloads (the route still fails, so the note comes back).
      await Promise.all([page.waitForEvent('load'), dead.getByRole('button', { name: 'Reload the page' }).click()]);
      await dead.scrollIntoViewIfNeeded();
      await expect.poll(() => dead.getByRole('alert').count(), { timeout: 15_000 }).toBe(1);
    });
  });
  // The bench has met, about once in a few hundred loads, islands in view whose observer never
  // reported. Here every observation Astro's client:visible makes is swallowed, so no demo
  // hydrates by being seen; reaching for a control must still bring the demo to life.
  it('a demo whose visibility observer never reports wakes when the reader clicks or tabs to a control', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.addInitScript(() => {
        const Real = window.IntersectionObserver;
        window.IntersectionObserver = class extends Real {
          observe(target: Element) {
            if (target.parentElement?.localName !== 'astro-island') super.observe(target);
          }
        };
      });
      await page.goto(`${baseUrl()}/demos/`, { waitUntil: 'load' });
      const thr = page.locator('[data-widget-id="thr"]');
      await thr.scrollIntoViewIfNeeded();
      await page.waitForTimeout(1_000);
      expect(await thr.getAttribute('data-hydrated'), 'in view but never reported: still waiting').toBe('false');

      const tau = thr.locator('.widget-control[data-control="tau"] input');
      const readout = thr.locator('.widget-control[data-control="tau"] output');
      const before = await readout.textContent();
      // force: Playwright counts aria-disabled as disabled; a reader's click still lands.
      await tau.click({ force: true });
      await expect.poll(() => thr.getAttribute('data-hydrated'), { timeout: 15_000 }).toBe('true');
      // The click that woke it changed nothing; the next key press is the demo's.
      expect(await readout.textContent()).toBe(before);
      await tau.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => readout.textContent()).not.toBe(before);

      // Keyboard: focusing a waiting control (Tab, as a reader would) wakes its demo too.
      const bt = page.locator('[data-widget-id="bt"]');
      expect(await bt.getAttribute('data-hydrated')).toBe('false');
      await bt.locator('input[type=range]').first().focus();
      await expect.poll(() => bt.getAttribute('data-hydrated'), { timeout: 15_000 }).toBe('true');
      // Others nobody touched are still waiting (nothing woke the whole page).
      expect(await page.locator('[data-widget-id="kappa"]').getAttribute('data-hydrated')).toBe('false');
      expect(errors).toEqual([]);
    });
  });
});
