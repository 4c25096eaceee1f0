import { useLayoutEffect, useRef, useState } from 'react';
import * as Plot from '@observablehq/plot';
import { plotDocument } from '../../plots/document';

interface Props {
  /** Plot options from a pure function in src/plots (no document). */
  options: Plot.PlotOptions;
  /** Short text alternative; the widget's live summary carries the numbers. */
  label: string;
  describedBy?: string;
}

function draw(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const el = Plot.plot({ ...options, document: plotDocument() });
  // The wrapper carries the text alternative (role=img + summary); Plot's per-mark aria-labels on
  // <g> elements are invalid without a role, so the drawing itself is hidden from assistive tech.
  for (const g of el.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
  el.setAttribute('aria-hidden', 'true');
  return el;
}

/**
 * Renders an Observable Plot figure. During the build the SVG is serialized into the HTML (so
 * the chart is there before hydration and without JavaScript); in the browser each change of
 * `options` redraws into the same container.
 */
export default function PlotChart({ options, label, describedBy }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [initialHtml] = useState(() => draw(options).outerHTML);
  const first = useRef(true);

  useLayoutEffect(() => {
    if (first.current) {
      // The server already drew these exact options.
      first.current = false;
      return;
    }
    ref.current?.replaceChildren(draw(options));
  }, [options]);

  return (
    <div
      ref={ref}
      className="widget-chart"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      dangerouslySetInnerHTML={{ __html: initialHtml }}
    />
  );
}
