/** The text-anchor a chart's label (the text starting `startsWith`) is drawn with: its own or its group's, else the SVG's. */
export function anchorOf(svg: Element, startsWith: string): string | null | undefined {
  const t = [...svg.querySelectorAll('text')].find((el) => el.textContent?.startsWith(startsWith))!;
  return t.closest('[text-anchor]')?.getAttribute('text-anchor');
}

const translate = (el: Element | null) => {
  const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(el?.getAttribute('transform') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};

/**
 * Where a Plot text is drawn, in the figure's units: its own translate plus its mark group's (where
 * Plot puts dx and dy), with its anchor and its horizontal extent at `perChar` units a character
 * (one line of text).
 */
export function textSpan(t: Element, perChar: number): { x: number; y: number; anchor: string; x0: number; x1: number } {
  const [[tx, ty], [gx, gy]] = [translate(t), translate(t.parentElement)];
  const [x, y] = [tx! + gx!, ty! + gy!];
  // Plot writes no anchor for 'middle', the figure's own default.
  const anchor = t.closest('[text-anchor]')?.getAttribute('text-anchor') ?? 'middle';
  const w = perChar * (t.textContent ?? '').length;
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { x, y, anchor, x0, x1: x0 + w };
}
