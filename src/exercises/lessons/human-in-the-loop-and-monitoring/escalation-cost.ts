import { allApart, createRng, drawUntil } from '../../helpers';
import { exact, fixed, gridIn, LETTERS, trimmed } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL_TAU: Tolerance = { abs: 0.0005, rel: 0.005 };
const TOL_COST: Tolerance = { abs: 0.05, rel: 0.005 };
const N_ITEMS = 6;

interface Scenario {
  cReview: number;
  cHarm: number;
  p: number[];
}

function draw(rng: ReturnType<typeof createRng>): Scenario {
  return {
    cReview: rng.choice([2, 3, 4, 5, 6, 8]),
    cHarm: rng.choice([40, 50, 60, 80, 100, 120, 150, 200]),
    p: Array.from({ length: N_ITEMS }, () => gridIn(rng.uniform, 0.01, 0.3, 0.01)),
  };
}

function values(s: Scenario) {
  const tau = s.cReview / s.cHarm;
  const escalated = s.p.filter((p) => p > tau).length;
  const cost = s.p.reduce((t, p) => t + Math.min(s.cReview, p * s.cHarm), 0);
  const harmAll = s.p.reduce((t, p) => t + p * s.cHarm, 0);
  return {
    tau,
    escalated,
    cost,
    wrongTau: { inverted: s.cHarm / s.cReview, withReview: s.cReview / (s.cReview + s.cHarm), complement: 1 - tau },
    wrongCount: { below: N_ITEMS - escalated },
    wrongCost: {
      reviewAll: N_ITEMS * s.cReview,
      reviewNone: harmAll,
      reviewOnly: escalated * s.cReview,
      harmOnly: s.p.filter((p) => p <= tau).reduce((t, p) => t + p * s.cHarm, 0),
    },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  // No probability sits on the threshold (the decision must not hinge on rounding), and the
  // policy is mixed: some outputs go to review and some do not.
  if (s.p.some((p) => Math.abs(p - v.tau) < 0.006)) return false;
  if (v.escalated < 2 || v.escalated > N_ITEMS - 2 || v.escalated * 2 === N_ITEMS) return false;
  // 100τ is τ typed as a percentage without its % sign; at C_harm = 10 C_review it equals the
  // inverted ratio, and that learner must not be told the ratio is upside down.
  return allApart([v.tau, 100 * v.tau, ...Object.values(v.wrongTau)], TOL_TAU) && allApart([v.cost, ...Object.values(v.wrongCost)], TOL_COST);
}

const exercise: ExerciseDef = {
  id: 'escalation-cost',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Escalation',
  subsection: '1.3',
  stars: 3,
  defaultSeed: 9,
  generate(seed) {
    const rng = createRng(seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ cReview: 4, cHarm: 100, p: [0.01, 0.07, 0.03, 0.12, 0.02, 0.25] }));
    const v = values(s);
    const f2 = (x: number) => fixed(x, 2);
    const names = LETTERS.slice(0, N_ITEMS);
    const list = s.p.map((p, i) => `${names[i]}: $p = ${f2(p)}$`).join(', ');
    const perItem = s.p.map((p) => Math.min(s.cReview, p * s.cHarm));
    const up = s.p.map((p, i) => (p > v.tau ? names[i] : null)).filter(Boolean).join(', ');
    return {
      seed,
      given: [String(s.cReview), String(s.cHarm), ...s.p.map(f2)],
      prompt: [
        `A flagged output can be sent to a human reviewer, which costs $C_{\\mathrm{review}} = ${s.cReview}$ (cost units: reviewer time), or released. Releasing a harmful output costs $C_{\\mathrm{harm}} = ${s.cHarm}$. Assume a review always catches the harm, and that the classifier's probabilities are calibrated.`,
        `Escalating an output with harm probability $p$ costs $C_{\\mathrm{review}}$; releasing it costs $p\\,C_{\\mathrm{harm}}$ in expectation. The cheaper action wins. Six outputs were flagged today: ${list}.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: 'Above which harm probability $\\tau^\\star$ is escalating cheaper than releasing? Four decimals.',
          answer: v.tau,
          tolerance: TOL_TAU,
          exact: `$\\tau^\\star = ${exact(v.tau)}$`,
          mistakes: [
            { value: v.wrongTau.inverted, message: 'The ratio is upside down (a probability threshold cannot exceed 1). Escalate when $p\\,C_{\\mathrm{harm}} > C_{\\mathrm{review}}$; solve that for $p$.' },
            { value: v.wrongTau.withReview, message: 'That divides by $C_{\\mathrm{review}} + C_{\\mathrm{harm}}$. Here the review cost is paid whether or not the output is harmful, so compare $C_{\\mathrm{review}}$ with $p\\,C_{\\mathrm{harm}}$ directly.' },
            { value: v.wrongTau.complement, message: 'That is $1 - \\tau^\\star$. The threshold is on the probability of harm itself.' },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          prompt: 'With the exact $\\tau^\\star$, how many of the six outputs are escalated?',
          answer: v.escalated,
          tolerance: { abs: 0 },
          integer: true,
          exact: `${v.escalated} outputs (${up})`,
          mistakes: [{ value: v.wrongCount.below, message: 'You counted the outputs below the threshold. Escalate those whose harm probability is above $\\tau^\\star$.' }],
        },
        {
          kind: 'numeric',
          id: 'c',
          plain: true,
          prompt: 'What is the expected total cost of handling these six outputs with this rule? Two decimals.',
          answer: v.cost,
          tolerance: TOL_COST,
          exact: `$${exact(v.cost)}$ cost units`,
          mistakes: [
            { value: v.wrongCost.reviewAll, message: 'That is the cost of reviewing all six. The rule releases the low-risk ones and pays only their expected harm $p\\,C_{\\mathrm{harm}}$.' },
            { value: v.wrongCost.reviewNone, message: 'That is the expected harm of releasing everything. The escalated outputs cost $C_{\\mathrm{review}}$ each instead.' },
            { value: v.wrongCost.reviewOnly, message: 'You counted only the review costs. The released outputs still carry expected harm $p\\,C_{\\mathrm{harm}}$ each.' },
            { value: v.wrongCost.harmOnly, message: 'You counted only the expected harm of the released outputs. Add $C_{\\mathrm{review}}$ for each escalated one.' },
          ],
        },
      ],
      hints: [
        'Set the two costs equal, $p\\,C_{\\mathrm{harm}} = C_{\\mathrm{review}}$, and solve for $p$.',
        `$\\tau^\\star = ${s.cReview}/${s.cHarm}$. Compare each $p$ with it.`,
        'Each output costs the smaller of $C_{\\mathrm{review}}$ and $p\\,C_{\\mathrm{harm}}$; add the six.',
      ],
      solution: [
        `$\\tau^\\star = C_{\\mathrm{review}}/C_{\\mathrm{harm}} = ${s.cReview}/${s.cHarm} = ${fixed(v.tau, 4)}$.`,
        `Escalated ($p > ${fixed(v.tau, 4)}$): ${up}, so ${v.escalated} outputs.`,
        `Per-output cost $\\min(${s.cReview}, ${s.cHarm}p)$: ${perItem.map((c, i) => `${names[i]} $${fixed(c, 2)}$`).join(', ')}.`,
        `Total: $${perItem.map((c) => fixed(c, 2)).join(' + ')} = ${fixed(v.cost, 2)}$. Reviewing all six would cost $${N_ITEMS * s.cReview}$ and reviewing none $${trimmed(v.wrongCost.reviewNone, 2)}$.`,
      ],
    };
  },
};

export default exercise;
