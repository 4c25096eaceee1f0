import { sigmoid } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';
import { LESSON, rngFor, tex, type Rng } from './shared';

const TOL: Tolerance = { abs: 0.002 };

interface Scenario {
  rA: number;
  rB: number;
  target: number;
}

function draw(rng: Rng): Scenario {
  return {
    rA: gridIn(rng.uniform, -1.5, 2.5, 0.05),
    rB: gridIn(rng.uniform, -1.5, 2.5, 0.05),
    target: rng.choice([0.8, 0.85, 0.9, 0.95]),
  };
}

function values(s: Scenario) {
  const d = s.rA - s.rB;
  const p = sigmoid(d);
  const odds = s.target / (1 - s.target);
  const gap = Math.log(odds);
  return {
    d,
    p,
    gap,
    rise: gap - d,
    wrongP: {
      swapped: 1 - p,
      raw: d,
      odds: Math.exp(d),
      // Rewards used as strengths without exponentiating (only meaningful when both are positive).
      linear: s.rA > 0 && s.rB > 0 ? s.rA / (s.rA + s.rB) : NaN,
    },
    wrongRise: {
      totalGap: gap,
      log10: Math.log10(odds) - d,
      log2: Math.log2(odds) - d,
      probGap: s.target - p,
    },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  const ad = Math.abs(v.d);
  if (ad < 0.2 || ad > 1.6 || v.p > s.target - 0.05) return false;
  const finite = (o: Record<string, number>) => Object.values(o).filter(Number.isFinite);
  return allApart([v.p, ...finite(v.wrongP)], TOL) && allApart([v.rise, ...finite(v.wrongRise)], TOL);
}

const exercise: ExerciseDef = {
  id: 'bradley-terry-probability',
  lesson: LESSON,
  title: 'Bradley–Terry preference model',
  subsection: '2.3',
  stars: 1,
  defaultSeed: 3,
  generate(seed) {
    const rng = rngFor('bradley-terry-probability', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ rA: 0.4, rB: 1.2, target: 0.8 }));
    const v = values(s);
    const f2 = (x: number) => fixed(x, 2);
    const f3 = (x: number) => fixed(x, 3);
    const f4 = (x: number) => fixed(x, 4);
    const t = f2(s.target);
    const dTex = `${f2(s.rA)} - ${s.rB < 0 ? `(${f2(s.rB)})` : f2(s.rB)}`;
    const aWins = v.d > 0;
    const mistakesP = [
      {
        value: v.wrongP.swapped,
        message: tex`That is $P(y_B \succ y_A)$: the argument of $\sigma$ was taken the wrong way round (or the minus sign in $e^{-z}$ was dropped). The response whose win you want comes first: $\sigma(r_A - r_B)$.`,
      },
      {
        value: v.wrongP.raw,
        message: tex`That is the raw reward difference $r_A - r_B$. Bradley–Terry passes it through the logistic function $\sigma(z) = 1/(1+e^{-z})$ to turn it into a probability.`,
      },
      {
        value: v.wrongP.odds,
        message: tex`That is $e^{r_A - r_B}$, the odds of $y_A$ winning, not the probability. Convert: $P = \text{odds}/(1 + \text{odds})$.`,
      },
    ];
    if (Number.isFinite(v.wrongP.linear)) {
      mistakesP.push({
        value: v.wrongP.linear,
        message: tex`That is $r_A/(r_A + r_B)$, treating the rewards themselves as strengths. In Bradley–Terry the strength of a response is $e^{r}$, so only the reward difference matters.`,
      });
    }
    return {
      seed,
      given: [f2(s.rA), f2(s.rB), t],
      prompt: [
        tex`A reward model scores two candidate answers to the same prompt $x$: $r_\phi(x, y_A) = ${f2(s.rA)}$ and $r_\phi(x, y_B) = ${f2(s.rB)}$. The Bradley–Terry model turns scores into the probability that a labeler prefers one response to the other:`,
        tex`$$P(y_w \succ y_l \mid x) = \sigma\big(r_\phi(x, y_w) - r_\phi(x, y_l)\big), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}.$$`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: tex`What probability does the model give to a labeler preferring $y_A$ over $y_B$? Three decimals.`,
          answer: v.p,
          tolerance: TOL,
          exact: tex`$P(y_A \succ y_B) = ${exact(v.p)}$`,
          mistakes: mistakesP,
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          independent: true,
          prompt: tex`Keep $r_\phi(x, y_B)$ fixed. By how much must $r_\phi(x, y_A)$ increase for the model to predict $P(y_A \succ y_B) = ${t}$? Three decimals, in reward units.`,
          answer: v.rise,
          tolerance: TOL,
          exact: tex`$\delta = ${exact(v.rise)}$`,
          mistakes: [
            {
              value: v.wrongRise.totalGap,
              message: tex`That is the total reward gap $\ln\frac{${t}}{1-${t}}$ the target needs. The scores already differ by $${f2(v.d)}$; the increase is what is still missing.`,
            },
            {
              value: v.wrongRise.log10,
              message: tex`You used $\log_{10}$. The logistic function is built on $e$, so its inverse is the natural logarithm: $z = \ln\frac{p}{1-p}$.`,
            },
            {
              value: v.wrongRise.log2,
              message: tex`You used $\log_2$. The logistic function is built on $e$, so its inverse is the natural logarithm: $z = \ln\frac{p}{1-p}$.`,
            },
            {
              value: v.wrongRise.probGap,
              message: tex`That is the gap between the two probabilities. The question asks how much the reward must change; rewards and probabilities are linked by $\sigma$, which is not linear.`,
            },
          ],
        },
      ],
      hints: [
        tex`Set $y_w = y_A$ and $y_l = y_B$ in the formula: the probability that $y_A$ wins uses $r_A - r_B$, in that order.`,
        tex`Here $r_A - r_B = ${dTex} = ${f2(v.d)}$.`,
        tex`For part (b), invert the logistic function: $\sigma(z) = p$ exactly when $z = \ln\frac{p}{1-p}$, the log-odds.`,
      ],
      solution: [
        tex`Reward difference: $r_A - r_B = ${dTex} = ${f2(v.d)}$.`,
        tex`$P(y_A \succ y_B) = \sigma(${f2(v.d)}) = 1/(1 + e^{${f2(-v.d)}}) = 1/(1 + ${f4(Math.exp(-v.d))}) = ${f4(v.p)}$. ${aWins ? 'The higher-scored answer is favoured, but far from certain.' : tex`$y_A$ has the lower score, so the model expects it to lose more often than not.`}`,
        tex`Part (b): the probability $${t}$ needs a gap of $\ln\frac{${t}}{1-${t}} = \ln ${f4(s.target / (1 - s.target))} = ${f4(v.gap)}$.`,
        tex`The increase is $${f4(v.gap)} - ${v.d < 0 ? `(${f2(v.d)})` : f2(v.d)} = ${f4(v.rise)}$, or $${f3(v.rise)}$ to three decimals. Only the difference matters: lowering $r_B$ by the same amount would work equally well.`,
      ],
    };
  },
};

export default exercise;
