import { binaryEntropy } from '@math/index';
import { allApart, createRng, drawUntil } from '../../helpers';
import { eqShown, exact, fixed, gridIn, round } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL: Tolerance = { abs: 0.002 };

interface Scenario {
  pA: number;
  pB: number;
}

const draw = (rng: ReturnType<typeof createRng>): Scenario => ({ pA: gridIn(rng.uniform, 0.03, 0.97, 0.01), pB: gridIn(rng.uniform, 0.03, 0.97, 0.01) });

function wrong(p: number) {
  return {
    nats: binaryEntropy(p) * Math.LN2,
    firstTerm: -p * Math.log2(p),
    margin: 1 - Math.abs(2 * p - 1),
  };
}

function acceptable(s: Scenario): boolean {
  const dA = Math.abs(s.pA - 0.5);
  const dB = Math.abs(s.pB - 0.5);
  if (dA < 0.06 || Math.abs(dA - dB) < 0.06) return false;
  return allApart([binaryEntropy(s.pA), ...Object.values(wrong(s.pA))], TOL, 4);
}

const exercise: ExerciseDef = {
  id: 'entropy-bits',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Uncertainty sampling',
  subsection: '4.1',
  stars: 1,
  defaultSeed: 11,
  generate(seed) {
    const rng = createRng(seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ pA: 0.2, pB: 0.9 }));
    const hA = binaryEntropy(s.pA);
    const hB = binaryEntropy(s.pB);
    const w = wrong(s.pA);
    const first = hA > hB ? 'A' : 'B';
    const other = first === 'A' ? 'B' : 'A';
    const p = { A: s.pA, B: s.pB };
    const h = { A: hA, B: hB };
    const f2 = (x: number) => fixed(x, 2);
    const q = fixed(1 - s.pA, 2);
    const t1 = -s.pA * Math.log2(s.pA);
    const t2 = -(1 - s.pA) * Math.log2(1 - s.pA);
    const wrongMsg =
      p[other] > p[first]
        ? `Output ${other} is more likely to be harmful ($p = ${f2(p[other])}$), but uncertainty sampling does not rank by risk. It asks for the label the classifier is least sure about, and $h(p_{${other}}) = ${fixed(h[other], 3)}$ bits is less than output ${first}'s $${fixed(h[first], 3)}$ bits.`
        : `Output ${other}'s probability $p = ${f2(p[other])}$ is further from $\\tfrac12$, so the classifier is more confident about it: $h(p_{${other}}) = ${fixed(h[other], 3)}$ bits against $${fixed(h[first], 3)}$ bits for output ${first}.`;
    return {
      seed,
      given: [f2(s.pA), f2(s.pB)],
      prompt: [
        `A harm classifier gives output A the probability $p_A = ${f2(s.pA)}$ of violating policy, and output B the probability $p_B = ${f2(s.pB)}$. Uncertainty sampling measures how unsure the classifier is by the entropy of its predicted label, in bits:`,
        '$$h(p) = -p \\log_2 p - (1-p) \\log_2 (1-p)$$',
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: 'Compute the uncertainty $h(p_A)$ of output A, in bits, to three decimals.',
          answer: hA,
          tolerance: TOL,
          exact: `$h(p_A) = ${exact(hA)}$ bits`,
          mistakes: [
            { value: w.nats, message: 'That is the entropy in nats (natural logarithm). The question asks for bits: use $\\log_2$, or divide your value by $\\ln 2 \\approx 0.693$.' },
            { value: w.firstTerm, message: 'That is only the first term, $-p\\log_2 p$. Add the term for the other label, $-(1-p)\\log_2(1-p)$.' },
            { value: w.margin, message: 'That is the margin uncertainty $1 - |2p-1|$, a different (and cruder) measure. The question asks for the entropy.' },
            { min: 1 + 1e-6, message: 'A binary entropy in bits is at most 1, reached at $p = \\tfrac12$. Check the signs: both terms are non-negative.' },
          ],
        },
        {
          kind: 'choice',
          id: 'b',
          prompt: 'The team has budget for one more label. Which output does uncertainty sampling send to a reviewer first?',
          multiple: false,
          choices: (['A', 'B'] as const).map((name) => ({
            id: name,
            label: `Output ${name} ($p = ${f2(p[name])}$)`,
            correct: name === first,
            explanation: name === first ? `Correct: $h(p_{${name}}) = ${fixed(h[name], 3)}$ bits is the larger entropy; its probability is closer to $\\tfrac12$.` : wrongMsg,
          })),
          mistakes: [{ selection: [other], message: wrongMsg }],
        },
      ],
      hints: [
        `Plug $p = ${f2(s.pA)}$ and $1 - p = ${q}$ into both terms; $\\log_2 x = \\ln x / \\ln 2$.`,
        `The first term is $-${f2(s.pA)} \\log_2 ${f2(s.pA)} = ${fixed(t1, 4)}$.`,
        'Entropy is symmetric around $\\tfrac12$: the output whose probability is closer to $\\tfrac12$ is the more uncertain one.',
      ],
      solution: [
        `$-p_A \\log_2 p_A = -${f2(s.pA)} \\times (${fixed(Math.log2(s.pA), 4)}) ${eqShown(t1, -round(s.pA, 2) * round(Math.log2(s.pA), 4), 4)} ${fixed(t1, 4)}$.`,
        `$-(1-p_A) \\log_2 (1-p_A) = -${q} \\times (${fixed(Math.log2(1 - s.pA), 4)}) ${eqShown(t2, -Number(q) * round(Math.log2(1 - s.pA), 4), 4)} ${fixed(t2, 4)}$.`,
        `$h(p_A) = ${fixed(t1, 4)} + ${fixed(t2, 4)} ${eqShown(hA, round(t1, 4) + round(t2, 4), 4)} ${fixed(hA, 4)}$ bits.`,
        `The same formula gives $h(p_B) = ${fixed(hB, 4)}$ bits, so output ${first} is the more uncertain one and is labelled first.`,
      ],
    };
  },
};

export default exercise;
