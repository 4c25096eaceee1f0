import { allApart, createRng, drawUntil } from '../../helpers';
import { eqShown, exact, fixed, gridIn, round } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL: Tolerance = { abs: 0.001, rel: 0.01 };
const NAMES = ['A', 'B', 'C'] as const;

interface Scenario {
  s: [number, number, number];
  /** The observed ranking as indices into s, best first. */
  order: [number, number, number];
}

function draw(rng: ReturnType<typeof createRng>): Scenario {
  const u = rng.uniform;
  const s: [number, number, number] = [gridIn(u, -1.5, 2, 0.1), gridIn(u, -1.5, 2, 0.1), gridIn(u, -1.5, 2, 0.1)];
  return { s, order: rng.shuffle([0, 1, 2]) as [number, number, number] };
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** The Plackett–Luce probability of an order of the three responses (indices into e = exp(s)). */
const orderProbability = (e: number[], [a, b, c]: readonly number[]) => (e[a!]! / (e[a!]! + e[b!]! + e[c!]!)) * (e[b!]! / (e[b!]! + e[c!]!));

/** The five orders other than the observed one: a slip in reading the ranking computes one of them. */
const otherOrders = ([i, j, k]: Scenario['order']) =>
  [[j, i, k], [i, k, j], [j, k, i], [k, i, j], [k, j, i]] as [number, number, number][];

function values(sc: Scenario) {
  const [i, j, k] = sc.order;
  const e = sc.s.map(Math.exp);
  const first = e[i]! / (e[i]! + e[j]! + e[k]!);
  const second = e[j]! / (e[j]! + e[k]!);
  return {
    first,
    ranking: first * second,
    otherFirst: [j, k].map((x) => ({ who: x, p: e[x]! / (e[i]! + e[j]! + e[k]!) })),
    otherOrders: otherOrders(sc.order).map((order) => ({ order, p: orderProbability(e, order) })),
    wrongFirst: { uniform: 1 / 3, bt: sig(sc.s[i]! - sc.s[j]!) },
    wrongRanking: {
      firstOnly: first,
      pairwise: sig(sc.s[i]! - sc.s[j]!) * sig(sc.s[i]! - sc.s[k]!) * sig(sc.s[j]! - sc.s[k]!),
      sameDenominator: first * (e[j]! / (e[i]! + e[j]! + e[k]!)),
      uniform: 1 / 6,
    },
  };
}

function acceptable(sc: Scenario): boolean {
  if (new Set(sc.s).size < 3) return false;
  const v = values(sc);
  // Every slip gives a value the grader can tell apart, including another response first or another order.
  return (
    v.ranking > 0.01 &&
    allApart([v.first, ...Object.values(v.wrongFirst), ...v.otherFirst.map((o) => o.p)], TOL) &&
    allApart([v.ranking, ...Object.values(v.wrongRanking), ...v.otherOrders.map((o) => o.p)], TOL)
  );
}

const exercise: ExerciseDef = {
  id: 'plackett-luce',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Rankings',
  subsection: '3.1',
  stars: 2,
  defaultSeed: 2,
  generate(seed) {
    const rng = createRng(seed);
    const sc = drawUntil(rng, draw, acceptable, (): Scenario => ({ s: [1.2, 0.4, -0.3], order: [1, 0, 2] }));
    const v = values(sc);
    const [i, j, k] = sc.order;
    const n = (x: number) => NAMES[x]!;
    const f1 = (x: number) => fixed(x, 1);
    const e = sc.s.map(Math.exp);
    const f4 = (x: number) => fixed(x, 4);
    // A number as the solution shows it, for checking each step against what the learner reads.
    const shown = (x: number) => round(x, 4);
    const sum = e[0]! + e[1]! + e[2]!;
    const second = v.ranking / v.first;
    const rankingTex = `${n(i)} \\succ ${n(j)} \\succ ${n(k)}`;
    return {
      seed,
      given: sc.s.map(f1),
      prompt: [
        `A reviewer ranks three responses to the same prompt as $${rankingTex}$. The current reward model scores them $s_A = ${f1(sc.s[0])}$, $s_B = ${f1(sc.s[1])}$ and $s_C = ${f1(sc.s[2])}$.`,
        'Under the Plackett–Luce model the reviewer picks the top response with probability proportional to $e^{s}$, removes it, then picks the best of the rest the same way ($\\rho(k)$ is the response ranked $k$-th):',
        '$$P(\\rho \\mid s) = \\prod_{k=1}^{3} \\frac{e^{s_{\\rho(k)}}}{\\sum_{j=k}^{3} e^{s_{\\rho(j)}}}$$',
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: `What probability does the model give to response ${n(i)} being placed first? Three decimals.`,
          answer: v.first,
          tolerance: TOL,
          exact: `$P(${n(i)}\\text{ first}) = ${exact(v.first)}$`,
          mistakes: [
            { value: v.wrongFirst.uniform, message: 'That is $\\tfrac13$, the answer if all three scores were equal. Use the scores: the softmax of $s$ over all three responses.' },
            { value: v.wrongFirst.bt, message: `That is the Bradley–Terry probability that ${n(i)} beats ${n(j)} in a pair. Being ranked first means beating both others at once: the denominator has all three $e^{s}$ terms.` },
            ...v.otherFirst.map((o) => ({ value: o.p, message: `That is the probability that ${n(o.who)} is placed first. The question asks about ${n(i)}, the reviewer's top choice: put $e^{s_${n(i)}}$ in the numerator.` })),
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          prompt: `Using the exact value from part (a), what is the probability of the whole ranking $${rankingTex}$? Three decimals.`,
          answer: v.ranking,
          tolerance: TOL,
          exact: `$P(${rankingTex}) = ${exact(v.ranking)}$`,
          mistakes: [
            { value: v.wrongRanking.firstOnly, message: `That is only the first stage. Multiply by the probability that ${n(j)} is then chosen from the two that remain.` },
            { value: v.wrongRanking.pairwise, message: 'That multiplies three pairwise Bradley–Terry probabilities, which is not a distribution over rankings. Plackett–Luce chooses stage by stage, each stage a softmax over the responses still left.' },
            { value: v.wrongRanking.sameDenominator, message: `In the second stage ${n(i)} has already been removed: its denominator is $e^{s_${n(j)}} + e^{s_${n(k)}}$, not the sum over all three.` },
            { value: v.wrongRanking.uniform, message: 'That is $1/3! = 1/6$, the uniform distribution over rankings. The scores make some rankings more likely than others.' },
            ...v.otherOrders.map((o) => ({
              value: o.p,
              message: `That is the probability of a different order, $${o.order.map(n).join(' \\succ ')}$. Follow the reviewer's order, $${rankingTex}$: ${n(i)} is chosen first, then ${n(j)} from the two that remain.`,
            })),
          ],
        },
      ],
      hints: [
        `Compute $e^{s}$ for each response: $e^{${f1(sc.s[0])}} = ${f4(e[0]!)}$, and similarly for B and C.`,
        `Stage 1: $e^{s_${n(i)}}$ divided by the sum of all three exponentials.`,
        `Stage 2: with ${n(i)} removed, ${n(j)} is chosen over ${n(k)} with probability $e^{s_${n(j)}}/(e^{s_${n(j)}} + e^{s_${n(k)}})$; the last stage has probability 1.`,
      ],
      solution: [
        `Exponentials: $e^{s_A} = ${f4(e[0]!)}$, $e^{s_B} = ${f4(e[1]!)}$, $e^{s_C} = ${f4(e[2]!)}$; their sum is ${eqShown(sum, shown(e[0]!) + shown(e[1]!) + shown(e[2]!), 4) === '=' ? '' : 'about '}$${f4(sum)}$.`,
        `Stage 1: $P(${n(i)}\\text{ first}) = ${f4(e[i]!)}/${f4(sum)} ${eqShown(v.first, shown(e[i]!) / shown(sum), 4)} ${f4(v.first)}$.`,
        `Stage 2: $P(${n(j)} \\text{ next}) = ${f4(e[j]!)}/(${f4(e[j]!)} + ${f4(e[k]!)}) ${eqShown(second, shown(e[j]!) / (shown(e[j]!) + shown(e[k]!)), 4)} ${f4(second)}$.`,
        `Ranking: $${f4(v.first)} \\times ${f4(second)} ${eqShown(v.ranking, shown(v.first) * shown(second), 4)} ${f4(v.ranking)}$ (stage 3 contributes a factor of 1).`,
      ],
    };
  },
};

export default exercise;
