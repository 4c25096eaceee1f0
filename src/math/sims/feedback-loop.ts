import { createRng } from '../rng';
import { checkIntegerInRange, checkPositiveInteger, checkProbability, fail } from '../validate';

/**
 * A toy human-feedback loop. Each round a fresh pool of prompts arrives; a sampling strategy
 * sends `budget` of them to annotators; the noisy labels are used to update the model, and the
 * model's safety and helpfulness move by the rules below. It is a caricature with every rule
 * written out, not a model of any real system.
 *
 * Pool: prompt i has risk r_i ~ Beta(2, 5) (the model's own risk score) and a hidden truth
 * v_i ~ Bernoulli(r_i). Its ambiguity is a_i = 1 − |2r_i − 1| (1 at r = ½, 0 at r ∈ {0, 1}).
 *
 * Annotators err more on ambiguous prompts: the label is flipped with probability
 * min(½, noise·(½ + a_i)), so `noise` is roughly the error rate on a random batch.
 *
 * Each labelled prompt carries weight w_i = ½ + a_i: borderline examples teach more than
 * clear-cut ones. Per round, over the labelled batch:
 *   G = Σ w [label violating, truly violating] − Σ w [label benign, truly violating]  (net harm signal)
 *   R = Σ w [label violating]                      (refusal examples, right or wrong)
 *   F = Σ w [label violating, truly benign]          (wrong refusals)
 *   H = Σ w [label benign, truly benign]             (helpful demonstrations)
 * and, with B₀ = 100 examples as the unit,
 *   safety      s ← s + (s_max − s)·(1 − exp(−η·G/B₀))
 *   helpfulness h ← h − tax·pressure·R/B₀ − wrong·F/B₀ + recover·(h₀ − h)·H/B₀
 * Safety closes a share of its gap to s_max each round (diminishing returns; with pure-noise
 * labels G ≈ 0 and nothing is learned). Helpfulness pays an over-refusal cost for every refusal
 * example (scaled by the pressure knob), an extra cost for refusals taught on benign prompts,
 * and recovers toward its starting value from correct helpful demonstrations.
 */
export const LOOP_CONSTANTS = {
  poolSize: 400,
  maxRounds: 12,
  safety0: 0.72,
  helpfulness0: 0.78,
  safetyMax: 0.8,
  eta: 1.6,
  tax: 0.08,
  wrong: 0.2,
  recover: 0.35,
  unit: 100,
} as const;

export type LoopStrategy = 'random' | 'uncertainty' | 'risk';

export interface LoopSettings {
  budget: number;
  noise: number;
  strategy: LoopStrategy;
  rounds: number;
  /** Over-refusal pressure in [0, 1]: how strongly refusal training spills onto benign prompts. */
  pressure: number;
}

/**
 * All randomness for up to maxRounds rounds, fixed by the seed alone, so changing the budget,
 * noise, strategy or number of rounds re-reads the same prompts and the same coin flips.
 */
export interface LoopDraws {
  risk: Float64Array[];
  truth: Uint8Array[];
  /** Uniform compared with the flip probability (monotone in the noise knob). */
  flip: Float64Array[];
  /** Uniform keys for random and risk-weighted sampling without replacement. */
  key: Float64Array[];
}

export function drawLoopPools(seed: number, poolSize: number = LOOP_CONSTANTS.poolSize, rounds: number = LOOP_CONSTANTS.maxRounds): LoopDraws {
  checkPositiveInteger('drawLoopPools', 'poolSize', poolSize);
  checkPositiveInteger('drawLoopPools', 'rounds', rounds);
  const rng = createRng(seed);
  const d: LoopDraws = { risk: [], truth: [], flip: [], key: [] };
  for (let t = 0; t < rounds; t++) {
    const risk = new Float64Array(poolSize);
    const truth = new Uint8Array(poolSize);
    const flip = new Float64Array(poolSize);
    const key = new Float64Array(poolSize);
    for (let i = 0; i < poolSize; i++) {
      risk[i] = rng.beta(2, 5);
      truth[i] = rng.bernoulli(risk[i]!);
      flip[i] = rng.uniform();
      key[i] = rng.uniform();
    }
    d.risk.push(risk);
    d.truth.push(truth);
    d.flip.push(flip);
    d.key.push(key);
  }
  return d;
}

export const promptAmbiguity = (r: number) => 1 - Math.abs(2 * r - 1);

/**
 * Indices chosen by a strategy. random: the `budget` smallest keys (a uniform sample without
 * replacement). risk: weighted sampling without replacement with weight r (Efraimidis &
 * Spirakis 2006: keep the largest u^(1/r)). uncertainty: the most ambiguous prompts.
 */
