// npm run bench: builds the site (cold, and a synthetic copy with 10x the lesson content), serves
// it, measures page weight, demo interaction latency and Lighthouse scores, and writes
// bench/report.json and bench/report.md. Knobs (env):
//   BENCH_RUNS=3           Lighthouse runs per page (medians)
//   BENCH_BUILD_RUNS=3     cold builds of the real site (median)
//   BENCH_SCALE=10         content multiplier of the synthetic site; BENCH_SCALE_RUNS=1
//   BENCH_CHANGES=50       control changes per demo and CPU rate; BENCH_KEYS=20 key presses
//   BENCH_ONLY=build,weight,interaction,lighthouse   parts to run (default all)
//   BENCH_DIST=path        measure an existing build instead of building
//   BENCH_LH_ALL=1         Lighthouse on every page instead of the heaviest page of each type
//   BENCH_OUT=bench        where the report goes; BENCH_LOCK=none disables the build lock
//   CHROME_PATH=/usr/bin/chromium
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveCompressed } from './bench/serve.mjs';
import { coldBuild, copySite, scaleContent } from './bench/build.mjs';
import { builtPages, pageType, TYPES } from './bench/pages.mjs';
import { measurePage } from './bench/weight.mjs';
import { measureInteractions } from './bench/interaction.mjs';
import { runLighthouse } from './bench/lighthouse.mjs';
import { renderMarkdown, evaluateTargets } from './bench/report.mjs';
import { chromeFlags, chromePath, envInt, log, machine, median, retryOnStall, round } from './bench/util.mjs';

if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(`Node ${process.version} is too old for Astro: run \`npm run bench\` (it uses the project's Node 24).`);
  process.exit(1);
}

const cfg = {
  lighthouseRuns: envInt('BENCH_RUNS', 3),
  buildRuns: envInt('BENCH_BUILD_RUNS', 3),
  scale: envInt('BENCH_SCALE', 10),
  scaleRuns: envInt('BENCH_SCALE_RUNS', 1),
  changes: envInt('BENCH_CHANGES', 50),
  keys: envInt('BENCH_KEYS', 20),
  cpuRates: [1, 4],
  parts: (process.env.BENCH_ONLY ?? 'build,weight,interaction,lighthouse').split(',').map((s) => s.trim()),
  lighthouseAllPages: process.env.BENCH_LH_ALL === '1',
};
const outDir = resolve(process.env.BENCH_OUT ?? 'bench');
const started = Date.now();
const report = { date: new Date().toISOString(), machine: machine(), chromium: null, config: cfg, build: null, weight: null, interaction: null, lighthouse: null, hydrationStalls: [] };
const temp = [];

