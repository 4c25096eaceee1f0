import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn, intIn } from '../../format';
import type { ExerciseDef, Tolerance } from '../../types';
import { LESSON, paren, rngFor, tex, type Rng } from './shared';

const TOL: Tolerance = { abs: 0.002 };

/** A probability written as mantissa × 10^exponent, as it is shown in the prompt. */
interface Sci {
  m: number;
  e: number;
}
interface Scenario {
  beta: number;
  pol1: Sci;
  ref1: Sci;
  pol2: Sci;
  ref2: Sci;
  /** How much larger the implicit reward of a response to another prompt is (part c). */
  bump: number;
}

const val = (x: Sci) => x.m * 10 ** x.e;
const sciTex = (x: Sci) => `${fixed(x.m, 1)} \\times 10^{${x.e}}`;

function drawPair(rng: Rng): [Sci, Sci] {
  const u = rng.uniform;
  const e = intIn(u, -14, -6);
  const ref: Sci = { m: gridIn(u, 1, 9.9, 0.1), e };
  const pol: Sci = { m: gridIn(u, 1, 9.9, 0.1), e: e + intIn(u, -1, 1) };
  return [pol, ref];
}

function draw(rng: Rng): Scenario {
  const beta = rng.choice([0.1, 0.2, 0.5]);
  const [pol1, ref1] = drawPair(rng);
  const [pol2, ref2] = drawPair(rng);
  return { beta, pol1, ref1, pol2, ref2, bump: rng.choice([0.1, 0.2, 0.3]) };
}

function values(s: Scenario) {
  const rho1 = val(s.pol1) / val(s.ref1);
  const rho2 = val(s.pol2) / val(s.ref2);
  const r1 = s.beta * Math.log(rho1);
  const r2 = s.beta * Math.log(rho2);
  return {
    rho1,
    rho2,
    r1,
    r2,
    diff: r1 - r2,
    wrong1: { noBeta: Math.log(rho1), log10: s.beta * Math.log10(rho1), log2: s.beta * Math.log2(rho1), noLog: s.beta * rho1, divided: Math.log(rho1) / s.beta },
    wrongDiff: { noBeta: (r1 - r2) / s.beta, log10: s.beta * Math.log10(rho1 / rho2), swapped: r2 - r1, ratioGap: s.beta * (rho1 - rho2) },
  };
}

function acceptable(s: Scenario): boolean {
  const v = values(s);
  const l1 = Math.abs(Math.log(v.rho1));
  const l2 = Math.abs(Math.log(v.rho2));
  if (l1 < 0.3 || l1 > 3 || l2 < 0.3 || l2 > 3 || Math.abs(v.diff) < 0.05) return false;
  return allApart([v.r1, ...Object.values(v.wrong1)], TOL) && allApart([v.diff, ...Object.values(v.wrongDiff)], TOL);
}

const rotate = <T,>(items: T[], k: number): T[] => [...items.slice(k), ...items.slice(0, k)];

