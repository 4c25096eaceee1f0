import { createRng, seedFromString, type Rng } from '../rng';
import { checkIntegerInRange, checkNonNegative, checkPositive, fail } from '../validate';

/**
 * A synthetic attack landscape over a 2-D prompt-feature space [0, 1]² (think: how indirect the
 * request is × how much role-play framing it uses). Each attack family k is a narrow peak of
 * violation probability (height h_k, width w) sitting on a broad, low skirt, so nearby prompts
 * partly work: that local structure is what an adaptive search can exploit.
 *
 *   p(x) = 1 − (1 − base) · Π_k (1 − s·g(x; c_k, 0.18)) · (1 − h_k·g(x; c_k, w)),
 *   g(x; c, σ) = exp(−|x − c|² / 2σ²).
 */
export interface AttackFamily {
  cx: number;
  cy: number;
  height: number;
}
export interface AttackLandscape {
  families: AttackFamily[];
  peakWidth: number;
  base: number;
  skirtHeight: number;
  skirtWidth: number;
}

// Peak heights: every family is a serious find, one is the worst.
const PEAK_LOW = 0.75;
const PEAK_HIGH = 0.95;

export function makeAttackLandscape(seed: number, peakWidth = 0.03, familyCount = 4): AttackLandscape {
  checkPositive('makeAttackLandscape', 'peakWidth', peakWidth);
  checkIntegerInRange('makeAttackLandscape', 'familyCount', familyCount, 1, 12);
  const rng = createRng(seedFromString(`landscape:${seed}`));
  const families: AttackFamily[] = [];
  // Centres at least 0.25 apart (rejection sampling, with a cap so it always ends).
  for (let tries = 0; families.length < familyCount && tries < 1000; tries++) {
    const cx = 0.1 + 0.8 * rng.uniform();
    const cy = 0.1 + 0.8 * rng.uniform();
    if (families.every((f) => Math.hypot(f.cx - cx, f.cy - cy) >= 0.25)) families.push({ cx, cy, height: 0 });
  }
  if (families.length < familyCount) fail('makeAttackLandscape', `could not place ${familyCount} separated families`);
  const heights = rng.shuffle(families.map((_, i) => PEAK_LOW + ((PEAK_HIGH - PEAK_LOW) * i) / Math.max(1, familyCount - 1)));
  families.forEach((f, i) => (f.height = heights[i]!));
  return { families, peakWidth, base: 0.02, skirtHeight: 0.12, skirtWidth: 0.18 };
}

const gauss = (dx: number, dy: number, s: number) => Math.exp(-(dx * dx + dy * dy) / (2 * s * s));

/** The true probability that prompt x = (x, y) makes the model violate policy. */
export function violationProbability(l: AttackLandscape, x: number, y: number): number {
  let keep = 1 - l.base;
  const peak2 = 2 * l.peakWidth * l.peakWidth;
  for (const f of l.families) {
    const dx = x - f.cx;
    const dy = y - f.cy;
    // Far from a peak (exponent below −40) its factor 1 − h·g rounds to exactly 1 (h·g < 2⁻⁵⁴): skip the exp.
    const far = Math.abs(f.height) <= 1 && (dx * dx + dy * dy) / peak2 > 40;
    keep *= (1 - l.skirtHeight * gauss(dx, dy, l.skirtWidth)) * (far ? 1 : 1 - f.height * gauss(dx, dy, l.peakWidth));
  }
  return 1 - keep;
}

/** Folds a coordinate back into [0, 1] by reflecting at the edges (any distance). */
export function reflectUnit(v: number): number {
  const m = Math.abs(v) % 2;
  return m > 1 ? 2 - m : m;
}

export interface Query {
  x: number;
  y: number;
  /** The judge's noisy violation score, clipped to [0, 1]. */
  score: number;
}
export interface SearchRun {
  queries: Query[];
  /** Best judge score after each query. */
  bestSoFar: number[];
  /** The best-scoring prompt and its true violation probability (its replay attack success rate). */
  best: Query & { p: number };
  /** Queries the judge scored as violations (score ≥ 0.5). */
  hits: number;
}

