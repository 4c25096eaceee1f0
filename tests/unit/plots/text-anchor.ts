/** The text-anchor a chart's label (the text starting `startsWith`) is drawn with: its own or its group's, else the SVG's. */
export function anchorOf(svg: Element, startsWith: string): string | null | undefined {
  const t = [...svg.querySelectorAll('text')].find((el) => el.textContent?.startsWith(startsWith))!;
  return t.closest('[text-anchor]')?.getAttribute('text-anchor');
}
