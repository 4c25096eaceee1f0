import { klRegularizedOptimum } from '../kl';
import { checkFinite, checkFiniteArray, checkIntegerInRange, checkPositive, checkSameLength, fail } from '../validate';

/**
 * A small response set for one prompt (a user asking a factual medical question), with a
 * reference policy π_ref and a true reward r. The "flattering" answer is rare under π_ref and
 * poor, which is what makes it a reward-hacking target once a proxy overrates it.
 */
export const KL_DEMO_RESPONSES = [
  { id: 'refuse', label: 'refuses', ref: 0.18, reward: 0.2 },
  { id: 'hedge', label: 'vague hedge', ref: 0.35, reward: 0.4 },
  { id: 'careful', label: 'careful, sourced', ref: 0.15, reward: 1.0 },
  { id: 'terse', label: 'correct, terse', ref: 0.3, reward: 0.8 },
  { id: 'flatter', label: 'confident flattery', ref: 0.02, reward: 0.1 },
] as const;

/** n values evenly spaced in log10 between min and max (both included). */
export function logSpacedGrid(min: number, max: number, n: number): number[] {
  checkPositive('logSpacedGrid', 'min', min);
  checkPositive('logSpacedGrid', 'max', max);
  checkIntegerInRange('logSpacedGrid', 'n', n, 2, 100_000);
  if (!(max > min)) fail('logSpacedGrid', `max (${max}) must exceed min (${min})`);
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? max : i === 0 ? min : 10 ** (a + ((b - a) * i) / (n - 1))));
}

/** The proxy reward: the true reward, with `error` added to the response at `index`. */
export function proxyRewards(rewards: readonly number[], index: number, error: number): number[] {
  checkFiniteArray('proxyRewards', 'rewards', rewards);
  checkIntegerInRange('proxyRewards', 'index', index, 0, rewards.length - 1);
  checkFinite('proxyRewards', 'error', error);
  return rewards.map((r, i) => (i === index ? r + error : r));
}

export interface KlTradeoffPoint {
  beta: number;
  /** π* for the true reward: the best any policy can do at its KL (the frontier). */
  honestPolicy: number[];
  honestKl: number;
  honestReward: number;
  /** π* for the proxy reward, as an optimizer that only sees the proxy would find it. */
  proxyPolicy: number[];
  proxyKl: number;
  /** What the proxy says the proxy-optimal policy earns. */
  proxyEstimate: number;
  /** What it really earns under the true reward. */
  proxyTrue: number;
}

const dot = (p: readonly number[], r: readonly number[]) => p.reduce((s, pi, i) => s + pi * r[i]!, 0);

/** The exact KL-regularized optima for the true and the proxy reward at one β. */
export function klTradeoff(ref: readonly number[], trueRewards: readonly number[], proxy: readonly number[], beta: number): KlTradeoffPoint {
  checkSameLength('klTradeoff', 'trueRewards', trueRewards, 'proxy', proxy);
  const honest = klRegularizedOptimum(ref, trueRewards, beta);
  const hacked = klRegularizedOptimum(ref, proxy, beta);
  return {
    beta,
    honestPolicy: honest.policy,
    honestKl: honest.kl,
    honestReward: honest.expectedReward,
    proxyPolicy: hacked.policy,
    proxyKl: hacked.kl,
    proxyEstimate: hacked.expectedReward,
    proxyTrue: dot(hacked.policy, trueRewards),
  };
}

/** The tradeoff over a list of β values (e.g. a log grid), in the order given. */
export function klSweep(ref: readonly number[], trueRewards: readonly number[], proxy: readonly number[], betas: readonly number[]): KlTradeoffPoint[] {
  return betas.map((b) => klTradeoff(ref, trueRewards, proxy, b));
}

/** The sweep point whose proxy-optimal policy earns the most true reward. */
export function bestProxyTrue(points: readonly KlTradeoffPoint[]): KlTradeoffPoint {
  if (points.length === 0) fail('bestProxyTrue', 'points is empty');
  return points.reduce((a, b) => (b.proxyTrue > a.proxyTrue ? b : a));
}
