import { waldInterval, wilsonInterval } from '@math/index';
import { allApart, createRng, drawUntil } from '../../helpers';
import { exact, fixed } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';

const TOL: Tolerance = { abs: 0.0005 };
const Z = 1.96;

interface Scenario {
  n: number;
  x: number;
  t: number;
}

function draw(rng: ReturnType<typeof createRng>): Scenario {
  const n = rng.choice([150, 200, 250, 300, 400, 500]);
  const t = rng.choice([0.03, 0.04, 0.05, 0.06]);
  const wantPass = rng.bernoulli(0.5) === 1;
  // Keep the point estimate under the threshold: the interesting case is a point estimate that
  // passes while the upper bound may not.
  const candidates: number[] = [];
  for (let x = 1; x / n < t; x++) {
    const hi = wilsonInterval(x, n, Z)[1];
    if (wantPass ? hi <= t - 0.002 : hi >= t + 0.002) candidates.push(x);
  }
  return { n, t, x: candidates.length ? rng.choice(candidates) : -1 };
}

function wrong(s: Scenario) {
  return {
    wald: waldInterval(s.x, s.n, Z)[1],
    point: s.x / s.n,
    lower: wilsonInterval(s.x, s.n, Z)[0],
    oneSided: wilsonInterval(s.x, s.n, 1.645)[1],
  };
}

function acceptable(s: Scenario): boolean {
  if (s.x < 1) return false;
  return allApart([wilsonInterval(s.x, s.n, Z)[1], ...Object.values(wrong(s))], TOL);
}

const exercise: ExerciseDef = {
  id: 'asr-regression-check',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Regression safety checks',
  subsection: '6.4',
  stars: 3,
  defaultSeed: 6,
  generate(seed) {
    const rng = createRng(seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ n: 300, x: 9, t: 0.05 }));
    const [, hi] = wilsonInterval(s.x, s.n, Z);
    const w = wrong(s);
    const p = s.x / s.n;
    const passes = hi <= s.t;
    const z2 = Z * Z;
    const centre = p + z2 / (2 * s.n);
    const half = Z * Math.sqrt((p * (1 - p)) / s.n + z2 / (4 * s.n * s.n));
    const denom = 1 + z2 / s.n;
    const f4 = (v: number) => fixed(v, 4);
    const tStr = fixed(s.t, 2);
    const passText = `The upper bound $${f4(hi)} \\le ${tStr}$: even the pessimistic end of the interval is under the threshold, so the check passes.`;
    const failText = `The point estimate $${f4(p)}$ is under ${tStr}, but the check is on the upper bound, and $${f4(hi)} > ${tStr}$: with ${s.n} attacks the data cannot rule out an attack success rate above the threshold, so the check fails.`;
    return {
      seed,
      given: [String(s.n), String(s.x), tStr],
      prompt: [
        `Before a refreshed model replaces the current one, it faces a fixed suite of $n = ${s.n}$ red-team prompts. After triage, reviewers confirm $x = ${s.x}$ successful attacks.`,
        `The regression check passes only if the upper end of the two-sided 95% Wilson interval for the attack success rate is at most $${tStr}$:`,
        '$$\\frac{\\hat{p} + \\frac{z^2}{2n} \\pm z\\sqrt{\\frac{\\hat{p}(1-\\hat{p})}{n} + \\frac{z^2}{4n^2}}}{1 + \\frac{z^2}{n}}, \\qquad z = 1.96$$',
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: 'Compute the upper end of the Wilson interval, to four decimals.',
          answer: hi,
          tolerance: TOL,
          exact: `$\\text{upper} = ${exact(hi)}$`,
          mistakes: [
            { value: w.wald, message: 'That is the Wald bound $\\hat{p} + z\\sqrt{\\hat{p}(1-\\hat{p})/n}$. With few successes it is too optimistic; the check uses the Wilson interval.' },
            { value: w.point, message: 'That is the point estimate $\\hat{p} = x/n$. The check needs the upper end of its interval.' },
            { value: w.lower, message: 'That is the lower end of the Wilson interval (the minus sign). A safety check must look at the pessimistic, upper end.' },
            { value: w.oneSided, message: 'You used $z = 1.645$ (a one-sided 95% bound). This check is defined with the two-sided interval, $z = 1.96$.' },
          ],
        },
        {
          kind: 'choice',
          id: 'b',
          prompt: 'Using the exact bound from part (a), does the model pass the regression check?',
          multiple: false,
          choices: [
            { id: 'pass', label: `Pass: the bound is at most $${tStr}$`, correct: passes, explanation: passes ? passText : failText },
            { id: 'fail', label: `Fail: the bound exceeds $${tStr}$`, correct: !passes, explanation: passes ? passText : failText },
          ],
          mistakes: [{ selection: [passes ? 'fail' : 'pass'], message: passes ? passText : failText }],
        },
      ],
      hints: [
        `Start from $\\hat{p} = ${s.x}/${s.n} = ${f4(p)}$ and $z^2 = ${fixed(z2, 4)}$.`,
        `The centre term is $\\hat{p} + z^2/(2n) = ${f4(centre)}$ and the denominator is $1 + z^2/n = ${f4(denom)}$.`,
        'Take the plus sign for the upper end, then compare it (not $\\hat{p}$) with the threshold.',
      ],
      solution: [
        `$\\hat{p} = ${s.x}/${s.n} = ${f4(p)}$.`,
        `Centre: $${f4(p)} + ${fixed(z2, 4)}/(2 \\cdot ${s.n}) = ${f4(centre)}$. Half-width: $1.96\\sqrt{${f4(p)} \\cdot ${f4(1 - p)}/${s.n} + ${fixed(z2, 4)}/(4 \\cdot ${s.n}^2)} = ${f4(half)}$.`,
        `Upper end: $(${f4(centre)} + ${f4(half)})/${f4(denom)} = ${f4(hi)}$.`,
        passes ? passText : failText,
        `For comparison, the Wald bound would be $${f4(w.wald)}$.`,
      ],
    };
  },
};

export default exercise;
