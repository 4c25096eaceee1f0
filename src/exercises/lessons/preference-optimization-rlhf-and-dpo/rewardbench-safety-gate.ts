import { waldInterval, wilsonInterval } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, intIn } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';
import { LESSON, rngFor, tex, type Rng } from './shared';

const TOL: Tolerance = { abs: 0.0005 };
const Z = 1.96;

interface Scenario {
  n: number;
  /** Pairs with r_w > r_l. */
  x: number;
  /** Pairs scored exactly equal (they count as errors). */
  ties: number;
  t: number;
}

function draw(rng: Rng): Scenario {
  const n = rng.choice([200, 240, 250, 300, 320, 360, 400, 450, 500]);
  const t = rng.choice([0.8, 0.85, 0.9]);
  const ties = intIn(rng.uniform, 2, 9);
  const wantPass = rng.bernoulli(0.5) === 1;
  // Point estimate always above the threshold: the interesting case is a bound that may not be.
  const candidates: number[] = [];
  for (let x = Math.ceil((t + 0.01) * n); x <= n - ties - 2; x++) {
    const lo = wilsonInterval(x, n, Z)[0];
    if (wantPass ? lo >= t + 0.002 : lo <= t - 0.002) candidates.push(x);
  }
  return { n, t, ties, x: candidates.length ? rng.choice(candidates) : -1 };
}

function values(s: Scenario) {
  const acc = s.x / s.n;
  const [lo, hi] = wilsonInterval(s.x, s.n, Z);
  return {
    acc,
    lo,
    hi,
    passes: lo >= s.t,
    wrongAcc: { dropTies: s.x / (s.n - s.ties), tiesRight: (s.x + s.ties) / s.n, halfTies: (s.x + s.ties / 2) / s.n },
    wrongLo: {
      wald: waldInterval(s.x, s.n, Z)[0],
      upper: hi,
      point: acc,
      oneSided: wilsonInterval(s.x, s.n, 1.645)[0],
      dropTies: wilsonInterval(s.x, s.n - s.ties, Z)[0],
    },
  };
}

function acceptable(s: Scenario): boolean {
  if (s.x < 1) return false;
  const v = values(s);
  return allApart([v.acc, ...Object.values(v.wrongAcc)], TOL) && allApart([v.lo, ...Object.values(v.wrongLo)], TOL);
}

