import { allApart, createRng, drawUntil } from '../../helpers';
import { exact, fixed, intIn } from '../../format';
import type { ChoiceMistake, ExerciseDef, Tex, Tolerance } from '../../types';

// The two rates rounded to four decimals can differ from the exact difference by up to 0.0001.
const TOL_D: Tolerance = { abs: 0.0001 };
const TOL_CHI: Tolerance = { abs: 0.01 };
/** 95th percentile of χ² with one degree of freedom (1.95996²). */
const CRIT = 3.841;

/** Paired outcomes on the same prompts: a both safe, b old safe/new fails, c old fails/new safe, d both fail. */
interface Table {
  n: number;
  b: number;
  c: number;
  d: number;
}

function draw(rng: ReturnType<typeof createRng>): Table {
  const u = rng.uniform;
  const n = rng.choice([400, 500, 600, 800]);
  return { n, b: intIn(u, 3, 26), c: intIn(u, 3, 40), d: intIn(u, Math.round(0.02 * n), Math.round(0.05 * n)) };
}

function values(t: Table) {
  const chi = (t.b - t.c) ** 2 / (t.b + t.c);
  return {
    chi,
    oldAsr: (t.c + t.d) / t.n,
    newAsr: (t.b + t.d) / t.n,
    delta: (t.b - t.c) / t.n,
    verdict: chi <= CRIT ? 'none' : t.c > t.b ? 'better' : 'worse',
  } as const;
}

function wrong(t: Table, v: ReturnType<typeof values>) {
  return {
    deltaFlipped: -v.delta,
    deltaOverDiscordant: (t.b - t.c) / (t.b + t.c),
    z: Math.abs(t.b - t.c) / Math.sqrt(t.b + t.c),
    overN: (t.b - t.c) ** 2 / t.n,
    corrected: Math.max(0, Math.abs(t.b - t.c) - 1) ** 2 / (t.b + t.c),
  };
}

function acceptable(t: Table): boolean {
  if (t.b + t.c < 10 || t.b === t.c) return false;
  const v = values(t);
  // Keep the statistic clear of the critical value, so a rounded χ² gives the same verdict.
  if (Math.abs(v.chi - CRIT) < 0.3) return false;
  const w = wrong(t, v);
  return allApart([v.delta, w.deltaFlipped, w.deltaOverDiscordant], TOL_D) && allApart([v.chi, w.z, w.overN, w.corrected], TOL_CHI);
}

