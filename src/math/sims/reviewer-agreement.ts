import { kappaFromCounts } from '../agreement';
import { createRng } from '../rng';
import { checkIntegerInRange, checkPositiveInteger, checkProbability, fail } from '../validate';

/**
 * Two reviewers label the same items. Rater A draws each label from the category shares;
 * rater B copies A's label, except that with probability `flip` it picks one of the other
 * K − 1 categories uniformly (for K = 2 that is the original notebook's 12% flip).
 * Label 0 is the "positive" category (e.g. "violating"); `prevalence` is its share and the
 * remaining 1 − prevalence is split evenly over categories 1 … K−1.
 */
export interface RaterSetup {
  prevalence: number;
  flip: number;
  categories: number;
}

function checkSetup(fn: string, s: RaterSetup): void {
  checkProbability(fn, 'prevalence', s.prevalence);
  checkProbability(fn, 'flip', s.flip);
  checkIntegerInRange(fn, 'categories', s.categories, 2, 20);
}

/** Category shares of rater A: [prevalence, (1 − prevalence)/(K − 1), …]. */
export function categoryShares(prevalence: number, categories: number): number[] {
  checkSetup('categoryShares', { prevalence, flip: 0, categories });
  const rest = (1 - prevalence) / (categories - 1);
  return Array.from({ length: categories }, (_, k) => (k === 0 ? prevalence : rest));
}

/**
 * Uniform draws behind a sample, fixed by (seed, n) alone: moving prevalence or the flip
 * rate re-reads the same draws, so the sample changes smoothly instead of reshuffling.
 */
export interface RaterDraws {
  category: Float64Array;
  flip: Float64Array;
  other: Float64Array;
}

export function drawRaterUniforms(seed: number, n: number): RaterDraws {
  checkPositiveInteger('drawRaterUniforms', 'n', n);
  const rng = createRng(seed);
  const category = new Float64Array(n);
  const flip = new Float64Array(n);
  const other = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    category[i] = rng.uniform();
    flip[i] = rng.uniform();
    other[i] = rng.uniform();
  }
  return { category, flip, other };
}

/** Turns the uniforms into two label vectors (integers 0 … K−1) for a setup. */
export function raterLabels(draws: RaterDraws, setup: RaterSetup): { a: number[]; b: number[] } {
  checkSetup('raterLabels', setup);
  const K = setup.categories;
  const shares = categoryShares(setup.prevalence, K);
  const n = draws.category.length;
  const a = new Array<number>(n);
  const b = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let u = draws.category[i]!;
    let label = K - 1;
    for (let k = 0; k < K; k++) {
      if (u < shares[k]!) {
        label = k;
        break;
      }
      u -= shares[k]!;
    }
    a[i] = label;
    if (draws.flip[i]! < setup.flip) {
      // One of the other K − 1 labels, uniformly: skip over A's own label.
      const j = Math.min(K - 2, Math.floor(draws.other[i]! * (K - 1)));
      b[i] = j >= label ? j + 1 : j;
    } else {
      b[i] = label;
    }
  }
  return { a, b };
}

/** Draws a sample in one call (uniforms + labels). */
export function sampleRaterPair(seed: number, n: number, setup: RaterSetup): { a: number[]; b: number[] } {
  return raterLabels(drawRaterUniforms(seed, n), setup);
}

/** Full K×K table of counts (rows: rater A, columns: rater B), zeros included. */
export function agreementTable(a: readonly number[], b: readonly number[], categories: number): number[][] {
  if (a.length !== b.length) fail('agreementTable', `a and b differ in length (${a.length} vs ${b.length})`);
  const t = Array.from({ length: categories }, () => new Array<number>(categories).fill(0));
  for (let i = 0; i < a.length; i++) t[a[i]!]![b[i]!]!++;
  return t;
}

/** Cohen's κ read off a full K×K table of counts, as agreementTable builds it (no pass over the items). */
export function kappaFromTable(table: readonly (readonly number[])[]): { observed: number; expected: number; kappa: number } {
  return kappaFromCounts(table, 'kappaFromTable');
}

export interface PopulationAgreement {
  /** p_o = 1 − flip: B keeps A's label with probability 1 − flip. */
  observed: number;
  /** p_e = Σ_k π_k q_k with q the marginal of rater B. */
  expected: number;
  /** κ = (p_o − p_e)/(1 − p_e): the value a sample's κ settles on as n grows. */
  kappa: number;
}

/**
 * Agreement of the expected (population) confusion matrix, worked out in closed form:
 * B's marginal is q_k = π_k(1 − f) + f(1 − π_k)/(K − 1), p_o = 1 − f, p_e = Σ π_k q_k.
 */
export function populationAgreement(setup: RaterSetup): PopulationAgreement {
  checkSetup('populationAgreement', setup);
  const { flip: f, categories: K } = setup;
  const pi = categoryShares(setup.prevalence, K);
  let expected = 0;
  for (const p of pi) expected += p * (p * (1 - f) + (f * (1 - p)) / (K - 1));
  const observed = 1 - f;
  const kappa = Math.abs(1 - expected) < 1e-12 ? NaN : (observed - expected) / (1 - expected);
  return { observed, expected, kappa };
}

/** The prevalence paradox curve: population p_o, p_e and κ across prevalence. */
export function kappaByPrevalence(
  flip: number,
  categories: number,
  from = 0.01,
  to = 0.99,
  count = 99,
): ({ prevalence: number } & PopulationAgreement)[] {
  return Array.from({ length: count }, (_, i) => {
    const prevalence = from + ((to - from) * i) / (count - 1);
    return { prevalence, ...populationAgreement({ prevalence, flip, categories }) };
  });
}

/** Short names for the categories: label 0 is the positive class. */
export function categoryNames(categories: number): string[] {
  if (categories === 2) return ['positive', 'negative'];
  // With more labels none is "positive": they are numbered, label 1 being the one the prevalence sets.
  return Array.from({ length: categories }, (_, k) => `label ${k + 1}`);
}
