import { dpo, logSigmoid, sigmoid } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { Choice, ChoiceMistake, ExerciseDef, Tolerance } from '../../types';
import { LESSON, paren, rngFor, tex, type Rng } from './shared';

const TOL: Tolerance = { abs: 0.002 };
const N = 4;

interface Scenario {
  beta: number;
  dW: number[];
  dL: number[];
  /** Pair (0-based) whose weight part (a) asks for. */
  ask: number;
}

function draw(rng: Rng): Scenario {
  const u = rng.uniform;
  // One pair ranked backwards, with log-ratios in the middle of the pack so no single column gives it away.
  const wrong = rng.int(N);
  const dW: number[] = [];
  const dL: number[] = [];
  for (let i = 0; i < N; i++) {
    const w = i === wrong ? gridIn(u, -0.5, 1.5, 0.1) : gridIn(u, -1.5, 3, 0.1);
    const gap = i === wrong ? -gridIn(u, 0.2, 1.2, 0.1) : gridIn(u, 0.3, 3, 0.1);
    dW.push(w);
    dL.push(Math.round((w - gap) * 10) / 10);
  }
  return { beta: rng.choice([0.2, 0.25, 0.5]), dW, dL, ask: rng.int(N) };
}

const argmax = (xs: number[]) => xs.reduce((best, x, i) => (x > xs[best]! ? i : best), 0);
const argmin = (xs: number[]) => argmax(xs.map((x) => -x));

