/** Where each demo widget is embedded, read from the lesson sources so the gallery cannot drift from them. */

export interface Embed {
  /** "4.1" */
  number: string;
  /** Heading text as written, TeX included: "4.1 SFT policy initialization". */
  heading: string;
}

const SUBSECTION = /^#{2,4}\s+(\d+\.\d+)\s+(.+?)\s*$/;

/**
 * The subsections of one MDX source whose text embeds `component` (as `<Component client:…`), each
 * once, in page order. An embed before the first numbered subsection heading is not listed.
 */
export function embedsIn(body: string, component: string): Embed[] {
  const tag = new RegExp(`<${component}\\s`);
  const out: Embed[] = [];
  let current: Embed | null = null;
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const h = SUBSECTION.exec(line);
    if (h) {
      current = { number: h[1]!, heading: `${h[1]} ${h[2]}` };
      continue;
    }
    if (current && tag.test(line) && !out.some((e) => e.number === current!.number)) out.push(current);
  }
  return out;
}

/** Orders "4.10" after "4.9". */
export function bySubsection(a: Embed, b: Embed): number {
  const [a1, a2] = a.number.split('.').map(Number);
  const [b1, b2] = b.number.split('.').map(Number);
  return a1! - b1! || a2! - b2!;
}
