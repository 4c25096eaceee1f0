// Control-to-frame latency of every demo on /demos/. A control change is dispatched the way React
// sees a user's (native value setter + input/change events) and a MutationObserver on the widget's
// .widget-charts sees the chart change. Two timings:
// - aligned (the target): the change is dispatched at the start of a frame, inside a
//   requestAnimationFrame callback, as Chromium delivers the pointer events of a slider drag; the
//   figure is the time to the end of the frame that first shows the new chart (a message posted
//   after the change runs once that frame's style, layout and paint are done). When the work fits
//   in one 60 Hz frame the chart is painted in the frame the input arrived in.
// - random: dispatched at a random point of a frame, to the first requestAnimationFrame after the
//   mutation; up to one frame interval of waiting for the next frame is part of every figure.
import { hydrateIslands, percentile, median, round } from './util.mjs';

const CONTROLS = '.widget-control input[type=range], select, input[type=checkbox]';

/** Runs `n` alternating control changes on widget `wi` inside the page. */
function changeLoop({ wi, n, timeoutMs, controlsSelector, skip = [], aligned = true }) {
  const w = document.querySelectorAll('[data-widget]')[wi];
  const charts = w.querySelector('.widget-charts');
  // Re-read each time: a control can swap the inputs it shows (e.g. a pair selector).
  const controlsNow = () => [...w.querySelectorAll(controlsSelector)].filter((el) => !el.disabled);
  let controls = controlsNow();
  const inputSet = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const selectSet = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const label = (el) => el.closest('.widget-control')?.dataset.control ?? el.name ?? el.id ?? el.tagName;

  const pair = (el) => {
    if (el.type === 'range') {
      const min = Number(el.min || 0);
      const max = Number(el.max || 100);
      const step = el.step === 'any' || !el.step ? (max - min) / 100 : Number(el.step);
      const snap = (x) => {
        const v = min + Math.round((x - min) / step) * step;
        return String(Number(Math.min(max, Math.max(min, v)).toFixed(10)));
      };
      return [snap(min + 0.3 * (max - min)), snap(min + 0.7 * (max - min))];
    }
    if (el.tagName === 'SELECT') return [el.options[0]?.value, el.options[1]?.value ?? el.options[0]?.value];
    return [null, null];
  };
  const apply = (el) => {
    if (el.type === 'checkbox') {
      el.click();
      return;
    }
    const [a, b] = pair(el);
    // The browser re-formats a range's value, so pick whichever end is farther from the current one.
    const v = Number(el.value);
    const next = el.tagName === 'SELECT' ? (el.value === a ? b : a) : Math.abs(v - Number(a)) <= Math.abs(v - Number(b)) ? b : a;
    if (el.tagName === 'SELECT') selectSet.call(el, next);
    else inputSet.call(el, next);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };

  // The render-only replay (replayLoop) makes the same change as the timed loop.
  window.__benchApply = apply;

  const afterFrame = (cb) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = cb;
    ch.port2.postMessage(0);
  };

  const onceRandom = (el) =>
    new Promise((resolve) => {
      let t0 = 0;
      let tMut = null;
      const mo = new MutationObserver(() => {
        if (tMut !== null) return;
        tMut = performance.now();
        mo.disconnect();
        requestAnimationFrame(() => {
          const tRaf = performance.now();
          afterFrame(() => resolve({ frame: tRaf - t0, work: tMut - t0, painted: performance.now() - t0 }));
        });
      });
      mo.observe(charts, { childList: true, subtree: true, attributes: true, characterData: true });
      setTimeout(() => {
        if (tMut === null) {
          mo.disconnect();
          resolve(null);
        }
      }, timeoutMs);
      t0 = performance.now();
      apply(el);
    });

  const onceAligned = (el) =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        let tMut = null;
        const mo = new MutationObserver(() => {
          if (tMut !== null) return;
          tMut = performance.now();
          mo.disconnect();
        });
        mo.observe(charts, { childList: true, subtree: true, attributes: true, characterData: true });
        const t0 = performance.now();
        apply(el);
        afterFrame(() => {
          if (tMut !== null) {
            resolve({ frame: performance.now() - t0, work: tMut - t0, sameFrame: true });
            return;
          }
          // The chart did not change in this frame: wait for the mutation, then for the frame that shows it.
          const poll = () => {
            if (tMut !== null) requestAnimationFrame(() => afterFrame(() => resolve({ frame: performance.now() - t0, work: tMut - t0, sameFrame: false })));
            else if (performance.now() - t0 > timeoutMs) {
              mo.disconnect();
              resolve(null);
            } else setTimeout(poll, 1);
          };
          poll();
        });
      });
    });

  return (async () => {
    w.scrollIntoView({ block: 'center' });
    await raf();
    await raf();
    const samples = [];
    const noChange = new Set(skip);
    let i = 0;
    let attempts = 0;
    while (samples.length < n && attempts < n * 3 && controls.some((el) => !noChange.has(label(el)))) {
      attempts++;
      controls = controlsNow();
      const el = controls[i++ % controls.length];
      if (noChange.has(label(el))) continue;
      await raf();
      let r;
      if (aligned) r = await onceAligned(el);
      else {
        // Start each change at a random point of the frame, as a key press would arrive.
        await sleep(Math.random() * 16);
        r = await onceRandom(el);
      }
      if (r) samples.push({ control: label(el), ...r });
      else noChange.add(label(el));
    }
    return {
      kind: w.dataset.widget,
      id: w.dataset.widgetId,
      controls: controls.map(label),
      noChartChange: [...noChange],
      firstRange: controls.find((el) => el.type === 'range' && !noChange.has(label(el))) ? label(controls.find((el) => el.type === 'range' && !noChange.has(label(el)))) : null,
      samples,
    };
  })();
}

