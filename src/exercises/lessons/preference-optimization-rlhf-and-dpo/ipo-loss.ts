import { logSigmoid, sigmoid } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { ChoiceMistake, ExerciseDef, Tolerance } from '../../types';
import { LESSON, rngFor, tex, type Rng } from './shared';

const TOL: Tolerance = { abs: 0.002 };

interface Scenario {
  beta: number;
  polW: number;
  refW: number;
  polL: number;
  refL: number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

function draw(rng: Rng): Scenario {
  const u = rng.uniform;
  const beta = rng.choice([0.1, 0.2, 0.25, 0.5]);
  const target = 1 / (2 * beta);
  const overshoot = rng.bernoulli(0.5) === 1;
  const h = overshoot ? gridIn(u, target + 0.5, target + 4, 0.1) : gridIn(u, -2, target - 0.5, 0.1);
  const dW = gridIn(u, -2, 6, 0.1);
  const dL = r1(dW - h);
  const refW = gridIn(u, -90, -20, 0.1);
  const refL = gridIn(u, -90, -20, 0.1);
  return { beta, refW, refL, polW: r1(refW + dW), polL: r1(refL + dL) };
}

function values(s: Scenario) {
  const dW = r1(s.polW - s.refW);
  const dL = r1(s.polL - s.refL);
  const h = r1(dW - dL);
  const T = 1 / (2 * s.beta);
  const loss = (h - T) ** 2;
  const grad = 2 * (h - T);
  return {
    dW,
    dL,
    h,
    T,
    loss,
    grad,
    dpoLoss: -logSigmoid(s.beta * h),
    dpoGrad: -s.beta * sigmoid(-s.beta * h),
    wrongLoss: {
      dpo: -logSigmoid(s.beta * h),
      halfBeta: (h - s.beta / 2) ** 2,
      invBeta: (h - 1 / s.beta) ** 2,
      swapped: (-h - T) ** 2,
      noSquare: Math.abs(h - T),
      margin: (s.beta * h - T) ** 2,
    },
    wrongGrad: { noTwo: h - T, dpo: -s.beta * sigmoid(-s.beta * h), swappedSign: 2 * (T - h) },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  if (Math.abs(v.h - v.T) < 0.5 || Math.abs(v.dW) < 0.1 || Math.abs(v.dL) < 0.1) return false;
  // The swapped-sign slip is caught by the grader's generic sign check too; keep the rest apart.
  return allApart([v.loss, ...Object.values(v.wrongLoss)], TOL) && allApart([v.grad, v.wrongGrad.noTwo, v.wrongGrad.dpo], TOL);
}

const exercise: ExerciseDef = {
  id: 'ipo-loss',
  lesson: LESSON,
  title: 'IPO preview',
  subsection: '6.1',
  stars: 3,
  defaultSeed: 1,
  generate(seed) {
    const rng = rngFor('ipo-loss', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ beta: 0.25, polW: -38.4, refW: -41.9, polL: -66.0, refL: -63.2 }));
    const v = values(s);
    const f1 = (x: number) => fixed(x, 1);
    const f3 = (x: number) => fixed(x, 3);
    const f4 = (x: number) => fixed(x, 4);
    const b = String(s.beta);
    const T = f1(v.T);
    const par = (x: number) => (x < 0 ? `(${f1(x)})` : f1(x));
    const over = v.h > v.T;
    const correct = over ? 'ipo-down' : 'both-up';
    const directionText = over
      ? tex`The gap $h = ${f1(v.h)}$ has overshot IPO's target $${T}$, so IPO's derivative $${f1(v.grad)}$ is positive and a descent step pulls $h$ back down. DPO's derivative $${f4(v.dpoGrad)}$ is negative at every $h$: it keeps pushing the gap out, towards $\pi_\theta(y_l \mid x) \to 0$.`
      : tex`The gap $h = ${f1(v.h)}$ is still below IPO's target $${T}$, so IPO's derivative $${f1(v.grad)}$ is negative and a descent step raises $h$. DPO's derivative $${f4(v.dpoGrad)}$ is negative too, as it is at every $h$. The two losses differ once $h$ passes $${T}$: IPO then pulls back, DPO never does.`;
    const shortText = tex`IPO's derivative is $${f1(v.grad)}$, so a descent step ${over ? 'lowers' : 'raises'} $h$; DPO's is $${f4(v.dpoGrad)}$, so it raises $h$.`;
    const choiceMistakes: ChoiceMistake[] = [
      {
        selection: ['dpo-down'],
        message: tex`DPO's loss $-\log\sigma(\beta h)$ decreases for every increase in $h$, so a DPO step never lowers the gap. That is exactly the weakness IPO addresses.`,
      },
      {
        selection: ['both-down'],
        message: tex`DPO's loss $-\log\sigma(\beta h)$ decreases for every increase in $h$, so a DPO step never lowers the gap.`,
      },
      over
        ? { selection: ['both-up'], message: tex`IPO's loss is a squared distance from the target $1/(2\beta) = ${T}$. At $h = ${f1(v.h)}$ the gap is past the target, so IPO pulls it back.` }
        : { selection: ['ipo-down'], message: tex`IPO pulls the gap down only once it has passed the target $1/(2\beta) = ${T}$. At $h = ${f1(v.h)}$ it is still below, so IPO raises it.` },
    ];
    return {
      seed,
      given: [b, f1(s.polW), f1(s.refW), f1(s.polL), f1(s.refL)],
      prompt: [
        tex`A safety team fine-tunes a policy on pairs where $y_w$ is a careful refusal and $y_l$ a harmful completion, each pair labelled once. With such data DPO can lower the loss forever by pushing $\pi_\theta(y_l \mid x)$ towards zero, so the team switches to IPO (Azar et al., 2023), which regresses the log-ratio gap onto a finite target (the paper writes $\tau$ for our $\beta$):`,
        tex`$$\mathcal{L}_{\mathrm{IPO}} = \Big(h - \frac{1}{2\beta}\Big)^2, \qquad h = \Delta_w - \Delta_l = \log\frac{\pi_\theta(y_w \mid x)}{\pi_{\mathrm{ref}}(y_w \mid x)} - \log\frac{\pi_\theta(y_l \mid x)}{\pi_{\mathrm{ref}}(y_l \mid x)}.$$`,
        tex`In this notation DPO's loss for the pair is $-\log\sigma(\beta h)$. They use $\beta = ${b}$. For one pair the sequence log-probabilities (natural logs) are:`,
        tex`$$\begin{array}{l|cc} & \log\pi_\theta(\cdot \mid x) & \log\pi_{\mathrm{ref}}(\cdot \mid x) \\ \hline y_w & ${f1(s.polW)} & ${f1(s.refW)} \\ y_l & ${f1(s.polL)} & ${f1(s.refL)} \end{array}$$`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: tex`Compute this pair's IPO loss, to three decimals.`,
          answer: v.loss,
          tolerance: TOL,
          exact: tex`$\mathcal{L}_{\mathrm{IPO}} = ${exact(v.loss)}$`,
          mistakes: [
            { value: v.wrongLoss.dpo, message: tex`That is the DPO loss $-\log\sigma(\beta h)$ for the same pair. IPO replaces it by the squared distance $(h - 1/(2\beta))^2$.` },
            { value: v.wrongLoss.halfBeta, message: tex`You used the target $\beta/2$. The target is $1/(2\beta) = ${T}$: a smaller $\beta$ (a looser leash) allows a larger gap.` },
            { value: v.wrongLoss.invBeta, message: tex`You used the target $1/\beta$. The target is $1/(2\beta) = ${T}$.` },
            { value: v.wrongLoss.swapped, message: tex`You took $h$ as loser minus winner. $h = \Delta_w - \Delta_l$, so it is positive when the policy favours $y_w$ more than the reference does.` },
            { value: v.wrongLoss.noSquare, message: tex`That is the distance $|h - 1/(2\beta)|$. The loss squares it.` },
            { value: v.wrongLoss.margin, message: tex`You used the DPO margin $\beta h$ in place of $h$. IPO works with the unscaled log-ratio gap; $\beta$ enters only through the target.` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          prompt: tex`Compute the derivative $\partial\mathcal{L}_{\mathrm{IPO}}/\partial h$ at this pair, to three decimals.`,
          answer: v.grad,
          tolerance: TOL,
          exact: tex`$\partial\mathcal{L}_{\mathrm{IPO}}/\partial h = ${exact(v.grad)}$`,
          mistakes: [
            { value: v.wrongGrad.noTwo, message: tex`The derivative of $(h - c)^2$ is $2(h - c)$: you dropped the factor 2.` },
            { value: v.wrongGrad.dpo, message: tex`That is the DPO derivative $-\beta\sigma(-\beta h)$. For IPO differentiate the square: $2(h - 1/(2\beta))$.` },
            { value: v.wrongGrad.swappedSign, message: tex`Sign error: $\frac{d}{dh}(h - c)^2 = 2(h - c)$, positive when $h$ is above the target.` },
          ],
        },
        {
          kind: 'choice',
          id: 'c',
          prompt: tex`One gradient-descent step on $h$: which way does each loss move the gap for this pair?`,
          multiple: false,
          choices: [
            { id: 'both-up', label: tex`Both IPO and DPO raise $h$`, correct: correct === 'both-up', explanation: shortText },
            { id: 'ipo-down', label: tex`IPO lowers $h$, DPO raises it`, correct: correct === 'ipo-down', explanation: shortText },
            { id: 'dpo-down', label: tex`IPO raises $h$, DPO lowers it`, correct: false, explanation: shortText },
            { id: 'both-down', label: tex`Both lower $h$`, correct: false, explanation: shortText },
          ],
          mistakes: choiceMistakes,
        },
      ],
      hints: [
        tex`Log-ratios first: $\Delta_w = ${f1(s.polW)} - ${par(s.refW)}$ and $\Delta_l = ${f1(s.polL)} - ${par(s.refL)}$; then $h = \Delta_w - \Delta_l$.`,
        tex`The target is $1/(2\beta) = 1/(2 \times ${b}) = ${T}$.`,
        tex`A descent step moves $h$ against the sign of the derivative. DPO's derivative in $h$ is $-\beta\sigma(-\beta h)$, which is negative everywhere.`,
      ],
      solution: [
        tex`$\Delta_w = ${f1(v.dW)}$, $\Delta_l = ${f1(v.dL)}$, so $h = ${f1(v.dW)} - ${par(v.dL)} = ${f1(v.h)}$.`,
        tex`$\mathcal{L}_{\mathrm{IPO}} = (${f1(v.h)} - ${T})^2 = (${f1(v.h - v.T)})^2 = ${f3(v.loss)}$. For comparison the DPO loss is $-\log\sigma(${b} \times ${par(v.h)}) = ${f4(v.dpoLoss)}$.`,
        tex`$\partial\mathcal{L}_{\mathrm{IPO}}/\partial h = 2 \times (${f1(v.h - v.T)}) = ${f1(v.grad)}$.`,
        directionText,
        tex`The other side of the coin: IPO's gradient grows with the distance from the target, so a flipped safety label (a pair with very negative $h$) gets a large push. Clean the labels or clip the gradient.`,
      ],
    };
  },
};

export default exercise;
