import { dpo, logSigmoid, sigmoid } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';
import { LESSON, paren, rngFor, tex, type Rng } from './shared';

const TOL_M: Tolerance = { abs: 0.002 };
const TOL_L: Tolerance = { abs: 0.002 };

interface Scenario {
  beta: number;
  /** Sequence log-probabilities, one decimal. */
  polW: number;
  refW: number;
  polL: number;
  refL: number;
}

function draw(rng: Rng): Scenario {
  const u = rng.uniform;
  const refW = gridIn(u, -90, -20, 0.1);
  const refL = gridIn(u, -90, -20, 0.1);
  return {
    beta: rng.choice([0.1, 0.2, 0.25, 0.5]),
    refW,
    refL,
    polW: Math.round((refW + gridIn(u, -2, 4, 0.1)) * 10) / 10,
    polL: Math.round((refL + gridIn(u, -4, 2, 0.1)) * 10) / 10,
  };
}

function values(s: Scenario) {
  const dW = Math.round((s.polW - s.refW) * 10) / 10;
  const dL = Math.round((s.polL - s.refL) * 10) / 10;
  const h = Math.round((dW - dL) * 10) / 10;
  const r = dpo(s.beta, [dW], [dL]);
  const m = r.margins[0]!;
  const policyOnly = s.beta * (s.polW - s.polL);
  return {
    dW,
    dL,
    h,
    m,
    loss: r.loss,
    wrongM: { noBeta: h, swapped: -m, policyOnly, divided: h / s.beta },
    wrongL: {
      noBeta: -logSigmoid(h),
      swapped: -logSigmoid(-m),
      probability: sigmoid(m),
      log2: -logSigmoid(m) / Math.LN2,
      log10: -logSigmoid(m) / Math.LN10,
      policyOnly: -logSigmoid(policyOnly),
    },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  if (Math.abs(v.h) < 0.5 || Math.abs(v.m) > 3) return false;
  return allApart([v.m, ...Object.values(v.wrongM)], TOL_M) && allApart([v.loss, ...Object.values(v.wrongL)], TOL_L);
}

const exercise: ExerciseDef = {
  id: 'dpo-pair-loss',
  lesson: LESSON,
  title: 'DPO loss',
  subsection: '5.3',
  stars: 1,
  defaultSeed: 2,
  generate(seed) {
    const rng = rngFor('dpo-pair-loss', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ beta: 0.1, polW: -41.2, refW: -43.6, polL: -57.9, refL: -56.4 }));
    const v = values(s);
    const f1 = (x: number) => fixed(x, 1);
    const f4 = (x: number) => fixed(x, 4);
    const b = String(s.beta);
    const par = (x: number) => (x < 0 ? `(${f1(x)})` : f1(x));
    return {
      seed,
      given: [b, f1(s.polW), f1(s.refW), f1(s.polL), f1(s.refL)],
      prompt: [
        tex`A policy $\pi_\theta$ is being trained with DPO from a frozen reference $\pi_{\mathrm{ref}}$, with $\beta = ${b}$. For one preference pair $(x, y_w, y_l)$ the two models give these sequence log-probabilities (natural logs, summed over the response tokens):`,
        tex`$$\begin{array}{l|cc} & \log\pi_\theta(\cdot \mid x) & \log\pi_{\mathrm{ref}}(\cdot \mid x) \\ \hline y_w & ${f1(s.polW)} & ${f1(s.refW)} \\ y_l & ${f1(s.polL)} & ${f1(s.refL)} \end{array}$$`,
        tex`With the log-ratios $\Delta_w = \log\pi_\theta(y_w \mid x) - \log\pi_{\mathrm{ref}}(y_w \mid x)$ and $\Delta_l$ defined the same way, the DPO margin is $m = \beta(\Delta_w - \Delta_l)$ and the pair's loss is $-\log\sigma(m)$.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: tex`Compute the margin $m$, to three decimals.`,
          answer: v.m,
          tolerance: TOL_M,
          exact: tex`$m = ${exact(v.m)}$`,
          mistakes: [
            { value: v.wrongM.noBeta, message: tex`That is $\Delta_w - \Delta_l$ without $\beta$. The margin scales the log-ratio gap by $\beta = ${b}$.` },
            { value: v.wrongM.swapped, message: tex`Right size, wrong sign: you took loser minus winner, or reference minus policy. Both log-ratios are policy minus reference, and the margin is winner minus loser.` },
            { value: v.wrongM.policyOnly, message: tex`You compared the policy's log-probabilities directly and left out the reference. DPO measures each response relative to $\pi_{\mathrm{ref}}$: subtract the reference log-probability first.` },
            { value: v.wrongM.divided, message: tex`You divided by $\beta$. In the margin, $\beta$ multiplies the log-ratio gap.` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          prompt: tex`Using the exact margin from part (a), compute the pair's DPO loss $-\log\sigma(m)$, to three decimals.`,
          answer: v.loss,
          tolerance: TOL_L,
          exact: tex`$-\log\sigma(m) = ${exact(v.loss)}$`,
          mistakes: [
            { value: v.wrongL.noBeta, message: tex`That is $-\log\sigma(\Delta_w - \Delta_l)$, without $\beta$. Use the margin $m = \beta(\Delta_w - \Delta_l)$ from part (a).` },
            { value: v.wrongL.swapped, message: tex`That is $-\log\sigma(-m)$, the loss with winner and loser swapped. The loss is small when the chosen response has the larger log-ratio.` },
            { value: v.wrongL.probability, message: tex`That is $\sigma(m)$, the probability the implicit reward gives to the observed preference. The loss is its negative logarithm.` },
            { value: v.wrongL.log2, message: tex`That is the loss in bits ($\log_2$). DPO losses use the natural logarithm.` },
            { value: v.wrongL.log10, message: tex`You used $\log_{10}$. DPO losses use the natural logarithm.` },
            { value: v.wrongL.policyOnly, message: tex`That loss uses the policy's log-probabilities without the reference. Use the margin from part (a).` },
          ],
        },
      ],
      hints: [
        tex`First the two log-ratios: $\Delta_w = ${f1(s.polW)} - ${par(s.refW)}$ and $\Delta_l = ${f1(s.polL)} - ${par(s.refL)}$.`,
        tex`Then $m = ${b} \times (\Delta_w - \Delta_l)$.`,
        tex`For part (b): $-\log\sigma(m) = \log(1 + e^{-m})$.`,
      ],
      solution: [
        tex`$\Delta_w = ${f1(s.polW)} - ${par(s.refW)} = ${f1(v.dW)}$ and $\Delta_l = ${f1(s.polL)} - ${par(s.refL)} = ${f1(v.dL)}$.`,
        tex`$m = ${b} \times (${f1(v.dW)} - ${par(v.dL)}) = ${b} \times ${paren(f1(v.h))} = ${f4(v.m)}$.`,
        tex`$-\log\sigma(${f4(v.m)}) = \log(1 + e^{${f4(-v.m)}}) = \log(${f4(1 + Math.exp(-v.m))}) = ${f4(v.loss)}$.`,
        v.m > 0
          ? tex`The policy has already moved toward $y_w$ relative to the reference, so the loss is below $\log 2 = 0.6931$, the value at initialisation when $\pi_\theta = \pi_{\mathrm{ref}}$.`
          : tex`The policy has moved toward the rejected response relative to the reference, so the loss is above $\log 2 = 0.6931$, the value at initialisation when $\pi_\theta = \pi_{\mathrm{ref}}$.`,
      ],
    };
  },
};

export default exercise;
