import { cohenKappa } from '@math/index';
import { allApart, createRng, drawUntil } from '../../helpers';
import { eqShown, exact, fixed, intIn, round } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL_PE: Tolerance = { abs: 0.002 };
const TOL_K: Tolerance = { abs: 0.003 };

/** a: both say violation; b: A violation, B ok; c: A ok, B violation; d: both ok. */
interface Table {
  a: number;
  b: number;
  c: number;
  d: number;
}

const draw = (rng: ReturnType<typeof createRng>): Table => ({
  a: intIn(rng.uniform, 6, 40),
  b: intIn(rng.uniform, 2, 18),
  c: intIn(rng.uniform, 2, 18),
  d: intIn(rng.uniform, 20, 110),
});

function stats(t: Table) {
  // The core function takes two label vectors; expand the table into them (1 = violation).
  const A: number[] = [];
  const B: number[] = [];
  const push = (x: number, y: number, k: number) => {
    for (let i = 0; i < k; i++) {
      A.push(x);
      B.push(y);
    }
  };
  push(1, 1, t.a);
  push(1, 0, t.b);
  push(0, 1, t.c);
  push(0, 0, t.d);
  const { observed, expected, kappa } = cohenKappa(A, B);
  return { n: A.length, po: observed, pe: expected, kappa };
}

function wrongPe(t: Table, n: number, po: number) {
  const pA = (t.a + t.b) / n;
  const pB = (t.a + t.c) / n;
  return { po, half: 0.5, yesOnly: pA * pB, oneRater: pA * pA + (1 - pA) * (1 - pA) };
}
const wrongKappa = (po: number, pe: number) => ({ po, diff: po - pe, coinFlip: 2 * po - 1 });

function acceptable(t: Table): boolean {
  const { n, po, pe, kappa } = stats(t);
  if (pe > 0.8 || kappa < 0.1 || kappa > 0.9) return false;
  return allApart([pe, ...Object.values(wrongPe(t, n, po))], TOL_PE) && allApart([kappa, ...Object.values(wrongKappa(po, pe))], TOL_K);
}

const exercise: ExerciseDef = {
  id: 'kappa-table',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Reviewer calibration',
  subsection: '5.3',
  stars: 2,
  defaultSeed: 8,
  generate(seed) {
    const rng = createRng(seed);
    const t = drawUntil(rng, draw, acceptable, () => ({ a: 20, b: 10, c: 5, d: 65 }));
    const { n, po, pe, kappa } = stats(t);
    const rowV = t.a + t.b;
    const colV = t.a + t.c;
    const pA = rowV / n;
    const pB = colV / n;
    // n²·p_e as a whole number, for the exact form of κ in the solution.
    const chanceCount = rowV * colV + (n - rowV) * (n - colV);
    const wp = wrongPe(t, n, po);
    const wk = wrongKappa(po, pe);
    const table =
      '$$\\begin{array}{l|cc|c} & \\text{B: violation} & \\text{B: ok} & \\text{total} \\\\ \\hline ' +
      `\\text{A: violation} & ${t.a} & ${t.b} & ${rowV} \\\\ \\text{A: ok} & ${t.c} & ${t.d} & ${t.c + t.d} \\\\ \\hline ` +
      `\\text{total} & ${colV} & ${t.b + t.d} & ${n} \\end{array}$$`;
    const f4 = (x: number) => fixed(x, 4);
    return {
      seed,
      given: [String(t.a), String(t.b), String(t.c), String(t.d), String(n)],
      prompt: [
        `Before trusting two new reviewers' labels, a team has both of them judge the same ${n} outputs as "violation" or "ok". Rows are reviewer A, columns reviewer B:`,
        table,
        'Cohen\'s kappa compares their observed agreement $p_o$ with the agreement $p_e$ two reviewers would reach by chance if each kept their own label rates: $\\kappa = (p_o - p_e)/(1 - p_e)$.',
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: 'Compute the chance agreement $p_e$, to three decimals.',
          answer: pe,
          tolerance: TOL_PE,
          exact: `$p_e = ${exact(pe)}$`,
          mistakes: [
            { value: wp.po, message: 'That is the observed agreement $p_o$ (the diagonal over $n$). Chance agreement uses only the margins: how often each reviewer says "violation" and "ok".' },
            { value: wp.half, message: 'Chance agreement is $\\tfrac12$ only if at least one reviewer said "violation" exactly half the time. Use their actual rates from the row and column totals.' },
            { value: wp.yesOnly, message: 'That is the chance that both say "violation". They can also agree by chance on "ok": add $P_A(\\text{ok})\\,P_B(\\text{ok})$.' },
            { value: wp.oneRater, message: 'You used reviewer A\'s rates twice. Chance agreement multiplies A\'s rate (row totals) by B\'s rate (column totals).' },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          prompt: 'Using the exact $p_e$ from part (a), compute $\\kappa$ to three decimals.',
          answer: kappa,
          tolerance: TOL_K,
          exact: `$\\kappa = ${exact(kappa)}$`,
          mistakes: [
            { value: wk.po, message: 'That is the raw agreement $p_o$. Kappa corrects it for the agreement the reviewers would reach by chance.' },
            { value: wk.diff, message: 'That is $p_o - p_e$. Divide by $1 - p_e$, the most agreement there was room for beyond chance.' },
            { value: wk.coinFlip, message: 'That is $2p_o - 1$, which is kappa only when chance agreement is exactly $\\tfrac12$. Use the $p_e$ from part (a).' },
          ],
        },
      ],
      hints: [
        `Reviewer A says "violation" on $${rowV}$ of ${n} outputs, reviewer B on $${colV}$ of ${n}.`,
        'By chance the two agree when both say "violation" or both say "ok": $p_e = P_A(\\text{v})P_B(\\text{v}) + P_A(\\text{ok})P_B(\\text{ok})$.',
        `The observed agreement is the diagonal: $p_o = (${t.a} + ${t.d})/${n}$.`,
      ],
      solution: [
        `Label rates: $P_A(\\text{v}) = ${rowV}/${n} = ${f4(pA)}$ and $P_B(\\text{v}) = ${colV}/${n} = ${f4(pB)}$.`,
        `Chance agreement: $p_e = ${f4(pA)} \\times ${f4(pB)} + ${f4(1 - pA)} \\times ${f4(1 - pB)} ${eqShown(pe, round(pA, 4) * round(pB, 4) + round(1 - pA, 4) * round(1 - pB, 4), 4)} ${f4(pe)}$.`,
        `Observed agreement: $p_o = (${t.a} + ${t.d})/${n} = ${f4(po)}$.`,
        `$\\kappa = (${f4(po)} - ${f4(pe)})/(1 - ${f4(pe)}) \\approx ${f4(kappa)}$; without rounding, multiply every term by $n^2 = ${n * n}$: $\\kappa = (${n * (t.a + t.d)} - ${chanceCount})/(${n * n} - ${chanceCount}) = ${f4(kappa)}$. The reviewers agree on ${Math.round(po * 100)}% of outputs, but only part of that is agreement beyond chance.`,
      ],
    };
  },
};

export default exercise;
