import { logSigmoid, pairwiseRewardGradient, pairwiseRewardLoss, sigmoid } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';
import { LESSON, rngFor, tex, type Rng } from './shared';

const TOL_L: Tolerance = { abs: 0.002 };
const TOL_G: Tolerance = { abs: 0.0005 };
const N = 4;

interface Scenario {
  win: number[];
  lose: number[];
}

function draw(rng: Rng): Scenario {
  const u = rng.uniform;
  const win: number[] = [];
  const lose: number[] = [];
  for (let i = 0; i < N; i++) {
    win.push(gridIn(u, -1, 2.5, 0.1));
    lose.push(gridIn(u, -1, 2.5, 0.1));
  }
  return { win, lose };
}

function values(s: Scenario) {
  const m = s.win.map((w, i) => Math.round((w - s.lose[i]!) * 10) / 10);
  const loss = pairwiseRewardLoss(s.win, s.lose);
  // The pair the model ranks worst: it gets the largest gradient (part b asks about it).
  let k = 0;
  for (let i = 1; i < N; i++) if (m[i]! < m[k]!) k = i;
  const grad = pairwiseRewardGradient(s.win, s.lose).gradWin[k]!;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    m,
    k,
    loss,
    grad,
    perPair: m.map((x) => -logSigmoid(x)),
    wrongLoss: {
      log2: loss / Math.LN2,
      log10: loss / Math.LN10,
      sum: loss * N,
      firstOnly: -logSigmoid(m[0]!),
      probability: mean(m.map(sigmoid)),
      swapped: mean(m.map((x) => -logSigmoid(-x))),
      logOfMean: -Math.log(mean(m.map(sigmoid))),
    },
    wrongGrad: { noMean: grad * N, loser: -grad, sigmaM: -sigmoid(m[k]!) / N },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  // Ranked right mostly, with exactly one pair the model gets backwards; no ties, no huge margins.
  if (v.m.filter((x) => x < 0).length !== 1 || v.m.some((x) => x === 0 || Math.abs(x) > 2.5)) return false;
  return allApart([v.loss, ...Object.values(v.wrongLoss)], TOL_L) && allApart([v.grad, ...Object.values(v.wrongGrad)], TOL_G);
}