export const JUDGE_NOISE = 0.02;
export const HIT_THRESHOLD = 0.5;

function judge(l: AttackLandscape, x: number, y: number, rng: Rng, noise: number): number {
  return Math.min(1, Math.max(0, violationProbability(l, x, y) + rng.normal(0, noise)));
}

function finish(l: AttackLandscape, queries: Query[]): SearchRun {
  const bestSoFar: number[] = [];
  let best = queries[0]!;
  let hits = 0;
  for (const q of queries) {
    if (q.score > best.score) best = q;
    if (q.score >= HIT_THRESHOLD) hits++;
    bestSoFar.push(best.score);
  }
  return { queries, bestSoFar, best: { ...best, p: violationProbability(l, best.x, best.y) }, hits };
}

/** Uniform random prompts: each query ignores what earlier ones found. */
export function randomSearch(l: AttackLandscape, budget: number, rng: Rng, noise = JUDGE_NOISE): SearchRun {
  checkIntegerInRange('randomSearch', 'budget', budget, 1, 1e6);
  checkNonNegative('randomSearch', 'noise', noise);
  const queries: Query[] = [];
  for (let i = 0; i < budget; i++) {
    const x = rng.uniform();
    const y = rng.uniform();
    queries.push({ x, y, score: judge(l, x, y, rng, noise) });
  }
  return finish(l, queries);
}

/**
 * Mutate-and-keep-best (a (1+1) hill climber): the first prompt is random; every later query
 * mutates the best prompt so far by Gaussian noise of scale `step` per feature, and the mutant
 * replaces it only if the judge scores it strictly higher.
 */
export function hillClimb(l: AttackLandscape, budget: number, step: number, rng: Rng, noise = JUDGE_NOISE): SearchRun {
  checkIntegerInRange('hillClimb', 'budget', budget, 1, 1e6);
  checkPositive('hillClimb', 'step', step);
  checkNonNegative('hillClimb', 'noise', noise);
  const queries: Query[] = [];
  let x = rng.uniform();
  let y = rng.uniform();
  let current: Query = { x, y, score: judge(l, x, y, rng, noise) };
  queries.push(current);
  for (let i = 1; i < budget; i++) {
    x = reflectUnit(current.x + rng.normal(0, step));
    y = reflectUnit(current.y + rng.normal(0, step));
    const q = { x, y, score: judge(l, x, y, rng, noise) };
    queries.push(q);
    if (q.score > current.score) current = q;
  }
  return finish(l, queries);
}

export interface RedTeamSettings {
  budget: number;
  step: number;
  peakWidth: number;
  runs: number;
}
export interface StrategySummary {
  runs: SearchRun[];
  /** Mean over runs of the best score after each query. */
  meanBestSoFar: number[];
  /** 10th and 90th percentiles over runs of the best score after each query. */
  lowBestSoFar: number[];
  highBestSoFar: number[];
  /** Mean over runs of the final best score. */
  meanBest: number;
  /** Mean over runs of the best prompt's true violation probability. */
  meanBestP: number;
  /** Share of all queries the judge scored as violations. */
  hitRate: number;
}
export interface RedTeamComparison {
  landscape: AttackLandscape;
  random: StrategySummary;
  hill: StrategySummary;
}

// d3-array's quantile (R-7: linear between order statistics) on values already sorted ascending.
function sortedQuantile(v: Float64Array, p: number): number {
  const i = (v.length - 1) * p;
  const i0 = Math.floor(i);
  const lo = v[i0]!;
  return i0 + 1 < v.length ? lo + (v[i0 + 1]! - lo) * (i - i0) : lo;
}

