// Lighthouse (default mobile preset, simulated throttling) through its Node API, against the local
// server. One Chromium serves all runs; Lighthouse resets storage and cache before each.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromeFlags, chromePath, median, round } from './util.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function summarize(lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
  const a = lhr.audits;
  // What keeps a category below 100 (or performance below its best): failing audits with weight.
  const failing = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const audit = a[ref.id];
      if (!audit || audit.score == null || audit.score >= 1 || audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'manual') continue;
      if (ref.weight === 0 && c !== 'performance') continue;
      failing.push({ category: c, id: ref.id, score: audit.score, title: audit.title, value: audit.displayValue ?? null });
    }
  }
  return {
    scores,
    lcpMs: a['largest-contentful-paint']?.numericValue ?? null,
    fcpMs: a['first-contentful-paint']?.numericValue ?? null,
    tbtMs: a['total-blocking-time']?.numericValue ?? null,
    cls: a['cumulative-layout-shift']?.numericValue ?? null,
    siMs: a['speed-index']?.numericValue ?? null,
    failing,
    runtimeError: lhr.runtimeError?.message ?? null,
    warnings: lhr.runWarnings ?? [],
  };
}

/** Runs Lighthouse `runs` times per URL (interleaved, so drift on a busy machine hits all pages alike). */
export async function runLighthouse(targets, runs, onRun = () => {}) {
  const chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags: chromeFlags.filter((f) => f !== '--headless=new').concat('--headless=new') });
  const results = Object.fromEntries(targets.map((t) => [t.url, []]));
  try {
    for (let r = 0; r < runs; r++) {
      for (const t of targets) {
        const out = await lighthouse(t.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
        const s = summarize(out.lhr);
        results[t.url].push(s);
        onRun(t, r, s);
      }
    }
  } finally {
    await chrome.kill();
  }
  return targets.map((t) => {
    const rs = results[t.url];
    const med = (f) => median(rs.map(f));
    const failing = new Map();
    for (const s of rs) for (const f of s.failing) failing.set(`${f.category}/${f.id}`, f);
    return {
      ...t,
      runs: rs.length,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, med((s) => s.scores[c])])),
      lcpMs: round(med((s) => s.lcpMs), 0),
      fcpMs: round(med((s) => s.fcpMs), 0),
      tbtMs: round(med((s) => s.tbtMs), 0),
      cls: round(med((s) => s.cls), 4),
      siMs: round(med((s) => s.siMs), 0),
      perRun: rs.map((s) => ({ scores: s.scores, lcpMs: round(s.lcpMs, 0), tbtMs: round(s.tbtMs, 0), cls: round(s.cls, 4) })),
      failing: [...failing.values()],
      errors: [...new Set(rs.map((s) => s.runtimeError).filter(Boolean))],
    };
  });
}
