import { allApart, createRng, drawUntil } from '../../helpers';
import { exact, fixed, intIn, texInt, trimmed } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL_W: Tolerance = { rel: 0.005, abs: 0.01 };
const TOL_R: Tolerance = { rel: 0.01, abs: 0.0001 };

interface Stratum {
  name: string;
  N: number;
  n: number;
  x: number;
}

function draw(rng: ReturnType<typeof createRng>): Stratum[] {
  const u = rng.uniform;
  const low = { name: 'low', N: 500 * intIn(u, 12, 24), n: 5 * intIn(u, 6, 12), x: intIn(u, 0, 3) };
  const med = { name: 'medium', N: 100 * intIn(u, 10, 30), n: 5 * intIn(u, 6, 12), x: intIn(u, 1, 8) };
  const nHigh = 5 * intIn(u, 8, 16);
  const high = { name: 'high', N: 20 * intIn(u, 5, 25), n: nHigh, x: intIn(u, 6, Math.floor(nHigh * 0.6)) };
  return [low, med, high];
}

function estimates(s: Stratum[]) {
  const N = s.reduce((t, x) => t + x.N, 0);
  const ht = s.reduce((t, x) => t + (x.N / x.n) * x.x, 0) / N;
  return {
    N,
    ht,
    unweighted: s.reduce((t, x) => t + x.x, 0) / s.reduce((t, x) => t + x.n, 0),
    meanOfRates: s.reduce((t, x) => t + x.x / x.n, 0) / s.length,
    highOnly: s[2]!.x / s[2]!.n,
  };
}

function acceptable(s: Stratum[]): boolean {
  const high = s[2]!;
  if (high.n >= high.N) return false;
  const e = estimates(s);
  // The oversampled high-risk stratum must inflate the naive share, as it does in practice.
  if (e.unweighted < 1.3 * e.ht) return false;
  return allApart([high.N / high.n, high.n / high.N], TOL_W) && allApart([e.ht, e.unweighted, e.meanOfRates, e.highOnly], TOL_R);
}

const fallback = (): Stratum[] => [
  { name: 'low', N: 9000, n: 40, x: 1 },
  { name: 'medium', N: 1800, n: 40, x: 4 },
  { name: 'high', N: 200, n: 50, x: 20 },
];

const exercise: ExerciseDef = {
  id: 'weighted-violation-rate',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Risk-weighted sampling',
  subsection: '4.3',
  stars: 2,
  defaultSeed: 4,
  generate(seed) {
    const rng = createRng(seed);
    const s = drawUntil(rng, draw, acceptable, fallback);
    const e = estimates(s);
    const high = s[2]!;
    const wHigh = high.N / high.n;
    const table =
      '$$\\begin{array}{l|ccc} \\text{risk stratum} & \\text{outputs } N_s & \\text{reviewed } n_s & \\text{violations found } x_s \\\\ \\hline ' +
      s.map((x) => `\\text{${x.name}} & ${texInt(x.N)} & ${x.n} & ${x.x}`).join(' \\\\ ') +
      '\\end{array}$$';
    const est = (x: Stratum) => (x.N / x.n) * x.x;
    const f4 = (v: number) => fixed(v, 4);
    return {
      seed,
      given: s.flatMap((x) => [texInt(x.N), String(x.n), String(x.x)]),
      prompt: [
        `Last week the assistant produced $N = ${texInt(e.N)}$ outputs. To find violations faster, the review team sampled by risk stratum, reading a far larger share of the high-risk outputs than of the rest:`,
        table,
        'Each reviewed output stands in for $1/f_s$ outputs of its stratum, where $f_s = n_s/N_s$ is the chance that an output of stratum $s$ was picked for review (the fixed-quota form of §4.3).',
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: 'What expansion weight $1/f_s$ does each reviewed **high-risk** output carry? Give two decimals.',
          answer: wHigh,
          tolerance: TOL_W,
          exact: `$1/f_{\\text{high}} = ${exact(wHigh)}$`,
          mistakes: [
            { value: high.n / high.N, message: 'That is the inclusion probability $f_s = n_s/N_s$ itself. The weight is its reciprocal: how many outputs each reviewed one represents.' },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          prompt: 'Estimate the violation rate over all $N$ outputs with the Horvitz–Thompson estimator $\\hat{V} = \\frac{1}{N}\\sum_{\\text{reviewed } i} v_i/f_{s(i)}$. Give it as a proportion (four decimals) or a percentage.',
          answer: e.ht,
          tolerance: TOL_R,
          exact: `$\\hat{V} = ${exact(e.ht)}$`,
          mistakes: [
            { value: e.unweighted, message: 'That is the plain share of violations among the reviewed outputs. The sample over-represents the high-risk stratum, so this overstates the rate; weight each finding by $1/f_s$.' },
            { value: e.meanOfRates, message: 'That averages the three stratum rates equally. The strata differ hugely in size: weight each stratum\'s rate by its share $N_s/N$ of all outputs.' },
            { value: e.highOnly, message: 'That is the violation rate inside the high-risk stratum only, which is a small part of the traffic.' },
            // The two slips hint 3 warns about, where they cannot be mistaken for the others, or for
            // the answer typed as a percentage without its % sign.
            ...[
              { value: e.ht * e.N, message: 'That is the estimated number of violations. The rate divides it by all $N$ outputs.' },
              { value: (e.ht * e.N) / s.reduce((t, x) => t + x.n, 0), message: 'You divided by the number reviewed. The weights have already scaled the findings up to all outputs: divide by $N$.' },
            ].filter((m) => allApart([e.ht, 100 * e.ht, e.unweighted, e.meanOfRates, e.highOnly, m.value], TOL_R)),
          ],
        },
      ],
      hints: [
        'The weight is how many outputs of its stratum one reviewed output stands for: $N_s$ outputs covered by $n_s$ reviews.',
        'Each stratum contributes an estimated number of violations $N_s \\, x_s / n_s$ (its findings times its weight).',
        'Add the three estimated counts and divide by all $N$ outputs, not by the number reviewed.',
      ],
      solution: [
        `High-risk weight: $1/f_s = N_s/n_s = ${texInt(high.N)}/${high.n} = ${fixed(wHigh, 2)}$.`,
        ...s.map((x) => `Stratum ${x.name}: $${x.x} \\times ${texInt(x.N)}/${x.n} = ${trimmed(est(x), 2)}$ estimated violations.`),
        `$\\hat{V} = (${s.map((x) => trimmed(est(x), 2)).join(' + ')})/${texInt(e.N)} = ${f4(e.ht)}$, about ${fixed(100 * e.ht, 2)}%.`,
        `The unweighted share of the sample, ${s.reduce((t, x) => t + x.x, 0)}/${s.reduce((t, x) => t + x.n, 0)} $= ${f4(e.unweighted)}$, would overstate it by a factor of ${fixed(e.unweighted / e.ht, 1)}.`,
      ],
    };
  },
};

export default exercise;