export function selectLoopBatch(risk: Float64Array, key: Float64Array, budget: number, strategy: LoopStrategy): number[] {
  const order = rankPool(risk, key, strategy);
  return order.slice(0, Math.min(budget, order.length));
}

// A pool's ranking depends on its draws and the strategy, not on the budget: it is sorted once per
// pool and strategy, and a new budget (or noise, pressure, rounds) slices the cached order.
// Pools are treated as immutable (drawLoopPools hands out fresh arrays).
const rankings = new WeakMap<Float64Array, WeakMap<Float64Array, Partial<Record<LoopStrategy, number[]>>>>();

function rankPool(risk: Float64Array, key: Float64Array, strategy: LoopStrategy): readonly number[] {
  let byKey = rankings.get(risk);
  if (!byKey) rankings.set(risk, (byKey = new WeakMap()));
  let byStrategy = byKey.get(key);
  if (!byStrategy) byKey.set(key, (byStrategy = {}));
  const cached = byStrategy[strategy];
  if (cached) return cached;
  const idx = Array.from(risk, (_, i) => i);
  let score: (i: number) => number;
  if (strategy === 'random') score = (i) => -key[i]!;
  else if (strategy === 'risk') score = (i) => Math.log(key[i]!) / risk[i]!;
  else if (strategy === 'uncertainty') score = (i) => promptAmbiguity(risk[i]!);
  else fail('selectLoopBatch', `unknown strategy ${String(strategy)}`);
  const s = idx.map(score);
  return (byStrategy[strategy] = idx.sort((a, b) => s[b]! - s[a]! || a - b));
}

export interface RoundRecord {
  round: number;
  safety: number;
  helpfulness: number;
  /** h₀ − h: helpfulness given up so far. */
  tax: number;
  /** Counts in the batch labelled this round (round 0 has none). */
  correctHarm: number;
  missedHarm: number;
  wrongRefusal: number;
  helpful: number;
}

export function simulateFeedbackLoop(draws: LoopDraws, settings: LoopSettings): RoundRecord[] {
  const fn = 'simulateFeedbackLoop';
  const C = LOOP_CONSTANTS;
  checkIntegerInRange(fn, 'rounds', settings.rounds, 0, draws.risk.length);
  checkIntegerInRange(fn, 'budget', settings.budget, 0, draws.risk[0]?.length ?? 0);
  checkProbability(fn, 'noise', settings.noise);
  checkProbability(fn, 'pressure', settings.pressure);
  let s: number = C.safety0;
  let h: number = C.helpfulness0;
  const out: RoundRecord[] = [{ round: 0, safety: s, helpfulness: h, tax: 0, correctHarm: 0, missedHarm: 0, wrongRefusal: 0, helpful: 0 }];
  for (let t = 0; t < settings.rounds; t++) {
    const risk = draws.risk[t]!;
    const truth = draws.truth[t]!;
    const flipU = draws.flip[t]!;
    const batch = selectLoopBatch(risk, draws.key[t]!, settings.budget, settings.strategy);
    let G = 0;
    let R = 0;
    let F = 0;
    let H = 0;
    const counts = { correctHarm: 0, missedHarm: 0, wrongRefusal: 0, helpful: 0 };
    for (const i of batch) {
      const a = promptAmbiguity(risk[i]!);
      const w = 0.5 + a;
      const flipped = flipU[i]! < Math.min(0.5, settings.noise * (0.5 + a));
      const truthV = truth[i] === 1;
      const saysViolating = flipped ? !truthV : truthV;
      if (saysViolating) R += w;
      if (truthV && saysViolating) {
        G += w;
        counts.correctHarm++;
      } else if (truthV) {
        G -= w;
        counts.missedHarm++;
      } else if (saysViolating) {
        F += w;
        counts.wrongRefusal++;
      } else {
        H += w;
        counts.helpful++;
      }
    }
    s += (C.safetyMax - s) * (1 - Math.exp((-C.eta * G) / C.unit));
    h += -C.tax * settings.pressure * (R / C.unit) - C.wrong * (F / C.unit) + C.recover * (C.helpfulness0 - h) * (H / C.unit);
    s = Math.min(1, Math.max(0, s));
    h = Math.min(1, Math.max(0, h));
    out.push({ round: t + 1, safety: s, helpfulness: h, tax: C.helpfulness0 - h, ...counts });
  }
  return out;
}

/** The original notebook's closed-form curves, for reference. */
export function originalLoopCurves(rounds = 5): { round: number; safety: number; helpfulness: number }[] {
  return Array.from({ length: rounds + 1 }, (_, r) => ({
    round: r,
    safety: 0.72 + 0.05 * (1 - Math.exp(-r / 2)),
    helpfulness: 0.78 - 0.015 * r + 0.008 * Math.sqrt(r),
  }));
}