const exercise: ExerciseDef = {
  id: 'rewardbench-safety-gate',
  lesson: LESSON,
  title: 'RewardBench-style evaluation',
  subsection: '3.5',
  stars: 3,
  defaultSeed: 5,
  generate(seed) {
    const rng = rngFor('rewardbench-safety-gate', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ n: 400, x: 347, ties: 5, t: 0.85 }));
    const v = values(s);
    const wrongCount = s.n - s.x - s.ties;
    const tStr = fixed(s.t, 2);
    const f4 = (x: number) => fixed(x, 4);
    const z2 = Z * Z;
    const centre = v.acc + z2 / (2 * s.n);
    // The radicand, shown on its own so the solution line can wrap on a phone (a root cannot).
    const radicand = (v.acc * (1 - v.acc)) / s.n + z2 / (4 * s.n * s.n);
    const half = Z * Math.sqrt(radicand);
    const denom = 1 + z2 / s.n;
    const passText = tex`The lower bound $${f4(v.lo)} \ge ${tStr}$: even the pessimistic end of the interval clears the bar, so the reward model may be used.`;
    const failText = tex`The accuracy $${f4(v.acc)}$ is above ${tStr}, but the gate reads the lower bound, and $${f4(v.lo)} < ${tStr}$: ${s.n} pairs cannot rule out a true Safety accuracy below the bar, so the model is held back (or evaluated on more pairs).`;
    const verdict = v.passes ? passText : failText;
    return {
      seed,
      given: [String(s.n), String(s.x), String(s.ties), String(wrongCount), tStr],
      prompt: [
        tex`Before a reward model $r_\phi$ is used to train a safety-tuned policy, it is scored on a RewardBench-style Safety slice of $n = ${s.n}$ held-out triples $(x, y_w, y_l)$ with trusted labels: for harmful requests $y_w$ is the refusal, for benign ones it is the helpful answer. A triple counts as correct only if $r_\phi(x, y_w) > r_\phi(x, y_l)$ strictly.`,
        tex`The model ranks ${s.x} triples correctly, gives identical scores to both responses in ${s.ties} triples, and ranks the remaining ${wrongCount} backwards.`,
        tex`The team's gate: the model may be used only if the lower end of the two-sided 95% Wilson interval for its accuracy is at least $${tStr}$,`,
        tex`$$\frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1-\hat p)}{n} + \frac{z^2}{4n^2}}}{1 + \frac{z^2}{n}}, \qquad z = 1.96.$$`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: tex`What is the pairwise accuracy $\hat p$? Four decimals.`,
          answer: v.acc,
          tolerance: TOL,
          exact: tex`$\hat p = ${s.x}/${s.n} = ${exact(v.acc)}$`,
          mistakes: [
            { value: v.wrongAcc.dropTies, message: tex`You removed the ${s.ties} ties from the denominator. A tie is not a correct ranking, and dropping it flatters the model; the denominator stays $n = ${s.n}$.` },
            { value: v.wrongAcc.tiesRight, message: tex`You counted the ties as correct. The rule is strict: $r_\phi(x, y_w) > r_\phi(x, y_l)$.` },
            { value: v.wrongAcc.halfTies, message: tex`You gave each tie half credit. This benchmark counts a triple as correct only on a strict win, so ties score zero.` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          prompt: tex`Compute the lower end of the 95% Wilson interval, to four decimals.`,
          answer: v.lo,
          tolerance: TOL,
          exact: tex`$\text{lower} = ${exact(v.lo)}$`,
          mistakes: [
            { value: v.wrongLo.wald, message: tex`That is the Wald bound $\hat p - z\sqrt{\hat p(1-\hat p)/n}$. Near the top of the scale it is too optimistic about how low the accuracy could be; the gate uses the Wilson interval.` },
            { value: v.wrongLo.upper, message: tex`That is the upper end (the plus sign). A safety gate must look at the pessimistic end, the lower bound.` },
            { value: v.wrongLo.point, message: tex`That is the point estimate $\hat p$. The gate needs the lower end of its interval.` },
            { value: v.wrongLo.oneSided, message: tex`You used $z = 1.645$ (a one-sided 95% bound). This gate is defined with the two-sided interval, $z = 1.96$.` },
            { value: v.wrongLo.dropTies, message: tex`You computed the interval with the ties removed ($n = ${s.n - s.ties}$). Use $\hat p$ and $n$ from part (a).` },
          ],
        },
        {
          kind: 'choice',
          id: 'c',
          prompt: 'Using the exact bound from part (b), does the reward model pass the gate?',
          multiple: false,
          choices: [
            { id: 'pass', label: tex`Pass: the lower bound is at least $${tStr}$`, correct: v.passes, explanation: verdict },
            { id: 'fail', label: tex`Fail: the lower bound is below $${tStr}$`, correct: !v.passes, explanation: verdict },
          ],
          mistakes: [{ selection: [v.passes ? 'fail' : 'pass'], message: verdict }],
        },
      ],
      hints: [
        'Correct means a strict win. A tie is not a win, and a tied triple stays in the denominator.',
        tex`So $\hat p = ${s.x}/${s.n}$. With $z^2 = ${fixed(z2, 4)}$, the centre term is $\hat p + z^2/(2n)$ and the denominator $1 + z^2/n = ${f4(denom)}$.`,
        'Take the minus sign for the lower end, then compare that bound (not the accuracy) with the threshold.',
      ],
      solution: [
        tex`$\hat p = ${s.x}/${s.n} = ${f4(v.acc)}$; the ${s.ties} ties count as errors.`,
        tex`Centre: $${f4(v.acc)} + ${fixed(z2, 4)}/(2 \cdot ${s.n}) = ${f4(centre)}$. Half-width: $1.96\sqrt{V} = ${f4(half)}$, where $V = ${f4(v.acc)} \cdot ${f4(1 - v.acc)}/${s.n} + ${fixed(z2, 4)}/(4 \cdot ${s.n}^2) = ${fixed(radicand, 7)}$.`,
        tex`Lower end: $(${f4(centre)} - ${f4(half)})/${f4(denom)} = ${f4(v.lo)}$; the interval is $[${f4(v.lo)},\ ${f4(v.hi)}]$.`,
        verdict,
        tex`For comparison, the Wald lower bound would be $${f4(v.wrongLo.wald)}$. Pairwise accuracy also ignores how large each margin is, so a model that passes can still be exploitable where it is wrong.`,
      ],
    };
  },
};

export default exercise;
