import { klDivergence, klRegularizedOptimum, softmax } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { eqShown, exact, fixed, gridIn, LETTERS, round } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';
import { LESSON, paren, rngFor, tex, type Rng } from './shared';

const TOL_P: Tolerance = { abs: 0.002 };
const TOL_KL: Tolerance = { abs: 0.002 };

interface Scenario {
  piRef: [number, number, number];
  r: [number, number, number];
  beta: number;
  /** Which response part (a) asks about. */
  ask: number;
}

function draw(rng: Rng): Scenario {
  const u = rng.uniform;
  const p0 = gridIn(u, 0.1, 0.7, 0.05);
  const p1 = gridIn(u, 0.1, 0.8 - p0, 0.05);
  const p2 = Math.round((1 - p0 - p1) * 100) / 100;
  return {
    piRef: [p0, p1, p2],
    r: [gridIn(u, -0.5, 2, 0.1), gridIn(u, -0.5, 2, 0.1), gridIn(u, -0.5, 2, 0.1)],
    beta: rng.choice([0.5, 0.8, 1.5, 2]),
    ask: rng.int(3),
  };
}

function values(s: Scenario) {
  const opt = klRegularizedOptimum(s.piRef, s.r, s.beta);
  const logRef = s.piRef.map(Math.log);
  const p = opt.policy[s.ask]!;
  const noRef = softmax(s.r.map((x) => x / s.beta));
  const times = softmax(s.r.map((x, i) => logRef[i]! + x * s.beta));
  const noBeta = softmax(s.r.map((x, i) => logRef[i]! + x));
  return {
    opt,
    p,
    wrongP: { noRef: noRef[s.ask]!, times: times[s.ask]!, noBeta: noBeta[s.ask]!, ref: s.piRef[s.ask]! },
    wrongKl: {
      bits: opt.kl / Math.LN2,
      log10: opt.kl / Math.LN10,
      reverse: klDivergence(s.piRef, opt.policy),
      noLogZ: opt.expectedReward / s.beta,
    },
  };
}

function acceptable(s: Scenario): boolean {
  if (s.piRef[2] < 0.1 || new Set(s.r).size < 3) return false;
  const v = values(s);
  if (v.opt.kl < 0.03 || v.opt.kl > 1.5 || v.p < 0.05) return false;
  return allApart([v.p, ...Object.values(v.wrongP)], TOL_P) && allApart([v.opt.kl, ...Object.values(v.wrongKl)], TOL_KL);
}

