// Targets and the Markdown rendering of the report.
import { kb, round } from './util.mjs';

const KB = 1024;
const status = (met) => (met == null ? 'n/a' : met ? 'met' : '**missed**');
const s = (ms) => (ms == null ? '–' : `${round(ms / 1000, 1)} s`);
const k = (b) => (b == null ? '–' : `${kb(b)}`);
const ms = (x) => (x == null ? '–' : `${round(x, 1)}`);

export function evaluateTargets(r) {
  const t = [];
  if (r.build?.site) {
    t.push({ name: 'Full cold build ≤ 60 s', figure: s(r.build.site.medianMs), met: r.build.site.medianMs <= 60_000 });
    const sc = r.build.scaled;
    if (sc?.ratio != null) t.push({ name: `${sc.factor}× content builds in ≤ ${sc.factor}× the time`, figure: `${s(sc.medianMs)} = ${sc.ratio}× (${sc.pages} vs ${r.build.site.pages} pages)`, met: sc.ratio <= sc.factor });
    else if (sc?.error) t.push({ name: `${sc.factor}× content build`, figure: 'build failed', met: false });
  }
  if (r.weight) {
    const pages = r.weight.pages;
    const plainNotes = pages.filter((p) => p.type === 'notes' && p.islands === 0);
    if (plainNotes.length) {
      const worst = plainNotes.reduce((a, b) => (b.hydrated.islandJs > a.hydrated.islandJs ? b : a));
      t.push({ name: 'Notes part without widgets ships 0 KB island JS', figure: `${k(worst.hydrated.islandJs)} KB max over ${plainNotes.length} pages (site script ${k(worst.hydrated.jsSite + worst.inlineSiteJs)} KB, reported apart)`, met: worst.hydrated.islandJs === 0 });
    } else t.push({ name: 'Notes part without widgets ships 0 KB island JS', figure: 'no such page', met: null });
    const below = pages.filter((p) => p.islandsInFirstViewport === 0);
    if (below.length) {
      const worst = below.reduce((a, b) => (b.first.jsTotal > a.first.jsTotal ? b : a));
      const above = pages.length - below.length;
      t.push({ name: 'JS before any widget scrolls into view ≤ 10 KB gzip', figure: `${k(worst.first.jsTotal)} KB max (${worst.path})${above ? `; ${above} page(s) have a widget in the first viewport` : ''}`, met: worst.first.jsTotal <= 10 * KB });
    }
    const heavy = pages.reduce((a, b) => (b.hydrated.islandJs > a.hydrated.islandJs ? b : a));
    t.push({ name: 'All islands of the heaviest page ≤ 160 KB gzip', figure: `${k(heavy.hydrated.islandJs)} KB (${heavy.path}, ${heavy.islands} islands)`, met: heavy.hydrated.islandJs <= 160 * KB });
  }
  if (r.interaction) {
    for (const w of r.interaction.widgets) {
      const p95 = w.rates[4]?.frame?.p95;
      t.push({ name: `Demo ${w.kind}: control change → painted frame p95 ≤ 16.7 ms at 4× CPU`, figure: p95 == null ? 'no samples' : `${ms(p95)} ms`, met: p95 == null ? null : p95 <= 16.7 });
    }
  }
  if (r.lighthouse) {
    for (const p of r.lighthouse.pages) {
      const sc = p.scores;
      const met = sc.accessibility === 100 && sc['best-practices'] === 100 && sc.seo === 100 && sc.performance >= 98 && p.cls === 0;
      t.push({ name: `Lighthouse ${p.type} (${p.path}): 100/100/100, perf ≥ 98, CLS 0`, figure: `perf ${sc.performance}, a11y ${sc.accessibility}, bp ${sc['best-practices']}, SEO ${sc.seo}, CLS ${p.cls}`, met });
    }
  }
  return t;
}

