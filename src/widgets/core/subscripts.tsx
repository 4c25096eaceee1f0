import { Fragment, type ReactNode } from 'react';

// "λ_risk", "s_A − s_B", "π_{ref}": the letters after "_" are a subscript. Written as <sub> they look like
// the lessons' notation and a screen reader says "λ risk" instead of "lambda underscore risk".
// A sentence's full stop, semicolon or closing quote ends the subscript ("lower their Δ_l.").
export const SUBSCRIPT = /_(?:\{([^{}]+)\}|([^\s,():;.!?·/−+*=|‖’”]+))/g;

/** Text with its "_x" subscripts as <sub> elements (plain text when there are none). */
export function withSubscripts(text: string): ReactNode {
  if (!text.includes('_')) return text;
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(SUBSCRIPT)) {
    out.push(text.slice(at, m.index));
    // A space only assistive technology reads: "λ risk", not "λrisk".
    out.push(<span key={`s${m.index}`} className="visually-hidden"> </span>, <sub key={m.index}>{m[1] ?? m[2]}</sub>);
    at = m.index! + m[0].length;
  }
  out.push(text.slice(at));
  return <Fragment>{out}</Fragment>;
}