const exercise: ExerciseDef = {
  id: 'implicit-reward',
  lesson: LESSON,
  title: 'Implicit reward',
  subsection: '5.2',
  stars: 2,
  defaultSeed: 1,
  generate(seed) {
    const rng = rngFor('implicit-reward', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({
      beta: 0.1,
      pol1: { m: 6.4, e: -9 },
      ref1: { m: 1.6, e: -9 },
      pol2: { m: 2.5, e: -12 },
      ref2: { m: 7.5, e: -12 },
      bump: 0.2,
    }));
    const v = values(s);
    const turn = rng.choice([0, 1, 2]);
    const b = String(s.beta);
    const f4 = (x: number) => fixed(x, 4);
    const bump = fixed(s.bump, 1);
    const explainNothing = tex`Each prompt has its own normaliser: the reward the policy encodes is $\hat r_\theta(x, y) + \beta\log Z(x)$, and $Z(x')$ need not equal $Z(x)$. Comparing implicit rewards across prompts mixes in that unknown difference, so a gap of $${bump}$ says nothing about which response is better.`;
    const shortNothing = tex`Implicit rewards leave out $\beta\log Z$, which differs from prompt to prompt, so a gap across prompts can come from the normalisers alone.`;
    const pPref = fixed(1 / (1 + Math.exp(-s.bump)), 3);
    const explainPrefer = tex`Bradley–Terry compares two responses to the same prompt. Across prompts the gap also holds $\beta\log Z(x') - \beta\log Z(x)$, which is unknown, so $\sigma(${bump})$ is not a preference probability.`;
    return {
      seed,
      given: [b, fixed(s.pol1.m, 1), fixed(s.ref1.m, 1), fixed(s.pol2.m, 1), fixed(s.ref2.m, 1), String(s.pol1.e), String(s.ref1.e), String(s.pol2.e), String(s.ref2.e), bump],
      prompt: [
        tex`A DPO-trained policy $\pi_\theta$ and its reference $\pi_{\mathrm{ref}}$ are asked for the probability of two complete responses to the same prompt $x$. Training used $\beta = ${b}$.`,
        tex`$$\begin{array}{l|cc} & \pi_\theta(\cdot \mid x) & \pi_{\mathrm{ref}}(\cdot \mid x) \\ \hline y_1 & ${sciTex(s.pol1)} & ${sciTex(s.ref1)} \\ y_2 & ${sciTex(s.pol2)} & ${sciTex(s.ref2)} \end{array}$$`,
        tex`DPO reads a reward out of the policy, its implicit reward $\hat r_\theta(x, y) = \beta \log\frac{\pi_\theta(y \mid x)}{\pi_{\mathrm{ref}}(y \mid x)}$ (natural log). When $\pi_\theta$ is the KL-optimal policy for a reward $r$, this equals $r(x, y)$ minus a constant $\beta\log Z(x)$ that depends on the prompt only.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: tex`Compute the implicit reward $\hat r_\theta(x, y_1)$, to three decimals.`,
          answer: v.r1,
          tolerance: TOL,
          exact: tex`$\hat r_\theta(x, y_1) = ${exact(v.r1)}$`,
          mistakes: [
            { value: v.wrong1.noBeta, message: tex`That is the log-ratio $\ln(\pi_\theta/\pi_{\mathrm{ref}})$ itself, without $\beta$. The implicit reward scales it by $\beta = ${b}$.` },
            { value: v.wrong1.log10, message: tex`You used $\log_{10}$. The implicit reward comes from $e^{r/\beta}$ in the optimal policy, so its logarithm is natural.` },
            { value: v.wrong1.log2, message: tex`You used $\log_2$. The implicit reward comes from $e^{r/\beta}$ in the optimal policy, so its logarithm is natural.` },
            { value: v.wrong1.noLog, message: tex`That is $\beta$ times the probability ratio. The implicit reward uses the logarithm of the ratio.` },
            { value: v.wrong1.divided, message: tex`You divided by $\beta$. The reward is $\beta$ times the log-ratio (the optimal policy tilts by $e^{r/\beta}$, so inverting multiplies by $\beta$).` },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          prompt: tex`Compute the implicit reward difference $\hat r_\theta(x, y_1) - \hat r_\theta(x, y_2)$, to three decimals.`,
          answer: v.diff,
          tolerance: TOL,
          exact: tex`$\hat r_\theta(x, y_1) - \hat r_\theta(x, y_2) = ${exact(v.diff)}$`,
          mistakes: [
            { value: v.wrongDiff.noBeta, message: tex`That is the difference of log-ratios without $\beta$. Both implicit rewards carry the factor $\beta = ${b}$.` },
            { value: v.wrongDiff.log10, message: tex`You used $\log_{10}$. Use the natural logarithm.` },
            { value: v.wrongDiff.swapped, message: tex`That is $\hat r_\theta(x, y_2) - \hat r_\theta(x, y_1)$. The question subtracts $y_2$'s reward from $y_1$'s.` },
            { value: v.wrongDiff.ratioGap, message: tex`You subtracted the probability ratios. Take the logarithm of each ratio first, then subtract.` },
          ],
        },
        {
          kind: 'choice',
          id: 'c',
          independent: true,
          prompt: tex`For a different prompt $x'$, the same policy gives a response $y_3$ an implicit reward $${bump}$ higher than $\hat r_\theta(x, y_1)$. What follows?`,
          multiple: false,
          // The right answer is the same concept every time, so its place in the list varies instead.
          choices: rotate([
            { id: 'higher', label: tex`$y_3$ has a higher true reward than $y_1$.`, correct: false, explanation: shortNothing },
            { id: 'nothing', label: tex`Nothing: the gap of $${bump}$ could come entirely from the two prompts' normalisers.`, correct: true, explanation: shortNothing },
            { id: 'prefer', label: tex`A labeler comparing $y_3$ with $y_1$ would prefer $y_3$ with probability $\sigma(${bump}) = ${pPref}$.`, correct: false, explanation: explainPrefer },
          ], turn),
          mistakes: [{ selection: ['higher'], message: explainNothing }],
        },
      ],
      hints: [
        'Divide the probabilities first; the powers of ten are part of the ratio.',
        tex`$\rho_1 = \pi_\theta(y_1 \mid x)/\pi_{\mathrm{ref}}(y_1 \mid x) = ${f4(v.rho1)}$; then $\hat r_\theta = ${b} \ln \rho_1$, with the natural logarithm.`,
        tex`For part (c), recall $r(x, y) = \beta\log\frac{\pi^*(y \mid x)}{\pi_{\mathrm{ref}}(y \mid x)} + \beta\log Z(x)$: which term depends on the prompt only?`,
      ],
      solution: [
        tex`Ratios: $\rho_1 = \frac{${sciTex(s.pol1)}}{${sciTex(s.ref1)}} = ${f4(v.rho1)}$ and $\rho_2 = \frac{${sciTex(s.pol2)}}{${sciTex(s.ref2)}} = ${f4(v.rho2)}$.`,
        tex`$\hat r_\theta(x, y_1) = ${b} \ln ${f4(v.rho1)} = ${b} \times ${paren(f4(Math.log(v.rho1)))} = ${f4(v.r1)}$ and $\hat r_\theta(x, y_2) = ${b} \times ${paren(f4(Math.log(v.rho2)))} = ${f4(v.r2)}$.`,
        tex`Difference: $${f4(v.r1)} - ${v.r2 < 0 ? `(${f4(v.r2)})` : f4(v.r2)} = ${f4(v.diff)}$, the same as $${b} \ln(\rho_1/\rho_2)$. Under Bradley–Terry this gives $P(y_1 \succ y_2) = \sigma(${f4(v.diff)}) = ${f4(1 / (1 + Math.exp(-v.diff)))}$.`,
        tex`Part (c): ${explainNothing}`,
      ],
    };
  },
};

export default exercise;
