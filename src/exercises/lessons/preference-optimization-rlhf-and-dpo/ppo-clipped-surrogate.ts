import { allApart, drawUntil } from '../../helpers';
import { exact, fixed, gridIn } from '../../format';
import type { Choice, ChoiceMistake, ExerciseDef, NumericMistake, Tex, Tolerance } from '../../types';
import { LESSON, rngFor, tex, type Rng } from './shared';

const TOL: Tolerance = { abs: 0.002 };
const EPS = 0.2;

interface Token {
  ratio: number;
  adv: number;
}
interface Scenario {
  /** Token from the safe refusal: positive advantage. */
  good: Token;
  /** Token from the harmful continuation: negative advantage. */
  bad: Token;
}

/** A ratio clearly outside the clip range [0.8, 1.2], on a random side. */
const outsideRatio = (rng: Rng) => (rng.bernoulli(0.5) ? gridIn(rng.uniform, 1.25, 1.6, 0.01) : gridIn(rng.uniform, 0.5, 0.75, 0.01));

function draw(rng: Rng): Scenario {
  return {
    good: { ratio: outsideRatio(rng), adv: gridIn(rng.uniform, 0.5, 2.5, 0.1) },
    bad: { ratio: outsideRatio(rng), adv: -gridIn(rng.uniform, 0.5, 2.5, 0.1) },
  };
}

const clip = (r: number) => Math.min(1 + EPS, Math.max(1 - EPS, r));

function term(t: Token) {
  const unclipped = t.ratio * t.adv;
  const clipped = clip(t.ratio) * t.adv;
  const value = Math.min(unclipped, clipped);
  return { unclipped, clipped, value, usesClip: clipped < unclipped, other: clipped < unclipped ? unclipped : clipped, clipOnly: clip(t.ratio) };
}

function acceptable(s: Scenario): boolean {
  const g = term(s.good);
  const b = term(s.bad);
  return allApart([g.value, g.other, g.clipOnly, s.good.ratio], TOL) && allApart([b.value, b.other, b.clipOnly, s.bad.ratio], TOL);
}

/** Which tokens still get a gradient: the min picked the unclipped term, which depends on θ. */
function gradientSet(s: Scenario): string {
  const g = !term(s.good).usesClip;
  const b = !term(s.bad).usesClip;
  return g && b ? 'both' : g ? 'good' : b ? 'bad' : 'neither';
}

/** The answer under the slip "negative advantages are clipped like positive ones" (mirror the rule). */
function mirroredSet(s: Scenario): string {
  const g = s.good.ratio < 1 - EPS;
  const b = s.bad.ratio < 1 - EPS;
  return g && b ? 'both' : g ? 'good' : b ? 'bad' : 'neither';
}

function explainToken(name: Tex, t: Token): Tex {
  const x = term(t);
  const f2 = (v: number) => fixed(v, 2);
  const f3 = (v: number) => fixed(v, 3);
  const pick = x.usesClip ? 'clipped' : 'unclipped';
  const why = x.usesClip
    ? t.adv > 0
      ? 'its probability has already risen past the clip range, so further increases earn nothing and the term is flat in $\\theta$: no gradient'
      : 'its probability has already fallen past the clip range, so further decreases earn nothing and the term is flat in $\\theta$: no gradient'
    : t.adv > 0
      ? 'its probability fell although the token was good; the objective charges the full loss, and the gradient pushes the probability back up'
      : 'its probability rose although the token was bad; the objective charges the full loss, and the gradient keeps pushing the probability down';
  const a = t.adv < 0 ? `(${fixed(t.adv, 1)})` : fixed(t.adv, 1);
  return tex`${name}: $\min(${f2(t.ratio)} \times ${a},\ ${f2(x.clipOnly)} \times ${a}) = \min(${f3(x.unclipped)},\ ${f3(x.clipped)}) = ${f3(x.value)}$, the ${pick} term; ${why}.`;
}

/** One short line per token for the choice notes: which term the min keeps, and what that means. */
function shortToken(name: string, t: Token): Tex {
  const x = term(t);
  return x.usesClip
    ? tex`${name} keeps the clipped term ($${fixed(x.value, 3)}$), a constant: no gradient.`
    : tex`${name} keeps the unclipped term ($${fixed(x.value, 3)}$), which moves with $\theta$: it gets a gradient.`;
}

function numericMistakes(t: Token, label: string): NumericMistake[] {
  const x = term(t);
  const sideMsg = x.usesClip
    ? tex`That is the unclipped term $\rho\hat A$. Here the clipped term is smaller, and the $\min$ keeps the smaller one: PPO gives no extra credit for moving ${label} further than the clip range allows.`
    : t.adv < 0
      ? tex`That is the clipped term. With a negative advantage the $\min$ keeps the more negative value, which here is the unclipped $\rho\hat A$: clipping never hides a bad token whose probability went up.`
      : tex`That is the clipped term. With $\rho < 0.8$ the unclipped $\rho\hat A$ is smaller, and the $\min$ keeps it: clipping never hides a good token whose probability went down.`;
  return [
    { value: x.other, message: sideMsg },
    { value: x.clipOnly, message: tex`That is the clipped ratio alone. Multiply it by the advantage $\hat A$.` },
    { value: t.ratio, message: tex`That is the ratio $\rho$ itself. The objective multiplies it by the advantage $\hat A$.` },
  ];
}

