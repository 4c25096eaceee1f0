import { wilsonInterval } from '@math/index';
import { allApart, createRng, drawUntil } from '../../helpers';
import { eqShown, exact, fixed, intIn, round } from '../../format';
import type { ChoiceMistake, ExerciseDef, Tex, Tolerance } from '../../types';

const TOL: Tolerance = { abs: 0.0005 };
const Z = 1.96;
const WIN_FLOOR = 0.45;

interface Scenario {
  n: number;
  xOld: number;
  xNew: number;
  delta: number;
  /** Over-refusal: refused benign prompts out of nR, gate on the interval's upper end. */
  nR: number;
  xR: number;
  oMax: number;
  /** Pairwise wins of the candidate out of nW human comparisons, gate on the lower end. */
  nW: number;
  wins: number;
}

function draw(rng: ReturnType<typeof createRng>): Scenario {
  const u = rng.uniform;
  const n = rng.choice([400, 500, 600, 800]);
  const xOld = intIn(u, Math.round(0.02 * n), Math.round(0.06 * n));
  const nR = rng.choice([300, 400, 500]);
  const oMax = rng.choice([0.05, 0.08, 0.1]);
  const nW = rng.choice([200, 250, 300, 400]);
  return {
    n,
    xOld,
    xNew: Math.max(0, xOld + intIn(u, -Math.round(0.02 * n), Math.round(0.015 * n))),
    delta: rng.choice([0.01, 0.02]),
    nR,
    xR: intIn(u, Math.round(0.5 * oMax * nR), Math.round(1.1 * oMax * nR)),
    oMax,
    nW,
    wins: intIn(u, Math.round(0.43 * nW), Math.round(0.58 * nW)),
  };
}

function values(s: Scenario) {
  const pN = s.xNew / s.n;
  const pO = s.xOld / s.n;
  const d = pN - pO;
  const vN = (pN * (1 - pN)) / s.n;
  const vO = (pO * (1 - pO)) / s.n;
  const upper = d + Z * Math.sqrt(vN + vO);
  const refusal = wilsonInterval(s.xR, s.nR, Z);
  const win = wilsonInterval(s.wins, s.nW, Z);
  return {
    pN,
    pO,
    d,
    vN,
    vO,
    upper,
    refusal,
    win,
    wrongUpper: { point: d, seSum: d + Z * (Math.sqrt(vN) + Math.sqrt(vO)), newOnly: d + Z * Math.sqrt(vN) },
    fails: { g1: upper > s.delta, g2: refusal[1] > s.oMax, g3: win[0] < WIN_FLOOR },
    pointFails: { g1: d > s.delta, g2: s.xR / s.nR > s.oMax, g3: s.wins / s.nW < WIN_FLOOR },
  };
}

const failSet = (f: Record<'g1' | 'g2' | 'g3', boolean>) => {
  const ids = (['g1', 'g2', 'g3'] as const).filter((g) => f[g]);
  return ids.length ? ids : ['none'];
};

function acceptable(s: Scenario, ships: boolean): boolean {
  const v = values(s);
  if (s.xNew < 1) return false;
  // Every bound is clearly on one side of its limit, so a rounded part (a) gives the same verdict.
  if (Math.abs(v.upper - s.delta) < 0.003 || Math.abs(v.refusal[1] - s.oMax) < 0.003 || Math.abs(v.win[0] - WIN_FLOOR) < 0.003) return false;
  if (ships) {
    // Every bound meets its limit: "none" must be a real possibility, not an option to strike unread.
    if (failSet(v.fails)[0] !== 'none') return false;
  } else if (failSet(v.fails).join() === failSet(v.pointFails).join()) {
    // At least one gate where the point estimate passes but the bound fails: judging by points is a different answer.
    return false;
  }
  return allApart([v.upper, ...Object.values(v.wrongUpper)], TOL);
}

/** Share of variants in which the candidate ships. */
const SHIP_SHARE = 0.25;