async function main() {
  let dist = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : null;

  if (!dist) {
    log('copying the site for a cold build');
    const site = copySite('site');
    temp.push(site);
    const runs = [];
    for (let i = 0; i < (cfg.parts.includes('build') ? cfg.buildRuns : 1); i++) {
      const r = coldBuild(site);
      if (!r.ok) throw new Error(`build failed (${r.step ?? 'unknown step'}):\n${r.output}`);
      log(`cold build ${i + 1}: ${round(r.totalMs / 1000)} s (astro ${round(r.astroMs / 1000)} s, pagefind ${round(r.pagefindMs / 1000)} s), ${r.pages} pages`);
      runs.push(r);
    }
    dist = join(site, 'dist');
    report.build = {
      site: { runs: runs.map((r) => ({ totalMs: round(r.totalMs, 0), astroMs: round(r.astroMs, 0), pagefindMs: round(r.pagefindMs, 0) })), medianMs: round(median(runs.map((r) => r.totalMs)), 0), pages: runs[0].pages, mdxFiles: runs[0].mdxFiles },
    };
    if (cfg.parts.includes('build') && cfg.scale > 1) {
      log(`generating a ${cfg.scale}x-content copy`);
      const big = copySite(`x${cfg.scale}`);
      temp.push(big);
      const scaled = scaleContent(big, cfg.scale);
      const bigRuns = [];
      for (let i = 0; i < cfg.scaleRuns; i++) {
        const r = coldBuild(big);
        if (!r.ok) {
          report.build.scaled = { factor: cfg.scale, error: `${r.step}: ${r.output.slice(-1500)}` };
          log(`${cfg.scale}x build failed`);
          break;
        }
        log(`${cfg.scale}x build ${i + 1}: ${round(r.totalMs / 1000)} s, ${r.pages} pages`);
        bigRuns.push(r);
      }
      if (bigRuns.length) {
        const med = median(bigRuns.map((r) => r.totalMs));
        report.build.scaled = {
          factor: cfg.scale,
          ...scaled,
          runs: bigRuns.map((r) => ({ totalMs: round(r.totalMs, 0), astroMs: round(r.astroMs, 0), pagefindMs: round(r.pagefindMs, 0) })),
          medianMs: round(med, 0),
          pages: bigRuns[0].pages,
          mdxFiles: bigRuns[0].mdxFiles,
          ratio: round(med / report.build.site.medianMs, 2),
        };
      }
      rmSync(big, { recursive: true, force: true });
    }
    if (!cfg.parts.includes('build')) report.build = null;
  }
  statSync(join(dist, 'index.html'));

  const server = await serveCompressed(dist);
  const { url } = server;
  const browser = await chromium.launch({ executablePath: chromePath(), args: chromeFlags });
  report.chromium = browser.version();
  try {
    const pages = builtPages(dist).map((path) => ({ path, type: pageType(path) }));
    log(`${pages.length} pages: ${TYPES.map((t) => `${pages.filter((p) => p.type === t).length} ${t}`).join(', ')}`);

    // Weights are needed to pick the heaviest page of each type for Lighthouse.
    if (cfg.parts.includes('weight') || cfg.parts.includes('lighthouse')) {
      const rows = [];
      for (const p of pages) {
        const w = await retryOnStall(p.path, () => measurePage(browser, url, p.path), report.hydrationStalls);
        rows.push({ type: p.type, ...w });
      }
      report.weight = { viewport: '1280x900', gzipLevel: 6, pages: rows };
      log('page weights done');
    }

    if (cfg.parts.includes('interaction') && pages.some((p) => p.type === 'demos')) {
      log('interaction latency on /demos/');
      const widgets = await retryOnStall('/demos/ (interaction)', () => measureInteractions(browser, url, { changes: cfg.changes, keys: cfg.keys, rates: cfg.cpuRates }), report.hydrationStalls);
      report.interaction = { page: '/demos/', changesPerWidget: cfg.changes, keyPresses: cfg.keys, cpuRates: cfg.cpuRates, widgets, errors: widgets.errors ?? [], floor: widgets.floor ?? null, blankFloor: widgets.blankFloor ?? null, minimalTau: widgets.minimalTau ?? null };
      log(`interaction done (${widgets.length} demos)`);
    }
  } finally {
    await browser.close();
  }

  if (cfg.parts.includes('lighthouse')) {
    const rows = report.weight.pages;
    const targets = [];
    for (const type of TYPES) {
      const ofType = rows.filter((r) => r.type === type);
      if (!ofType.length) continue;
      const chosen = cfg.lighthouseAllPages ? ofType : [ofType.reduce((a, b) => (b.first.rawBytes > a.first.rawBytes ? b : a))];
      for (const r of chosen) targets.push({ type, path: r.path, url: url + r.path });
    }
    log(`lighthouse: ${targets.length} pages x ${cfg.lighthouseRuns} runs`);
    const lh = await runLighthouse(targets, cfg.lighthouseRuns, (t, i, s) =>
      log(`  ${t.path} run ${i + 1}: perf ${s.scores.performance}, a11y ${s.scores.accessibility}, bp ${s.scores['best-practices']}, seo ${s.scores.seo}, LCP ${round(s.lcpMs, 0)} ms, TBT ${round(s.tbtMs, 0)} ms, CLS ${round(s.cls, 3)}`),
    );
    report.lighthouse = { preset: 'mobile (default), simulated throttling', pages: lh.map(({ url: _u, ...rest }) => rest) };
  }
  await server.close();

  report.durationS = round((Date.now() - started) / 1000, 0);
  report.machine.loadAverageAtEnd = (await import('node:os')).loadavg().map((x) => round(x, 2));
  report.targets = evaluateTargets(report);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'report.md'), renderMarkdown(report));
  log(`wrote ${join(outDir, 'report.md')} and report.json in ${report.durationS} s`);
  for (const t of report.targets) log(`${t.met == null ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.figure}`);
}

try {
  await main();
} finally {
  if (process.env.BENCH_KEEP !== '1') for (const d of temp) rmSync(d, { recursive: true, force: true });
}