const exercise: ExerciseDef = {
  id: 'ppo-clipped-surrogate',
  lesson: LESSON,
  title: 'PPO objective',
  subsection: '4.3',
  stars: 3,
  defaultSeed: 3,
  generate(seed) {
    const rng = rngFor('ppo-clipped-surrogate', seed);
    const s = drawUntil(rng, draw, acceptable, () => ({ good: { ratio: 1.35, adv: 1.4 }, bad: { ratio: 1.3, adv: -1.8 } }));
    const g = term(s.good);
    const b = term(s.bad);
    const f1 = (v: number) => fixed(v, 1);
    const f2 = (v: number) => fixed(v, 2);
    const correct = gradientSet(s);
    const mirrored = mirroredSet(s);
    const explainG = explainToken('Token 1', s.good);
    const explainB = explainToken('Token 2', s.bad);
    const both = `${shortToken('Token 1', s.good)} ${shortToken('Token 2', s.bad)}`;
    const options: { id: string; label: Tex }[] = [
      { id: 'good', label: 'Only token 1' },
      { id: 'bad', label: 'Only token 2' },
      { id: 'both', label: 'Both tokens' },
      { id: 'neither', label: 'Neither token' },
    ];
    // A wrong option is told only about the token it gets wrong, so one wrong pick does not give away the whole answer.
    const claims: Record<string, [boolean, boolean]> = { good: [true, false], bad: [false, true], both: [true, true], neither: [false, false] };
    const wrongOn = (id: string) =>
      [claims[id]![0] !== !g.usesClip && shortToken('Token 1', s.good), claims[id]![1] !== !b.usesClip && shortToken('Token 2', s.bad)].filter(Boolean).join(' ');
    const choices: Choice[] = options.map((o) => ({ ...o, correct: o.id === correct, explanation: o.id === correct ? both : wrongOn(o.id) }));
    const mistakes: ChoiceMistake[] = [];
    if (correct !== 'neither') {
      mistakes.push({
        selection: ['neither'],
        message: tex`A ratio outside $[0.8, 1.2]$ does not switch the gradient off by itself. The $\min$ keeps the unclipped term whenever it is the smaller one, and then the gradient flows.`,
      });
    }
    if (mirrored !== correct && mirrored !== 'neither') {
      mistakes.push({
        selection: [mirrored],
        message: tex`For a negative advantage the roles of the two clip edges swap. A bad token whose probability rose ($\rho > 1.2$) keeps its gradient; one whose probability already fell below $0.8$ is the one that is clipped.`,
      });
    }
    return {
      seed,
      given: [f2(s.good.ratio), f1(s.good.adv), f2(s.bad.ratio), f1(s.bad.adv)],
      prompt: [
        tex`During RLHF with PPO, a safety-aware reward model scores a batch of sampled responses. Two tokens from that batch, with their probability ratios $\rho = \pi_\theta(y_t \mid s_t)/\pi_{\theta_{\mathrm{old}}}(y_t \mid s_t)$ after a few gradient steps and their advantages $\hat A$:`,
        tex`**Token 1**, from a response that declined a harmful request and pointed to safe resources: $\rho = ${f2(s.good.ratio)}$, $\hat A = ${f1(s.good.adv)}$.`,
        tex`**Token 2**, the first token of a response that began to comply with that request: $\rho = ${f2(s.bad.ratio)}$, $\hat A = ${f1(s.bad.adv)}$.`,
        tex`Each token contributes $\min\big(\rho\hat A,\ \operatorname{clip}(\rho, 1-\epsilon, 1+\epsilon)\,\hat A\big)$ to the objective PPO maximises, with $\epsilon = 0.2$.`,
      ].join('\n\n'),
      parts: [
        {
          kind: 'numeric',
          id: 'a',
          plain: true,
          prompt: 'Compute token 1\'s contribution to the clipped objective, to three decimals.',
          answer: g.value,
          tolerance: TOL,
          exact: tex`$L_1 = ${exact(g.value)}$`,
          mistakes: numericMistakes(s.good, 'a good token'),
        },
        {
          kind: 'numeric',
          id: 'b',
          plain: true,
          independent: true,
          prompt: 'Compute token 2\'s contribution, to three decimals.',
          answer: b.value,
          tolerance: TOL,
          exact: tex`$L_2 = ${exact(b.value)}$`,
          mistakes: numericMistakes(s.bad, 'a bad token'),
        },
        {
          kind: 'choice',
          id: 'c',
          prompt: tex`Which of the two tokens still receives a gradient from its term, i.e. has a term that changes with $\theta$ near the current policy?`,
          multiple: false,
          choices,
          mistakes,
        },
      ],
      hints: [
        tex`Clip each ratio to $[0.8, 1.2]$ first: token 1 becomes $${f2(g.clipOnly)}$ and token 2 becomes $${f2(b.clipOnly)}$.`,
        tex`Multiply both the raw and the clipped ratio by $\hat A$ and keep the smaller product. With a negative $\hat A$, "smaller" means more negative.`,
        'A term has a gradient only if the min picked the unclipped product, because the clipped one is a constant once the ratio is outside the range.',
      ],
      solution: [
        explainG,
        explainB,
        correct === 'neither'
          ? tex`So the answer to (c) is: neither token. Both have already moved the right way past the clip edge, so PPO stops pushing them; had either moved the wrong way, the $\min$ would have kept its unclipped term, and its gradient.`
          : tex`So the answer to (c) is: ${options.find((o) => o.id === correct)!.label.toLowerCase()}. Clipping removes the incentive to overshoot; it never removes the incentive to undo a move in the wrong direction, which is exactly what a safety reward needs.`,
      ],
    };
  },
};

export default exercise;