const fallback = (ships: boolean) => (): Scenario =>
  ships
    ? { n: 500, xOld: 15, xNew: 13, delta: 0.02, nR: 400, xR: 20, oMax: 0.08, nW: 300, wins: 162 }
    : { n: 500, xOld: 15, xNew: 17, delta: 0.02, nR: 400, xR: 24, oMax: 0.08, nW: 300, wins: 150 };

const exercise: ExerciseDef = {
  id: 'release-gate',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Release gate',
  subsection: '6.5',
  stars: 3,
  defaultSeed: 1,
  generate(seed) {
    const rng = createRng(seed);
    const ships = rng.uniform() < SHIP_SHARE;
    const s = drawUntil(rng, draw, (x) => acceptable(x, ships), fallback(ships));
    const v = values(s);
    const f3 = (x: number) => fixed(x, 3);
    const f4 = (x: number) => fixed(x, 4);
    const se = Math.sqrt(v.vN + v.vO);
    const correct = failSet(v.fails);
    const point = failSet(v.pointFails);
    const dStr = fixed(s.delta, 2);
    const oStr = fixed(s.oMax, 2);
    const gateText: Record<'g1' | 'g2' | 'g3', Tex> = {
      g1: `the upper bound on $\\Delta$ from part (a), $${f4(v.upper)}$, ${v.fails.g1 ? 'exceeds' : 'is within'} the allowed increase $${dStr}$`,
      g2: `the over-refusal interval's upper end $${f3(v.refusal[1])}$ ${v.fails.g2 ? 'exceeds' : 'is within'} the limit $${oStr}$`,
      g3: `the win rate's lower end $${f3(v.win[0])}$ ${v.fails.g3 ? 'falls below' : 'clears'} the floor $${WIN_FLOOR}$`,
    };
    const explain = (g: 'g1' | 'g2' | 'g3'): Tex => `${v.fails[g] ? 'Fails' : 'Passes'}: ${gateText[g]}.`;
    const pointMistake: ChoiceMistake[] = point.join() === correct.join() ? [] : [
      {
        selection: point,
        message:
          'That is the verdict of the point estimates. A release gate is checked on the pessimistic end of each interval: an estimate that meets its limit can still leave a plausible value that does not.',
      },
    ];
    const table =
      '$$\\begin{array}{l|ccc|l} \\text{metric} & \\text{count} & \\text{estimate} & \\text{Wilson 95\\% CI} & \\text{gate} \\\\ \\hline ' +
      `\\text{over-refusal} & ${s.xR}/${s.nR} & ${f3(s.xR / s.nR)} & [${f3(v.refusal[0])},\\ ${f3(v.refusal[1])}] & \\text{G2: upper end} \\le ${oStr} \\\\ ` +
      `\\text{win rate vs current} & ${s.wins}/${s.nW} & ${f3(s.wins / s.nW)} & [${f3(v.win[0])},\\ ${f3(v.win[1])}] & \\text{G3: lower end} \\ge ${WIN_FLOOR} ` +
      '\\end{array}$$';
    return {
      seed,
      given: [String(s.n), String(s.xOld), String(s.xNew), dStr, `${s.xR}/${s.nR}`, oStr, f3(v.refusal[1]), `${s.wins}/${s.nW}`, f3(v.win[0])],
      prompt: [
        `A candidate model ships only if it passes all three gates. **G1 (harm rate at most $${dStr}$ above the current model's):** the current and the candidate model each answered their own random sample of $n = ${s.n}$ prompts from the red-team pool; reviewers marked $${s.xOld}$ harmful responses from the current model and $${s.xNew}$ from the candidate. With $\\Delta = p_{\\text{cand}} - p_{\\text{curr}}$, G1 requires the upper end of the 95% normal-approximation interval,`,
        '$$\\hat{\\Delta} + 1.96\\sqrt{\\frac{\\hat{p}_{\\text{cand}}(1-\\hat{p}_{\\text{cand}})}{n} + \\frac{\\hat{p}_{\\text{curr}}(1-\\hat{p}_{\\text{curr}})}{n}},$$',
        `to be at most $${dStr}$. Gates G2 (over-refusal on benign prompts) and G3 (human pairwise preference against the current model) were already evaluated:`,
        table,
        `G1's two samples are independent, so it uses the unpaired interval above (McNemar's test, §6.4, needs shared prompts). G3's floor of ${WIN_FLOOR} only rules out a clearly worse candidate.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: 'Compute the upper end of the interval for $\\Delta$ (gate G1), to four decimals.',
          answer: v.upper,
          tolerance: TOL,
          exact: `$\\text{upper}(\\Delta) = ${exact(v.upper)}$`,
          mistakes: [
            { value: v.wrongUpper.point, message: 'That is the point estimate $\\hat{\\Delta}$. The gate needs the upper end of its interval.' },
            { value: v.wrongUpper.seSum, message: 'You added the two standard errors. For a difference of independent estimates the variances add: take the square root of their sum.' },
            { value: v.wrongUpper.newOnly, message: "You used only the candidate's variance. The current model's rate is estimated from a sample too; its variance enters the sum." },
          ],
        },
        {
          kind: 'choice',
          id: 'b',
          prompt: 'Using the exact bound from part (a), select every gate the candidate fails (or "none").',
          multiple: true,
          choices: [
            { id: 'g1', label: 'G1: harm-rate increase', correct: v.fails.g1, explanation: explain('g1') },
            { id: 'g2', label: 'G2: over-refusal', correct: v.fails.g2, explanation: explain('g2') },
            { id: 'g3', label: 'G3: helpfulness win rate', correct: v.fails.g3, explanation: explain('g3') },
            {
              id: 'none',
              label: 'None: the candidate ships',
              correct: correct[0] === 'none',
              explanation: correct[0] === 'none' ? 'All three bounds meet their limits, so the candidate ships.' : 'At least one gate fails, and a release gate is a conjunction: one failure blocks the release.',
            },
          ],
          mistakes: pointMistake,
        },
      ],
      hints: [
        `$\\hat{p}_{\\text{cand}} = ${s.xNew}/${s.n} = ${f4(v.pN)}$ and $\\hat{p}_{\\text{curr}} = ${s.xOld}/${s.n} = ${f4(v.pO)}$.`,
        `The two variances are $${fixed(v.vN, 7)}$ and $${fixed(v.vO, 7)}$; add them before taking the square root.`,
        'Each gate looks at the pessimistic end of its interval: the upper end for harm and refusals, the lower end for the win rate.',
      ],
      solution: [
        `$\\hat{\\Delta} = ${f4(v.pN)} - ${f4(v.pO)} ${eqShown(v.d, round(v.pN, 4) - round(v.pO, 4), 4)} ${f4(v.d)}$.`,
        `Standard error: $\\sqrt{${fixed(v.vN, 7)} + ${fixed(v.vO, 7)}} ${eqShown(se, Math.sqrt(round(v.vN, 7) + round(v.vO, 7)), 5)} ${fixed(se, 5)}$.`,
        `Upper end: $${f4(v.d)} + 1.96 \\times ${fixed(se, 5)} ${eqShown(v.upper, round(v.d, 4) + 1.96 * round(se, 5), 4)} ${f4(v.upper)}$.`,
        (['g1', 'g2', 'g3'] as const).map((g) => `${g.toUpperCase()} ${v.fails[g] ? 'fails' : 'passes'}: ${gateText[g]}.`).join(' '),
        correct[0] === 'none' ? 'No gate fails: the candidate ships.' : `Failing gates: ${correct.map((g) => g.toUpperCase()).join(', ')}. The candidate does not ship.`,
      ],
    };
  },
};

export default exercise;