function values(s: Scenario) {
  const r = dpo(s.beta, s.dW, s.dL);
  const h = s.dW.map((w, i) => Math.round((w - s.dL[i]!) * 10) / 10);
  const m = r.margins;
  const w = r.weights;
  const k = s.ask;
  return {
    h,
    m,
    w,
    top: argmax(w),
    bottom: argmin(w),
    lowWin: argmin(s.dW),
    highLose: argmax(s.dL),
    wrongW: { probability: sigmoid(m[k]!), noBeta: sigmoid(-h[k]!), withBeta: s.beta * w[k]!, loss: -logSigmoid(m[k]!) },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  const sorted = [...v.w].sort((a, b) => b - a);
  // A clear winner, and the tempting shortcuts (lowest Δ_w, highest Δ_l) point elsewhere.
  if (sorted[0]! - sorted[1]! < 0.03 || new Set(v.h).size < N) return false;
  if (v.lowWin === v.top || v.highLose === v.top) return false;
  // Each shortcut names one pair: a tie at the extreme could include the answer.
  const lowest = Math.min(...s.dW);
  const highest = Math.max(...s.dL);
  if (s.dW.filter((x) => x === lowest).length > 1 || s.dL.filter((x) => x === highest).length > 1) return false;
  if (v.m.filter((x) => x < 0).length !== 1) return false;
  return allApart([v.w[s.ask]!, ...Object.values(v.wrongW)], TOL);
}

const exercise: ExerciseDef = {
  id: 'dpo-gradient-weights',
  lesson: LESSON,
  title: 'Gradient interpretation',
  subsection: '5.5',
  stars: 2,
  defaultSeed: 2,
  generate(seed) {
    const rng = rngFor('dpo-gradient-weights', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ beta: 0.5, dW: [1.2, -0.6, 0.4, 2.5], dL: [-0.2, -1.9, 0.9, 1.4], ask: 0 }));
    const v = values(s);
    const f1 = (x: number) => fixed(x, 1);
    const f3 = (x: number) => fixed(x, 3);
    const f4 = (x: number) => fixed(x, 4);
    const b = String(s.beta);
    const k = s.ask + 1;
    const pairLine = (i: number) => tex`pair ${i + 1}: $m = ${b} \times ${paren(f1(v.h[i]!))} = ${f3(v.m[i]!)}$, weight $\sigma(${f3(-v.m[i]!)}) = ${f4(v.w[i]!)}$`;
    const choices: Choice[] = s.dW.map((_, i) => ({
      id: `p${i + 1}`,
      label: `Pair ${i + 1}`,
      correct: i === v.top,
      explanation:
        i === v.top
          ? tex`Pair ${i + 1} has the smallest margin, $m = ${f3(v.m[i]!)}$: the implicit reward ranks it ${v.m[i]! < 0 ? 'backwards' : 'least confidently'}, so its weight $${f4(v.w[i]!)}$ is the largest.`
          : tex`Pair ${i + 1} has margin $m = ${f3(v.m[i]!)}$ and weight $${f4(v.w[i]!)}$, smaller than pair ${v.top + 1}'s $${f4(v.w[v.top]!)}$.`,
    }));
    const mistakes: ChoiceMistake[] = [
      {
        selection: [`p${v.bottom + 1}`],
        message: tex`Pair ${v.bottom + 1} has the largest margin, so it gets the smallest weight, not the largest. DPO pushes hardest where the policy's implicit reward disagrees with the label: the weight is $\sigma(-m)$.`,
      },
    ];
    if (v.lowWin !== v.bottom) {
      mistakes.push({
        selection: [`p${v.lowWin + 1}`],
        message: tex`Pair ${v.lowWin + 1} has the lowest $\Delta_w$, but the weight depends only on the difference $\Delta_w - \Delta_l$, and another pair's difference is smaller: a low $\Delta_w$ alone does not make the smallest margin.`,
      });
    }
    if (v.highLose !== v.bottom && v.highLose !== v.lowWin) {
      mistakes.push({
        selection: [`p${v.highLose + 1}`],
        message: tex`Pair ${v.highLose + 1} has the highest $\Delta_l$, but the weight depends only on the difference $\Delta_w - \Delta_l$. Its difference is $${fixed(v.h[v.highLose]!, 1)}$, and another pair's is smaller, so its margin is not the smallest.`,
      });
    }
    return {
      seed,
      given: [b, ...s.dW.map(f1), ...s.dL.map(f1)],
      prompt: [
        tex`Midway through DPO training with $\beta = ${b}$, a batch holds four preference pairs with these log-ratios $\Delta = \log\pi_\theta(y \mid x) - \log\pi_{\mathrm{ref}}(y \mid x)$:`,
        tex`$$\begin{array}{l|cccc} \text{pair} & 1 & 2 & 3 & 4 \\ \hline \Delta_w & ${s.dW.map(f1).join(' & ')} \\ \Delta_l & ${s.dL.map(f1).join(' & ')} \end{array}$$`,
        tex`The gradient of the DPO loss, the mean over the batch, is a weighted sum over pairs: each of the four pairs contributes $-\tfrac{\beta}{4}\, \omega \,\big(\nabla_\theta\log\pi_\theta(y_w \mid x) - \nabla_\theta\log\pi_\theta(y_l \mid x)\big)$ with weight $\omega = \sigma(-m)$ (written $\omega$, since the $w$ of $y_w$ means winner), where $m = \beta(\Delta_w - \Delta_l)$ is the pair's margin.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: tex`Compute the weight $\omega_${k} = \sigma(-m_${k})$ of pair ${k}, to three decimals.`,
          answer: v.w[s.ask]!,
          tolerance: TOL,
          exact: tex`$\omega_${k} = ${exact(v.w[s.ask]!)}$`,
          mistakes: [
            { value: v.wrongW.probability, message: tex`That is $\sigma(m)$, the probability the implicit reward gives the correct ordering. The weight is the probability of the wrong ordering, $\sigma(-m) = 1 - \sigma(m)$.` },
            { value: v.wrongW.noBeta, message: tex`You used $\Delta_w - \Delta_l$ without $\beta$. The margin is $m = ${b} \times (\Delta_w - \Delta_l)$.` },
            { value: v.wrongW.withBeta, message: tex`That is $\beta\,\sigma(-m)$, the scalar in front of the gradient direction apart from the batch mean's $1/4$. The weight asked for is $\sigma(-m)$ alone.` },
            { value: v.wrongW.loss, message: tex`That is the pair's loss $-\log\sigma(m)$. The weight is the derivative's size, $\sigma(-m)$.` },
          ],
        },
        {
          kind: 'choice',
          id: 'b',
          independent: true,
          prompt: 'Which pair receives the largest weight in this batch?',
          multiple: false,
          choices,
          mistakes,
        },
      ],
      hints: [
        tex`Pair ${k}'s log-ratio gap is $\Delta_w - \Delta_l = ${f1(s.dW[s.ask]!)} - ${s.dL[s.ask]! < 0 ? `(${f1(s.dL[s.ask]!)})` : f1(s.dL[s.ask]!)} = ${f1(v.h[s.ask]!)}$; multiply by $\beta$ to get $m$.`,
        tex`$\sigma(-m) = 1/(1 + e^{m})$ decreases as $m$ grows.`,
        'So the largest weight goes to the pair with the smallest margin, whatever its individual log-ratios are.',
      ],
      solution: [
        tex`Part (a): ${pairLine(s.ask)}.`,
        tex`All four: ${s.dW.map((_, i) => pairLine(i)).join('; ')}.`,
        tex`Pair ${v.top + 1}, the one the policy ranks ${v.m[v.top]! < 0 ? 'backwards' : 'least confidently'}, gets the largest weight; pair ${v.bottom + 1}, already ranked confidently, the smallest. A flipped label would look exactly like pair ${v.top + 1} and receive the same strong push.`,
      ],
    };
  },
};

export default exercise;