const exercise: ExerciseDef = {
  id: 'kl-optimal-policy',
  lesson: LESSON,
  title: 'KL-constrained optimal policy',
  subsection: '5.1',
  stars: 2,
  defaultSeed: 4,
  generate(seed) {
    const rng = rngFor('kl-optimal-policy', seed);
    const s = drawUntil(rng, draw, acceptable, (): Scenario => ({ piRef: [0.6, 0.3, 0.1], r: [0, 1, 2], beta: 0.8, ask: 1 }));
    const v = values(s);
    const names = LETTERS.slice(0, 3);
    const a = names[s.ask]!;
    const f1 = (x: number) => fixed(x, 1);
    const f2 = (x: number) => fixed(x, 2);
    const f4 = (x: number) => fixed(x, 4);
    const b = String(s.beta);
    const w = s.piRef.map((p, i) => p * Math.exp(s.r[i]! / s.beta));
    const Z = w.reduce((x, y) => x + y, 0);
    const pol = v.opt.policy;
    const klTerms = pol.map((p, i) => p * Math.log(p / s.piRef[i]!));
    const table = tex`$$\begin{array}{l|ccc} \text{response} & ${names.map((n) => tex`\text{${n}}`).join(' & ')} \\ \hline \pi_{\mathrm{ref}}(y) & ${s.piRef.map(f2).join(' & ')} \\ r(y) & ${s.r.map(f1).join(' & ')} \end{array}$$`;
    return {
      seed,
      given: [...s.piRef.map(f2), ...s.r.map(f1), b],
      prompt: [
        tex`For one prompt, a reference policy spreads its probability over three possible responses, and a fixed reward scores each:`,
        table,
        tex`RLHF looks for the policy that maximises $\mathbb{E}_{y \sim \pi}[r(y)] - \beta \operatorname{KL}(\pi \,\|\, \pi_{\mathrm{ref}})$, here with $\beta = ${b}$. Its exact maximiser is the tilted distribution`,
        tex`$$\pi^*(y) = \frac{\pi_{\mathrm{ref}}(y)\, e^{r(y)/\beta}}{Z}, \qquad Z = \sum_{y'} \pi_{\mathrm{ref}}(y')\, e^{r(y')/\beta}.$$`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: tex`What probability does $\pi^*$ give to response ${a}? Three decimals.`,
          answer: v.p,
          tolerance: TOL_P,
          exact: tex`$\pi^*(${a}) = ${exact(v.p)}$`,
          mistakes: [
            { value: v.wrongP.noRef, message: tex`That is the softmax of $r/\beta$ alone. The optimum reweights the reference: multiply each $e^{r/\beta}$ by $\pi_{\mathrm{ref}}(y)$ before normalising.` },
            { value: v.wrongP.times, message: tex`You multiplied the reward by $\beta$. The exponent is $r/\beta$: a small $\beta$ (a cheap KL) lets the reward move the policy more.` },
            { value: v.wrongP.noBeta, message: tex`You used $e^{r}$, as if $\beta = 1$. Divide each reward by $\beta = ${b}$ first.` },
            { value: v.wrongP.ref, message: tex`That is the reference probability $\pi_{\mathrm{ref}}(${a})$, unchanged. The optimum tilts it by $e^{r/\beta}$ and renormalises.` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          prompt: tex`Using the exact $\pi^*$ (all three probabilities, not only the one from part (a)), how far has the optimum moved from the reference? Give $\operatorname{KL}(\pi^* \,\|\, \pi_{\mathrm{ref}})$ in nats, to three decimals.`,
          answer: v.opt.kl,
          tolerance: TOL_KL,
          exact: tex`$\operatorname{KL}(\pi^* \,\|\, \pi_{\mathrm{ref}}) = ${exact(v.opt.kl)}$ nats`,
          mistakes: [
            { value: v.wrongKl.bits, message: tex`That is the divergence in bits ($\log_2$). Nats use the natural logarithm, the unit in which $\beta$ prices the KL.` },
            { value: v.wrongKl.log10, message: tex`You used $\log_{10}$. Nats use the natural logarithm.` },
            { value: v.wrongKl.reverse, message: tex`That is $\operatorname{KL}(\pi_{\mathrm{ref}} \,\|\, \pi^*)$, the reverse direction. The penalty weights the log-ratio by the new policy: $\sum_y \pi^*(y) \log\frac{\pi^*(y)}{\pi_{\mathrm{ref}}(y)}$.` },
            { value: v.wrongKl.noLogZ, message: tex`That is $\mathbb{E}_{\pi^*}[r]/\beta$. Since $\log\frac{\pi^*}{\pi_{\mathrm{ref}}} = r/\beta - \log Z$, the KL is that minus $\log Z$.` },
          ],
        },
      ],
      hints: [
        tex`Compute the unnormalised weights $\pi_{\mathrm{ref}}(y)\,e^{r(y)/${b}}$ for A, B and C; $Z$ is their sum.`,
        tex`Here $Z = ${f4(Z)}$: each response's probability is its weight divided by $Z$, so response ${a} gets $${f4(w[s.ask]!)}/${f4(Z)}$.`,
        tex`For part (b), $\operatorname{KL}(\pi^* \,\|\, \pi_{\mathrm{ref}}) = \sum_y \pi^*(y) \ln\frac{\pi^*(y)}{\pi_{\mathrm{ref}}(y)}$, weighted by the new policy.`,
      ],
      solution: [
        tex`Weights $\pi_{\mathrm{ref}}\,e^{r/${b}}$: A $= ${f2(s.piRef[0])} \times ${f4(Math.exp(s.r[0] / s.beta))} = ${f4(w[0]!)}$, B $= ${f2(s.piRef[1])} \times ${f4(Math.exp(s.r[1] / s.beta))} = ${f4(w[1]!)}$, C $= ${f2(s.piRef[2])} \times ${f4(Math.exp(s.r[2] / s.beta))} = ${f4(w[2]!)}$.`,
        tex`$Z = ${f4(Z)}$, so $\pi^* = (${pol.map(f4).join(', ')})$ and $\pi^*(${a}) = ${f4(w[s.ask]!)}/${f4(Z)} ${eqShown(v.p, round(w[s.ask]!, 4) / round(Z, 4), 4)} ${f4(v.p)}$.`,
        tex`KL terms $\pi^*(y)\ln\frac{\pi^*(y)}{\pi_{\mathrm{ref}}(y)}$: $(${klTerms.map(f4).join(', ')})$; their sum is $${f4(v.opt.kl)}$ nats.`,
        tex`Check: $\mathbb{E}_{\pi^*}[r]/\beta - \ln Z = ${f4(v.opt.expectedReward)}/${b} - ${paren(f4(Math.log(Z)))} = ${f4(v.opt.kl)}$. A response gains probability exactly when $r(y) > \beta \ln Z = ${f4(s.beta * Math.log(Z))}$; none takes everything, because each extra nat of drift costs $\beta$ units of reward.`,
      ],
    };
  },
};

export default exercise;