/** Mean and 10–90% range over runs of the best score after each query i in [from, to). */
function bestSoFarStats(runs: readonly { bestSoFar: readonly number[] }[], from: number, to: number, out: { mean: number[]; low: number[]; high: number[] }): void {
  const col = new Float64Array(runs.length);
  for (let i = from; i < to; i++) {
    let sum = 0;
    // Insertion sort: 16 values per query, and bestSoFar columns are nearly sorted already.
    for (let r = 0; r < runs.length; r++) {
      const v = runs[r]!.bestSoFar[i]!;
      sum += v;
      let j = r;
      while (j > 0 && col[j - 1]! > v) {
        col[j] = col[j - 1]!;
        j--;
      }
      col[j] = v;
    }
    out.mean[i] = sum / runs.length;
    out.low[i] = sortedQuantile(col, 0.1);
    out.high[i] = sortedQuantile(col, 0.9);
  }
}

function summarize(runs: SearchRun[], budget: number): StrategySummary {
  const stats = { mean: new Array<number>(budget), low: new Array<number>(budget), high: new Array<number>(budget) };
  bestSoFarStats(runs, 0, budget, stats);
  return {
    runs,
    meanBestSoFar: stats.mean,
    lowBestSoFar: stats.low,
    highBestSoFar: stats.high,
    meanBest: stats.mean[budget - 1]!,
    meanBestP: runs.reduce((s, r) => s + r.best.p, 0) / runs.length,
    hitRate: runs.reduce((s, r) => s + r.hits, 0) / (runs.length * budget),
  };
}

/**
 * Both strategies on the same landscape, each over `runs` independent seeded runs. Every run
 * has its own random stream, so a larger budget extends runs without changing their start.
 */
export function compareRedTeamSearch(seed: number, s: RedTeamSettings): RedTeamComparison {
  checkIntegerInRange('compareRedTeamSearch', 'runs', s.runs, 1, 1000);
  const landscape = makeAttackLandscape(seed, s.peakWidth);
  const run = (kind: string, r: number) => createRng(seedFromString(`${kind}:${seed}:${r}`));
  const random = Array.from({ length: s.runs }, (_, r) => randomSearch(landscape, s.budget, run('random', r)));
  const hill = Array.from({ length: s.runs }, (_, r) => hillClimb(landscape, s.budget, s.step, run('hill', r)));
  return { landscape, random: summarize(random, s.budget), hill: summarize(hill, s.budget) };
}

/** The highest violation probability in the space (found by refining around each family's centre). */
export function landscapeCeiling(l: AttackLandscape): number {
  let best = 0;
  for (const f of l.families) {
    // Skirts of other families can shift the summit slightly off the centre: search a small grid.
    for (let i = -10; i <= 10; i++) for (let j = -10; j <= 10; j++) {
      const x = reflectUnit(f.cx + (i * l.peakWidth) / 10);
      const y = reflectUnit(f.cy + (j * l.peakWidth) / 10);
      best = Math.max(best, violationProbability(l, x, y));
    }
  }
  return best;
}

/** p(x) on an n × n grid of cell centres, for drawing the landscape. */
export function landscapeGrid(l: AttackLandscape, n: number): { x: number; y: number; p: number }[] {
  checkIntegerInRange('landscapeGrid', 'n', n, 1, 400);
  const out: { x: number; y: number; p: number }[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const x = (i + 0.5) / n;
    const y = (j + 0.5) / n;
    out.push({ x, y, p: violationProbability(l, x, y) });
  }
  return out;
}

/**
 * The seeded runs of one strategy, extended on demand: a run's first q queries do not depend on
 * the budget, so a budget change only slices what was already searched (and searches further
 * when it grows). summary(budget) equals compareRedTeamSearch's summary for that budget.
 */
export class StrategyRuns {
  private readonly rngs: Rng[];
  private readonly queries: Query[][];
  private readonly current: (Query | null)[];
  private readonly bestSoFar: number[][];
  private readonly bestIndex: number[][];
  private readonly hitsSoFar: number[][];
  private readonly stats = { mean: [] as number[], low: [] as number[], high: [] as number[] };
  private length = 0;
  private last: { budget: number; summary: StrategySummary } | null = null;

