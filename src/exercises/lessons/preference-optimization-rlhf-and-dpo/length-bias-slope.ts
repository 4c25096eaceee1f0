import { mean } from '@math/index';
import { allApart, drawUntil } from '../../helpers';
import { eqShown, exact, fixed, gridIn, round, texInt, trimmed } from '../../format';
import type { ChoiceMistake, ExerciseDef, Tolerance } from '../../types';
import { LESSON, paren, rngFor, tex, type Rng } from './shared';

const TOL_B: Tolerance = { abs: 0.005 };
const TOL_G: Tolerance = { abs: 0.01 };
const N = 5;
const NAMES = ['A', 'B', 'C', 'D', 'E'] as const;

interface Scenario {
  /** Lengths in tokens, ascending. */
  len: number[];
  /** Reward-model scores, one decimal. */
  r: number[];
  /** The concise response and the long one that part (b) compares. */
  short: number;
  long: number;
}

function draw(rng: Rng): Scenario {
  const u = rng.uniform;
  const len = new Set<number>();
  while (len.size < N) len.add(gridIn(u, 80, 700, 10));
  const sorted = [...len].sort((a, b) => a - b);
  const slope = gridIn(u, 0.2, 0.6, 0.05) / 100;
  const a = gridIn(u, -0.5, 0.5, 0.1);
  const r = sorted.map((l) => Math.round((a + slope * l + rng.normal(0, 0.25)) * 10) / 10);
  return { len: sorted, r, short: rng.choice([0, 1]), long: rng.choice([3, 4]) };
}

function fit(s: Scenario) {
  const lBar = mean(s.len);
  const rBar = mean(s.r);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < N; i++) {
    sxy += (s.len[i]! - lBar) * (s.r[i]! - rBar);
    sxx += (s.len[i]! - lBar) ** 2;
    syy += (s.r[i]! - rBar) ** 2;
  }
  return { lBar, rBar, sxy, sxx, syy, slope: sxy / sxx };
}

