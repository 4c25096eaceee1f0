import { reviewPriority } from '@math/index';
import { allApart, createRng, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL: Tolerance = { abs: 0.002 };

interface Scenario {
  wr: number;
  wu: number;
  wd: number;
  r: number;
  h: number;
  d: number;
}

function draw(rng: ReturnType<typeof createRng>): Scenario {
  const u = rng.uniform;
  const wr = gridIn(u, 0.4, 0.6, 0.05);
  const wu = gridIn(u, 0.15, 0.35, 0.05);
  const wd = Math.round((1 - wr - wu) * 100) / 100;
  return { wr, wu, wd, r: gridIn(u, 0.05, 0.95, 0.01), h: gridIn(u, 0.1, 1, 0.01), d: gridIn(u, 0.05, 0.9, 0.01) };
}

function wrongValues(s: Scenario) {
  return {
    unweighted: s.r + s.h + s.d,
    average: (s.r + s.h + s.d) / 3,
    noDiversity: s.wr * s.r + s.wu * s.h,
    swapped: s.wu * s.r + s.wr * s.h + s.wd * s.d,
  };
}

const exercise: ExerciseDef = {
  id: 'priority-score',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Active learning score',
  subsection: '2.3',
  stars: 1,
  defaultSeed: 5,
  generate(seed) {
    const rng = createRng(seed);
    const s = drawUntil(
      rng,
      draw,
      (s) => {
        const [u] = reviewPriority([s.r], [s.h], [s.d], { risk: s.wr, uncertainty: s.wu, diversity: s.wd });
        return s.wd > 0.05 && allApart([u!, ...Object.values(wrongValues(s))], TOL);
      },
      () => ({ wr: 0.5, wu: 0.3, wd: 0.2, r: 0.72, h: 0.64, d: 0.3 }),
    );
    const [u] = reviewPriority([s.r], [s.h], [s.d], { risk: s.wr, uncertainty: s.wu, diversity: s.wd });
    const answer = u!;
    const w = wrongValues(s);
    const f2 = (x: number) => fixed(x, 2);
    const pr = s.wr * s.r;
    const pu = s.wu * s.h;
    const pd = s.wd * s.d;
    const given = [f2(s.wr), f2(s.wu), f2(s.wd), f2(s.r), f2(s.h), f2(s.d)];
    return {
      seed,
      given,
      prompt: [
        'A review team cannot read every flagged output, so it orders them by an active-learning score that mixes three signals:',
        '$$u_i = \\lambda_{\\mathrm{risk}}\\, r_i + \\lambda_{\\mathrm{unc}}\\, h_i + \\lambda_{\\mathrm{div}}\\, d_i$$',
        `The team's weights are $\\lambda_{\\mathrm{risk}} = ${given[0]}$, $\\lambda_{\\mathrm{unc}} = ${given[1]}$ and $\\lambda_{\\mathrm{div}} = ${given[2]}$. ` +
          `For output $i$ the safety classifier reports a risk of $r_i = ${given[3]}$; the classifier the new labels will train is unsure about it, with label entropy $h_i = ${given[4]}$ bits (a separate model, so $h_i$ is not computed from $r_i$); ` +
          `and its embedding's distance to the nearest output that already has a label, divided by the largest such distance in the pool, is $d_i = ${given[5]}$.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: 'What is the review priority $u_i$ of this output? Give three decimals.',
          answer,
          tolerance: TOL,
          exact: `$u_i = ${exact(answer)}$`,
          mistakes: [
            { value: w.unweighted, message: 'That is $r_i + h_i + d_i$ with every weight set to 1. Multiply each signal by its own $\\lambda$ first.' },
            { value: w.average, message: 'That is the plain average of the three signals. The team does not weight them equally: use the given $\\lambda$ values.' },
            { value: w.noDiversity, message: 'You left out the diversity term $\\lambda_{\\mathrm{div}} d_i$. All three signals enter the score.' },
            { value: w.swapped, message: 'The risk and uncertainty weights look swapped: $\\lambda_{\\mathrm{risk}}$ multiplies $r_i$ and $\\lambda_{\\mathrm{unc}}$ multiplies $h_i$.' },
          ],
        },
      ],
      hints: [
        'The score is a weighted sum: each signal is multiplied by its own weight, then the three products are added.',
        `The risk term alone is $\\lambda_{\\mathrm{risk}} r_i = ${given[0]} \\times ${given[3]} = ${fixed(pr, 4)}$.`,
        `The uncertainty term is $${given[1]} \\times ${given[4]} = ${fixed(pu, 4)}$; add the diversity term $\\lambda_{\\mathrm{div}} d_i$ to both.`,
      ],
      solution: [
        `Risk term: $${given[0]} \\times ${given[3]} = ${fixed(pr, 4)}$.`,
        `Uncertainty term: $${given[1]} \\times ${given[4]} = ${fixed(pu, 4)}$.`,
        `Diversity term: $${given[2]} \\times ${given[5]} = ${fixed(pd, 4)}$.`,
        `Sum: $u_i = ${fixed(pr, 4)} + ${fixed(pu, 4)} + ${fixed(pd, 4)} = ${fixed(answer, 4)}$. A higher $u_i$ puts the output earlier in the review queue.`,
      ],
    };
  },
};

export default exercise;
