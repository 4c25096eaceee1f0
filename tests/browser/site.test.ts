import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, builtPages, launch, watchedPage, withContext } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const notesPages = builtPages().filter((p) => p.includes('/notes/'));

/** JavaScript a page loads before any island: inline scripts plus external module scripts (gzip bytes). */
function pageScriptBytes(path: string) {
  const html = readFileSync(join('dist', path, 'index.html'), 'utf8');
  let bytes = 0;
  for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = attrs.match(/src="([^"]+)"/)?.[1];
    const code = src ? readFileSync(join('dist', src), 'utf8') : body;
    bytes += gzipSync(code).length;
  }
  return { html, bytes };
}

describe('reading experience', () => {
  it('the theme toggle switches themes and is remembered across reloads', async () => {
    await withContext(browser, { colorScheme: 'light' }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`);
      const toggle = page.getByRole('button', { name: 'Dark theme' });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await toggle.click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg);
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(errors).toEqual([]);
    });
  });

  it('applies the remembered theme before first paint (no flash)', async () => {
    await withContext(browser, { colorScheme: 'light' }, async (context) => {
      await context.addInitScript(() => {
        try {
          localStorage.setItem('theme', 'dark');
        } catch {
          /* ignore */
        }
        // Record the theme at the moment the body starts parsing, before any paint.
        new MutationObserver((_, obs) => {
          if (document.body) {
            (window as unknown as { themeAtBody: string | undefined }).themeAtBody = document.documentElement.dataset.theme;
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/`);
      expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe('dark');
    });
  });

  it('follows the system preference when the reader has not chosen', async () => {
    await withContext(browser, { colorScheme: 'dark' }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/`);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    });
  });

  it.each(['dark', 'light'] as const)('without JavaScript a %s system preference still themes the page, and the controls that need scripts are not shown', async (scheme) => {
    await withContext(browser, { javaScriptEnabled: false, colorScheme: scheme }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/demos/`);
      const look = await page.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
        scheme: getComputedStyle(document.documentElement).colorScheme,
      }));
      expect(look).toEqual(
        scheme === 'dark'
          ? { bg: 'rgb(18, 21, 25)', text: 'rgb(231, 233, 236)', scheme: 'dark' }
          : { bg: 'rgb(251, 250, 247)', text: 'rgb(28, 30, 34)', scheme: 'light' },
      );
      expect(await page.locator('#theme-toggle').isVisible()).toBe(false);
      expect(await page.locator('#site-search').isVisible()).toBe(false);
      // The page's own notice about the demos is still shown, in the theme's colours.
      expect(await page.locator('.noscript-note').first().isVisible()).toBe(true);
      // A progress line would say "Not started" whatever is saved: it needs the script to read storage.
      await page.goto(`${baseUrl()}/`);
      expect(await page.locator('.progress-slot').count()).toBe(2);
      expect(await page.locator('.progress-slot').first().isVisible()).toBe(false);
      expect(await page.locator('.noscript-note').first().isVisible()).toBe(true);
    });
  });

  it('with JavaScript the theme toggle and the search box are shown', async () => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/`);
      expect(await page.locator('#theme-toggle').isVisible()).toBe(true);
      expect(await page.locator('#site-search').isVisible()).toBe(true);
      expect(await page.locator('.progress-slot').first().isVisible()).toBe(true);
    });
  });

  it('on a 360 px phone a worked-example table of six columns fits without scrolling, its result column in view', async () => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/notes/dpo-derivation/`);
      const table = page.locator('.prose table').first();
      expect(await table.locator('th').last().textContent()).toMatch(/π/);
      // It overflowed by 71 px with the desktop cell padding and type size.
      expect(await table.evaluate((t) => t.scrollWidth - t.clientWidth)).toBeLessThanOrEqual(1);
      expect(await table.evaluate((t) => parseFloat(getComputedStyle(t).fontSize))).toBeGreaterThanOrEqual(14);
    });
  });

  it('the skip link is the first stop and moves focus to the main content', async () => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => location.hash)).toBe('#main');
    });
  });

  // The desktop contents list comes before the text in the page; its title was an h2 read before the h1.
  it('on every page type the first heading is the h1, and levels never skip', async () => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      for (const path of ['/', '/demos/', '/lessons/preference-optimization-rlhf-and-dpo/', '/lessons/preference-optimization-rlhf-and-dpo/notes/dpo-derivation/', '/lessons/human-in-the-loop-and-monitoring/theory/', '/lessons/human-in-the-loop-and-monitoring/exercises/']) {
        await page.goto(`${baseUrl()}${path}`);
        const levels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => !h.closest('[hidden], template')).map((h) => Number(h.tagName[1])));
        expect(levels[0], path).toBe(1);
        levels.forEach((l, i) => i > 0 && expect(l - levels[i - 1]!, `${path}: h${levels[i - 1]} then h${l}`).toBeLessThanOrEqual(1));
      }
    });
  });

  it('printing hides navigation and keeps formulas', async () => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}${notesPages[0]}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('.part-nav').isVisible()).toBe(false);
      expect(await page.locator('.katex-display').first().isVisible()).toBe(true);
      // A demo prints its chart and summary; its folded data table would print as a bare "Data table" line.
      await page.goto(`${baseUrl()}/demos/`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.widget-chart').first().isVisible()).toBe(true);
      expect(await page.locator('.widget-summary').first().isVisible()).toBe(true);
      expect(await page.locator('.widget-table').first().isVisible()).toBe(false);
    });
  });

  it.each([true, false])('a page printed from the dark theme prints in light colours, charts included (JavaScript %s)', async (javaScriptEnabled) => {
    await withContext(browser, { colorScheme: 'dark', javaScriptEnabled }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/demos/`);
      const colours = () =>
        page.evaluate(() => {
          const root = getComputedStyle(document.documentElement);
          return { chart: root.getPropertyValue('--chart-1').trim(), muted: root.getPropertyValue('--text-muted').trim(), scheme: root.colorScheme };
        });
      // On screen the dark palette applies (from the stored/system theme, or the media query without scripts).
      expect(await colours()).toEqual({ chart: '#79b8ff', muted: '#aab2bd', scheme: 'dark' });
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      expect(await colours()).toEqual({ chart: '#0b5fa0', muted: '#333', scheme: 'light' });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    });
  });

  it('formulas too wide for the column become keyboard stops that scroll, and stop being stops when they fit', async () => {
    // Every display formula fits 360 px (crawl.test.ts); at 320 px, WCAG's reflow width, a few
    // unbreakable pieces are still wider than the column and scroll, such as θ_SFT = arg min …
    // on this page (a fraction and two sums with no operator between them).
    await withContext(browser, { viewport: { width: 320, height: 780 } }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/notes/rlhf-pipeline/`);
      const count = () =>
        page.evaluate(() => {
          const f = [...document.querySelectorAll<HTMLElement>('.katex-display')];
          const wide = f.filter((e) => e.scrollWidth > e.clientWidth + 1);
          const stops = f.filter((e) => e.tabIndex === 0 && e.getAttribute('role') === 'group' && e.getAttribute('aria-label') === 'Wide formula, scrolls sideways');
          return { wide: wide.length, stops: stops.length, same: wide.every((e) => stops.includes(e)) };
        });
      await page.waitForFunction(() => document.querySelector('.katex-display[tabindex="0"]') !== null);
      const narrow = await count();
      expect(narrow.wide).toBeGreaterThan(0);
      expect(narrow).toEqual({ wide: narrow.wide, stops: narrow.wide, same: true });
      // The arrow keys scroll a focused wide formula sideways.
      const first = page.locator('.katex-display[tabindex="0"]').first();
      await first.focus();
      expect(await first.evaluate((e) => e.scrollLeft)).toBe(0);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => first.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
      // On a desktop column every formula of this page fits: no stray tab stops remain.
      await page.setViewportSize({ width: 1280, height: 900 });
      await expect.poll(count).toEqual({ wide: 0, stops: 0, same: true });
      expect(errors).toEqual([]);
    });
  });

  it('the wide-block check never measures a demo’s data table (asking each for its width was a slow forced layout)', async () => {
    await withContext(browser, { viewport: { width: 412, height: 823 } }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.addInitScript(() => {
        const w = window as unknown as { measured: string[]; formulas: number };
        w.measured = [];
        w.formulas = 0;
        const get = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollWidth')!.get!;
        Object.defineProperty(Element.prototype, 'scrollWidth', {
          get(this: Element) {
            if (this.classList.contains('katex-display')) w.formulas++;
            if (this.tagName === 'TABLE' && this.closest('.widget')) w.measured.push(this.querySelector('caption')?.textContent ?? '?');
            return get.call(this);
          },
        });
      });
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/theory/`);
      // The check runs in the first frames and again when the fonts are ready.
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      // The check did run (it measured the formulas) …
      expect(await page.evaluate(() => (window as unknown as { formulas: number }).formulas)).toBeGreaterThan(20);
      // … and left the demos' tables alone.
      expect(await page.evaluate(() => (window as unknown as { measured: string[] }).measured)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  // Chromium leaves content-visibility-skipped content out of the accessibility tree: with whole demo
  // cards skipped, a screen reader's form-field list held 2 of the theory page's 79 sliders.
  it('every demo’s controls and every chart’s text alternative are in the accessibility tree before they are scrolled to', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/human-in-the-loop-and-monitoring/theory/`, { waitUntil: 'networkidle' });
      const cdp = await context.newCDPSession(page);
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; name?: { value: string }; ignored: boolean }[] };
      const exposed = (role: string) => nodes.filter((n) => n.role?.value === role && !n.ignored);
      const dom = await page.evaluate(() => ({
        sliders: document.querySelectorAll('.widget input[type=range]').length,
        charts: [...document.querySelectorAll('.widget-chart[role=img]')].map((c) => c.getAttribute('aria-label')),
      }));
      expect(dom.sliders).toBeGreaterThan(50);
      expect(exposed('slider')).toHaveLength(dom.sliders);
      const images = new Set(exposed('image').map((n) => n.name?.value));
      expect(dom.charts.filter((label) => !images.has(label ?? ''))).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  it('an exercise table is a real table; too wide for a phone, it is a keyboard stop that keeps its table role', async () => {
    await withContext(browser, { viewport: { width: 360, height: 780 } }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/human-in-the-loop-and-monitoring/exercises/`);
      const tables = () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.ex-prompt table.ex-table')].map((t) => ({
            wide: t.scrollWidth > t.clientWidth + 1,
            stop: t.tabIndex === 0,
            role: t.getAttribute('role'),
            headers: t.querySelectorAll('th[scope="col"]').length,
          })),
        );
      await page.waitForFunction(() => document.querySelector('.ex-prompt table[tabindex="0"]') !== null);
      const narrow = await tables();
      expect(narrow.length).toBeGreaterThanOrEqual(4);
      expect(narrow.every((t) => t.headers > 0 && t.role === null)).toBe(true);
      expect(narrow.filter((t) => t.wide).length).toBeGreaterThan(0);
      expect(narrow.every((t) => t.stop === t.wide)).toBe(true);
      // The release gate's table names its columns: a reader meets "gate" as a header, not as maths.
      expect(await page.locator('#ex-prompt-release-gate th[scope="col"]').allTextContents()).toEqual(['metric', 'count', 'estimate', 'Wilson 95% CI', 'gate']);
      // New numbers replace the table; the new one is checked and made a stop too.
      const gate = page.locator('#ex-prompt-release-gate table');
      const before = await gate.innerText();
      // In view first: the exercise hydrates (and its button enables) when it is seen.
      await page.locator('#exercise-release-gate').scrollIntoViewIfNeeded();
      await page.locator('#exercise-release-gate').getByRole('button', { name: 'New numbers' }).click();
      await expect.poll(() => gate.innerText()).not.toBe(before);
      await expect.poll(() => gate.getAttribute('tabindex')).toBe('0');
      await page.setViewportSize({ width: 1280, height: 900 });
      await expect.poll(async () => (await tables()).filter((t) => t.stop).length).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  // Charts are drawn at most 440 units wide (most at 400 or less), so 13-unit text on a 336 px wide
  // chart (a 360 px phone, less the card's inner margins) draws at 9.9 px or more.
  it('on a 360 px phone every demo chart draws its text at 9.9 px or more, and the page does not scroll sideways', async () => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/`);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll<SVGSVGElement>('.widget-chart > svg')].map((svg) => {
          const base = parseFloat(getComputedStyle(svg).fontSize);
          return {
            widget: svg.closest<HTMLElement>('[data-widget]')?.dataset.widget,
            px: Math.round(((base * svg.getBoundingClientRect().width) / svg.viewBox.baseVal.width) * 10) / 10,
          };
        }),
      );
      expect(charts.length).toBeGreaterThanOrEqual(13);
      expect(charts.filter((c) => !(c.px >= 9.9))).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
      expect(errors).toEqual([]);
    });
  });

  it('search finds lesson text and links to the subsection', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`);
      await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('rankings');
      const sub = page.locator('#search-results a[href*="/notes/"][href*="#"]').first();
      await sub.waitFor({ timeout: 15_000 });
      const href = await sub.getAttribute('href');
      expect(href).toMatch(/\/lessons\/[a-z-]+\/notes\/[a-z-]+\/#[\w-]+/);
      // Excerpts never contain KaTeX's duplicate HTML rendering.
      expect(await page.locator('#search-results').textContent()).not.toMatch(/katex|\\frac/);
      await sub.click();
      await page.waitForURL(/#/);
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      expect(await page.locator(`[id="${id}"]`).count()).toBe(1);
      expect(errors).toEqual([]);
    });
  });

  it('search lists the best-matching section of a page first, and ranks the notes that teach a term', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`);
      await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('reward hacking');
      const pages = page.locator('#search-results > ul > li');
      await pages.first().waitFor({ timeout: 15_000 });
      const top = await pages.evaluateAll((lis) =>
        lis.slice(0, 3).map((li) => ({ page: li.querySelector('a.search-page')?.getAttribute('href'), first: li.querySelector(':scope > ul a')?.textContent })),
      );
      // Pagefind lists a page's sections in page order ("6.3 KTO preview" came first), and its
      // default length discount put the notes part fifth, under pages that only name the term.
      expect(top).toContainEqual({ page: '/lessons/preference-optimization-rlhf-and-dpo/notes/variants-and-failure-modes/', first: '7.1 Reward hacking' });
      expect(errors).toEqual([]);
    });
  });

  // A demo's readouts are its starting numbers: indexed, a label ran into its value in the excerpts
  // ("TPR at τ94.4% FPR at τ5.9%"), and maths beside its spoken copy came twice ("(x,yw,yl)(x, y w, y l)");
  // display formulas' MathML flattened into noise.
  it('search indexes a demo by its title and question, not its live numbers, and maths once', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`);
      // A string, so the test runner leaves the page's own dynamic import alone.
      const pages: { url: string; content: string }[] = await page.evaluate(`(async () => {
        const pf = await import('/pagefind/pagefind.js');
        const out = [];
        for (const q of ['prevalence', 'threshold', 'preference pair', 'wilson interval']) {
          for (const r of (await pf.search(q)).results) out.push(await r.data());
        }
        return out.map((d) => ({ url: d.url, content: d.content }));
      })()`);
      const demos = pages.find((p) => p.url === '/demos/')!;
      expect(demos.content).toContain('Guardrail threshold tradeoff');
      expect(demos.content).toContain('Where should τ sit, given what a miss and an over-block cost?');
      for (const p of pages) {
        expect(p.content.match(/[A-Za-zτ]\d+(\.\d+)?%/g) ?? [], p.url).toEqual([]);
        expect(p.content, p.url).not.toContain('(x,yw,yl)(x, y w, y l)');
        // A display formula's MathML, flattened ("…±zp^(1−p^)n+z24n2…" for the Wilson bounds), is not indexed.
        expect(p.content, p.url).not.toContain('z24n2');
      }
      expect(errors).toEqual([]);
    });
  });

  it('search results close when focus moves on past them', async () => {
    await withContext(browser, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`);
      await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('rankings');
      const panel = page.locator('#search-results');
      await panel.locator('a').first().waitFor({ timeout: 15_000 });
      const links = await panel.locator('a').count();
      // Into the results (the panel stays open), then past the last one.
      await page.keyboard.press('Tab');
      expect(await panel.isVisible()).toBe(true);
      for (let i = 0; i < links + 1; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.search') === null)).toBe(true);
      await expect.poll(() => panel.isVisible()).toBe(false);
    });
  });

  it('Escape on a search result closes the results and returns to the box with the query kept', async () => {
    await withContext(browser, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`);
      const box = page.getByRole('searchbox', { name: 'Search the lessons' });
      await box.fill('rankings');
      const panel = page.locator('#search-results');
      await panel.locator('a').first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => panel.isVisible()).toBe(false);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe('site-search');
      expect(await box.inputValue()).toBe('rankings');
    });
  });

  it('headings and contents links with inline math are named with the math in them', async () => {
    await withContext(browser, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/notes/dpo-derivation/`);
      expect(await page.getByRole('heading', { name: '5.4 β tradeoff', exact: true }).count()).toBe(1);
      const toc = page.getByRole('navigation', { name: 'On this page' });
      expect(await toc.getByRole('link', { name: '5.4 β tradeoff', exact: true }).count()).toBe(1);
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/notes/intuition-and-formal-definitions/`);
      expect(await page.getByRole('heading', { name: '2.4 Reference policy π ref', exact: true }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: '2.1 Preference pair (x, y w, y l)', exact: true }).count()).toBe(1);
    });
  });

  it('table headers and exercise options with maths are named with the maths in them', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      // A header cell is announced before every cell under it; its maths used to vanish from the name.
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/notes/dpo-derivation/`);
      expect(await page.getByRole('columnheader', { name: 'π ref e r/β', exact: true }).count()).toBeGreaterThan(0);
      // An option named "IPO lowers , DPO raises it" could not be told from "IPO raises , DPO lowers it".
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/exercises/`);
      const ipo = page.locator('#exercise-ipo-loss');
      await ipo.scrollIntoViewIfNeeded();
      await expect.poll(() => ipo.locator('[data-exercise]').getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      expect(await ipo.getByRole('radio', { name: 'IPO lowers h, DPO raises it', exact: true }).count()).toBe(1);
      // An exercise table's header cells too.
      const named = await page.locator('table.ex-table th').evaluateAll((ths) => ths.filter((th) => th.querySelector('.katex')).map((th) => th.getAttribute('aria-label') ?? ''));
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((n) => /\S/.test(n))).toBe(true);
      expect(errors).toEqual([]);
    });
  });

  it('on a phone the header reads in the order Tab meets it: title, then links, search and theme toggle on one row', async () => {
    await withContext(browser, { viewport: { width: 360, height: 740 } }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/`);
      const box = (sel: string) => page.locator(sel).first().boundingBox().then((b) => b!);
      const [title, demos, search, toggle] = await Promise.all(['.site-title', '.site-header nav a >> nth=1', '#site-search', '#theme-toggle'].map(box));
      // The toggle used to sit top right, beside the title, and Tab reached it last.
      expect(toggle.y).toBeGreaterThan(title.y + title.height - 1);
      expect(Math.abs(toggle.y + toggle.height / 2 - (search.y + search.height / 2))).toBeLessThan(4);
      expect(search.x).toBeGreaterThan(demos.x);
      expect(toggle.x).toBeGreaterThan(search.x + search.width - 1);
      expect(toggle.x + toggle.width).toBeLessThanOrEqual(360);
    });
  });

  it('a formula that overflows by a hairline is no silent tab stop, and a wide table stop has a name', async () => {
    await withContext(browser, { viewport: { width: 390, height: 800 } }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/human-in-the-loop-and-monitoring/notes/review-workflows-and-the-training-loop/`);
      await page.waitForFunction(() => document.querySelector('.prose > table[tabindex="0"]') !== null);
      const blocks = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.katex-display, .prose > table')]
          .filter((el) => el.scrollWidth > el.clientWidth)
          .map((el) => ({ over: el.scrollWidth - el.clientWidth, tab: el.tabIndex, name: el.getAttribute('aria-label') })),
      );
      // Chromium makes every scroller a tab stop: one that overflows by a pixel was a stop with no name.
      expect(blocks.filter((b) => b.over <= 1).length).toBeGreaterThan(0);
      expect(blocks.filter((b) => b.over <= 1).every((b) => b.tab === -1)).toBe(true);
      expect(blocks.filter((b) => b.over > 1).every((b) => b.tab === 0 && !!b.name)).toBe(true);
    });
  });

  it('formula subscripts and superscripts are drawn small (KaTeX markup and stylesheet agree)', async () => {
    await withContext(browser, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/notes/dpo-derivation/`);
      // Script-size spans (the "ref" of π_ref): about 0.7 of the formula's size when the CSS applies.
      const ratios = await page.evaluate(() =>
        [...document.querySelectorAll('main .katex .vlist [class*="reset-size6"][class*="size3"]')].slice(0, 30).map((el) => {
          const own = Number.parseFloat(getComputedStyle(el).fontSize);
          return own / Number.parseFloat(getComputedStyle(el.closest('.katex')!).fontSize);
        }),
      );
      expect(ratios.length).toBe(30);
      for (const r of ratios) expect(r).toBeCloseTo(0.7, 2);
    });
  });

  it('search says so when nothing matches', async () => {
    await withContext(browser, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/`);
      await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('§§§');
      await page.locator('#search-results', { hasText: 'No results' }).waitFor({ timeout: 15_000 });
    });
  });
});

describe('static HTML', () => {
  it.each(notesPages)('%s has formulas in the HTML and ships no framework JavaScript when it has no demos', (path) => {
    const { html, bytes } = pageScriptBytes(path);
    expect(html).toContain('<math');
    if (!html.includes('<astro-island')) {
      // Only the small site script (theme toggle, lazy search, notes box) — no React, no islands.
      const scripts = [...html.matchAll(/<script[^>]*>[\s\S]*?<\/script>/g)].map((m) => m[0]).join('\n');
      expect(scripts).not.toMatch(/react|astro-island|client\.[\w-]+\.js/i);
      expect(bytes).toBeLessThan(8 * 1024);
    }
  });

  it('the footer reads as a sentence followed by its link (no words run together)', async () => {
    const res = await fetch(`${baseUrl()}/`);
    const footer = /<footer[\s\S]*?<\/footer>/.exec(await res.text())?.[0] ?? '';
    expect(footer.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain('stay on this device. All demos');
  });

  it('every gallery entry says where its demo is used, and each link leads to a subsection that embeds it', () => {
    const html = readFileSync(join('dist', 'demos', 'index.html'), 'utf8');
    const entries = html.split('<section class="gallery-entry"').slice(1);
    expect(entries).toHaveLength(13);
    let links = 0;
    for (const entry of entries) {
      const kind = /data-widget="([^"]+)"/.exec(entry)?.[1];
      const usedIn = /<p class="used-in">([\s\S]*?)<\/p>/.exec(entry)?.[1] ?? '';
      expect(usedIn, `${kind}: no "Used in" line`).not.toBe('');
      for (const [, href] of usedIn.matchAll(/href="([^"]+)"/g)) {
        const [path, id] = href!.split('#');
        const target = readFileSync(join('dist', path!, 'index.html'), 'utf8');
        // The demo sits between the linked heading and the next heading of the same or a higher level.
        const start = target.indexOf(`id="${id}"`);
        expect(start, `${kind}: ${href} has no such heading`).toBeGreaterThan(0);
        const rest = target.slice(start);
        const next = rest.slice(1).search(/<h[1-3][\s>]/);
        expect(rest.slice(0, next < 0 ? undefined : next + 1), `${kind}: ${href} does not embed it`).toContain(`data-widget="${kind}"`);
        links++;
      }
    }
    expect(links).toBeGreaterThan(40);
  });

  it("every gallery entry's heading is its demo's title", () => {
    const html = readFileSync(join('dist', 'demos', 'index.html'), 'utf8');
    const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    for (const entry of html.split('<section class="gallery-entry"').slice(1)) {
      const heading = text(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(entry)?.[1] ?? '');
      const title = text(/<p[^>]*class="widget-title"[^>]*>([\s\S]*?)<\/p>/.exec(entry)?.[1] ?? '');
      expect(title, heading).toBe(heading);
    }
  });

  it('serves a 404 page for unknown paths', async () => {
    const res = await fetch(`${baseUrl()}/no/such/page/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});