/** Installs a key-press probe on one range control: keydown -> first frame after the chart changes. */
function installKeyProbe({ wi, control }) {
  const w = document.querySelectorAll('[data-widget]')[wi];
  const charts = w.querySelector('.widget-charts');
  const input = w.querySelector(`.widget-control[data-control="${control}"] input[type=range]`);
  const probe = { results: [], events: [], input };
  window.__keyProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown' && e.interactionId) probe.events.push(e.duration);
  }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  input.addEventListener(
    'keydown',
    (e) => {
      const t0 = performance.now();
      const ts = e.timeStamp;
      let seen = false;
      const mo = new MutationObserver(() => {
        if (seen) return;
        seen = true;
        mo.disconnect();
        requestAnimationFrame(() => {
          const t = performance.now();
          probe.results.push({ frame: t - t0, fromEvent: t - ts });
        });
      });
      mo.observe(charts, { childList: true, subtree: true, attributes: true, characterData: true });
      setTimeout(() => {
        if (!seen) {
          mo.disconnect();
          probe.results.push(null);
        }
      }, 3000);
    },
    true,
  );
  w.scrollIntoView({ block: 'center' });
  input.focus();
  return { value: Number(input.value), min: Number(input.min), max: Number(input.max) };
}

/**
 * Installed on each measured page (page.evaluate sends functions alone, so the loops below cannot
 * share a module function): `count` frames, each running `step(k)` at its start and timed to the
 * end of that frame (a message posted then runs once its style, layout and paint are done).
 */
function installFrameTimer() {
  window.__timeFrames = async (count, step) => {
    const out = [];
    for (let k = 0; k < count; k++) {
      out.push(
        await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const t0 = performance.now();
            step(k);
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve(performance.now() - t0);
            ch.port2.postMessage(0);
          }),
        ),
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  };
}

/**
 * What any visible change costs the browser on this page: one readout's text swapped at the start
 * of a frame, with no demo JavaScript running, timed to the end of that frame.
 */
function floorLoop({ wi, n }) {
  const w = document.querySelectorAll('[data-widget]')[wi];
  const dd = w.querySelector('.widget-readouts dd');
  const original = dd.textContent;
  const flip = (k) => (dd.textContent = k % 2 ? original : `${original} `);
  const restore = () => (dd.textContent = original);
  w.scrollIntoView({ block: 'center' });
  return (async () => {
    await new Promise((r) => setTimeout(r, 100));
    const out = await window.__timeFrames(n, flip);
    restore();
    return out;
  })();
}

/**
 * The least any implementation can do for one control: threshold-tradeoff's τ moves its rule, the
 * three dots that sit on the curves at τ, and the four readouts that depend on τ. Those elements
 * are moved by hand (±3 px, text toggled) at the start of a frame with no demo code running,
 * timed to the end of that frame.
 */
function minimalTauLoop({ n }) {
  const w = document.querySelector('[data-widget="threshold-tradeoff"]');
  if (!w) return null;
  const layers = w.querySelectorAll('svg[data-layer="data"]');
  const rule = [...(layers[0]?.querySelectorAll('line') ?? [])].pop();
  const dots = [...layers].flatMap((l) => [...l.querySelectorAll('circle')]);
  const dds = [...w.querySelectorAll('.widget-readouts dd')];
  const texts = [0, 1, 3, 4].map((i) => dds[i]).filter(Boolean);
  if (!rule || dots.length < 3 || texts.length < 4) return null;
  const shift = (el, names, d) => names.forEach((a) => el.setAttribute(a, String(Number(el.getAttribute(a)) + d)));
  const originals = texts.map((t) => t.textContent);
  w.scrollIntoView({ block: 'center' });
  return (async () => {
    await new Promise((r) => setTimeout(r, 100));
    return window.__timeFrames(2 * n, (k) => {
      const d = k % 2 ? -3 : 3;
      shift(rule, ['x1', 'x2'], d);
      for (const c of dots) shift(c, ['cx', 'cy'], d);
      texts.forEach((t, i) => (t.textContent = k % 2 ? originals[i] : `${originals[i]} `));
    });
  })();
}

