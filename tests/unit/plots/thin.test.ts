import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rocCurve } from '@math/index';
import { sampleGuardrailScores } from '@math/sims/threshold-demo';
import { thinPolyline } from '@plots/thin';

const P = (x: number, y: number) => ({ x, y });
const thin = (pts: { x: number; y: number }[]) => thinPolyline(pts, (p) => p.x, (p) => p.y);

/** Distance from p to the segment ab. */
function toSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

describe('thinPolyline', () => {
  it('keeps the corners of a staircase and drops the points along its runs', () => {
    const stairs = [P(0, 0), P(0, 1), P(0, 2), P(1, 2), P(2, 2), P(3, 2), P(3, 3)];
    expect(thin(stairs)).toEqual([P(0, 0), P(0, 2), P(3, 2), P(3, 3)]);
  });

  it('keeps a point where the line doubles back on itself', () => {
    expect(thin([P(0, 0), P(2, 0), P(1, 0)])).toEqual([P(0, 0), P(2, 0), P(1, 0)]);
  });

  it('leaves short lines alone', () => {
    expect(thin([P(0, 0), P(1, 1)])).toEqual([P(0, 0), P(1, 1)]);
    expect(thin([])).toEqual([]);
  });

  it('thins an empirical ROC curve to a few percent of its points, each dropped point on the kept line', () => {
    const s = sampleGuardrailScores(42, 2000, 6);
    const roc = rocCurve(s.harmful, s.benign).map((p) => P(p.fpr, p.tpr));
    const kept = thin(roc);
    expect(kept.length).toBeLessThan(roc.length / 2);
    expect(kept[0]).toEqual(roc[0]);
    expect(kept[kept.length - 1]).toEqual(roc[roc.length - 1]);
    // Walk the original points along the kept segments: every one lies on the segment it falls in.
    let seg = 0;
    for (const p of roc) {
      while (seg < kept.length - 2 && toSegment(p, kept[seg]!, kept[seg + 1]!) > 1e-12) seg++;
      expect(toSegment(p, kept[seg]!, kept[seg + 1]!)).toBeLessThan(1e-12);
    }
  });

  it('never moves the line: every input point lies on the thinned polyline (random monotone paths)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 60 }), (steps) => {
        const pts = [P(0, 0)];
        for (const [dx, dy] of steps) pts.push(P(pts[pts.length - 1]!.x + dx, pts[pts.length - 1]!.y + dy));
        const kept = thin(pts);
        for (const p of pts) expect(Math.min(...kept.slice(0, -1).map((a, i) => toSegment(p, a, kept[i + 1]!)), kept.length === 1 ? 0 : Infinity)).toBeLessThan(1e-9);
      }),
    );
  });
});