const exercise: ExerciseDef = {
  id: 'pairwise-reward-loss',
  lesson: LESSON,
  title: 'Pairwise logistic loss',
  subsection: '3.1',
  stars: 1,
  defaultSeed: 1,
  generate(seed) {
    const rng = rngFor('pairwise-reward-loss', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ win: [2.1, 0.7, 1.4, 0.2], lose: [0.3, 0.4, 0.8, 0.5] }));
    const v = values(s);
    const f1 = (x: number) => fixed(x, 1);
    const f4 = (x: number) => fixed(x, 4);
    const k = v.k + 1;
    const mk = v.m[v.k]!;
    const table = tex`$$\begin{array}{l|cccc} \text{pair } i & 1 & 2 & 3 & 4 \\ \hline r_\phi(x_i, y_{w,i}) & ${s.win.map(f1).join(' & ')} \\ r_\phi(x_i, y_{l,i}) & ${s.lose.map(f1).join(' & ')} \end{array}$$`;
    const sumLoss = v.perPair.reduce((a, b) => a + b, 0);
    return {
      seed,
      given: [...s.win.map(f1), ...s.lose.map(f1)],
      prompt: [
        tex`A reward model is being trained on a batch of four preference pairs. Its current scores for the preferred response $y_w$ and the rejected response $y_l$ of each pair are:`,
        table,
        tex`The training loss is the Bradley–Terry negative log-likelihood, averaged over the batch, with natural logarithms:`,
        tex`$$\mathcal{L}_{\mathrm{RM}} = -\frac{1}{n}\sum_{i=1}^{n} \log \sigma(m_i), \qquad m_i = r_\phi(x_i, y_{w,i}) - r_\phi(x_i, y_{l,i}).$$`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: tex`Compute $\mathcal{L}_{\mathrm{RM}}$ for this batch, in nats, to three decimals.`,
          answer: v.loss,
          tolerance: TOL_L,
          exact: tex`$\mathcal{L}_{\mathrm{RM}} = ${exact(v.loss)}$`,
          mistakes: [
            { value: v.wrongLoss.log2, message: tex`That is the loss in bits ($\log_2$). The loss is measured in nats: use the natural logarithm.` },
            { value: v.wrongLoss.log10, message: tex`You used $\log_{10}$. The Bradley–Terry likelihood is built on $e$; use the natural logarithm.` },
            { value: v.wrongLoss.sum, message: tex`That is the sum over the four pairs. The loss is the mean: divide by $n = 4$.` },
            { value: v.wrongLoss.firstOnly, message: tex`That is the loss of pair 1 alone. Average $-\ln\sigma(m_i)$ over all four pairs.` },
            { value: v.wrongLoss.probability, message: tex`That is the mean probability $\sigma(m_i)$ the model gives the observed choices. The loss is the mean of $-\ln\sigma(m_i)$.` },
            { value: v.wrongLoss.swapped, message: tex`You computed $m_i$ as loser minus winner. The margin is $r_\phi(y_w) - r_\phi(y_l)$, positive when the model agrees with the label.` },
            { value: v.wrongLoss.logOfMean, message: tex`That is $-\ln$ of the mean probability. Take $-\ln\sigma(m_i)$ for each pair first, then average.` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          independent: true,
          prompt: tex`Pair ${k} is the one the model currently ranks backwards. What is $\partial \mathcal{L}_{\mathrm{RM}} / \partial r_\phi(x_${k}, y_{w,${k}})$, the derivative of the batch loss with respect to that pair's winner score? Four decimals.`,
          answer: v.grad,
          tolerance: TOL_G,
          exact: tex`$\partial \mathcal{L}_{\mathrm{RM}} / \partial r_\phi(x_${k}, y_{w,${k}}) = ${exact(v.grad)}$`,
          mistakes: [
            { value: v.wrongGrad.noMean, message: tex`That is the derivative of pair ${k}'s own loss. The batch loss is a mean over four pairs, so each pair's derivative carries a factor $1/4$.` },
            { value: v.wrongGrad.loser, message: tex`That is the derivative with respect to the loser's score. Raising the winner's score lowers the loss, so this derivative is negative.` },
            { value: v.wrongGrad.sigmaM, message: tex`You used $\sigma(m)$. The derivative of $-\ln\sigma(m)$ is $-(1 - \sigma(m)) = -\sigma(-m)$: the weight is the probability of the wrong ordering.` },
          ],
        },
      ],
      hints: [
        tex`The margins are $m = (${v.m.map(f1).join(', ')})$. Pair ${k}'s margin is negative: the model scores its loser higher.`,
        tex`Per pair, $-\ln\sigma(m) = \ln(1 + e^{-m})$. Average the four values; do not add them.`,
        tex`For part (b): $\frac{d}{dm}\big[-\ln\sigma(m)\big] = -\sigma(-m)$, and $m$ rises one for one with the winner's score. Remember the $1/n$.`,
      ],
      solution: [
        tex`Margins $m_i = r_w - r_l$: $(${v.m.map(f1).join(', ')})$.`,
        tex`Per-pair losses $\ln(1 + e^{-m_i})$: $(${v.perPair.map(f4).join(', ')})$.`,
        tex`Mean: $${f4(sumLoss)}/4 = ${f4(v.loss)}$ nats, against $\ln 2 = 0.6931$ for a model that scores everything the same.`,
        tex`Part (b): $\sigma(-m_${k}) = \sigma(${f1(-mk)}) = ${f4(sigmoid(-mk))}$, so the derivative is $-${f4(sigmoid(-mk))}/4 = ${f4(v.grad)}$. The misranked pair gets the largest push of the batch.`,
      ],
    };
  },
};

export default exercise;
