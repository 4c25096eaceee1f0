import { useLayoutEffect, useRef, useState } from 'react';
import type * as Plot from '@observablehq/plot';
import { digest, drawData, plot } from './layers';
import { morph } from './morph';
import { roundGeometry } from './round-geometry';
import { SUBSCRIPT } from './subscripts';

interface Props {
  /** Plot options from a pure function in src/plots (no document). */
  options: Plot.PlotOptions;
  /** Short text alternative; the widget's live summary carries the numbers. */
  label: string;
  describedBy?: string;
}

function finish(el: Element, layer: string): Element {
  // The wrapper carries the text alternative (role=img + summary); Plot's per-mark aria-labels on
  // <g> elements are invalid without a role, so the drawing itself is hidden from assistive tech.
  for (const g of el.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
  // Plot's <style> element holds fixed rules that widget.css already carries; inserting one per
  // redraw would make the browser restyle the whole page.
  el.querySelector('style')?.remove();
  el.setAttribute('aria-hidden', 'true');
  el.setAttribute('data-layer', layer);
  subscripts(el);
  return el;
}

/** "r_w", "π_ref" in chart text drawn with a lowered, smaller subscript, as the controls and lessons write them. */
export function subscripts(el: Element): void {
  for (const t of el.querySelectorAll('text, tspan')) {
    const text = t.textContent ?? '';
    if (t.children.length || !text.includes('_')) continue;
    const doc = t.ownerDocument;
    const parts: (Node | string)[] = [];
    let at = 0;
    for (const m of text.matchAll(SUBSCRIPT)) {
      parts.push(text.slice(at, m.index));
      const sub = doc.createElementNS('http://www.w3.org/2000/svg', 'tspan');
      sub.setAttribute('baseline-shift', 'sub');
      sub.setAttribute('font-size', '78%');
      sub.textContent = m[1] ?? m[2]!;
      parts.push(sub);
      at = m.index! + m[0].length;
    }
    parts.push(text.slice(at));
    t.replaceChildren(...parts.filter((p) => p !== ''));
  }
}

interface Drawn {
  /** Axes and grid, then data marks; or one whole figure when the options cannot be layered. */
  nodes: Element[];
  /** A digest of the frame's key (see layers.ts), short enough to travel in the HTML. */
  frameKey: string | null;
}

function draw(options: Plot.PlotOptions, frameKey: string | null): Drawn & { frameChanged: boolean } {
  const layer = drawData(options);
  if (!layer) return { nodes: [finish(plot(options), 'whole')], frameKey: null, frameChanged: true };
  const data = finish(layer.data, 'data');
  const key = digest(layer.frameKey);
  if (key === frameKey) return { nodes: [data], frameKey, frameChanged: false };
  return { nodes: [finish(plot(layer.frameOptions), 'frame'), data], frameKey: key, frameChanged: true };
}

/**
 * Renders an Observable Plot chart. During the build the SVG is serialized into the HTML (so
 * the chart is there before hydration and without JavaScript); in the browser a change of
 * `options` redraws the data layer and patches it into the page, and redraws the axes only when
 * a scale moved (see layers.ts).
 */
export default function PlotChart({ options, label, describedBy }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [initial] = useState(() => {
    // In the browser the server's drawing is already in the page (hydration keeps it; React does
    // not compare inner HTML), so the chart is not drawn a second time just to hydrate.
    if (typeof window !== 'undefined') return { html: '', frameKey: undefined };
    const d = draw(options, null);
    for (const n of d.nodes) roundGeometry(n);
    return { html: d.nodes.map((n) => n.outerHTML).join(''), frameKey: d.frameKey ?? undefined };
  });
  const frameKey = useRef<string | null>(null);
  const first = useRef(true);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    if (first.current) {
      first.current = false;
      // Hydrated: the server drew these exact options, and its frame stays while the frame's key
      // (carried in the HTML) matches, so the first change redraws only the data marks.
      // A fresh mount (e.g. after a reset) draws now.
      if (box.firstElementChild) {
        // On a screen with devicePixelRatio 1, Plot shifts lines by half a pixel to keep them crisp,
        // which the build cannot know: there the first change redraws the frame with the data.
        frameKey.current = window.devicePixelRatio > 1 ? (box.dataset.frameKey ?? null) : null;
        return;
      }
    }
    const next = draw(options, frameKey.current);
    const current = [...box.children];
    frameKey.current = next.frameKey;
    if (!next.frameChanged && current.length === 2) {
      morph(current[1], next.nodes[0]);
      return;
    }
    if (current.length === next.nodes.length) next.nodes.forEach((n, i) => (current[i].nodeName === n.nodeName ? morph(current[i], n) : current[i].replaceWith(n)));
    else box.replaceChildren(...next.nodes);
  }, [options]);

  return (
    <div
      ref={ref}
      className="widget-chart"
      style={typeof options.width === 'number' ? { maxWidth: `${Math.round(1.25 * options.width)}px`, ...(typeof options.height === 'number' ? { aspectRatio: `${options.width} / ${options.height}` } : {}) } : undefined}
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      data-frame-key={initial.frameKey}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: initial.html }}
    />
  );
}
