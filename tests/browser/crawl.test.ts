import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, baseUrl, builtPages, describeViolations, hydrateAll, launch, watchedPage, withContext } from './browser';

const pages = builtPages();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const htmlOf = (path: string) => readFileSync(join('dist', path, 'index.html'), 'utf8');

/**
 * A page's text without scripts, styles, code and TeX sources; `drop` removes more first (KaTeX's
 * whole markup, say), and `tagsTo` is what a tag becomes (a space, or nothing to keep words whole).
 */
const textOf = (path: string, { drop, tagsTo = ' ' }: { drop?: RegExp; tagsTo?: string } = {}) => {
  let html = htmlOf(path)
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<(code|pre|textarea)[\s\S]*?<\/\1>/g, '');
  if (drop) html = html.replace(drop, '');
  return html.replace(/<annotation[\s\S]*?<\/annotation>/g, '').replace(/<[^>]+>/g, tagsTo);
};
const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe('every built page', () => {
  it('the crawl found the site pages', () => {
    expect(pages).toContain('/');
    expect(pages).toContain('/demos/');
    expect(pages.some((p) => p.includes('/lessons/human-in-the-loop-and-monitoring/notes/'))).toBe(true);
  });

  it.each(pages)('%s has no broken internal links or #anchors', (path) => {
    const html = htmlOf(path);
    const problems: string[] = [];
    for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      if (/^(https?:|mailto:)/.test(href)) continue;
      const url = new URL(href.replace(/&amp;/g, '&'), `http://site${path}`);
      const target = url.pathname;
      const file = target.endsWith('/') ? join('dist', target, 'index.html') : join('dist', target);
      if (!existsSync(file)) {
        problems.push(`${href}: no page at ${target}`);
        continue;
      }
      if (url.hash && target.endsWith('/')) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (!idsOf(htmlOf(target)).has(id)) problems.push(`${href}: no element with id "${id}" on ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(pages)('%s carries its styles inline, each allowed by the CSP by hash', (path) => {
    const html = htmlOf(path);
    const head = html.slice(0, html.indexOf('</head>'));
    // No render-blocking stylesheet request on a cold load.
    expect(head.match(/<link[^>]+rel="stylesheet"[^>]*>/g) ?? []).toEqual([]);
    const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles.length).toBeGreaterThan(0);
    const allowed = /style-src-elem ([^;"]*)/.exec(head)?.[1]?.split(/\s+/) ?? [];
    const missing = styles.filter((css) => !allowed.includes(`'sha256-${createHash('sha256').update(css).digest('base64')}'`));
    expect(missing.map((css) => css.slice(0, 80))).toEqual([]);
  });

  it.each(pages)('%s renders every formula (no raw TeX, no KaTeX errors)', (path) => {
    const html = htmlOf(path);
    expect(html).not.toContain('katex-error');
    const text = textOf(path, { drop: /<span class="katex[\s\S]*?<\/annotation>/g });
    expect(text.match(/\$\$|\$[^$\s][^$]{0,200}?[\\^_{}][^$]{0,200}?\$/g) ?? []).toEqual([]);
  });

  // Demo titles, checks and chart text once showed "π_ref" and "r_w" with their underscores.
  it.each(pages)('%s writes subscripts as subscripts outside formulas (no raw "π_ref" in its text)', (path) => {
    const text = textOf(path);
    expect([...text.matchAll(/\S{0,12}[A-Za-zα-ωΑ-Ω]_(?:\{|[A-Za-zα-ω])\S{0,12}/g)].map((m) => m[0])).toEqual([]);
  });

  // "$y$ is preferred…" with straight quotes became ”y is preferred…”: the typographer took a quote
  // before maths for a closing one.
  it.each(pages)('%s opens its quotations with an opening quote (no ” after a space, no “ before one)', (path) => {
    const text = textOf(path, { tagsTo: '' });
    expect([...text.matchAll(/.{0,20}(?:(?:^|[\s([])”(?=\w)|“(?=\s)).{0,20}/gm)].map((m) => m[0])).toEqual([]);
  });

  it.each(pages)('%s never separates inline maths from the punctuation after it or the bracket before it (360 and 1280 px)', async (path) => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const page = await context.newPage();
      const orphans: string[] = [];
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(baseUrl() + path, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const found = await page.evaluate(() =>
          [...document.querySelectorAll('.katex')].flatMap((k) => {
            const next = k.nextSibling;
            if (k.closest('.katex-display') || next?.nodeType !== Node.TEXT_NODE || !/^[.,;:!?)]/.test((next as Text).data)) return [];
            const bases = k.querySelectorAll('.katex-base');
            const last = bases[bases.length - 1]?.getBoundingClientRect();
            const range = document.createRange();
            range.setStart(next, 0);
            range.setEnd(next, 1);
            const mark = range.getBoundingClientRect();
            return last && mark.top > last.top + last.height / 2 ? [`${k.querySelector('annotation')?.textContent} ⏎ ${(next as Text).data.slice(0, 12)}`] : [];
          }),
        );
        found.push(
          ...(await page.evaluate(() =>
            [...document.querySelectorAll('.katex')].flatMap((k) => {
              const prev = k.previousSibling;
              if (k.closest('.katex-display') || prev?.nodeType !== Node.TEXT_NODE || !/[([]$/.test((prev as Text).data)) return [];
              const data = (prev as Text).data;
              const range = document.createRange();
              range.setStart(prev, data.length - 1);
              range.setEnd(prev, data.length);
              const mark = range.getBoundingClientRect();
              const first = k.querySelector('.katex-base')?.getBoundingClientRect();
              return first && first.top > mark.top + mark.height / 2 ? [`${data.slice(-12)} ⏎ ${k.querySelector('annotation')?.textContent}`] : [];
            }),
          )),
        );
        orphans.push(...found.map((f) => `${width} px: ${f}`));
      }
      expect(orphans).toEqual([]);
    });
  });

  const lessonPages = pages.filter((p) => p.startsWith('/lessons/') && /\/(notes\/[^/]+|theory|exercises)\/$/.test(p));
  it.each(lessonPages)('%s on a phone fits every formula, display and inline, in the column, wrapping where it may break', async (path) => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const page = await context.newPage();
      await page.goto(baseUrl() + path, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const scrolling = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.katex-display')]
          .filter((d) => d.scrollWidth > d.clientWidth + 1)
          .map((d) => {
            // Either a piece between two allowed breaks is itself too wide (rewrite the formula, e.g.
            // lines of a gathered) or the breaks are not taken (a bug in the wrapping).
            const pieces = [...d.querySelectorAll<HTMLElement>('.katex-unit:not(.katex-splits), .katex-piece:not(.katex-splits)')];
            const why = pieces.some((u) => u.getBoundingClientRect().width > d.clientWidth) ? 'a piece too wide to break' : 'breaks not taken';
            return `${why}: ${d.querySelector('annotation')?.textContent?.slice(0, 60)}`;
          }),
      );
      expect(scrolling, 'formulas that scroll sideways at 360 px').toEqual([]);
      // Inline maths breaks only between KaTeX's blocks: one block wider than the line (a long
      // square root) would stick out of the paragraph.
      const sticking = await page.evaluate(async () => {
        // Paragraphs far off screen are not laid out (content-visibility: auto); lay them all out.
        for (const el of document.querySelectorAll<HTMLElement>('.prose > *')) el.style.contentVisibility = 'visible';
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        return [...document.querySelectorAll<HTMLElement>('.prose p .katex, .prose li .katex')]
          .filter((k) => !k.closest('.katex-display, .widget, table'))
          .filter((k) => {
            const line = k.closest('p, li')!.getBoundingClientRect();
            return [...k.querySelectorAll('.katex-html > .katex-base')].some((b) => b.getBoundingClientRect().right > line.right + 1);
          })
          .map((k) => k.querySelector('annotation')?.textContent?.slice(0, 60));
      });
      expect(sticking, 'inline formulas wider than the line at 360 px').toEqual([]);
    });
  });

  it('sets side-by-side formulas and long ones on separate lines on a phone, as one line on a desktop', async () => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const page = await context.newPage();
      const lines = (start: string) =>
        page.evaluate((start) => {
          const annotation = [...document.querySelectorAll('.katex-display annotation')].find((a) => a.textContent?.trim().startsWith(start));
          const display = annotation?.closest<HTMLElement>('.katex-display');
          if (!display) return null;
          // Lines the boxes fall on: in document order, a box starts a line when it begins below
          // every box of the line so far (boxes on one line differ in height, so tops differ).
          const tops = (els: Element[]) => {
            let count = 0;
            let bottom = -Infinity;
            for (const r of els.map((e) => e.getBoundingClientRect())) {
              if (r.top >= bottom - 1) {
                count++;
                bottom = r.bottom;
              } else bottom = Math.max(bottom, r.bottom);
            }
            return count;
          };
          const row = display.closest('.math-row');
          const units = [...display.querySelectorAll('.katex-unit')].map((u) => u.textContent ?? '');
          return {
            // Every piece but the last ends on a ⟺ (the pieces carry no MathML, only drawn text).
            arrowsOnly: units.length > 1 && units.slice(0, -1).every((u) => u.trim().endsWith('⟺')),
            lines: tops([...display.querySelectorAll('.katex-base')]),
            rowLines: row ? tops([...row.children]) : 0,
            scrolls: display.scrollWidth > display.clientWidth + 1,
          };
        }, start);
      for (const [width, expected] of [
        [360, { row: 2, wrapped: 2 }],
        [1280, { row: 1, wrapped: 1 }],
      ] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(baseUrl() + '/lessons/preference-optimization-rlhf-and-dpo/notes/intuition-and-formal-definitions/', { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        // "E[r_φ] − E[r*] = E[e] ≥ 0, \qquad ŷ = argmax r_φ": two formulas in one row.
        expect(await lines('\\mathbb{E}\\big[r_\\phi(x,\\hat y)\\big]-'), `${width} px`).toMatchObject({ rowLines: expected.row, scrolls: false });
        await page.goto(baseUrl() + '/lessons/human-in-the-loop-and-monitoring/notes/intuition-and-formal-definitions/', { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        // "escalate ⟺ p·C_harm > C_review ⟺ …": may break at an arrow only, never after the ">".
        expect(await lines('\\text{escalate} \\iff'), `${width} px`).toMatchObject({ lines: expected.wrapped, scrolls: false, arrowsOnly: true });
      }
    });
  });

  it('breaks a formula too wide for a phone at its outermost + first, never inside (1 − π₁); one line on a desktop', async () => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const page = await context.newPage();
      for (const [width, lines] of [
        [360, 4],
        [1280, 1],
      ] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(baseUrl() + '/lessons/human-in-the-loop-and-monitoring/notes/review-workflows-and-the-training-loop/', { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const layout = await page.evaluate(() => {
          const display = [...document.querySelectorAll('.katex-display')].find((d) => d.querySelector('annotation')?.textContent?.trim().startsWith('J(\\tau_{\\mathrm{low}}'));
          if (!display) return null;
          const bases = [...display.querySelectorAll<HTMLElement>('.katex-base')];
          const boxes = bases.map((b) => b.getBoundingClientRect());
          const sameLine = (a: DOMRect, b: DOMRect) => b.top < a.bottom && a.top < b.bottom;
          // "J =" | "π₁ FNR C_miss +" | "(1 −" | "π₁) FPR C_over +" | "q(…) C_review": KaTeX's blocks.
          const open = bases.findIndex((b) => /\(1−$/.test(b.textContent ?? ''));
          let count = 1;
          for (let i = 1; i < boxes.length; i++) if (!sameLine(boxes[i - 1]!, boxes[i]!)) count++;
          return { lines: count, bracketWhole: open >= 0 && sameLine(boxes[open]!, boxes[open + 1]!), scrolls: display.scrollWidth > display.clientWidth + 1 };
        });
        expect(layout, `${width} px`).toEqual({ lines, bracketWhole: true, scrolls: false });
      }
    });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it.each(pages)(`%s loads cleanly, fits its formulas in the column and has no axe violations (${scheme})`, async (path) => {
      await withContext(browser, { colorScheme: scheme }, async (context) => {
        const { page, errors, failed } = await watchedPage(context);
        await page.goto(baseUrl() + path, { waitUntil: 'networkidle' });
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        // Hydration itself is asserted per demo in widgets.test.ts; here it only exposes islands to axe.
        const stuck = await hydrateAll(page);
        if (stuck.length) console.warn(`${path}: islands not hydrated in time: ${stuck.join(', ')}`);
        await page.waitForLoadState('networkidle');
        expect(errors, 'console errors').toEqual([]);
        expect(failed, 'failed requests').toEqual([]);
        expect(await page.title()).toMatch(/\S/);
        expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(/\S{10,}/);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.locator('main#main').count()).toBe(1);
        // On a desktop column every display formula fits: nothing is cut off behind a sideways scroll.
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.katex-display')]
            .filter((e) => e.scrollWidth > e.clientWidth + 1)
            .map((e) => `${e.scrollWidth}px > ${e.clientWidth}px: ${e.querySelector('annotation')?.textContent?.slice(0, 60)}`),
        );
        expect(wide, 'display formulas wider than the 1280 px layout column').toEqual([]);
        const violations = await axe(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      });
    });
  }

  // Controls drawn before their island loads are focusable but inert (aria-disabled): they must pass
  // axe as they stand, in the phone viewport Lighthouse loads without scrolling.
  const withIslands = pages.filter((p) => /\/(demos|theory|exercises)\/$/.test(p) || p.endsWith('/notes/variants-and-failure-modes/'));
  it.each(withIslands)('%s has no axe violations before its demos and exercises load (phone viewport)', async (path) => {
    await withContext(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(baseUrl() + path, { waitUntil: 'load' });
      expect(await page.locator('[data-pending]').count()).toBeGreaterThan(0);
      const violations = await axe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  });
});

