// Small helpers shared by the benchmark parts: statistics, machine facts, logging.
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { islandStallReport } from '../island-stall.mjs';

export const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Nearest-rank percentile (p in 0–100). */
export function percentile(xs, p) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

export const gzipBytes = (buf) => gzipSync(buf, { level: 6 }).length;
export const kb = (bytes) => (bytes == null ? null : Math.round((bytes / 1024) * 10) / 10);
export const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

export function envInt(name, fallback) {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const chromePath = () => process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** An island that stayed unhydrated; `diagnosis` says what the page could still do at that point. */
export class HydrationStall extends Error {
  constructor(message, diagnosis) {
    super(message);
    this.diagnosis = diagnosis;
  }
}

/**
 * Scrolls a page until every `client:visible` island has hydrated. Islands hydrate only when an
 * intersection observer sees them in a rendered frame, so a fast scroll past a busy page can skip
 * some: this waits for one frame per stop, then brings any island still waiting into view.
 */
export async function hydrateIslands(page, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => { requestAnimationFrame(() => setTimeout(r, 0)); setTimeout(r, 500); });
    for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  for (;;) {
    const waiting = await page.evaluate(() => {
      const island = document.querySelector('astro-island[ssr]');
      if (!island) return null;
      [...island.querySelectorAll('*')].find((el) => el.getClientRects().length > 0)?.scrollIntoView({ block: 'center' });
      return island.getAttribute('component-url') ?? 'island';
    });
    if (waiting === null) return;
    if (Date.now() > deadline) {
      throw new HydrationStall(`${page.url()}: island ${waiting} did not hydrate in ${timeoutMs / 1000} s`, await diagnoseStall(page));
    }
    await page.waitForTimeout(250);
  }
}

// A rare stall (about one page load in a few hundred, at 1× and 4×, no console error) has left
// islands unhydrated while in view; the report says what the page could still do.
const diagnoseStall = (page) => page.evaluate(islandStallReport).catch((e) => ({ error: String(e) }));

/**
 * Runs `measure` (which opens its own page) and, if an island stalls, records the stall in
 * `stalls` and measures once more from a fresh page; a second stall fails the run.
 */
export async function retryOnStall(what, measure, stalls) {
  try {
    return await measure();
  } catch (e) {
    if (!(e instanceof HydrationStall)) throw e;
    stalls.push({ what, message: e.message, diagnosis: e.diagnosis });
    log(`hydration stall on ${what}; measuring it again from a fresh page. ${JSON.stringify(e.diagnosis)}`);
    return measure();
  }
}
