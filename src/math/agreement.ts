import { checkIntegerArray, checkSameLength, fail } from './validate';

export interface ConfusionMatrix {
  /** Sorted distinct labels used by either rater. */
  labels: number[];
  /** counts[i][j] = number of items rater A labelled labels[i] and rater B labelled labels[j]. */
  counts: number[][];
}

function checkRaters(fn: string, a: readonly number[], b: readonly number[]): void {
  checkIntegerArray(fn, 'raterA', a);
  checkIntegerArray(fn, 'raterB', b);
  checkSameLength(fn, 'raterA', a, 'raterB', b);
}

function buildMatrix(a: readonly number[], b: readonly number[]): ConfusionMatrix {
  const labels = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const counts = labels.map(() => labels.map(() => 0));
  for (let t = 0; t < a.length; t++) counts[index.get(a[t]!)!]![index.get(b[t]!)!]!++;
  return { labels, counts };
}

/** Cross-tabulate two raters' integer labels (rows: rater A, columns: rater B). */
export function confusionMatrix(raterA: readonly number[], raterB: readonly number[]): ConfusionMatrix {
  checkRaters('confusionMatrix', raterA, raterB);
  return buildMatrix(raterA, raterB);
}

export interface CohenKappa {
  /** p_o: share of items both raters labelled the same. */
  observed: number;
  /** p_e = Σ_k p_A(k)·p_B(k): agreement expected if each rater labelled at random with their own label rates. */
  expected: number;
  /** κ = (p_o − p_e)/(1 − p_e); NaN when p_e = 1 (both raters always use one and the same label). */
  kappa: number;
}

/**
 * Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal scales"):
 * agreement beyond chance, for any number of integer categories.
 */
export function cohenKappa(raterA: readonly number[], raterB: readonly number[]): CohenKappa {
  checkRaters('cohenKappa', raterA, raterB);
  return kappaFromCounts(buildMatrix(raterA, raterB).counts);
}

/**
 * Cohen's κ read off a K×K table of counts (rows: rater A, columns: rater B). Categories neither
 * rater used add exact zeros, so a table over all K categories gives cohenKappa's numbers.
 */
export function kappaFromCounts(counts: readonly (readonly number[])[], fn = 'kappaFromCounts'): CohenKappa {
  const k = counts.length;
  let n = 0;
  for (const row of counts) {
    if (row.length !== k) fail(fn, `the table must be square, got a row of ${row.length} in a ${k}-row table`);
    for (const c of row) n += c;
  }
  if (n === 0) fail(fn, 'the table is empty (no items)');
  let agree = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    agree += counts[i]![i]!;
    let row = 0;
    let col = 0;
    for (let j = 0; j < k; j++) {
      row += counts[i]![j]!;
      col += counts[j]![i]!;
    }
    expected += (row / n) * (col / n);
  }
  const observed = agree / n;
  // p_e = 1 only when both raters use one single shared label; kappa is 0/0 there.
  const kappa = Math.abs(1 - expected) < 1e-12 ? NaN : (observed - expected) / (1 - expected);
  return { observed, expected, kappa };
}
