import {
  checkFiniteArray,
  checkPositive,
  checkProbabilityVector,
  checkSameLength,
} from './validate';

/**
 * KL(p‖q) = Σ p log(p/q) in nats, with 0·log 0 = 0; Infinity when some
 * p > 0 sits where q = 0 (p is not absolutely continuous w.r.t. q).
 */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  const fn = 'klDivergence';
  checkProbabilityVector(fn, 'p', p);
  checkProbabilityVector(fn, 'q', q);
  checkSameLength(fn, 'p', p, 'q', q);
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi === 0) continue;
    const qi = q[i]!;
    if (qi === 0) return Infinity;
    kl += pi * Math.log(pi / qi);
  }
  return Math.max(0, kl); // rounding can leave −1e-17 for p ≈ q
}

export interface KlRegularizedOptimum {
  /** π*(y) ∝ π_ref(y)·exp(r(y)/β); 0 wherever π_ref(y) = 0. */
  policy: number[];
  /** Σ π*(y) r(y). */
  expectedReward: number;
  /** KL(π*‖π_ref) in nats. */
  kl: number;
}

/**
 * Exact maximizer of E_π[r] − β·KL(π‖π_ref) over a finite response set: the
 * Gibbs distribution π*(y) = π_ref(y) exp(r(y)/β) / Z (the closed form that
 * Rafailov et al. 2023, arXiv:2305.18290, start DPO from). Computed in log
 * space so tiny β (→ argmax of r on the support) and huge β (→ π_ref) are stable.
 */
export function klRegularizedOptimum(
  referenceProbs: readonly number[],
  rewards: readonly number[],
  beta: number,
): KlRegularizedOptimum {
  const fn = 'klRegularizedOptimum';
  checkProbabilityVector(fn, 'referenceProbs', referenceProbs);
  checkFiniteArray(fn, 'rewards', rewards);
  checkSameLength(fn, 'referenceProbs', referenceProbs, 'rewards', rewards);
  checkPositive(fn, 'beta', beta);

  // Unnormalized log-weights log π_ref + r/β on the support.
  const logits = referenceProbs.map((p, i) => (p > 0 ? Math.log(p) + rewards[i]! / beta : -Infinity));
  let m = -Infinity;
  for (const l of logits) if (l > m) m = l;
  let s = 0;
  for (const l of logits) s += Math.exp(l - m);
  const logZ = m + Math.log(s);

  const policy = logits.map((l) => (l === -Infinity ? 0 : Math.exp(l - logZ)));
  let expectedReward = 0;
  let kl = 0;
  for (let i = 0; i < policy.length; i++) {
    const pi = policy[i]!;
    if (pi === 0) continue;
    expectedReward += pi * rewards[i]!;
    // log(π*/π_ref) = r/β − log Z' where log Z' = logZ and logits already include log π_ref
    kl += pi * (logits[i]! - logZ - Math.log(referenceProbs[i]!));
  }
  return { policy, expectedReward, kl: Math.max(0, kl) };
}
