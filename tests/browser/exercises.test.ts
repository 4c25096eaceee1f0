import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getExercise } from '../../src/exercises/registry';
import type { NumericPart } from '../../src/exercises/types';
import { baseUrl, hydrateAll, launch, newContext, watchedPage, withContext } from './browser';

const LESSON = 'human-in-the-loop-and-monitoring';
const PAGE = `/lessons/${LESSON}/exercises/`;
const ID = 'kappa-table';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const def = getExercise(ID)!;
const variant = def.generate(def.defaultSeed);
const partA = variant.parts[0] as NumericPart;

async function openExercise(context: BrowserContext, query = '') {
  const w = await watchedPage(context);
  await w.page.goto(`${baseUrl()}${PAGE}${query}`, { waitUntil: 'networkidle' });
  const root = w.page.locator(`[data-exercise="${ID}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect.poll(() => root.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
  return { ...w, root };
}

async function answer(root: ReturnType<Page['locator']>, text: string, part = 'a') {
  const p = root.locator(`[data-part="${part}"]`);
  await p.getByTestId('answer').fill(text);
  await p.getByTestId('check').click();
  return p.getByTestId('feedback');
}

describe('exercises', () => {
  it('a part that builds on the one before waits for it; a part that does not is open at once', async () => {
    await withContext(browser, async (context) => {
      const { page, root } = await openExercise(context);
      // Kappa (b) needs the agreement from (a); McNemar (b) needs only the table.
      const kappaB = root.locator('[data-part="b"]');
      expect(await kappaB.getByTestId('check').isDisabled()).toBe(true);
      expect(await kappaB.locator('.ex-locked').textContent()).toContain('Answer part (a) first');
      // The disabled field and button say why, for a reader who lands on them.
      const lockId = await kappaB.locator('.ex-locked').getAttribute('id');
      expect((await kappaB.getByTestId('answer').getAttribute('aria-describedby'))!.split(' ')).toContain(lockId);
      expect(await kappaB.getByTestId('check').getAttribute('aria-describedby')).toBe(lockId);
      const mcnemar = page.locator('[data-exercise="mcnemar-regression-check"]');
      await mcnemar.scrollIntoViewIfNeeded();
      await expect.poll(() => mcnemar.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      const mcB = mcnemar.locator('[data-part="b"]');
      expect(await mcB.getByTestId('check').isDisabled()).toBe(false);
      expect(await mcB.locator('.ex-locked').count()).toBe(0);
      const chi = getExercise('mcnemar-regression-check')!.generate(getExercise('mcnemar-regression-check')!.defaultSeed).parts[1] as NumericPart;
      await mcB.getByTestId('answer').fill(chi.answer.toFixed(2));
      await mcB.getByTestId('check').click();
      await expect.poll(() => mcB.getByTestId('feedback').getAttribute('data-state')).toBe('correct');
    });
  });

  it('a right answer marks the exercise solved, shows the exact value, and survives reload', async () => {
    await withContext(browser, async (context) => {
      const { page, root, errors } = await openExercise(context);
      expect(await root.getAttribute('data-status')).toBe('untouched');
      const fb = await answer(root, String(partA.answer));
      await expect.poll(() => fb.getAttribute('data-state')).toBe('correct');
      expect(await root.locator('[data-part="a"]').getByTestId('exact').textContent()).toMatch(/\d/);
      // Answer the remaining parts to solve the whole exercise.
      for (const part of variant.parts.slice(1)) {
        if (part.kind === 'numeric') {
          const f = await answer(root, String(part.answer), part.id);
          await expect.poll(() => f.getAttribute('data-state')).toBe('correct');
        } else {
          const p = root.locator(`[data-part="${part.id}"]`);
          for (const c of part.choices.filter((c) => c.correct)) await p.locator(`input[value="${c.id}"]`).check();
          await p.getByTestId('check').click();
          await expect.poll(() => p.getByTestId('feedback').getAttribute('data-state')).toBe('correct');
        }
      }
      await expect.poll(() => root.getAttribute('data-status')).toBe('solved');
      await page.reload({ waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-status'), { timeout: 20_000 }).toBe('solved');
      // The answers come back with their verdicts, graded again without counting as attempts.
      await expect.poll(() => again.locator('[data-part="a"]').getByTestId('answer').inputValue()).toBe(String(partA.answer));
      expect(await again.locator('[data-part="a"]').getByTestId('feedback').getAttribute('data-state')).toBe('correct');
      expect(errors).toEqual([]);
    });
  });

  it('says wrong for a wrong answer, gives the targeted message for a known slip, and ignores unreadable input', async () => {
    await withContext(browser, async (context) => {
      const { root, errors } = await openExercise(context);
      // The answer box says how close counts, and a screen reader hears it with the field.
      const field = root.locator('[data-part="a"]').getByTestId('answer');
      const tol = root.locator(`#${(await field.getAttribute('aria-describedby'))!.split(' ')[0]}`);
      expect(await tol.textContent()).toBe(`Accepted within ±${partA.tolerance.abs}.`);
      const unreadable = await answer(root, 'abc');
      await expect.poll(() => unreadable.getAttribute('data-state')).toBe('unreadable');
      expect(await root.getAttribute('data-status')).toBe('untouched');
      const script = await answer(root, '<script>alert(1)</script>');
      await expect.poll(() => script.getAttribute('data-state')).toBe('unreadable');
      expect(await root.locator('script').count()).toBe(0);

      const wrong = await answer(root, String(partA.answer + 0.37));
      await expect.poll(() => wrong.getAttribute('data-state')).toBe('incorrect');
      await expect.poll(() => root.getAttribute('data-status')).toBe('attempted');

      const slip = partA.mistakes.find((m) => m.value !== undefined)!;
      const targeted = await answer(root, String(slip.value));
      await expect.poll(() => targeted.getAttribute('data-state')).toBe('targeted');
      expect((await targeted.textContent())!.length).toBeGreaterThan(20);
      expect(errors).toEqual([]);
    });
  });

  it('a wrong answer is back after a reload with its verdict; other numbers do not bring it back', async () => {
    await withContext(browser, async (context) => {
      const { page, root } = await openExercise(context);
      const wrong = String(partA.answer + 0.37);
      const fb = await answer(root, wrong);
      await expect.poll(() => fb.getAttribute('data-state')).toBe('incorrect');
      await page.reload({ waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      const field = again.locator('[data-part="a"]').getByTestId('answer');
      await expect.poll(() => field.inputValue()).toBe(wrong);
      expect(await again.locator('[data-part="a"]').getByTestId('feedback').getAttribute('data-state')).toBe('incorrect');
      expect(await again.getAttribute('data-status')).toBe('attempted');
      // A different variant (another seed in the URL) starts blank.
      await page.goto(`${baseUrl()}${PAGE}?ex-${ID}=12345`, { waitUntil: 'networkidle' });
      const other = page.locator(`[data-exercise="${ID}"]`);
      await other.scrollIntoViewIfNeeded();
      await expect.poll(() => other.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      expect(await other.locator('[data-part="a"]').getByTestId('answer').inputValue()).toBe('');
    });
  });

  // A worked solution is hidden until asked for, so the page-width checks never saw one; and an
  // explanation shared by several options (a verdict covering "pass" and "fail") once repeated
  // under each of them.
  it('at 360 px every worked solution fits the phone, and no choice part repeats an explanation', async () => {
    await withContext(browser, { viewport: { width: 360, height: 800 } }, async (context) => {
      const { page, errors } = await watchedPage(context);
      for (const lesson of ['preference-optimization-rlhf-and-dpo', 'human-in-the-loop-and-monitoring']) {
        await page.goto(`${baseUrl()}/lessons/${lesson}/exercises/`, { waitUntil: 'networkidle' });
        expect(await hydrateAll(page, 45_000)).toEqual([]);
        const roots = page.locator('[data-exercise]');
        for (let i = 0; i < (await roots.count()); i++) {
          const root = roots.nth(i);
          await expect.poll(() => root.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
          await root.getByTestId('show-solution').click();
          await expect.poll(() => root.getByTestId('solution').locator('li').count()).toBeGreaterThan(0);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lesson}: page width`).toBe(360);
        const repeats = await page.evaluate(() =>
          [...document.querySelectorAll('.ex-choices')].flatMap((set) => {
            // The last child is the explanation itself (the first is a hidden "Correct option:" prefix).
            const texts = [...set.querySelectorAll('[data-testid="choice-explanation"]')].map((p) => p.lastElementChild?.textContent ?? '');
            return texts.filter((t, k) => texts.indexOf(t) !== k).map((t) => t.slice(0, 60));
          }),
        );
        expect(repeats, `${lesson}: repeated explanations`).toEqual([]);
        expect(await page.locator('[data-testid="choice-explanation"]').count(), `${lesson}: explanations shown`).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
    });
  });

  it.each([360, 1280])('at %i px every numeric part has its Check button in the same place, beside its box; a choice legend stays inside its box', async (width) => {
    await withContext(browser, { viewport: { width, height: 800 } }, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      expect(await hydrateAll(page, 45_000)).toEqual([]);
      const layout = await page.evaluate(() => ({
        parts: [...document.querySelectorAll<HTMLElement>('.ex-answer')]
          .filter((f) => f.querySelector('.ex-numeric'))
          .map((f) => {
            const box = f.querySelector('input')!.getBoundingClientRect();
            const button = f.querySelector('button')!.getBoundingClientRect();
            return { left: Math.round(button.left - box.left), width: Math.round(box.width), row: Math.abs(button.bottom - box.bottom) < 2 };
          }),
        legends: [...document.querySelectorAll('.ex-choices')].map((set) => {
          const [l, f] = [set.querySelector('legend')!.getBoundingClientRect(), set.getBoundingClientRect()];
          return l.top >= f.top && l.left >= f.left && l.right <= f.right;
        }),
      }));
      expect(layout.parts.length).toBeGreaterThan(10);
      expect(layout.parts.every((p) => p.row)).toBe(true);
      // One offset from the box to its button, and one box width, in every part (the tolerance note's length
      // used to push the button about).
      expect(new Set(layout.parts.map((p) => p.left)).size).toBe(1);
      expect(new Set(layout.parts.map((p) => p.width)).size).toBe(1);
      expect(layout.legends.length).toBeGreaterThan(0);
      expect(layout.legends.every(Boolean)).toBe(true);
    });
  });

  it('unlocks hints one at a time, and showing the solution marks it revealed, not solved', async () => {
    await withContext(browser, async (context) => {
      const { root } = await openExercise(context);
      const hints = root.getByTestId('hints').locator('li');
      expect(await hints.count()).toBe(0);
      await root.getByTestId('hint').click();
      await expect.poll(() => hints.count()).toBe(1);
      await root.getByTestId('hint').click();
      await expect.poll(() => hints.count()).toBe(2);
      await root.getByTestId('show-solution').click();
      await expect.poll(() => root.getByTestId('solution').locator('li').count()).toBe(variant.solution.length);
      await expect.poll(() => root.getAttribute('data-status')).toBe('revealed');
    });
  });

  it('for keyboard and screen-reader use: a repeated verdict is announced again, an unreadable answer marks the field invalid, and a hint or the solution takes focus', async () => {
    await withContext(browser, async (context) => {
      const { root, page } = await openExercise(context);
      const field = root.locator('[data-part="a"]').getByTestId('answer');
      const unreadable = await answer(root, 'abc');
      await expect.poll(() => unreadable.getAttribute('data-state')).toBe('unreadable');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.inputValue()).toBe('abc');

      const wrong = String(partA.answer + 0.37);
      const feedback = await answer(root, wrong);
      await expect.poll(() => feedback.getAttribute('data-state')).toBe('incorrect');
      expect(await field.getAttribute('aria-invalid')).toBeNull();
      // The same verdict twice: the status region gets a new message node, which is announced again.
      await feedback.locator('p').first().evaluate((p) => p.setAttribute('data-seen', ''));
      await answer(root, wrong);
      await expect.poll(() => feedback.locator('p[data-seen]').count()).toBe(0);
      expect(await feedback.locator('p').first().textContent()).toMatch(/\S/);

      await root.getByTestId('hint').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.matches('.ex-hints > li:last-child') ?? false)).toBe(true);
      await root.getByTestId('show-solution').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Worked solution');
    });
  });

  it('"New numbers" changes the numbers and puts the seed in the URL; the link reproduces them', async () => {
    const context = await newContext(browser);
    let url = '';
    let prompt = '';
    try {
      const { page, root } = await openExercise(context);
      const before = await page.locator(`#exercise-${ID} .ex-prompt`).textContent();
      await root.getByTestId('new-numbers').click();
      await expect.poll(() => root.getAttribute('data-seed'), { timeout: 20_000 }).not.toBe(String(def.defaultSeed));
      const seed = await root.getAttribute('data-seed');
      await expect.poll(() => page.url()).toContain(`ex-${ID}=${seed}`);
      prompt = (await page.locator(`#exercise-${ID} .ex-prompt`).textContent())!;
      expect(prompt).not.toBe(before);
      url = page.url();
    } finally {
      await context.close();
    }
    await withContext(browser, async (fresh) => {
      const w = await watchedPage(fresh);
      await w.page.goto(url, { waitUntil: 'networkidle' });
      const root = w.page.locator(`[data-exercise="${ID}"]`);
      await root.scrollIntoViewIfNeeded();
      await expect.poll(() => w.page.locator(`#exercise-${ID} .ex-prompt`).textContent(), { timeout: 20_000 }).toBe(prompt);
      expect(w.errors).toEqual([]);
    });
  });

  it('a keyboard reader reaches the first exercise with Tab before it has loaded, and can answer it', async () => {
    const context = await newContext(browser);
    const { page, errors } = await watchedPage(context);
    try {
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      const first = page.locator('[data-exercise]').first();
      const id = await first.getAttribute('data-exercise');
      expect(await first.getAttribute('data-ready')).toBeNull();
      // From the top of the page, Tab until focus enters an exercise: it must be the first one.
      let reached: string | null = null;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.closest('[data-exercise]')?.getAttribute('data-exercise') ?? null);
      }
      expect(reached).toBe(id);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('answer');
      await expect.poll(() => first.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      await page.keyboard.type('12345');
      await page.keyboard.press('Enter');
      const feedback = first.locator('[data-part]').first().getByTestId('feedback');
      await expect.poll(() => feedback.getAttribute('data-state')).toMatch(/^(incorrect|targeted)$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an answer typed before its exercise is live keeps every key, and Enter still checks it', async () => {
    const context = await newContext(browser);
    const { page, errors } = await watchedPage(context);
    try {
      // The exercise code arrives late, as on a slow phone: the box is drawn but not live yet.
      await page.route(/\/_astro\/Exercise\.[^/]+\.js$/, async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await page.goto(`${baseUrl()}${PAGE}`);
      const first = page.locator('[data-exercise]').first();
      const box = first.locator('[data-part]').first().getByTestId('answer');
      await box.focus();
      expect(await box.getAttribute('data-pending')).not.toBeNull();
      await page.keyboard.type('0.259');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Enter');
      // ".25" (or "25") used to be graded: the keys pressed before the island woke were dropped.
      await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toBe('0.25');
      const feedback = first.locator('[data-part]').first().getByTestId('feedback');
      await expect.poll(() => feedback.getAttribute('data-state'), { timeout: 5000 }).toMatch(/^(correct|incorrect|targeted|unreadable)$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the verdict’s status region is in the accessibility tree before the first check, so the first verdict is announced', async () => {
    await withContext(browser, async (context) => {
      const { root } = await openExercise(context);
      const feedback = root.locator('[data-part="a"]').getByTestId('feedback');
      expect(await feedback.getAttribute('role')).toBe('status');
      expect(await feedback.textContent()).toBe('');
      // display: none kept it out of the tree until it already held its text, which is often not read.
      expect(await feedback.evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
      expect(await feedback.evaluate((el) => el.getBoundingClientRect().height)).toBe(0);
    });
  });

  it('a wrong pick that has its own targeted message shows no option note, so one click does not give the answer away', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      const mc = getExercise('mcnemar-regression-check')!;
      const part = mc.generate(mc.defaultSeed).parts.find((p) => p.id === 'c')!;
      const wrong = part.kind === 'choice' ? part.choices.find((c) => !c.correct)!.id : '';
      const root = page.locator('[data-exercise="mcnemar-regression-check"]');
      await root.scrollIntoViewIfNeeded();
      await expect.poll(() => root.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      // Part (c) builds on (b): answer the numeric parts first.
      for (const p of mc.generate(mc.defaultSeed).parts) {
        if (p.kind !== 'numeric') continue;
        await expect.poll(async () => (await answer(root, String(p.answer), p.id)).getAttribute('data-state')).toBe('correct');
      }
      const c = root.locator('[data-part="c"]');
      await c.locator(`[data-choice="${wrong}"] input`).check();
      await c.getByTestId('check').click();
      await expect.poll(() => c.getByTestId('feedback').getAttribute('data-state')).toBe('targeted');
      // Every option's note held the verdict with its χ² and the direction: shown under a wrong pick, it was the answer.
      expect(await c.locator('[data-testid="choice-explanation"]').count()).toBe(0);
      await root.getByTestId('show-solution').click();
      await expect.poll(() => c.locator('[data-testid="choice-explanation"]').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
  });

  it('a junk seed in the URL is dropped with a notice saying why the numbers differ', async () => {
    await withContext(browser, async (context) => {
      const { page, root, errors } = await openExercise(context, `?ex-${ID}=not-a-seed&ex-${ID}=-5&keep=1`);
      expect(await root.getAttribute('data-seed')).toBe(String(def.defaultSeed));
      await expect.poll(() => root.getByTestId('seed-notice').textContent()).toMatch(/asked for variant “not-a-seed”.*does not exist.*default numbers/);
      expect(new URL(page.url()).searchParams.has(`ex-${ID}`)).toBe(false);
      expect(new URL(page.url()).searchParams.get('keep')).toBe('1');
      // Only the exercise the link named says so.
      expect(await page.getByTestId('seed-notice').count()).toBe(1);
      expect(errors).toEqual([]);
    });
  });

  it('"New numbers" are still there when the page is reached again without the link', async () => {
    await withContext(browser, async (context) => {
      const { page, root, errors } = await openExercise(context);
      await root.getByTestId('new-numbers').click();
      await expect.poll(() => root.getAttribute('data-seed'), { timeout: 20_000 }).not.toBe(String(def.defaultSeed));
      const seed = (await root.getAttribute('data-seed'))!;
      const prompt = await page.locator(`#exercise-${ID} .ex-prompt`).textContent();
      // From the navigation: no ?ex-… in the address.
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      expect(await again.getAttribute('data-seed')).toBe(seed);
      await expect.poll(() => page.locator(`#exercise-${ID} .ex-prompt`).textContent()).toBe(prompt);
      expect(page.url()).toContain(`ex-${ID}=${seed}`);
      // The question changed after the page showed it: a notice says why, and offers the original back.
      const notice = again.getByTestId('seed-notice');
      expect(await notice.textContent()).toMatch(/numbers you last worked on here/);
      await notice.getByRole('button', { name: 'Show the original numbers' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => again.getAttribute('data-seed')).toBe(String(def.defaultSeed));
      expect(await again.getByTestId('seed-notice').count()).toBe(0);
      // The pressed button went with its notice: focus moves on to New numbers, not to the page's body.
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('new-numbers');
      expect(page.url()).not.toContain(`ex-${ID}=`);
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      const third = page.locator(`[data-exercise="${ID}"]`);
      await third.scrollIntoViewIfNeeded();
      await expect.poll(() => third.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      expect(await third.getAttribute('data-seed')).toBe(String(def.defaultSeed));
      expect(await third.getByTestId('seed-notice').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  it('a variant whose solution was opened is not solved by answering it later, even after other numbers', async () => {
    await withContext(browser, async (context) => {
      const { page, root } = await openExercise(context);
      await root.getByTestId('show-solution').click();
      await expect.poll(() => root.getAttribute('data-status')).toBe('revealed');
      await root.getByTestId('new-numbers').click();
      await expect.poll(() => root.getAttribute('data-seed'), { timeout: 20_000 }).not.toBe(String(def.defaultSeed));
      // Back to the revealed variant through its link.
      await page.goto(`${baseUrl()}${PAGE}?ex-${ID}=${def.defaultSeed}`, { waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      // The solution it left open is open again.
      await expect.poll(() => again.getByTestId('solution').count()).toBe(1);
      for (const part of variant.parts) {
        if (part.kind !== 'numeric') continue;
        const f = await answer(again, String(part.answer), part.id);
        await expect.poll(() => f.getAttribute('data-state')).toBe('correct');
      }
      expect(await again.getAttribute('data-status')).toBe('revealed');
    });
  });

  it('a part answered right stays open after a reload, even when the part before was last checked wrong', async () => {
    await withContext(browser, async (context) => {
      const { page, root } = await openExercise(context);
      const partB = variant.parts[1] as NumericPart;
      await expect.poll(async () => (await answer(root, String(partA.answer))).getAttribute('data-state')).toBe('correct');
      await expect.poll(async () => (await answer(root, String(partB.answer), 'b')).getAttribute('data-state')).toBe('correct');
      await expect.poll(async () => (await answer(root, '0.9')).getAttribute('data-state')).toBe('incorrect');
      await page.reload({ waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      const b = again.locator('[data-part="b"]');
      await expect.poll(() => b.getByTestId('feedback').getAttribute('data-state')).toBe('correct');
      expect(await b.getByTestId('check').isDisabled()).toBe(false);
      expect(await b.locator('.ex-locked').count()).toBe(0);
    });
  });

  it('an answer typed but never checked is not graded after a reload', async () => {
    await withContext(browser, async (context) => {
      const { page, root } = await openExercise(context);
      const partB = variant.parts[1] as NumericPart;
      await expect.poll(async () => (await answer(root, String(partA.answer))).getAttribute('data-state')).toBe('correct');
      await root.locator('[data-part="b"]').getByTestId('answer').fill(String(partB.answer));
      await expect.poll(async () => (await answer(root, '0.9')).getAttribute('data-state')).toBe('incorrect');
      await page.reload({ waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      await expect.poll(() => again.locator('[data-part="a"]').getByTestId('answer').inputValue()).toBe('0.9');
      expect(await again.locator('[data-part="b"]').getByTestId('answer').inputValue()).toBe('');
      expect(await again.locator('[data-part="b"]').getByTestId('feedback').getAttribute('data-state')).toBeNull();
    });
  });
});

describe('learner state', () => {
  const notesPage = `/lessons/${LESSON}/notes/feedback-collection-and-active-learning/`;

  it('reset asks first: its warning is read with the question, Escape cancels, and confirming erases', async () => {
    await withContext(browser, async (context) => {
      const { page, root } = await openExercise(context);
      await expect.poll(async () => (await answer(root, '0.9')).getAttribute('data-state')).toBe('incorrect');
      await page.goto(`${baseUrl()}/`, { waitUntil: 'networkidle' });
      const opener = page.getByRole('button', { name: 'Reset all progress…' });
      await opener.click();
      const group = page.getByRole('group', { name: 'Confirm reset' });
      expect(await group.getAttribute('aria-describedby').then((id) => page.locator(`#${id}`).textContent())).toMatch(/cannot be undone/);
      await page.keyboard.press('Escape');
      await expect.poll(() => group.isVisible()).toBe(false);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('reset');
      expect(await page.getByTestId('progress-message').textContent()).toMatch(/nothing changed/);
      // Cancel and confirm hide the focused button: focus goes back to the one that asked.
      await opener.click();
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('reset');
      await opener.click();
      await page.getByRole('button', { name: 'Erase everything' }).click();
      await expect.poll(() => page.getByTestId('progress-message').textContent()).toMatch(/erased/);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('reset');
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      const again = page.locator(`[data-exercise="${ID}"]`);
      await again.scrollIntoViewIfNeeded();
      await expect.poll(() => again.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      expect(await again.getAttribute('data-status')).toBe('untouched');
      expect(await again.locator('[data-part="a"]').getByTestId('answer').inputValue()).toBe('');
    });
  });

  it('private notes are saved as the learner types and persist across reloads', async () => {
    await withContext(browser, async (context) => {
      const { page, errors } = await watchedPage(context);
      await page.goto(`${baseUrl()}${notesPage}`, { waitUntil: 'networkidle' });
      const area = page.getByLabel('Notes for this page');
      await area.scrollIntoViewIfNeeded();
      await area.fill('Plackett–Luce: choose the winner, then the runner-up from the rest.');
      await expect.poll(() => page.getByTestId('notes-count').textContent()).toMatch(/\d+/);
      await page.waitForTimeout(1000);
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => page.getByLabel('Notes for this page').inputValue()).toContain('Plackett–Luce');
      expect(errors).toEqual([]);
    });
  });

  it('export then import restores progress and notes in a fresh browser profile', async () => {
    const context = await newContext(browser, { acceptDownloads: true });
    let file = '';
    try {
      const { page, root } = await openExercise(context);
      const fb = await answer(root, String(partA.answer));
      await expect.poll(() => fb.getAttribute('data-state')).toBe('correct');
      // Another exercise only given new numbers: remembered, but not a result.
      const other = page.locator('[data-exercise="priority-score"]');
      await other.scrollIntoViewIfNeeded();
      await expect.poll(() => other.getAttribute('data-ready'), { timeout: 20_000 }).toBe('1');
      await other.getByTestId('new-numbers').click();
      // (New numbers fetch KaTeX first: allow for a slow first load.)
      await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('ex-priority-score=');
      await page.goto(`${baseUrl()}${notesPage}`, { waitUntil: 'networkidle' });
      await page.getByLabel('Notes for this page').fill('exported note');
      await page.waitForTimeout(1000);
      await page.goto(`${baseUrl()}/`, { waitUntil: 'networkidle' });
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export progress and notes' }).click();
      file = join(mkdtempSync(join(tmpdir(), 'export-')), 'progress.json');
      await (await download).saveAs(file);
      const json = JSON.parse(readFileSync(file, 'utf8'));
      expect(JSON.stringify(json)).toContain('exported note');
    } finally {
      await context.close();
    }
    await withContext(browser, async (fresh) => {
      const { page, errors } = await watchedPage(fresh);
      await page.goto(`${baseUrl()}/`, { waitUntil: 'networkidle' });
      await page.getByTestId('import-file').setInputFiles(file);
      // The file is read asynchronously: the preview appears once it has been parsed.
      await expect.poll(() => page.getByTestId('import-summary').textContent()).toMatch(/^The file holds results for 1 exercise, \d+ notes parts? read and 1 note\./);
      await page.getByRole('button', { name: "Replace with the file's progress" }).click();
      await page.goto(`${baseUrl()}${notesPage}`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.getByLabel('Notes for this page').inputValue()).toBe('exported note');
      await page.goto(`${baseUrl()}${PAGE}`, { waitUntil: 'networkidle' });
      const root = page.locator(`[data-exercise="${ID}"]`);
      await root.scrollIntoViewIfNeeded();
      await expect.poll(() => root.getAttribute('data-status'), { timeout: 20_000 }).not.toBe('untouched');
      expect(errors).toEqual([]);
    });
  });

  it('a bad import file gets a clear message and changes nothing', async () => {
    await withContext(browser, async (context) => {
      const { page } = await watchedPage(context);
      await page.goto(`${baseUrl()}/`, { waitUntil: 'networkidle' });
      await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "ours"') });
      await expect.poll(() => page.getByTestId('progress-message').textContent()).toMatch(/\w{5,}/);
      expect(await page.getByTestId('import-confirm').isVisible()).toBe(false);
    });
  });

  const storageCases: [string, () => void][] = [
    [
      'throws on every access (private mode)',
      () => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('denied', 'SecurityError');
          },
        });
      },
    ],
    [
      'is full',
      () => {
        Storage.prototype.setItem = () => {
          throw new DOMException('full', 'QuotaExceededError');
        };
      },
    ],
    [
      'holds corrupted data',
      () => {
        try {
          localStorage.setItem('alignment18-learner', '{"version": 1, "exercises": {"x": [}');
        } catch {
          /* ignore */
        }
      },
    ],
  ];

  it.each(storageCases)('when storage %s, exercises still grade and a notice says so', async (_, init) => {
    await withContext(browser, async (context) => {
      await context.addInitScript(init);
      const { page, root, errors } = await openExercise(context);
      const fb = await answer(root, String(partA.answer));
      await expect.poll(() => fb.getAttribute('data-state')).toBe('correct');
      await expect.poll(() => page.getByTestId('learner-notices').textContent(), { timeout: 10_000 }).toMatch(/\w{10,}/);
      // Demos and the rest of the page keep working.
      expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    });
  });
});

describe('without JavaScript', () => {
  it.each([PAGE, `/lessons/${LESSON}/theory/`, '/demos/'])('%s is readable: text, formulas, charts and prompts are in the HTML', async (path) => {
    await withContext(browser, { javaScriptEnabled: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}${path}`);
      expect(await page.locator('h1').textContent()).toMatch(/\w/);
      if (path === PAGE) {
        expect(await page.locator('.ex-prompt').count()).toBeGreaterThanOrEqual(10);
        expect(await page.locator('.ex-prompt .katex').count()).toBeGreaterThan(0);
      } else {
        expect(await page.locator('.widget-chart svg').count()).toBeGreaterThan(0);
      }
      expect(await page.locator('.noscript-note').first().isVisible()).toBe(true);
    });
  });
});

// Keep the hydration helper referenced (some runs use it for pages with islands).
void hydrateAll;