export function renderMarkdown(r) {
  const m = r.machine;
  const L = [];
  L.push('# Benchmark report', '');
  L.push(`${r.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · Node ${m.node} · Chromium ${r.chromium ?? '?'} · ${m.platform}`);
  L.push(`Load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${(m.loadAverageAtEnd ?? []).join(' / ')} (other processes share the machine; timings include their interference).`);
  const c = r.config;
  L.push(`Runs: ${c.buildRuns} cold build(s) of the site, ${c.scaleRuns} of the ${c.scale}× site, ${c.changes} control changes and ${c.keys} key presses per demo and CPU rate (${c.cpuRates.map((x) => `${x}×`).join(', ')}), ${c.lighthouseRuns} Lighthouse run(s) per page; figures are medians (latency: percentiles over all changes). Whole bench: ${r.durationS} s.`, '');
  // A stalled island costs one retry of that page; the figures then come from the fresh page.
  if (r.hydrationStalls?.length) {
    L.push(`Hydration stalls: ${r.hydrationStalls.length}, each measured again from a fresh page (details in report.json):`, '');
    for (const st of r.hydrationStalls) {
      const d = st.diagnosis ?? {};
      L.push(`- ${st.what}: ${d.waiting?.length ?? '?'} island(s) waiting; animation frame ${d.animationFrame ?? '?'}; a new observer on the first: ${d.freshObserver ?? '?'}; its module ${d.waiting?.[0]?.moduleFetched ? 'had' : 'had not'} finished downloading`);
    }
    L.push('');
  }

  L.push('## Targets', '', '| target | figure | status |', '|---|---|---|');
  for (const t of r.targets) L.push(`| ${t.name} | ${t.figure} | ${status(t.met)} |`);
  L.push('');

  if (r.build) {
    L.push('## Build', '', 'Cold: a fresh copy of the project with no dist/, .astro/ or cache; `astro build` then `pagefind --site dist`.', '');
    L.push('| site | pages | MDX files | runs (s) | median | astro | pagefind |', '|---|---:|---:|---|---:|---:|---:|');
    const row = (name, b) => L.push(`| ${name} | ${b.pages} | ${b.mdxFiles} | ${b.runs.map((x) => round(x.totalMs / 1000, 1)).join(', ')} | ${s(b.medianMs)} | ${s(b.runs[0] && median2(b.runs.map((x) => x.astroMs)))} | ${s(median2(b.runs.map((x) => x.pagefindMs)))} |`);
    row('real site', r.build.site);
    if (r.build.scaled?.runs) row(`${r.build.scaled.factor}× content (${r.build.scaled.lessons} lessons)`, r.build.scaled);
    if (r.build.scaled?.ratio != null) L.push('', `Ratio ${r.build.scaled.ratio}× for ${round(r.build.scaled.mdxFiles / r.build.site.mdxFiles, 1)}× the MDX files.`);
    if (r.build.scaled?.error) L.push('', `The ${r.build.scaled.factor}× build failed: \`${r.build.scaled.error.split('\n').slice(-3).join(' ')}\``);
    L.push('');
  }

  if (r.weight) {
    const pages = r.weight.pages;
    L.push('## Page weight', '', `KB = gzip bytes (level 6) of what the browser fetched (fonts: raw woff2). Viewport ${r.weight.viewport}. "First" = after load, before scrolling; "hydrated" = after scrolling through the page (a rendered frame at each stop, then back to any island still waiting) until no \`astro-island[ssr]\` remains. Styles are inline in each page's HTML and counted there; the CSS column is stylesheet files fetched. Site JS = the theme/search script (inline) every page carries; island JS = island runtime + component and renderer chunks.`, '');
    L.push('| type | pages | HTML (max) | CSS (max) | site JS | JS first load (max) | island JS hydrated (max) | fonts (max) |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    const max = (xs, f) => xs.reduce((a, b) => Math.max(a, f(b)), 0);
    for (const type of ['home', 'overview', 'notes', 'theory', 'exercises', 'demos', 'other']) {
      const ps = pages.filter((p) => p.type === type);
      if (!ps.length) continue;
      L.push(`| ${type} | ${ps.length} | ${k(max(ps, (p) => p.first.html))} | ${k(max(ps, (p) => p.first.css))} | ${k(max(ps, (p) => p.inlineSiteJs + p.first.jsSite))} | ${k(max(ps, (p) => p.first.jsTotal))} | ${k(max(ps, (p) => p.hydrated.islandJs))} | ${k(max(ps, (p) => p.hydrated.font))} |`);
    }
    const heavy = pages.reduce((a, b) => (b.hydrated.islandJs > a.hydrated.islandJs ? b : a));
    if (heavy.islandChunks?.length) L.push('', `Island chunks on the heaviest page (${heavy.path}, KB gzip): ${heavy.islandChunks.slice(0, 8).map((c) => `${c.file.replace(/^.*\//, '')} ${k(c.gz)}`).join(', ')}${heavy.islandChunks.length > 8 ? `, and ${heavy.islandChunks.length - 8} more totalling ${k(heavy.islandChunks.slice(8).reduce((a, c) => a + c.gz, 0))}` : ''}.`);
    L.push('', '<details><summary>Every page</summary>', '', '| page | islands (in first viewport) | HTML | CSS | JS first | island JS hydrated | fonts | requests |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const p of pages) L.push(`| ${p.path} | ${p.islands} (${p.islandsInFirstViewport}) | ${k(p.first.html)} | ${k(p.first.css)} | ${k(p.first.jsTotal)} | ${k(p.hydrated.islandJs)} | ${k(p.hydrated.font)} | ${p.hydrated.requests} |`);
    L.push('', '</details>', '');
  }

  if (r.interaction) {
    L.push(
      '## Interaction (/demos/)',
      '',
      'ms from a control change (native setter + input/change events) to the end of the frame that first shows the new chart. **Aligned** (the target): the change is dispatched at the start of a frame, inside a requestAnimationFrame callback, as Chromium delivers the pointer events of a slider drag, and timed to a message posted after it, which runs once that frame\'s style, layout and paint are done; so the figure is the main-thread work the change costs, and when it is ≤ 16.7 ms the chart is painted in the frame the input arrived in. "Same frame" = share of changes whose chart changed in that frame (otherwise the figure runs to the later frame that shows it). "Work" = change to the first chart mutation. **Random**: dispatched at a random point of a frame and timed to the first requestAnimationFrame after the chart mutated; it includes up to one frame interval (16.7 ms) of waiting for the next frame, so it cannot meet 16.7 ms even for free work. Keys = real ArrowLeft/ArrowRight presses on the first slider, from the keydown to the first frame after the chart changed (random phase too); "ET max" = longest Event Timing duration of those key presses (only ≥ 16 ms is reported by the browser).',
      '',
    );
    L.push('| demo | aligned 1× p50 / p95 | aligned 4× p50 / p95 | 4× render only p50 / p95 | 4× same frame | 4× work p95 | random 1× p50 / p95 | random 4× p50 / p95 | keys 4× p50 / p95 | 4× ET max | target (aligned 4× p95 ≤ 16.7) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const w of r.interaction.widgets) {
      const a = w.rates[1];
      const b = w.rates[4];
      const key = (x) => (x?.keys ? `${ms(x.keys.p50)} / ${ms(x.keys.p95)}` : '–');
      const rnd = (x) => (x?.random ? `${ms(x.random.frame.p50)} / ${ms(x.random.frame.p95)}` : '–');
      const same = b?.sameFrame == null ? '–' : `${Math.round(100 * b.sameFrame)}%`;
      const floor = b?.replay ? `${ms(b.replay.p50)} / ${ms(b.replay.p95)}` : '–';
      L.push(`| ${w.kind} (#${w.id}) | ${ms(a?.frame.p50)} / ${ms(a?.frame.p95)} | ${ms(b?.frame.p50)} / ${ms(b?.frame.p95)} | ${floor} | ${same} | ${ms(b?.work.p95)} | ${rnd(a)} | ${rnd(b)} | ${key(b)} | ${b?.keys?.eventTimingMax ?? '–'} | ${status(b?.frame.p95 == null ? null : b.frame.p95 <= 16.7)} |`);
    }
    if (r.interaction.floor) {
      const f = r.interaction.floor;
      L.push('', `Floor: one readout's text changed at the start of a frame (nothing else), to the end of that frame: ${Object.entries(f).map(([rate, x]) => `${rate}× p50 ${ms(x.p50)} / p95 ${ms(x.p95)} ms`).join(', ')}. Style, layout, paint and compositing of this page cost that much for any visible change, before a demo does any work.`);
    }
    const fmt = (f) => Object.entries(f).map(([rate, x]) => `${rate}× p50 ${ms(x.p50)} / p95 ${ms(x.p95)} ms`).join(', ');
    if (r.interaction.blankFloor && Object.keys(r.interaction.blankFloor).length) {
      L.push('', `Machine floor: the same change on an empty page (one element): ${fmt(r.interaction.blankFloor)}. The browser costs that much per frame on this machine whatever the site; the rest of the floor above is this page's.`);
    }
    if (r.interaction.minimalTau && Object.keys(r.interaction.minimalTau).length) {
      L.push('', `Least possible update (threshold-tradeoff, τ): the τ rule and the three dots on the curves moved by hand and the four readouts that τ changes rewritten, at the start of a frame with no demo code running: ${fmt(r.interaction.minimalTau)}. No implementation of this control, however its drawing is done, changes less than this.`);
    }
    const p95s = (rate) => r.interaction.widgets.map((w) => w.rates[rate]?.replay?.p95).filter(Number.isFinite);
    const frames = r.interaction.widgets.map((w) => w.rates[4]?.replay?.n).filter(Number.isFinite);
    const span = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
    if (p95s(4).length) {
      const over = r.interaction.widgets.filter((w) => w.rates[4]?.replay?.p95 > 16.7).map((w) => w.kind);
      L.push('', `Render only: for each control, the DOM changes a real change makes in its own frame (chart and readouts) were recorded, then applied backward and forward at the start of a frame with no demo code running, timed to the end of that frame (${Math.min(...frames)}–${Math.max(...frames)} frames per demo and rate; 1× p95 ${span(p95s(1))} ms). This is what the browser's style, layout, paint and compositing cost for exactly those changes: no code that draws the same SVG and readouts can cost less. At 4× its p95 is ${span(p95s(4))} ms, above 16.7 ms for ${over.length} of ${p95s(4).length} demos${over.length ? ` (${over.join(', ')})` : ''}: for those, no cut in JavaScript alone can meet the target, and for the rest the demo's own work must fit in what is left.`);
    }
    const idle = r.interaction.widgets.filter((w) => w.noChartChange?.length);
    if (idle.length) L.push('', `Controls that never redrew the chart (they move readouts only; not sampled): ${idle.map((w) => `${w.kind}: ${w.noChartChange.join(', ')}`).join('; ')}.`);
    const slow = r.interaction.widgets.map((w) => [w.kind, w.rates[4]?.perControlP95 ?? {}]);
    L.push('', '<details><summary>Aligned p95 per control at 4×</summary>', '');
    for (const [kind, per] of slow) L.push(`- ${kind}: ${Object.entries(per).map(([c, v]) => `${c} ${v}`).join(', ')}`);
    L.push('', '</details>', '');
    if (r.interaction.widgets.some((w) => w.replayPerControlP95 && Object.keys(w.replayPerControlP95).length)) {
      L.push('<details><summary>Render-only p95 per control at 4×</summary>', '');
      for (const w of r.interaction.widgets) L.push(`- ${w.kind}: ${Object.entries(w.replayPerControlP95 ?? {}).map(([c, v]) => `${c} ${v}`).join(', ')}`);
      L.push('', '</details>', '');
    }
    if (r.interaction.errors?.length) L.push(`Page errors during the run: ${r.interaction.errors.join('; ')}`, '');
  }

  if (r.lighthouse) {
    L.push('## Lighthouse', '', `${r.lighthouse.preset}; the page of each type with the most bytes on first load; medians of the runs. dist/ is served by scripts/static-server.mjs behind a gzip proxy, as a production host would compress.`, '');
    L.push('| type | page | perf | a11y | best pr. | SEO | LCP | TBT | CLS | per-run perf | target |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|');
    for (const p of r.lighthouse.pages) {
      const sc = p.scores;
      const met = sc.accessibility === 100 && sc['best-practices'] === 100 && sc.seo === 100 && sc.performance >= 98 && p.cls === 0;
      L.push(`| ${p.type} | ${p.path} | ${sc.performance} | ${sc.accessibility} | ${sc['best-practices']} | ${sc.seo} | ${p.lcpMs} ms | ${p.tbtMs} ms | ${p.cls} | ${p.perRun.map((x) => x.scores.performance).join(', ')} | ${status(met)} |`);
    }
    const flagged = r.lighthouse.pages.flatMap((p) => p.failing.filter((f) => f.category !== 'performance' || f.score < 0.9).map((f) => `${p.type}: ${f.category}/${f.id}${f.value ? ` (${f.value})` : ''}`));
    if (flagged.length) L.push('', `Flagged audits: ${flagged.join('; ')}.`);
    L.push('');
  }
  return `${L.join('\n')}\n`;
}

function median2(xs) {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
