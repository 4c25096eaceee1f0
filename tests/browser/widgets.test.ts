import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, builtPages, hydrateAll, launch, newContext, watchedPage, withContext } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Snapshot {
  chart: string;
  readouts: string;
  check: string;
  summary: string;
}

async function snapshot(widget: Locator): Promise<Snapshot> {
  return widget.evaluate((el) => ({
    chart: el.querySelector('.widget-charts')?.innerHTML ?? '',
    readouts: el.querySelector('.widget-readouts')?.textContent ?? '',
    check: el.querySelector('.widget-check')?.textContent ?? '',
    summary: el.querySelector('.widget-summary')?.textContent ?? '',
  }));
}

const NUMBER = /-?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?/gi;

/** Each tag's attributes in name order: a patched node keeps its order, a new one takes Plot's. */
const sortAttributes = (html: string) =>
  html.replace(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*>/g, (_, tag: string, attrs: string) => {
    const list = attrs.match(/[^\s=>]+="[^"]*"/g) ?? [];
    return `<${tag}${list.sort().map((x) => ` ${x}`).join('')}>`;
  });

/**
 * The same drawing: same elements and attributes, every number within 0.01 (the HTML's charts are
 * rounded to hundredths), and style attributes compared without the spacing the browser adds.
 */
function sameDrawing(a: string, b: string): boolean {
  const [p, q] = [a, b].map((x) => sortAttributes(x.replace(/style="[^"]*"/g, (m) => m.replace(/[\s;]/g, ''))));
  if (p.replace(NUMBER, '#') !== q.replace(NUMBER, '#')) return false;
  const x = p.match(NUMBER) ?? [];
  const y = q.match(NUMBER) ?? [];
  return x.length === y.length && x.every((v, i) => Math.abs(Number(v) - Number(y[i])) <= 0.0101);
}

/** Waits two animation frames: React commits, then the chart effect paints. */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Changes one control by keyboard (sliders), option choice (selects) or click (toggles). */
async function change(control: Locator) {
  const input = control.locator('input, select').first();
  const type = await input.evaluate((el) => (el instanceof HTMLSelectElement ? 'select' : (el as HTMLInputElement).type));
  if (type === 'range') {
    const [value, max] = await input.evaluate((el) => [Number((el as HTMLInputElement).value), Number((el as HTMLInputElement).max)]);
    await input.focus();
    await input.press(value >= max ? 'Home' : 'End');
  } else if (type === 'select') {
    const next = await input.evaluate((el) => {
      const s = el as HTMLSelectElement;
      return s.options[(s.selectedIndex + 1) % s.options.length].value;
    });
    await input.selectOption(next);
  } else {
    await input.focus();
    await input.press('Space');
  }
}

async function openGallery(query = '', options: Parameters<typeof newContext>[1] = {}) {
  const context = await newContext(browser, options);
  const w = await watchedPage(context);
  await w.page.goto(`${baseUrl()}/demos/${query}`, { waitUntil: 'networkidle' });
  // Fail here, with what is missing, rather than later on a disabled control.
  expect(await hydrateAll(w.page), `islands not hydrated (failed requests: ${w.failed.join(', ') || 'none'})`).toEqual([]);
  return { context, ...w };
}

/** A demo's emphasised readouts as its live region speaks them: "Label value; Label value." */
const keyNumbers = (widget: Locator) =>
  widget.locator('.widget-readouts .emphasis').evaluateAll((els) => `${els.map((e) => `${e.querySelector('dt')!.textContent} ${e.querySelector('dd')!.textContent}`).join('; ')}.`);

describe('demo gallery', () => {
  it('every demo hydrates, and every control changes what the demo shows', async () => {
    const { context, page, errors } = await openGallery();
    const inactive: string[] = [];
    try {
      const widgets = page.locator('[data-widget]');
      const count = await widgets.count();
      expect(count).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < count; i++) {
        const widget = widgets.nth(i);
        const kind = await widget.getAttribute('data-widget');
        await expect.poll(() => widget.getAttribute('data-hydrated'), { message: `${kind} hydrates` }).toBe('true');
        const controls = widget.locator('.widget-control');
        const n = await controls.count();
        expect(n, `${kind} has controls`).toBeGreaterThan(0);
        for (let j = 0; j < n; j++) {
          const control = controls.nth(j);
          const name = await control.getAttribute('data-control');
          // A control an earlier change made moot is disabled and says why (the next test covers it live).
          if ((await control.getAttribute('data-inactive')) !== null) {
            expect(await control.locator('input, select').first().isDisabled(), `${kind}: "${name}" is off`).toBe(true);
            expect(await control.locator('small').textContent(), `${kind}: "${name}" says why it is off`).toMatch(/\w/);
            inactive.push(`${kind}:${name}`);
            continue;
          }
          const before = await snapshot(widget);
          await change(control);
          await settle(page);
          // The check, summary and table follow in a background render right after the chart's frame.
          await expect.poll(async () => (await snapshot(widget)).summary, { message: `${kind}: summary follows "${name}"`, timeout: 5000 }).not.toBe(before.summary);
          const after = await snapshot(widget);
          const changed = (['chart', 'readouts', 'check', 'summary'] as const).filter((k) => before[k] !== after[k]);
          expect(changed, `${kind}: changing "${name}" changes the chart, numbers, check or summary`).not.toEqual([]);
          // The spoken summary follows every control, so screen-reader users get the same news.
          expect(after.summary, `${kind}: summary follows "${name}"`).not.toBe(before.summary);
        }
        const seedButton = widget.getByRole('button', { name: 'New data' });
        if (await seedButton.count()) {
          const seed = await widget.locator('[data-seed]').textContent();
          const before = await snapshot(widget);
          await seedButton.click();
          await settle(page);
          expect(await widget.locator('[data-seed]').textContent(), `${kind}: new seed`).not.toBe(seed);
          expect((await snapshot(widget)).chart, `${kind}: new data redraws the chart`).not.toBe(before.chart);
        }
      }
      // Turning the system prompt off leaves "train on system tokens" nothing to act on.
      expect(inactive).toEqual(['loss-mask:trainSystem']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Train on system tokens" acts while chats have a system turn, and is disabled with its reason when they have none', async () => {
    const { context, page, errors } = await openGallery();
    try {
      const widget = page.locator('[data-widget-id="lmask"]');
      const system = widget.locator('[data-control="system"] input');
      const train = widget.locator('[data-control="trainSystem"]');
      const before = await snapshot(widget);
      await train.locator('input').focus();
      await page.keyboard.press('Space');
      await expect.poll(async () => (await snapshot(widget)).readouts).not.toBe(before.readouts);
      await system.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => train.locator('input').isDisabled()).toBe(true);
      expect(await train.locator('small').textContent()).toContain('No system turn in these chats');
      await system.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => train.locator('input').isDisabled()).toBe(false);
      expect(await train.locator('small').count()).toBe(0);
      // Unpacked, each chat has its own row: "Keep chat boundaries" has nothing to keep until packing is on.
      const boundaries = widget.locator('[data-control="boundaries"]');
      expect(await boundaries.locator('input').isDisabled()).toBe(true);
      expect(await boundaries.locator('small').textContent()).toContain('no boundary to keep');
      await widget.locator('[data-control="packing"] input').focus();
      await page.keyboard.press('Space');
      await expect.poll(() => boundaries.locator('input').isDisabled()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('each demo’s repeated controls are told apart by its title in a screen reader’s list of controls', async () => {
    const { context, page, errors } = await openGallery();
    try {
      const widget = page.locator('[data-widget-id="thr"]');
      const title = (await widget.locator('.widget-title').textContent())!;
      // Thirteen "Copy link to this state" buttons on one page could not be told apart.
      expect(await widget.getByRole('button', { name: `Copy link to this state, ${title}`, exact: true }).count()).toBe(1);
      expect(await widget.getByRole('button', { name: `New data, ${title}`, exact: true }).count()).toBe(1);
      expect(await widget.locator('summary').first().getAttribute('aria-label')).toBe(`Data table, ${title}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a copied URL restores every demo exactly', async () => {
    const first = await openGallery();
    let url: string;
    const states: Snapshot[] = [];
    try {
      const widgets = first.page.locator('[data-widget]');
      const count = await widgets.count();
      for (let i = 0; i < count; i++) {
        const controls = widgets.nth(i).locator('.widget-control');
        for (let j = 0; j < Math.min(2, await controls.count()); j++) await change(controls.nth(j));
      }
      await first.page.waitForTimeout(1000); // each demo writes the URL once its controls rest (300 ms)
      url = first.page.url();
      expect(url).toContain('?');
      for (let i = 0; i < count; i++) states.push(await snapshot(widgets.nth(i)));
    } finally {
      await first.context.close();
    }
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(url, { waitUntil: 'networkidle' });
      expect(await hydrateAll(page), 'islands not hydrated').toEqual([]);
      await settle(page);
      const widgets = page.locator('[data-widget]');
      for (let i = 0; i < states.length; i++) {
        const s = await snapshot(widgets.nth(i));
        expect(s.readouts).toBe(states[i].readouts);
        expect(s.summary).toBe(states[i].summary);
        // Axes kept from the HTML carry coordinates rounded to 0.01 px; the drawing is the same.
        expect(sameDrawing(s.chart, states[i].chart), `demo ${i}: the restored chart is the one copied`).toBe(true);
      }
      expect(errors).toEqual([]);
    });
  });

  it('on a high-density screen a first change keeps the axes drawn in the page until a scale moves', async () => {
    await withContext(browser, { deviceScaleFactor: 2 }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/`, { waitUntil: 'networkidle' });
      const widget = page.locator('[data-widget="threshold-tradeoff"]');
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      const frames = () => widget.evaluate((el) => [...el.querySelectorAll('svg[data-layer="frame"]')].map((f) => f.outerHTML));
      const data = () => widget.evaluate((el) => [...el.querySelectorAll('svg[data-layer="data"]')].map((f) => f.outerHTML).join(''));
      const [frames0, data0] = [await frames(), await data()];
      expect(frames0).toHaveLength(2);
      // τ moves a rule and points, never an axis. The ROC curve is drawn with its axes and keyed on
      // its sample's identity, which the build's HTML cannot carry, so that frame is redrawn once.
      await change(widget.locator('[data-control="tau"]'));
      await settle(page);
      expect(await data(), 'τ redraws the data marks').not.toBe(data0);
      const frames1 = await frames();
      expect(frames1[0], 'τ leaves the rate chart’s axes as the HTML drew them').toBe(frames0[0]);
      await change(widget.locator('[data-control="tau"]'));
      await settle(page);
      expect(await frames(), 'τ redraws no axes once the page has drawn them').toEqual(frames1);
      // A new sample moves the ROC curve.
      await change(widget.locator('[data-control="separation"]'));
      await settle(page);
      expect((await frames())[1], 'a new separation redraws the ROC curve').not.toBe(frames1[1]);
      expect(errors).toEqual([]);
    });
  });

  it('state from the URL redraws curves the HTML drew for the preset', async () => {
    // The ROC curve sits in the frame layer; the page's first draw must not keep the preset's.
    const html = await (await fetch(`${baseUrl()}/demos/`)).text();
    const served = /data-widget="threshold-tradeoff"[\s\S]*?<\/section>/.exec(html)![0];
    const servedRoc = [...served.matchAll(/<svg[^>]*data-layer="frame"[\s\S]*?<\/svg>/g)][1]![0];
    // High density, where the page keeps axes the HTML drew while their key matches.
    await withContext(browser, { deviceScaleFactor: 2 }, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/?thr.separation=11`, { waitUntil: 'networkidle' });
      const widget = page.locator('[data-widget="threshold-tradeoff"]');
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      await expect.poll(() => widget.locator('[data-control="separation"] input').inputValue()).toBe('11');
      await settle(page);
      const roc = await widget.evaluate((el) => el.querySelectorAll('svg[data-layer="frame"]')[1]!.outerHTML);
      const curve = (svg: string) => [...svg.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]).join(' ');
      expect(curve(servedRoc).length).toBeGreaterThan(0);
      expect(sameDrawing(curve(roc), curve(servedRoc)), 'the ROC curve follows the separation in the URL').toBe(false);
      expect(errors).toEqual([]);
    });
  });

  it('junk URL parameters are ignored or clamped, never break the page', async () => {
    const clean = await openGallery();
    const defaults: Snapshot[] = [];
    const ids: string[] = [];
    try {
      const widgets = clean.page.locator('[data-widget]');
      for (let i = 0; i < (await widgets.count()); i++) {
        defaults.push(await snapshot(widgets.nth(i)));
        ids.push((await widgets.nth(i).getAttribute('data-widget-id'))!);
      }
    } finally {
      await clean.context.close();
    }
    const junk = ids.flatMap((id) => [`${id}.seed=-7`, `${id}.seed=abc`, `${id}.tau=NaN`, `${id}.mode=%3Cscript%3E`, `${id}.n=1e400`, `${id}.zzz=1`]);
    const { context, page, errors } = await openGallery(`?${junk.join('&')}&%E0%A4%A=1&=&&x`);
    try {
      const widgets = page.locator('[data-widget]');
      expect(await widgets.count()).toBe(defaults.length);
      for (let i = 0; i < defaults.length; i++) {
        const s = await snapshot(widgets.nth(i));
        expect(s.readouts).toBe(defaults[i].readouts);
        expect(s.readouts).not.toMatch(/NaN/);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('out-of-range URL values are clamped to the control range', async () => {
    const { context, page, errors } = await openGallery('?thr.tau=7&thr.n=-5');
    try {
      const widget = page.locator('[data-widget-id="thr"]');
      await expect.poll(() => widget.locator('[data-control="tau"] input').inputValue()).toBe('0.95');
      expect(await widget.locator('[data-control="n"] input').inputValue()).toBe('50');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a demo forced to throw shows a message, and the other demos keep working', async () => {
    const { context, page } = await openGallery('?fail=thr');
    try {
      const failed = page.locator('.widget-error');
      await expect.poll(() => failed.count()).toBe(1);
      expect(await failed.textContent()).toMatch(/stopped working/);
      const others = page.locator('[data-widget]');
      if ((await others.count()) > 0) {
        const widget = others.first();
        const before = await snapshot(widget);
        await change(widget.locator('.widget-control').first());
        await settle(page);
        await expect.poll(async () => (await snapshot(widget)).summary, { timeout: 5000 }).not.toBe(before.summary);
      }
      // Reset brings the failed demo back.
      await failed.getByRole('button', { name: 'Reset demo' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-widget-id="thr"]').count()).toBe(1);
      // The pressed button unmounted with the message: focus lands on the restarted demo, not on <body>.
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-widget-id]')?.getAttribute('data-widget-id') ?? null)).toBe('thr');
      // Mounted afresh in the browser (no server drawing to keep), it draws its charts itself.
      await expect.poll(() => page.locator('[data-widget-id="thr"] .widget-chart svg').count()).toBeGreaterThanOrEqual(2);
    } finally {
      await context.close();
    }
  });
});

describe('keyboard', () => {
  it('Tab reaches the controls of a demo that has not loaded yet; focusing one loads it, then arrows work', async () => {
    const context = await newContext(browser);
    const { page, errors } = await watchedPage(context);
    try {
      await page.goto(`${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/theory/`, { waitUntil: 'networkidle' });
      // The first demo below the first screen: not hydrated at load.
      const target = await page.evaluate(() => {
        const w = [...document.querySelectorAll('astro-island[ssr] [data-widget]')].find((el) => el.getBoundingClientRect().top > innerHeight * 1.5);
        return w?.getAttribute('data-widget-id') ?? null;
      });
      expect(target).not.toBeNull();
      const widget = page.locator(`[data-widget-id="${target}"]`);
      expect(await widget.locator('[data-pending]').count()).toBeGreaterThan(0);
      // Start from the last element before the demo and press Tab once.
      await widget.evaluate((w) => {
        const marker = document.createElement('button');
        marker.id = 'tab-start';
        marker.textContent = 'start';
        w.closest('astro-island')!.before(marker);
        marker.focus();
      });
      await page.keyboard.press('Tab');
      const landed = await page.evaluate(() => ({
        inWidget: document.activeElement?.closest('[data-widget]')?.getAttribute('data-widget-id') ?? null,
        control: document.activeElement?.closest('.widget-control')?.getAttribute('data-control') ?? null,
      }));
      expect(landed.inWidget).toBe(target);
      expect(landed.control).not.toBeNull();
      await expect.poll(() => widget.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      expect(await widget.locator('[data-pending]').count()).toBe(0);
      const before = await snapshot(widget);
      const focused = page.locator(':focus');
      const type = await focused.evaluate((el) => (el instanceof HTMLSelectElement ? 'select' : (el as HTMLInputElement).type));
      await page.keyboard.press(type === 'checkbox' ? 'Space' : type === 'select' ? 'ArrowDown' : 'ArrowRight');
      await settle(page);
      await expect.poll(async () => (await snapshot(widget)).summary, { timeout: 5000 }).not.toBe(before.summary);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the spoken summary waits until the controls settle, then says the new state once; a copied link includes a change made just before', async () => {
    const context = await newContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = await watchedPage(context);
    try {
      await page.goto(`${baseUrl()}/demos/#thr`, { waitUntil: 'networkidle' });
      const widget = page.locator('[data-widget-id="thr"]');
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      const spoken = widget.locator('[data-spoken-summary]');
      const slider = widget.locator('.widget-control[data-control="tau"] input');
      await slider.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      // Mid-change nothing is spoken; the visible summary already follows.
      expect(await spoken.textContent()).toBe('');
      const visible = () => widget.locator('.widget-summary').textContent();
      await expect.poll(visible).toContain('Threshold 0.55');
      // (These five steps also turn the check from FAIL to PASS, which is said first.) Then the key
      // numbers, not the whole summary: "TPR at τ …; FPR at τ …".
      await expect.poll(() => spoken.textContent(), { timeout: 3000 }).toBe(`Check now passes: ${await widget.locator('.widget-check').textContent().then((t) => t!.replace(/^PASS\s*/, ''))} ${await keyNumbers(widget)}`);
      expect((await spoken.textContent())!.length).toBeLessThan((await visible())!.length);
      // Copy right after a change: the link already carries it.
      await page.keyboard.press('ArrowRight');
      await widget.getByRole('button', { name: 'Copy link to this state' }).click();
      await expect.poll(() => widget.locator('.widget-copied').textContent()).toMatch(/Link copied/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/[?&]thr\.tau=0\.56(&[^#]*)?#thr$/);
    } finally {
      await context.close();
    }
  });

  it('a drag writes the URL once, when the slider rests, and fetches nothing while it moves; leaving at once still keeps the change', async () => {
    const { context, page, errors } = await openGallery('#thr');
    try {
      const widget = page.locator('[data-widget-id="thr"]');
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      // Twelve steps 40 ms apart, as a slow drag delivers them, counted where React sees them.
      const during = await widget.evaluate(async (w) => {
        const writes: string[] = [];
        const original = history.replaceState.bind(history);
        history.replaceState = (data, unused, url) => {
          writes.push(String(url));
          original(data, unused, url);
        };
        const input = w.querySelector<HTMLInputElement>('[data-control="tau"] input')!;
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        for (let k = 1; k <= 12; k++) {
          set.call(input, String(0.3 + 0.02 * k));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 40));
        }
        (window as unknown as { __writes: string[] }).__writes = writes;
        return writes.length;
      });
      expect(during, 'no URL write while the slider moves').toBe(0);
      await expect.poll(() => widget.locator('.widget-summary').textContent(), { message: 'the demo followed the drag' }).toContain('Threshold 0.54');
      expect(requests, 'nothing fetched mid-drag (each URL write makes Chromium fetch the favicon again)').toEqual([]);
      await expect.poll(() => page.url()).toMatch(/[?&]thr\.tau=0\.54\b/);
      expect(await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes.length), 'one write once the slider rests').toBe(1);

      // A change followed at once by a link click is still in the entry that Back returns to.
      const slider = widget.locator('[data-control="tau"] input');
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Lessons' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.goBack();
      expect(page.url()).toMatch(/[?&]thr\.tau=0\.55\b/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a change that turns the check over is spoken with its new verdict first', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/#thr`, { waitUntil: 'networkidle' });
      const widget = page.locator('[data-widget-id="thr"]');
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      const verdict = () => widget.locator('.widget-check').getAttribute('data-check');
      const start = await verdict();
      const slider = widget.locator('.widget-control[data-control="tau"] input');
      await slider.focus();
      // Up from the default τ until the verdict turns (at 0.5 too many benign items are blocked).
      for (let i = 0; i < 60 && (await verdict()) === start; i++) await page.keyboard.press('ArrowRight');
      const now = await verdict();
      expect(now).not.toBe(start);
      const spoken = widget.locator('[data-spoken-summary]');
      await expect.poll(() => spoken.textContent(), { timeout: 3000 }).toMatch(new RegExp(`^Check now ${now === 'pass' ? 'passes' : 'fails'}: `));
      expect(await spoken.textContent()).toContain(await keyNumbers(widget));
      expect(errors).toEqual([]);
    });
  });

  it('a copied link opens the page at its demo, in the copied state, not at the top of a long page', async () => {
    const context = await newContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, errors } = await watchedPage(context);
    try {
      const theory = `${baseUrl()}/lessons/preference-optimization-rlhf-and-dpo/theory/`;
      await page.goto(theory, { waitUntil: 'networkidle' });
      const widget = page.locator('[data-widget-id="t33"]');
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      const slider = widget.locator('.widget-control[data-control="prevalence"] input');
      await slider.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await widget.getByRole('button', { name: 'Copy link to this state' }).click();
      await expect.poll(() => widget.locator('.widget-copied').textContent()).toMatch(/Link copied/);
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(/[?&]t33\.prevalence=0\.3(&[^#]*)?#t33$/);

      const fresh = await context.newPage();
      await fresh.goto(link, { waitUntil: 'load' });
      const opened = fresh.locator('#t33');
      // Below the sticky header, whatever the demos above it have drawn since.
      await fresh.waitForTimeout(500);
      const box = await opened.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeLessThan(150);
      expect(await fresh.evaluate(() => window.scrollY)).toBeGreaterThan(5000);
      await expect.poll(() => opened.getAttribute('data-hydrated'), { timeout: 20_000 }).toBe('true');
      expect(await opened.locator('.widget-control[data-control="prevalence"] input').inputValue()).toBe('0.3');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keys pressed on a control before its demo loads change nothing', async () => {
    const context = await newContext(browser);
    const { page } = await watchedPage(context);
    try {
      // A slow component download keeps every island waiting while the keys arrive.
      await page.route(/\/_astro\/.*\.js$/, async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await page.goto(`${baseUrl()}/demos/`);
      const slider = page.locator('[data-widget] input[type=range]').first();
      await slider.waitFor();
      const drawn = await slider.inputValue();
      expect(await slider.getAttribute('aria-disabled')).toBe('true');
      await slider.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      expect(await slider.inputValue()).toBe(drawn);
      // Pasting is never blocked (Lighthouse counts that against a page); its effect is undone instead.
      expect(await slider.evaluate((el) => !el.dispatchEvent(new ClipboardEvent('paste', { cancelable: true, bubbles: true })))).toBe(false);
    } finally {
      await context.close();
    }
  });
});

// Lesson pages embed demos tuned to a subsection; each must hydrate and answer its controls.
const lessonPagesWithDemos = builtPages().filter(
  (p) => p.startsWith('/lessons/') && readFileSync(join('dist', p, 'index.html'), 'utf8').includes('data-widget='),
);

describe('demos embedded in lessons', () => {
  it('lessons embed demos in notes and theory pages', () => {
    expect(lessonPagesWithDemos.some((p) => p.endsWith('/theory/'))).toBe(true);
    expect(lessonPagesWithDemos.some((p) => p.includes('/notes/'))).toBe(true);
  });

  it.each(lessonPagesWithDemos)('%s: every demo hydrates and responds to its first control', async (path) => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}${path}`, { waitUntil: 'networkidle' });
      await hydrateAll(page);
      const widgets = page.locator('[data-widget]');
      const count = await widgets.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const widget = widgets.nth(i);
        const id = await widget.getAttribute('data-widget-id');
        await expect.poll(() => widget.getAttribute('data-hydrated'), { message: `${id} hydrates` }).toBe('true');
        const control = widget.locator('.widget-control').first();
        if ((await control.count()) === 0) continue;
        const before = await snapshot(widget);
        await control.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await change(control);
        await settle(page);
        const after = await snapshot(widget);
        expect(after.summary === before.summary && after.chart === before.chart && after.readouts === before.readouts, `${path} ${id} responds`).toBe(false);
      }
      expect(errors).toEqual([]);
    });
  });
});

describe('demo layout', () => {
  // The gallery and both theory pages show every demo kind under many presets.
  const pages = ['/demos/', ...lessonPagesWithDemos.filter((p) => p.endsWith('/theory/'))];

  it.each([360, 1280])('at %i px every readout fits its box and no chart text is cut off at the figure edge', async (width) => {
    await withContext(browser, { viewport: { width, height: 800 } }, async (context) => {
      const { page } = await watchedPage(context);
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(`${baseUrl()}${path}`, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        problems.push(
          ...(await page.evaluate((path) => {
            const out: string[] = [];
            for (const w of document.querySelectorAll<HTMLElement>('[data-widget]')) {
              const id = `${path} ${w.dataset.widgetId}`;
              if (w.scrollWidth > w.clientWidth + 1) out.push(`${id}: the demo is wider than its box`);
              for (const dd of w.querySelectorAll<HTMLElement>('.widget-readouts dd')) {
                const box = dd.parentElement!.getBoundingClientRect();
                if (dd.scrollWidth > dd.clientWidth + 1 || dd.getBoundingClientRect().right > box.right + 1) out.push(`${id}: readout “${dd.textContent}” overflows`);
                // A value broken across lines ("[0.110, / 0.190]") reads as two numbers.
                const range = document.createRange();
                range.selectNodeContents(dd);
                const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
                if (lines.size > 1) out.push(`${id}: readout “${dd.textContent}” wraps onto ${lines.size} lines`);
              }
              for (const svg of w.querySelectorAll<SVGSVGElement>('.widget-chart svg')) {
                const box = svg.getBoundingClientRect();
                // One unit of the chart's own coordinates (a text's line box may reach that far past
                // the edge: no glyph is cut); a chart drawn larger than its viewBox scales it.
                const unit = Math.max(1, box.width / (svg.viewBox.baseVal?.width || box.width));
                for (const t of svg.querySelectorAll('text')) {
                  const r = t.getBoundingClientRect();
                  if (r.width > 0 && (r.left < box.left - unit || r.right > box.right + unit || r.top < box.top - unit || r.bottom > box.bottom + unit)) out.push(`${id}: chart text “${t.textContent}” is cut off`);
                }
              }
            }
            return out;
          }, path)),
        );
      }
      expect(problems).toEqual([]);
    });
  });

  it('an open data table shows its whole caption, and a table wider than its box scrolls from the keyboard', async () => {
    await withContext(browser, { viewport: { width: 1280, height: 900 } }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/lessons/human-in-the-loop-and-monitoring/notes/intuition-and-formal-definitions/`, { waitUntil: 'load' });
      const widget = page.locator('[data-widget="policy-matrix"]').first();
      await widget.scrollIntoViewIfNeeded();
      await widget.locator('.widget-table summary').click();
      const caption = widget.locator('.widget-table .table-caption');
      await expect.poll(() => caption.isVisible()).toBe(true);
      const [captionBox, widgetBox] = [await caption.boundingBox(), await widget.boundingBox()];
      expect(captionBox!.x + captionBox!.width).toBeLessThanOrEqual(widgetBox!.x + widgetBox!.width);
      expect(await caption.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const box = widget.locator('.table-scroll');
      expect(await box.getAttribute('role')).toBe('region');
      expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await box.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    });
  });

  it('an open data table takes a tab stop exactly when it scrolls, and follows the window', async () => {
    await withContext(browser, { viewport: { width: 1280, height: 900 } }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/`, { waitUntil: 'load' });
      const tables = page.locator('[data-widget] .widget-table');
      const n = await tables.count();
      expect(n).toBe(13);
      for (let i = 0; i < n; i++) {
        const t = tables.nth(i);
        await t.scrollIntoViewIfNeeded();
        await expect.poll(() => t.evaluate((el) => el.closest<HTMLElement>('[data-widget]')!.dataset.hydrated), { timeout: 30_000 }).toBe('true');
        await t.locator('summary').click();
      }
      const state = () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-widget] .widget-table .table-scroll')].map((el) => ({
            id: el.closest<HTMLElement>('[data-widget]')!.dataset.widgetId,
            scrolls: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
            stop: el.tabIndex === 0 && el.hasAttribute('tabindex'),
          })),
        );
      const mismatched = async () => (await state()).filter((s) => s.scrolls !== s.stop).map((s) => s.id);
      await expect.poll(mismatched).toEqual([]);
      const wide = await state();
      // Both kinds occur at 1280 px: short tables that fit and long ones that scroll.
      expect(wide.some((s) => s.scrolls)).toBe(true);
      const fitting = wide.filter((s) => !s.scrolls).map((s) => s.id);
      expect(fitting.length).toBeGreaterThan(0);
      await page.setViewportSize({ width: 360, height: 900 });
      await expect.poll(mismatched).toEqual([]);
      const narrow = await state();
      // Some table that fitted at 1280 px scrolls on a phone and has gained its tab stop.
      expect(narrow.filter((s) => fitting.includes(s.id) && s.stop).length).toBeGreaterThan(0);
    });
  });

  it.each([768, 1280])('at %i px every choice shows each of its options in full', async (width) => {
    await withContext(browser, { viewport: { width, height: 800 } }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/demos/`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const cut = await page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        return [...document.querySelectorAll<HTMLSelectElement>('.widget-control select')].flatMap((s) => {
          const cs = getComputedStyle(s);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          // The closed select shows the chosen option's text beside a drop-down arrow about 20 px wide.
          const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
          return [...s.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => `${s.closest<HTMLElement>('[data-widget]')!.dataset.widgetId}: “${o.text}”`);
        });
      });
      expect(cut).toEqual([]);
    });
  });
});
