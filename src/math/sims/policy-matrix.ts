import { checkFinite, checkIntegerInRange, checkPositive, checkProbability, fail } from '../validate';

/**
 * Standard normal CDF Φ(x) via the complementary error function, using the Chebyshev fit of
 * Press et al., Numerical Recipes (erfcc), whose fractional error is below 1.2e−7 everywhere.
 */
export function normalCdf(x: number): number {
  checkFinite('normalCdf', 'x', x);
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfcZ =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  // erfc(z) for z ≥ 0; Φ(x) = erfc(−x/√2)/2.
  return x >= 0 ? 1 - erfcZ / 2 : erfcZ / 2;
}

export const POLICY_LEVELS = ['low', 'medium', 'high'] as const;

/** The original notebook's block probabilities, rows = user-intent risk, columns = harm severity. */
export const POLICY_ORIGINAL_BLOCK = [
  [0.02, 0.08, 0.25],
  [0.04, 0.2, 0.62],
  [0.12, 0.45, 0.88],
] as const;

/** Traffic mix: most requests come from low-risk intent and concern low-severity topics. */
export const POLICY_ROW_SHARES = [0.7, 0.22, 0.08] as const;
export const POLICY_COL_SHARES = [0.6, 0.3, 0.1] as const;

/**
 * Share of requests in each cell that truly violate policy. Solved from the original matrix:
 * h = (b − FPR)/(TPR − FPR) at the default thresholds and separation, rounded to 3 decimals,
 * so the defaults reproduce the original block probabilities to within 0.001.
 */
export const POLICY_HARM_SHARE = [
  [0.02, 0.069, 0.211],
  [0.049, 0.215, 0.639],
  [0.165, 0.52, 0.939],
] as const;

/** Default block thresholds on the classifier's probability score, one per severity column. */
export const POLICY_DEFAULT_THRESHOLDS = [0.73, 0.62, 0.5] as const;
export const POLICY_DEFAULT_SEPARATION = 3;

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Classifier model: logit scores are N(+d/2, 1) for violating and N(−d/2, 1) for benign requests;
 * a request is blocked when σ(score) ≥ τ, i.e. when the logit score ≥ t = logit(τ).
 */
export function blockRates(logitThreshold: number, separation: number): { tpr: number; fpr: number } {
  checkFinite('blockRates', 'logitThreshold', logitThreshold);
  checkPositive('blockRates', 'separation', separation);
  return { tpr: normalCdf(separation / 2 - logitThreshold), fpr: normalCdf(-separation / 2 - logitThreshold) };
}

/** The harmful share that makes a cell's block rate equal `block` (clipped to [0, 1]). */
export function solveHarmShare(block: number, logitThreshold: number, separation: number): number {
  checkProbability('solveHarmShare', 'block', block);
  const { tpr, fpr } = blockRates(logitThreshold, separation);
  return Math.min(1, Math.max(0, (block - fpr) / (tpr - fpr)));
}

export interface PolicySettings {
  /** τ per severity column (low, medium, high), each in (0, 1). */
  thresholds: readonly number[];
  /** Logit units subtracted from the threshold per step of intent risk (0 for low, 2δ for high). */
  intentShift: number;
  separation: number;
  /** Requests in the whole matrix. */
  total?: number;
}

export interface PolicyCell {
  row: number;
  col: number;
  volume: number;
  harmShare: number;
  /** The effective probability threshold in this cell after the intent shift. */
  tau: number;
  tpr: number;
  fpr: number;
  /** Share of all requests in the cell that are blocked. */
  block: number;
  /** Over-refusal: share of benign requests blocked (= FPR). */
  overRefusal: number;
  /** Misses: share of violating requests allowed (= 1 − TPR). */
  miss: number;
  benignBlocked: number;
  harmfulAllowed: number;
}

export interface PolicyTotals {
  blockRate: number;
  overRefusal: number;
  missRate: number;
  benignBlocked: number;
  harmfulAllowed: number;
  /** Over-refusal among benign requests from low-risk intent (the first row). */
  lowIntentOverRefusal: number;
  /** Misses among violating requests of high severity (the last column). */
  highSeverityMiss: number;
}

export interface PolicyEvaluation {
  cells: PolicyCell[][];
  totals: PolicyTotals;
}

/** Expected block, over-refusal and miss rates (and counts) for every cell of the matrix. */
export function evaluatePolicy(s: PolicySettings): PolicyEvaluation {
  const fn = 'evaluatePolicy';
  if (s.thresholds.length !== 3) fail(fn, `thresholds must have 3 entries (one per severity), got ${s.thresholds.length}`);
  s.thresholds.forEach((t, j) => {
    if (!(t > 0 && t < 1)) fail(fn, `thresholds[${j}] must be in (0, 1), got ${t}`);
  });
  checkFinite(fn, 'intentShift', s.intentShift);
  checkPositive(fn, 'separation', s.separation);
  const total = s.total ?? 10_000;
  checkIntegerInRange(fn, 'total', total, 1, 1e9);

  const cells = POLICY_HARM_SHARE.map((row, i) =>
    row.map((h, j) => {
      const t = logit(s.thresholds[j]!) - s.intentShift * i;
      const { tpr, fpr } = blockRates(t, s.separation);
      const volume = total * POLICY_ROW_SHARES[i]! * POLICY_COL_SHARES[j]!;
      return {
        row: i,
        col: j,
        volume,
        harmShare: h,
        tau: 1 / (1 + Math.exp(-t)),
        tpr,
        fpr,
        block: h * tpr + (1 - h) * fpr,
        overRefusal: fpr,
        miss: 1 - tpr,
        benignBlocked: volume * (1 - h) * fpr,
        harmfulAllowed: volume * h * (1 - tpr),
      };
    }),
  );
  const flat = cells.flat();
  const sum = (xs: PolicyCell[], f: (c: PolicyCell) => number) => xs.reduce((a, c) => a + f(c), 0);
  const benign = (xs: PolicyCell[]) => sum(xs, (c) => c.volume * (1 - c.harmShare));
  const harmful = (xs: PolicyCell[]) => sum(xs, (c) => c.volume * c.harmShare);
  const lowRow = cells[0]!;
  const highCol = cells.map((r) => r[2]!);
  return {
    cells,
    totals: {
      blockRate: sum(flat, (c) => c.volume * c.block) / total,
      overRefusal: sum(flat, (c) => c.benignBlocked) / benign(flat),
      missRate: sum(flat, (c) => c.harmfulAllowed) / harmful(flat),
      benignBlocked: sum(flat, (c) => c.benignBlocked),
      harmfulAllowed: sum(flat, (c) => c.harmfulAllowed),
      lowIntentOverRefusal: sum(lowRow, (c) => c.benignBlocked) / benign(lowRow),
      highSeverityMiss: sum(highCol, (c) => c.harmfulAllowed) / harmful(highCol),
    },
  };
}

/** Density of σ(Z) for Z ~ N(μ, 1) (a logit-normal), on an even grid of scores in (0, 1). */
export function logitNormalDensity(mu: number, points = 199): { score: number; density: number }[] {
  checkFinite('logitNormalDensity', 'mu', mu);
  checkIntegerInRange('logitNormalDensity', 'points', points, 2, 100_000);
  return Array.from({ length: points }, (_, k) => {
    const p = (k + 1) / (points + 1);
    const z = logit(p) - mu;
    return { score: p, density: Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / (p * (1 - p)) };
  });
}
