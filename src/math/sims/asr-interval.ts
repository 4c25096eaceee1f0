import jStatModule from 'jstat';
import { createRng } from '../rng';
import { clopperPearsonInterval, waldInterval, wilsonInterval } from '../intervals';
import { checkPositiveInteger, checkProbability, fail } from '../validate';

/**
 * Red-team audit as in the original notebook: each of n responses gets a severity 0–3 with
 * probabilities .68/.18/.10/.04, and a violation is severity ≥ 2 (true rate .14). One "true
 * rate" ρ drives all four: severities 2 and 3 keep their 10:4 ratio and share ρ, severities
 * 0 and 1 keep their 68:18 ratio and share 1 − ρ. ρ = .14 gives the original probabilities.
 */
export function severityProbabilities(rate: number): [number, number, number, number] {
  checkProbability('severityProbabilities', 'rate', rate);
  const safe = 1 - rate;
  return [(safe * 68) / 86, (safe * 18) / 86, (rate * 10) / 14, (rate * 4) / 14];
}

export type IntervalMethod = 'Wald' | 'Wilson' | 'Clopper–Pearson';
export const INTERVAL_METHODS: readonly IntervalMethod[] = ['Wald', 'Wilson', 'Clopper–Pearson'];

// jstat is CommonJS (see intervals.ts); only the normal quantile is needed here.
const normalInv = (p: number): number => {
  const j = (jStatModule as unknown as { jStat?: unknown }).jStat ?? jStatModule;
  return (j as unknown as { normal: { inv(p: number, mean: number, sd: number): number } }).normal.inv(p, 0, 1);
};

/** Two-sided critical value z = Φ⁻¹(1 − α/2) for confidence level 1 − α. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) fail('zFor', `confidence must lie strictly between 0 and 1, got ${confidence}`);
  return normalInv(1 - (1 - confidence) / 2);
}

/** The three intervals for x successes out of n at one confidence level. */
export function intervalsFor(x: number, n: number, confidence: number): Record<IntervalMethod, [number, number]> {
  const z = zFor(confidence);
  return {
    Wald: waldInterval(x, n, z),
    Wilson: wilsonInterval(x, n, z),
    'Clopper–Pearson': clopperPearsonInterval(x, n, 1 - confidence),
  };
}

/**
 * Whether the Clopper–Pearson interval of each count k = 0 … n contains ρ, where `pmf` is the
 * Binomial(n, ρ) distribution (binomialPmf), read off its tails instead of computing the intervals.
 * The interval of k is the set of p whose one-sided tests at α/2 both keep k, and each tail moves
 * monotonically in p, so ρ lies in it iff P_ρ(X ≥ k) ≥ α/2 (or k = 0) and P_ρ(X ≤ k) ≥ α/2 (or
 * k = n). One pass each way over the pmf replaces two beta quantiles per count.
 */
export function clopperPearsonCovers(pmf: Float64Array, confidence: number): Uint8Array {
  if (!(confidence > 0 && confidence < 1)) fail('clopperPearsonCovers', `confidence must lie strictly between 0 and 1, got ${confidence}`);
  const n = pmf.length - 1;
  if (n < 1) fail('clopperPearsonCovers', `the pmf needs at least 2 entries (n ≥ 1), got ${pmf.length}`);
  const half = (1 - confidence) / 2;
  const covers = new Uint8Array(n + 1);
  // Upper tails summed from the top, so small tails keep their precision.
  const upper = new Float64Array(n + 2);
  for (let k = n; k >= 0; k--) upper[k] = upper[k + 1]! + pmf[k]!;
  let lower = 0;
  for (let k = 0; k <= n; k++) {
    lower += pmf[k]!;
    covers[k] = (k === 0 || upper[k]! >= half) && (k === n || lower >= half) ? 1 : 0;
  }
  return covers;
}

/** Uniform draws behind one audit, fixed by (seed, n) so moving ρ changes the sample smoothly. */
export function drawAuditUniforms(seed: number, n: number): Float64Array {
  checkPositiveInteger('drawAuditUniforms', 'n', n);
  const rng = createRng(seed);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = rng.uniform();
  return u;
}

/** Severity of each response (0–3), by inverting the cumulative probabilities. */
export function auditSeverities(u: Float64Array, rate: number): number[] {
  const p = severityProbabilities(rate);
  const c0 = p[0];
  const c1 = c0 + p[1];
  const c2 = c1 + p[2];
  return Array.from(u, (v) => (v < c0 ? 0 : v < c1 ? 1 : v < c2 ? 2 : 3));
}

export function severityCounts(severities: readonly number[]): [number, number, number, number] {
  const c: [number, number, number, number] = [0, 0, 0, 0];
  for (const s of severities) c[s as 0 | 1 | 2 | 3]++;
  return c;
}

