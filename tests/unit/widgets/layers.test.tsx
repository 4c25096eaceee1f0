import { describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import { canLayer, digest, drawData, plot } from '@widgets/core/layers';
import { morph } from '@widgets/core/morph';

// Every chart options object the 13 demos hand to PlotChart at their default and a second state.
const seen: { widget: string; options: Plot.PlotOptions }[] = [];
let current = '';
vi.mock('@widgets/core/PlotChart', () => ({
  default: ({ options }: { options: Plot.PlotOptions }) => {
    seen.push({ widget: current, options });
    return null;
  },
}));

const modules = import.meta.glob('../../../src/widgets/*.tsx', { eager: true }) as Record<string, { default: (p: object) => unknown }>;
for (const [path, mod] of Object.entries(modules)) {
  current = path.split('/').pop()!.replace('.tsx', '');
  const W = mod.default as unknown as (p: { id: string; preset?: Record<string, unknown> }) => React.JSX.Element;
  renderToString(<W id="t" />);
  renderToString(<W id="t" preset={{ seed: 7 }} />);
}

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
// Plot numbers markers and clip paths with a global counter; the numbers differ between figures.
const norm = (html: string) => html.replace(/ class="plot-[a-z0-9]+"/g, '').replace(/plot-(marker|clip)-\d+/g, 'plot-$1-N');
const groups = (el: Element) => [...el.children].filter((c) => c.nodeName.toLowerCase() !== 'style').map((c) => norm(c.outerHTML));

describe('layered charts draw exactly what one Plot figure draws', () => {
  it('collects the charts of all 13 demos', () => {
    expect(new Set(seen.map((s) => s.widget)).size).toBe(13);
    expect(seen.length).toBeGreaterThanOrEqual(26);
  });

  it('every chart can be layered; a faceted one would be drawn whole', () => {
    expect([...new Set(seen.filter((s) => !canLayer(s.options)).map((s) => s.widget))]).toEqual([]);
    const faceted = { width: 200, height: 100, marginTop: 10, marginRight: 10, marginBottom: 20, marginLeft: 30, fx: { padding: 0.1 }, marks: [Plot.barY([{ p: 1, v: 2 }], { fx: 'p', y: 'v' })] };
    expect(canLayer(faceted)).toBe(false);
    expect(drawData(faceted)).toBeNull();
    // Facets set on a mark alone count too.
    const markFaceted = { ...faceted, fx: undefined };
    expect(canLayer(markFaceted)).toBe(false);
  });

  it.each(seen.filter((s) => canLayer(s.options)).map((s, i) => [`${s.widget} #${i}`, s.options] as const))('%s: frame = axes and grid, data = marks', (_, options) => {
    const d = doc();
    const whole = Plot.plot({ ...options, document: d }) as unknown as Element;
    const layer = drawData({ ...options, document: d } as Plot.PlotOptions)!;
    expect(layer).not.toBeNull();
    const frame = plot({ ...layer.frameOptions, document: d } as Plot.PlotOptions);
    // Frame groups then data groups are exactly the single figure's groups, in order: the frame
    // (drawn underneath) holds the axes, grid and leading fixed marks, the data layer the rest.
    expect([...groups(frame), ...groups(layer.data)]).toEqual(groups(whole));
    expect(groups(layer.data).some((g) => / aria-label="[^"]*(axis|grid)/.test(g))).toBe(false);
    for (const a of ['width', 'height', 'viewBox']) {
      expect(frame.getAttribute(a)).toBe(whole.getAttribute(a));
      expect(layer.data.getAttribute(a)).toBe(whole.getAttribute(a));
    }
  });
});

describe('frame key', () => {
  const k = (o: object) => drawData(o as Plot.PlotOptions)!.frameKey;
  const base = { width: 200, height: 100, marginTop: 10, marginRight: 10, marginBottom: 20, marginLeft: 30, x: { domain: [0, 1] }, marks: [Plot.dot([{ a: 0.5 }], { x: 'a' })] };
  it('is the same for the same axes and changes with an axis option, a domain, or a fixed mark key', async () => {
    const { fixed } = await import('@plots/fixed');
    expect(k(base)).toBe(k({ ...base, marks: [Plot.dot([{ a: 0.9 }], { x: 'a' })] }));
    expect(k(base)).not.toBe(k({ ...base, x: { domain: [0, 2] } }));
    expect(k(base)).not.toBe(k({ ...base, x: { domain: [0, 1], label: 'other' } }));
    expect(k({ ...base, x: { domain: [0, 1], tickFormat: (v: number) => `${v}` } })).not.toBe(k({ ...base, x: { domain: [0, 1], tickFormat: (v: number) => `${v}%` } }));
    expect(k({ ...base, marks: [...fixed('a', Plot.ruleX([0.2])), ...base.marks] })).not.toBe(k({ ...base, marks: [...fixed('b', Plot.ruleX([0.2])), ...base.marks] }));
  });

  it('holds no function source unless the options give one, so the build and the page agree', () => {
    // The page keeps the HTML's axes while its key matches: a bundle-specific text would never match.
    for (const { widget, options } of seen) {
      const layer = drawData(options);
      if (!layer) continue;
      const own = JSON.stringify(options, (_, v) => (typeof v === 'function' ? 'FN' : v));
      if (!/"(x|y)":\{[^{}]*"FN"/.test(own)) expect(layer.frameKey, widget).not.toContain('fn:');
    }
    // Rounding and plain interpolation draw different axes, so they key differently.
    expect(k({ ...base, x: { domain: [0, 1], round: true } })).not.toBe(k(base));
  });

  it('object keys made during the build never match keys the page makes', async () => {
    const { fixed, fixedKey } = await import('@plots/fixed');
    const [m] = fixed({}, Plot.ruleX([0.2]));
    expect(fixedKey(m)).toMatch(/^o:build:\d+$/);
  });
});

describe('frame digest', () => {
  it('is equal for equal keys and differs for every distinct key the demos make', () => {
    expect(digest('abc')).toBe(digest('abc'));
    expect(digest('abc')).not.toBe(digest('abd'));
    expect(digest('')).not.toBe(digest(' '));
    const keys = new Set(seen.map(({ options }) => drawData(options)?.frameKey).filter((x): x is string => !!x));
    const digests = new Set([...keys].map(digest));
    expect(keys.size).toBeGreaterThan(10);
    expect(digests.size).toBe(keys.size);
  });
});

describe('morph', () => {
  it('turns one tree into another, reusing nodes where the structure matches', () => {
    const d = doc();
    const host = d.createElement('div');
    host.innerHTML = '<svg a="1"><g b="2"><circle r="1"></circle><circle r="2"></circle></g><text>old</text></svg>';
    const kept = host.querySelector('circle');
    const src = d.createElement('div');
    src.innerHTML = '<svg c="3"><g b="4"><circle r="5"></circle></g><text>new</text><path d="M0"></path></svg>';
    const want = src.innerHTML;
    morph(host.firstElementChild!, src.firstElementChild!);
    expect(host.innerHTML).toBe(want);
    expect(host.querySelector('circle')).toBe(kept);
  });
});