  constructor(
    readonly landscape: AttackLandscape,
    readonly kind: 'random' | 'hill',
    seed: number,
    runs: number,
    readonly step = 0.1,
    readonly noise = JUDGE_NOISE,
  ) {
    checkIntegerInRange('StrategyRuns', 'runs', runs, 1, 1000);
    if (kind === 'hill') checkPositive('StrategyRuns', 'step', step);
    checkNonNegative('StrategyRuns', 'noise', noise);
    this.rngs = Array.from({ length: runs }, (_, r) => createRng(seedFromString(`${kind}:${seed}:${r}`)));
    this.queries = this.rngs.map(() => []);
    this.current = this.rngs.map(() => null);
    this.bestSoFar = this.rngs.map(() => []);
    this.bestIndex = this.rngs.map(() => []);
    this.hitsSoFar = this.rngs.map(() => []);
  }

  // The same draws, in the same order, as randomSearch / hillClimb.
  private extend(budget: number): void {
    const l = this.landscape;
    for (let r = 0; r < this.rngs.length; r++) {
      const rng = this.rngs[r]!;
      const qs = this.queries[r]!;
      const bsf = this.bestSoFar[r]!;
      const bi = this.bestIndex[r]!;
      const hs = this.hitsSoFar[r]!;
      for (let i = this.length; i < budget; i++) {
        let q: Query;
        const cur = this.current[r];
        if (this.kind === 'random' || !cur) {
          const x = rng.uniform();
          const y = rng.uniform();
          q = { x, y, score: judge(l, x, y, rng, this.noise) };
          if (this.kind === 'hill') this.current[r] = q;
        } else {
          const x = reflectUnit(cur.x + rng.normal(0, this.step));
          const y = reflectUnit(cur.y + rng.normal(0, this.step));
          q = { x, y, score: judge(l, x, y, rng, this.noise) };
          if (q.score > cur.score) this.current[r] = q;
        }
        qs.push(q);
        const prev = i === 0 ? 0 : bi[i - 1]!;
        const best = i === 0 || q.score > qs[prev]!.score ? i : prev;
        bi.push(best);
        bsf.push(qs[best]!.score);
        hs.push((i === 0 ? 0 : hs[i - 1]!) + (q.score >= HIT_THRESHOLD ? 1 : 0));
      }
    }
    bestSoFarStats(this.bestSoFar.map((b) => ({ bestSoFar: b })), this.length, budget, this.stats);
    this.length = budget;
  }

  summary(budget: number): StrategySummary {
    checkIntegerInRange('StrategyRuns.summary', 'budget', budget, 1, 1e6);
    if (this.last?.budget === budget) return this.last.summary;
    if (budget > this.length) this.extend(budget);
    const runs: SearchRun[] = this.queries.map((qs, r) => {
      const best = qs[this.bestIndex[r]![budget - 1]!]!;
      return {
        queries: qs.slice(0, budget),
        bestSoFar: this.bestSoFar[r]!.slice(0, budget),
        best: { ...best, p: violationProbability(this.landscape, best.x, best.y) },
        hits: this.hitsSoFar[r]![budget - 1]!,
      };
    });
    const summary: StrategySummary = {
      runs,
      meanBestSoFar: this.stats.mean.slice(0, budget),
      lowBestSoFar: this.stats.low.slice(0, budget),
      highBestSoFar: this.stats.high.slice(0, budget),
      meanBest: this.stats.mean[budget - 1]!,
      meanBestP: runs.reduce((s, r) => s + r.best.p, 0) / runs.length,
      hitRate: runs.reduce((s, r) => s + r.hits, 0) / (runs.length * budget),
    };
    this.last = { budget, summary };
    return summary;
  }
}