/**
 * The same DOM changes without the demo's code: a real change of control `ci` is made at the
 * start of a frame and the mutations it makes in that frame (the chart and readouts the target
 * times; the deferred check, summary and table come later) are recorded. Then (phase 'replay')
 * they are applied backward and forward at the start of frames, timed to the end of each frame.
 * The change is the timed loop's own (changeLoop, which runs first, leaves it on window). No
 * implementation that shows the same update can cost the browser less than this.
 */
function replayLoop({ wi, ci, controlsSelector, phase, n }) {
  const w = document.querySelectorAll('[data-widget]')[wi];
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  if (phase === 'capture') {
    const controls = [...w.querySelectorAll(controlsSelector)].filter((el) => !el.disabled);
    const el = controls[ci];
    if (!el) return null;
    w.scrollIntoView({ block: 'center' });
    return (async () => {
      await raf();
      const records = await new Promise((resolve) =>
        requestAnimationFrame(() => {
          const mo = new MutationObserver(() => {});
          mo.observe(w, { childList: true, subtree: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
          window.__benchApply(el);
          const r = mo.takeRecords();
          mo.disconnect();
          resolve(r);
        }),
      );
      // Attributes and text: first old value and the value now; child lists: undone and redone in order.
      const attrs = new Map();
      const texts = new Map();
      const lists = [];
      for (const r of records) {
        if (r.type === 'attributes') {
          let m = attrs.get(r.target);
          if (!m) attrs.set(r.target, (m = new Map()));
          if (!m.has(r.attributeName)) m.set(r.attributeName, { old: r.oldValue });
        } else if (r.type === 'characterData') {
          if (!texts.has(r.target)) texts.set(r.target, { old: r.oldValue });
        } else lists.push(r);
      }
      for (const [node, m] of attrs) for (const [name, v] of m) v.now = node.getAttribute(name);
      for (const [node, v] of texts) v.now = node.data;
      window.__replay = { attrs, texts, lists };
      // Let the deferred render finish before anything is timed.
      await raf();
      await raf();
      await new Promise((r) => setTimeout(r, 100));
      return { control: el.closest('.widget-control')?.dataset.control ?? el.name, mutations: records.length };
    })();
  }
  const { attrs, texts, lists } = window.__replay;
  const at = (r) => (r.nextSibling && r.nextSibling.parentNode === r.target ? r.nextSibling : null);
  const apply = (forward) => {
    for (const [node, m] of attrs) for (const [name, v] of m) {
      const x = forward ? v.now : v.old;
      if (x === null) node.removeAttribute(name);
      else node.setAttribute(name, x);
    }
    for (const [node, v] of texts) node.data = forward ? v.now : v.old;
    if (forward) for (const r of lists) { for (const x of r.removedNodes) x.remove(); for (const x of r.addedNodes) r.target.insertBefore(x, at(r)); }
    else for (const r of [...lists].reverse()) { for (const x of r.addedNodes) x.remove(); for (const x of r.removedNodes) r.target.insertBefore(x, at(r)); }
  };
  return (async () => {
    // Starts from the changed state and ends in it, the state React holds.
    const out = await window.__timeFrames(2 * n, (k) => apply(k % 2 === 1));
    window.__replay = null;
    return out;
  })();
}

function stats(xs) {
  return { n: xs.length, p50: round(percentile(xs, 50), 2), p95: round(percentile(xs, 95), 2), max: round(Math.max(...xs), 2) };
}

async function keyPresses(page, wi, control, n) {
  const start = await page.evaluate(installKeyProbe, { wi, control });
  // Alternate so the value keeps moving (at the top of the range, begin downwards).
  const order = start.value >= start.max ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
  for (let k = 0; k < n; k++) {
    await page.keyboard.press(order[k % 2]);
    await page.waitForFunction((m) => window.__keyProbe.results.length >= m, k + 1, { timeout: 10_000 });
    await page.waitForTimeout(30 + Math.random() * 20);
  }
  await page.waitForTimeout(200);
  const { results, events } = await page.evaluate(() => ({ results: window.__keyProbe.results, events: window.__keyProbe.events }));
  const ok = results.filter(Boolean);
  return {
    control,
    ...stats(ok.map((r) => r.frame)),
    fromEventP95: round(percentile(ok.map((r) => r.fromEvent), 95), 2),
    noChange: results.length - ok.length,
    // Event Timing only reports interactions of 16 ms or more.
    eventTimingOver16: events.length,
    eventTimingMax: events.length ? Math.max(...events) : null,
  };
}

export async function measureInteractions(browser, baseUrl, { changes = 50, keys = 20, rates = [1, 4] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const out = [];
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/demos/`, { waitUntil: 'load' });
    await hydrateIslands(page);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-widget]')].every((w) => w.dataset.hydrated === 'true'), null, { timeout: 30_000 });
    await page.evaluate(installFrameTimer);
    const cdp = await context.newCDPSession(page);
    const count = await page.evaluate(() => document.querySelectorAll('[data-widget]').length);
    out.floor = {};
    out.minimalTau = {};
    for (const rate of rates) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      out.floor[rate] = stats(await page.evaluate(floorLoop, { wi: Math.min(3, count - 1), n: 40 }));
      const minimal = await page.evaluate(minimalTauLoop, { n: 20 });
      if (minimal) out.minimalTau[rate] = stats(minimal);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    // The same one-readout change on an empty page: what the browser costs per frame on this
    // machine, whatever the site.
    const blank = await context.newPage();
    await blank.setContent('<!doctype html><div data-widget><dl class="widget-readouts"><dt>rate</dt><dd>0.123</dd></dl></div>');
    await blank.evaluate(installFrameTimer);
    const blankCdp = await context.newCDPSession(blank);
    out.blankFloor = {};
    for (const rate of rates) {
      await blankCdp.send('Emulation.setCPUThrottlingRate', { rate });
      out.blankFloor[rate] = stats(await blank.evaluate(floorLoop, { wi: 0, n: 40 }));
      await blankCdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    await blank.close();
    await page.bringToFront();
    for (let wi = 0; wi < count; wi++) {
      const row = { index: wi, rates: {} };
      for (const rate of rates) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        // Warm-up: the first changes compile code paths; they are not counted.
        // Warm-up: the first changes compile code paths and find controls that never redraw the
        // chart (they only move readouts); neither is counted.
        const timeoutMs = 1000 + 500 * rate;
        const warm = await page.evaluate(changeLoop, { wi, n: 8, timeoutMs, controlsSelector: CONTROLS });
        const r = await page.evaluate(changeLoop, { wi, n: changes, timeoutMs, controlsSelector: CONTROLS, skip: warm.noChartChange });
        const rr = await page.evaluate(changeLoop, { wi, n: changes, timeoutMs, controlsSelector: CONTROLS, skip: warm.noChartChange, aligned: false });
        Object.assign(row, { kind: r.kind, id: r.id, controls: r.controls, noChartChange: r.noChartChange });
        const byControl = {};
        for (const s of r.samples) (byControl[s.control] ??= []).push(s.frame);
        row.rates[rate] = {
          frame: stats(r.samples.map((s) => s.frame)),
          work: stats(r.samples.map((s) => s.work)),
          sameFrame: r.samples.length ? round(r.samples.filter((s) => s.sameFrame).length / r.samples.length, 3) : null,
          random: { frame: stats(rr.samples.map((s) => s.frame)), painted: stats(rr.samples.map((s) => s.painted)) },
          perControlP95: Object.fromEntries(Object.entries(byControl).map(([k, v]) => [k, round(percentile(v, 95), 2)])),
          keys: r.firstRange && keys > 0 ? await keyPresses(page, wi, r.firstRange, keys) : null,
        };
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      }
      // Each control's own-frame mutations, captured unthrottled, replayed at every rate.
      const replay = Object.fromEntries(rates.map((rate) => [rate, []]));
      const perControl = {};
      for (let ci = 0; ci < row.controls.length; ci++) {
        const cap = await page.evaluate(replayLoop, { wi, ci, controlsSelector: CONTROLS, phase: 'capture' });
        if (!cap || cap.mutations === 0) continue;
        for (const rate of rates) {
          await cdp.send('Emulation.setCPUThrottlingRate', { rate });
          const times = await page.evaluate(replayLoop, { wi, phase: 'replay', n: 8 });
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
          replay[rate].push(...times);
          if (rate === 4) perControl[cap.control] = round(percentile(times, 95), 2);
          // The replay left the DOM as React last drew it; the next capture makes a real change again.
          if (rate !== rates[rates.length - 1]) await page.evaluate(replayLoop, { wi, ci, controlsSelector: CONTROLS, phase: 'capture' });
        }
      }
      for (const rate of rates) if (replay[rate].length) row.rates[rate].replay = stats(replay[rate]);
      row.replayPerControlP95 = perControl;
      out.push(row);
    }
    if (errors.length) out.errors = errors;
  } finally {
    await context.close();
  }
  return out;
}

export const medianOf = median;
