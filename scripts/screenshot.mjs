// Screenshots of built pages at phone and desktop widths, light and dark:
// node scripts/screenshot.mjs <dist> <outdir> /path/ [/path2/ ...]
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { startServer } from './static-server.mjs';

const [dist = 'dist', out = '/tmp/shots', ...paths] = process.argv.slice(2);
await mkdir(out, { recursive: true });
const { server, url } = await startServer(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const p of paths.length ? paths : ['/']) {
  for (const [w, h] of [[360, 780], [1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
      page.on('console', (m) => m.type() === 'error' && console.log('console error:', p, m.text()));
      await page.goto(url + p, { waitUntil: 'networkidle' });
      const sel = process.env.SHOT_SELECTOR;
      if (sel) await page.locator(sel).first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(400);
      const name = `${out}/${p.replace(/[^a-z0-9]+/gi, '_')}-${w}-${scheme}.png`;
      if (sel) await page.locator(sel).first().screenshot({ path: name });
      else await page.screenshot({ path: name, fullPage: process.env.FULL === '1' });
      console.log(name);
      await page.close();
    }
  }
}
await browser.close();
server.close();