function values(s: Scenario) {
  const f = fit(s);
  const b100 = 100 * f.slope;
  const raw = s.r[s.short]! - s.r[s.long]!;
  const dLen = s.len[s.short]! - s.len[s.long]!;
  const adjusted = raw - f.slope * dLen;
  let sxyRaw = 0;
  let sxxRaw = 0;
  for (let i = 0; i < N; i++) {
    sxyRaw += s.len[i]! * s.r[i]!;
    sxxRaw += s.len[i]! ** 2;
  }
  return {
    f,
    b100,
    raw,
    dLen,
    adjusted,
    wrongB: {
      perToken: f.slope,
      inverse: (100 * f.sxy) / f.syy,
      correlation: f.sxy / Math.sqrt(f.sxx * f.syy),
      endpoints: (100 * (s.r[N - 1]! - s.r[0]!)) / (s.len[N - 1]! - s.len[0]!),
      noMean: (100 * sxyRaw) / sxxRaw,
    },
    wrongAdj: { raw, signFlip: raw + f.slope * dLen, units: raw - b100 * dLen },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  const rho = v.wrongB.correlation;
  // A clear length effect, the raw scores favour the long answer, and the adjusted verdict is clear-cut.
  if (!(rho > 0.6) || v.b100 < 0.1 || v.raw >= -0.1 || Math.abs(v.adjusted) < 0.1) return false;
  return allApart([v.b100, ...Object.values(v.wrongB)], TOL_B) && allApart([v.adjusted, ...Object.values(v.wrongAdj)], TOL_G);
}

const exercise: ExerciseDef = {
  id: 'length-bias-slope',
  lesson: LESSON,
  title: 'Length bias',
  subsection: '7.3',
  stars: 3,
  defaultSeed: 2,
  generate(seed) {
    const rng = rngFor('length-bias-slope', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ len: [120, 180, 300, 450, 620], r: [0.8, 0.5, 1.1, 1.4, 2.1], short: 0, long: 4 }));
    const v = values(s);
    const f1 = (x: number) => fixed(x, 1);
    const f3 = (x: number) => fixed(x, 3);
    const f4 = (x: number) => fixed(x, 4);
    const S = NAMES[s.short]!;
    const L = NAMES[s.long]!;
    const flips = v.adjusted > 0;
    const verdict = flips
      ? tex`Once each response is credited only for what it scores beyond the length trend, ${S} comes out ahead by $${f3(v.adjusted)}$: the raw preference for ${L} is explained by its extra ${-v.dLen} tokens, and the ranking flips.`
      : tex`Even after removing the length trend, ${L} stays ahead by $${f3(-v.adjusted)}$: its extra ${-v.dLen} tokens explain part of its higher score, but not all of it, so the ranking stands.`;
    const choiceMistakes: ChoiceMistake[] = [
      {
        selection: [flips ? 'long' : 'short'],
        message: flips
          ? tex`The raw scores favour ${L}, but the length-adjusted gap from part (b) is positive: at equal length the model prefers ${S}.`
          : tex`The adjustment narrows the gap but does not close it: the length-adjusted gap from part (b) is still negative, so ${L} stays ahead.`,
      },
    ];
    const row = (xs: number[], fmt: (x: number) => string) => xs.map(fmt).join(' & ');
    return {
      seed,
      given: [...s.len.map(String), ...s.r.map(f1)],
      prompt: [
        tex`A reward model that will steer a safety-tuned assistant is audited for length bias. For one prompt asking how to store medication safely around children, it scores five candidate answers:`,
        tex`$$\begin{array}{l|ccccc} \text{response} & ${NAMES.map((n) => tex`\text{${n}}`).join(' & ')} \\ \hline \text{length } \ell \text{ (tokens)} & ${row(s.len, String)} \\ r_\phi(x, y) & ${row(s.r, f1)} \end{array}$$`,
        tex`The audit fits the least-squares line $r \approx \hat a + \hat b\,\ell$ within this prompt,`,
        tex`$$\hat b = \frac{\sum_i(\ell_i - \bar\ell)(r_i - \bar r)}{\sum_i(\ell_i - \bar\ell)^2}, \qquad \hat a = \bar r - \hat b\,\bar\ell,$$`,
        tex`and compares responses by their residuals $r_i - (\hat a + \hat b\,\ell_i)$, that is, at equal length.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: tex`Compute the slope $\hat b$, expressed as reward per 100 tokens, to three decimals.`,
          answer: v.b100,
          tolerance: TOL_B,
          exact: tex`$100\,\hat b = ${exact(v.b100)}$ per 100 tokens`,
          mistakes: [
            { value: v.wrongB.perToken, message: tex`That is the slope per token. The question asks per 100 tokens: multiply by 100.` },
            { value: v.wrongB.inverse, message: tex`You divided by the spread of the rewards, $\sum(r_i - \bar r)^2$: that regresses length on reward. The slope of reward on length divides by $\sum(\ell_i - \bar\ell)^2$.` },
            { value: v.wrongB.correlation, message: tex`That is the correlation $\hat\rho$, which has no units. The slope divides the cross-products by the squared length deviations only.` },
            { value: v.wrongB.endpoints, message: tex`That is the slope between the shortest and the longest response only. Least squares uses all five points.` },
            { value: v.wrongB.noMean, message: tex`You forgot to subtract the means: $\sum \ell_i r_i / \sum \ell_i^2$ is the slope of a line forced through the origin. Centre both variables first.` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          prompt: tex`Using the exact slope, compute the length-adjusted gap between ${S} and ${L}: the difference of their residuals, $(r_${S} - r_${L}) - \hat b\,(\ell_${S} - \ell_${L})$. Three decimals.`,
          answer: v.adjusted,
          tolerance: TOL_G,
          exact: tex`$\text{gap} = ${exact(v.adjusted)}$`,
          mistakes: [
            { value: v.wrongAdj.raw, message: tex`That is the raw score gap $r_${S} - r_${L}$. Subtract the part the length difference predicts, $\hat b\,(\ell_${S} - \ell_${L})$.` },
            { value: v.wrongAdj.signFlip, message: tex`Sign error in the adjustment: ${S} is shorter, so $\ell_${S} - \ell_${L} < 0$ and subtracting $\hat b\,(\ell_${S} - \ell_${L})$ raises ${S}'s side of the gap.` },
            { value: v.wrongAdj.units, message: tex`You multiplied the slope per 100 tokens by a length difference in tokens. Use the per-token slope, or divide the length difference by 100.` },
          ],
        },
        {
          kind: 'choice',
          id: 'c',
          prompt: tex`At equal length, which of ${S} and ${L} does the reward model prefer?`,
          multiple: false,
          choices: [
            { id: 'short', label: tex`${S}, the shorter one: the raw preference flips`, correct: flips, explanation: verdict },
            { id: 'long', label: tex`${L}, the longer one: the raw preference stands`, correct: !flips, explanation: verdict },
          ],
          mistakes: choiceMistakes,
        },
      ],
      hints: [
        tex`Means first: $\bar\ell = ${f1(v.f.lBar)}$ tokens and $\bar r = ${f4(v.f.rBar)}$.`,
        tex`Then the two sums: cross-products $\sum(\ell_i - \bar\ell)(r_i - \bar r)$ and squared length deviations $\sum(\ell_i - \bar\ell)^2$; the slope is their ratio, per token.`,
        tex`For part (b), the residual gap is the raw gap minus what the line predicts from the length gap $\ell_${S} - \ell_${L} = ${v.dLen}$.`,
      ],
      solution: [
        tex`$\bar\ell = ${f1(v.f.lBar)}$, $\bar r = ${f4(v.f.rBar)}$. Cross-products sum to $${trimmed(v.f.sxy, 3)}$; squared length deviations to $${texInt(v.f.sxx)}$.`,
        tex`$\hat b = ${trimmed(v.f.sxy, 3)}/${texInt(v.f.sxx)} = ${fixed(v.f.slope, 6)}$ per token, i.e. $${f3(v.b100)}$ per 100 tokens (correlation $\hat\rho = ${fixed(v.wrongB.correlation, 2)}$).`,
        tex`Raw gap $r_${S} - r_${L} = ${f1(s.r[s.short]!)} - ${paren(f1(s.r[s.long]!))} = ${f1(v.raw)}$; length gap $${v.dLen}$ tokens; adjusted gap $${f1(v.raw)} - ${fixed(v.f.slope, 6)} \times (${v.dLen}) ${eqShown(v.adjusted, round(v.raw, 1) - round(v.f.slope, 6) * v.dLen, 3)} ${f3(v.adjusted)}$.`,
        verdict,
        'The audit cannot say which answer is better; it says how much of the score a token count explains. If slopes like this are common across prompts, a policy trained on this reward learns to pad its answers, safety caveats included, because length pays: penalise length in the reward or compare responses at matched length.',
      ],
    };
  },
};

export default exercise;