/**
 * Replicate audits for the coverage simulation: one uniform per replicate, fixed by the seed (a
 * separate stream from the main sample). Replicate r's violation count is the Binomial(n, ρ)
 * quantile at u_r (see replicateCounts), so it is an exact binomial draw that never decreases as
 * ρ or n grows: the simulated dots move smoothly with the sliders.
 */
export function drawReplicateUniforms(seed: number, replicates = 200): Float64Array {
  checkPositiveInteger('drawReplicateUniforms', 'replicates', replicates);
  const rng = createRng(seed + 7919);
  const u = new Float64Array(replicates);
  for (let i = 0; i < replicates; i++) u[i] = rng.uniform();
  return u;
}

/**
 * Inverse-CDF draws: count_r = min{k : P(X ≤ k) ≥ u_r} for X ~ Binomial(n, ρ) given by its pmf
 * (binomialPmf). Uniforms are visited in sorted order, so one pass up the CDF serves them all.
 */
export function replicateCounts(u: Float64Array, pmf: Float64Array): number[] {
  const n = pmf.length - 1;
  if (n < 1) fail('replicateCounts', `the pmf needs at least 2 entries (n ≥ 1), got ${pmf.length}`);
  const order = Array.from(u.keys()).sort((a, b) => u[a]! - u[b]!);
  const out = new Array<number>(u.length);
  let k = 0;
  let cdf = pmf[0]!;
  for (const r of order) {
    // Rounding can leave the summed CDF a hair under 1: the last count is n.
    while (cdf < u[r]! && k < n) cdf += pmf[++k]!;
    out[r] = k;
  }
  return out;
}

const contains = ([low, high]: [number, number], rate: number) => low <= rate && rate <= high;

/**
 * Share of replicate audits whose interval contains the true rate, per method. `pmf` is
 * Binomial(n, rate) (binomialPmf), passed in when the caller already has it.
 */
export function simulatedCoverage(
  counts: readonly number[],
  n: number,
  rate: number,
  confidence: number,
  pmf: Float64Array = binomialPmf(n, rate),
): Record<IntervalMethod, number> {
  const z = zFor(confidence);
  const cp = clopperPearsonCovers(pmf, confidence);
  const hits: Record<IntervalMethod, number> = { Wald: 0, Wilson: 0, 'Clopper–Pearson': 0 };
  for (const x of counts) {
    if (contains(waldInterval(x, n, z), rate)) hits.Wald++;
    if (contains(wilsonInterval(x, n, z), rate)) hits.Wilson++;
    if (cp[x]) hits['Clopper–Pearson']++;
  }
  const total = counts.length || 1;
  return { Wald: hits.Wald / total, Wilson: hits.Wilson / total, 'Clopper–Pearson': hits['Clopper–Pearson'] / total };
}

/** log C(n, k) from a table of log-factorials (exact enough for n in the thousands). */
function logFactorials(n: number): Float64Array {
  const t = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
}

/** Binomial(n, p) probabilities P(X = k) for k = 0 … n (0 < p < 1 handled in log space). */
export function binomialPmf(n: number, p: number): Float64Array {
  checkPositiveInteger('binomialPmf', 'n', n);
  checkProbability('binomialPmf', 'p', p);
  const out = new Float64Array(n + 1);
  if (p === 0 || p === 1) {
    out[p === 0 ? 0 : n] = 1;
    return out;
  }
  const lf = logFactorials(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  for (let k = 0; k <= n; k++) out[k] = Math.exp(lf[n]! - lf[k]! - lf[n - k]! + k * lp + (n - k) * lq);
  return out;
}

/**
 * Exact coverage: P(interval from X contains ρ) = Σ_k P(X = k)·[ρ ∈ CI(k)], X ~ Binomial(n, ρ).
 * Terms below 1e-13 are skipped (they cannot move the result at the digits shown).
 */
export function exactCoverage(n: number, rate: number, confidence: number, pmf: Float64Array = binomialPmf(n, rate)): Record<IntervalMethod, number> {
  const z = zFor(confidence);
  const cp = clopperPearsonCovers(pmf, confidence);
  const cov: Record<IntervalMethod, number> = { Wald: 0, Wilson: 0, 'Clopper–Pearson': 0 };
  for (let k = 0; k <= n; k++) {
    const w = pmf[k]!;
    if (w < 1e-13) continue;
    if (contains(waldInterval(k, n, z), rate)) cov.Wald += w;
    if (contains(wilsonInterval(k, n, z), rate)) cov.Wilson += w;
    if (cp[k]) cov['Clopper–Pearson'] += w;
  }
  return cov;
}
