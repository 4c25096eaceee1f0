/**
 * Rounds the coordinates of a drawn chart to hundredths of a pixel before it is written into the
 * page. Plot writes positions at full double precision (`cy="246.03232503551226"`), which is a third
 * of a theory page's gzipped HTML and invisible on screen. Only geometry attributes are touched:
 * text (tick labels, readouts) and styling keep every digit.
 */
const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'points', 'viewBox']);

const NUMBER = /-?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?/gi;

/** Rounds every number in an attribute value to at most `digits` decimals (no trailing zeros, no −0). */
export function roundNumbers(value: string, digits = 2): string {
  const f = 10 ** digits;
  return value.replace(NUMBER, (m) => {
    const n = Number(m);
    if (!Number.isFinite(n)) return m;
    const r = Math.round(n * f) / f;
    return String(Object.is(r, -0) ? 0 : r);
  });
}

export function roundGeometry(root: Element, digits = 2): void {
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    for (const a of [...el.attributes]) {
      if (!GEOMETRY.has(a.name)) continue;
      const next = roundNumbers(a.value, digits);
      if (next !== a.value) el.setAttribute(a.name, next);
    }
    for (const c of el.children) stack.push(c);
  }
}
