// Page weight as the browser receives it: every response body is gzipped (level 6, as a typical
// server would), grouped into HTML, CSS, JS (site script vs islands), fonts and other, first on
// load (before any scrolling) and again once every island on the page has hydrated.
import { gzipBytes, hydrateIslands } from './util.mjs';

const QUIET_MS = 600;

/** Waits until no request has been in flight or started for QUIET_MS. */
function networkQuiet(page, timeout = 20_000) {
  return new Promise((resolve) => {
    let inflight = 0;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      if (inflight === 0) timer = setTimeout(done, QUIET_MS);
    };
    const onReq = () => {
      inflight++;
      clearTimeout(timer);
    };
    const onEnd = () => {
      inflight = Math.max(0, inflight - 1);
      arm();
    };
    const hard = setTimeout(done, timeout);
    function done() {
      clearTimeout(timer);
      clearTimeout(hard);
      page.off('request', onReq);
      page.off('requestfinished', onEnd);
      page.off('requestfailed', onEnd);
      resolve();
    }
    page.on('request', onReq);
    page.on('requestfinished', onEnd);
    page.on('requestfailed', onEnd);
    arm();
  });
}

function kindOf(url, contentType) {
  const path = new URL(url).pathname;
  if (/text\/html/.test(contentType)) return 'html';
  if (/css/.test(contentType) || path.endsWith('.css')) return 'css';
  if (/javascript/.test(contentType) || /\.m?js$/.test(path)) return 'js';
  if (/font/.test(contentType) || /\.(woff2?|ttf|otf)$/.test(path)) return 'font';
  return 'other';
}

/** Inline scripts of the document, split into the island runtime and the site's own scripts. */
function inlineScripts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((s) => !s.type || s.type === 'module' || s.type === 'text/javascript')
      .map((s) => ({ text: s.textContent ?? '', island: /astro-island|astro:hydrate|customElements/.test(s.textContent ?? '') })),
  );
}

/** External scripts the document itself references (not islands), plus their static imports. */
async function siteScriptUrls(page, bodies) {
  const direct = await page.evaluate(() => [...document.querySelectorAll('script[src]')].filter((s) => !s.closest('astro-island')).map((s) => s.src));
  const seen = new Set();
  const queue = [...direct];
  while (queue.length) {
    const u = queue.shift();
    if (seen.has(u)) continue;
    seen.add(u);
    const body = bodies.get(u)?.body?.toString('utf8') ?? '';
    for (const m of body.matchAll(/(?:import|from)\s*["']([^"']+\.m?js)["']/g)) queue.push(new URL(m[1], u).href);
  }
  return seen;
}

function tally(entries, siteUrls) {
  const t = { html: 0, css: 0, jsSite: 0, jsIslands: 0, font: 0, other: 0, requests: 0, rawBytes: 0 };
  for (const [url, e] of entries) {
    t.requests++;
    t.rawBytes += e.body.length;
    if (e.kind === 'js') {
      if (siteUrls.has(url)) t.jsSite += e.gz;
      else t.jsIslands += e.gz;
    } else t[e.kind] += e.kind === 'font' ? e.body.length : e.gz;
  }
  return t;
}

export async function measurePage(browser, baseUrl, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Closed on a stall too, so a retry starts from a fresh page.
  try {
    const page = await context.newPage();
    const bodies = new Map();
    const pending = [];
    let phase = 'first';
    page.on('response', (r) => {
      const url = r.url();
      if (!url.startsWith(baseUrl) || bodies.has(url)) return;
      const at = phase;
      const entry = { phase: at, kind: kindOf(url, r.headers()['content-type'] ?? ''), body: Buffer.alloc(0), gz: 0 };
      bodies.set(url, entry);
      pending.push(
        r.body().then(
          (b) => {
            entry.body = b;
            entry.gz = gzipBytes(b);
          },
          () => {},
        ),
      );
    });
    const quiet = networkQuiet(page);
    await page.goto(baseUrl + path, { waitUntil: 'load' });
    await quiet;
    await Promise.all(pending);
    const islandsInView = await page.evaluate(() => {
      const h = innerHeight;
      // Islands are display: contents, so look at what they contain (as Astro's visible directive does).
      return [...document.querySelectorAll('astro-island')].filter((el) =>
        [...el.children].some((c) => {
          const r = c.getBoundingClientRect();
          return r.bottom > 0 && r.top < h;
        }),
      ).length;
    });
    const islands = await page.evaluate(() => document.querySelectorAll('astro-island').length);
    const widgets = await page.evaluate(() => document.querySelectorAll('[data-widget]').length);
    const inline = await inlineScripts(page);
    const siteUrls = await siteScriptUrls(page, bodies);
    const first = tally([...bodies].filter(([, e]) => e.phase === 'first'), siteUrls);

    phase = 'hydrated';
    const quiet2 = networkQuiet(page);
    await hydrateIslands(page);
    await quiet2;
    await Promise.all(pending);
    const all = tally([...bodies], siteUrls);
    // Which chunks the islands pulled in (largest first), to see what dominates a heavy page.
    const islandChunks = [...bodies]
      .filter(([url, e]) => e.kind === 'js' && !siteUrls.has(url))
      .map(([url, e]) => ({ file: new URL(url).pathname, gz: e.gz }))
      .sort((a, b) => b.gz - a.gz);

    const inlineSite = inline.filter((s) => !s.island).reduce((a, s) => a + gzipBytes(Buffer.from(s.text)), 0);
    const inlineIslandRuntime = inline.filter((s) => s.island).reduce((a, s) => a + gzipBytes(Buffer.from(s.text)), 0);
    // The island runtime is inline (inside the HTML) but belongs to the islands' cost.
    const runtime = islands > 0 ? inlineIslandRuntime : 0;
    return {
      path,
      islands,
      widgets,
      islandsInFirstViewport: islandsInView,
      first: { ...first, islandJs: first.jsIslands + runtime, jsTotal: first.jsSite + first.jsIslands + inlineSite + runtime },
      hydrated: { ...all, islandJs: all.jsIslands + runtime, jsTotal: all.jsSite + all.jsIslands + inlineSite + runtime },
      // Inline scripts travel inside the HTML (already counted there); shown here for the JS budget.
      inlineSiteJs: inlineSite,
      inlineIslandRuntimeJs: inlineIslandRuntime,
      islandChunks,
    };
  } finally {
    await context.close();
  }
}