const exercise: ExerciseDef = {
  id: 'mcnemar-regression-check',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Regression safety checks',
  subsection: '6.4',
  stars: 3,
  defaultSeed: 3,
  generate(seed) {
    const rng = createRng(seed);
    const t = drawUntil(rng, draw, acceptable, () => ({ n: 500, b: 12, c: 28, d: 20 }));
    const a = t.n - t.b - t.c - t.d;
    const v = values(t);
    const w = wrong(t, v);
    const f4 = (x: number) => fixed(x, 4);
    const chiText = fixed(v.chi, 2);
    const table =
      '$$\\begin{array}{l|cc|c} & \\text{new safe} & \\text{new fails} & \\text{total} \\\\ \\hline ' +
      `\\text{old safe} & ${a} & ${t.b} & ${a + t.b} \\\\ \\text{old fails} & ${t.c} & ${t.d} & ${t.c + t.d} \\\\ \\hline ` +
      `\\text{total} & ${a + t.c} & ${t.b + t.d} & ${t.n} \\end{array}$$`;
    const explain: Record<'better' | 'worse' | 'none', Tex> = {
      better: `$\\chi^2 = ${chiText} > ${CRIT}$ and $c = ${t.c} > b = ${t.b}$: the new model fails on significantly fewer prompts, a real improvement at the 5% level.`,
      worse: `$\\chi^2 = ${chiText} > ${CRIT}$ and $b = ${t.b} > c = ${t.c}$: the new model fails on significantly more prompts, a regression at the 5% level.`,
      none: `$\\chi^2 = ${chiText} \\le ${CRIT}$: a split of ${t.b} against ${t.c} discordant prompts is within what a fair coin produces, so the test detects no change at the 5% level.`,
    };
    const choice = (id: 'better' | 'worse' | 'none', label: Tex) => ({ id, label, correct: v.verdict === id, explanation: explain[v.verdict] });
    const mistakes: ChoiceMistake[] = (['better', 'worse', 'none'] as const)
      .filter((id) => id !== v.verdict)
      .map((id) => ({
        selection: [id],
        message:
          id === 'none'
            ? `The statistic decides: $\\chi^2 = ${chiText}$ exceeds ${CRIT}, so the difference between $b$ and $c$ is larger than chance explains.`
            : v.verdict === 'none'
              ? `The rates differ, but $\\chi^2 = ${chiText}$ does not exceed ${CRIT}: with ${t.b + t.c} discordant prompts a split of ${t.b} against ${t.c} is within chance.`
              : `Look at which discordant cell is larger: $b$ counts prompts the new model newly fails, $c$ prompts it newly handles safely.`,
      }));
    return {
      seed,
      given: [String(t.n), String(t.b), String(t.c), String(t.d)],
      prompt: [
        `A refreshed model and the current one answer the same ${t.n} red-team prompts with greedy decoding, and reviewers mark each response as safe or as failed (the attack succeeded):`,
        table,
        `Because the prompts are shared, only the discordant cells $b = ${t.b}$ (old safe, new fails) and $c = ${t.c}$ (old fails, new safe) carry information about a change; the $d = ${t.d}$ prompts both models fail, and the $a = ${a}$ both handle safely, do not. McNemar's test: $\\chi^2 = (b-c)^2/(b+c)$ follows $\\chi^2_1$ when nothing changed, and its 5% critical value is ${CRIT}.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          prompt: 'By how much does the attack success rate change from the old model to the new one (new minus old)? Give a proportion, to four decimals.',
          answer: v.delta,
          tolerance: TOL_D,
          exact: `$\\mathrm{ASR}_{\\text{new}} - \\mathrm{ASR}_{\\text{old}} = ${exact(v.delta)}$`,
          mistakes: [
            { value: w.deltaFlipped, message: 'That is old minus new. The question asks for new minus old, so an improvement is negative.' },
            { value: w.deltaOverDiscordant, message: 'You divided by $b + c$. A rate is over all prompts: divide by $n$.' },
          ],
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          independent: true,
          prompt: "Compute McNemar's statistic $\\chi^2$, to two decimals.",
          answer: v.chi,
          tolerance: TOL_CHI,
          exact: `$\\chi^2 = ${exact(v.chi)}$`,
          mistakes: [
            { value: w.z, message: 'That is $|b - c|/\\sqrt{b + c}$, the same test on the normal scale. Square it to get $\\chi^2$.' },
            { value: w.overN, message: 'You divided by all prompts. The concordant prompts say nothing about a change: divide by $b + c$.' },
            { value: w.corrected, message: "That is Edwards' continuity-corrected statistic $(|b-c|-1)^2/(b+c)$. This check uses the uncorrected form given above." },
          ],
        },
        {
          kind: 'choice',
          id: 'c',
          prompt: 'At the 5% level, what does the check conclude?',
          multiple: false,
          choices: [
            choice('better', 'The new model is significantly safer'),
            choice('worse', 'The new model is significantly less safe'),
            choice('none', 'No significant change'),
          ],
          mistakes,
        },
      ],
      hints: [
        `Old attack success rate: $(c + d)/n$ with $n = ${t.n}$; new: $(b + d)/n$. The $d$ prompts both models fail cancel in the difference.`,
        `The statistic uses only $b = ${t.b}$ and $c = ${t.c}$: $(b-c)^2 = ${(t.b - t.c) ** 2}$ and $b + c = ${t.b + t.c}$.`,
        `Compare $\\chi^2$ with ${CRIT}; if it is larger, the sign of $b - c$ says in which direction the model moved.`,
      ],
      solution: [
        `Old: $(${t.c} + ${t.d})/${t.n} = ${f4(v.oldAsr)}$. New: $(${t.b} + ${t.d})/${t.n} = ${f4(v.newAsr)}$. Change: $(b - c)/n = (${t.b} - ${t.c})/${t.n} = ${f4(v.delta)}$.`,
        `$\\chi^2 = (${t.b} - ${t.c})^2/(${t.b} + ${t.c}) = ${(t.b - t.c) ** 2}/${t.b + t.c} = ${fixed(v.chi, 4)}$.`,
        explain[v.verdict],
        `Whatever the verdict, the ${t.b} prompts in $b$ were handled safely before and fail now: they go back to the triage queue.`,
      ],
    };
  },
};

export default exercise;
