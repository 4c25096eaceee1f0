import { reviewPriority, topK } from '@math/index';
import { createRng, drawUntil } from '../../helpers';
import { fixed, gridIn, intIn, LETTERS, round } from '../../format';
import type { ExerciseDef, Tex } from '../../types';

interface Item {
  name: string;
  r: number;
  h: number;
  d: number;
}
interface Scenario {
  wr: number;
  wu: number;
  wd: number;
  k: number;
  items: Item[];
}

const N_ITEMS = 6;

function draw(rng: ReturnType<typeof createRng>): Scenario {
  const u = rng.uniform;
  const wr = gridIn(u, 0.3, 0.6, 0.1);
  const wu = gridIn(u, 0.2, 0.4, 0.1);
  const wd = Math.round((1 - wr - wu) * 10) / 10;
  const items = LETTERS.slice(0, N_ITEMS).map((name) => ({ name, r: gridIn(u, 0.05, 0.95, 0.05), h: gridIn(u, 0.1, 1, 0.05), d: gridIn(u, 0, 0.9, 0.1) }));
  return { wr, wu, wd, k: intIn(u, 2, 3), items };
}

const scores = (s: Scenario) =>
  reviewPriority(
    s.items.map((i) => i.r),
    s.items.map((i) => i.h),
    s.items.map((i) => i.d),
    { risk: s.wr, uncertainty: s.wu, diversity: s.wd },
  );

const key = (idx: number[]) => [...idx].sort((a, b) => a - b).join(',');

function acceptable(s: Scenario): boolean {
  if (s.wd < 0.1) return false;
  const u = scores(s);
  const order = topK(u, N_ITEMS);
  // A clear gap at the budget's edge, so rounding cannot change who gets in.
  if (u[order[s.k - 1]!]! - u[order[s.k]!]! < 0.03) return false;
  const riskTop = topK(s.items.map((i) => i.r), s.k);
  // Ranking by risk alone must pick a different set (that is the slip the targeted message names),
  // and risk must have no ties at its own cut-off.
  const risks = s.items.map((i) => i.r).sort((a, b) => b - a);
  if (risks[s.k - 1] === risks[s.k]) return false;
  return key(riskTop) !== key(topK(u, s.k));
}

const fallback = (): Scenario => ({
  wr: 0.5,
  wu: 0.3,
  wd: 0.2,
  k: 2,
  items: [
    { name: 'A', r: 0.9, h: 0.2, d: 0.1 },
    { name: 'B', r: 0.55, h: 0.95, d: 0.6 },
    { name: 'C', r: 0.3, h: 0.5, d: 0.2 },
    { name: 'D', r: 0.7, h: 0.9, d: 0.5 },
    { name: 'E', r: 0.85, h: 0.15, d: 0 },
    { name: 'F', r: 0.2, h: 0.6, d: 0.9 },
  ],
});

const exercise: ExerciseDef = {
  id: 'queue-budget',
  lesson: 'human-in-the-loop-and-monitoring',
  title: 'Label budget',
  subsection: '2.2',
  stars: 1,
  defaultSeed: 3,
  generate(seed) {
    const rng = createRng(seed);
    const s = drawUntil(rng, draw, acceptable, fallback);
    const u = scores(s);
    const chosen = topK(u, s.k);
    const order = topK(u, N_ITEMS);
    // Ranks as the learner reads them from the three-decimal scores: equal scores share a rank.
    const shownU = u.map((x) => round(x, 3));
    const rank = (i: number) => 1 + shownU.filter((x) => x > shownU[i]!).length;
    const tied = (i: number) => shownU.some((x, j) => j !== i && x === shownU[i]);
    const byRisk = topK(s.items.map((i) => i.r), s.k);
    // A risky output that misses the cut (acceptable() guarantees one): the slip the exercise is about, worked once.
    const trap = byRisk.find((i) => !chosen.includes(i))!;
    const f2 = (x: number) => fixed(x, 2);
    const row = (it: Item) => `\\text{${it.name}} & ${f2(it.r)} & ${f2(it.h)} & ${f2(it.d)}`;
    const table = `$$\\begin{array}{c|ccc} \\text{output} & r_i & h_i & d_i \\\\ \\hline ${s.items.map(row).join(' \\\\ ')} \\end{array}$$`;
    const calc = (i: number) => `${f2(s.wr)}\\cdot${f2(s.items[i]!.r)} + ${f2(s.wu)}\\cdot${f2(s.items[i]!.h)} + ${f2(s.wd)}\\cdot${f2(s.items[i]!.d)} = ${fixed(u[i]!, 3)}`;
    const names = (idx: number[]) => [...idx].sort((a, b) => a - b).map((i) => s.items[i]!.name).join(', ');
    const weights = `$\\lambda_{\\mathrm{risk}} = ${f2(s.wr)}$, $\\lambda_{\\mathrm{unc}} = ${f2(s.wu)}$, $\\lambda_{\\mathrm{div}} = ${f2(s.wd)}$`;
    const given = [f2(s.wr), f2(s.wu), f2(s.wd), ...s.items.flatMap((i) => [f2(i.r), f2(i.h), f2(i.d)])];
    const explanation = (i: number): Tex =>
      `$u = ${calc(i)}$, rank ${rank(i)}${tied(i) ? ' (tied)' : ''} of ${N_ITEMS}: ` + (rank(i) <= s.k ? `inside the budget of ${s.k}.` : `outside the budget of ${s.k}.`);
    return {
      seed,
      given,
      prompt: [
        `This week's label budget pays for $k = ${s.k}$ more reviews. Six unlabeled outputs are waiting, and the queue admits the $k$ with the highest priority $u_i = \\lambda_{\\mathrm{risk}} r_i + \\lambda_{\\mathrm{unc}} h_i + \\lambda_{\\mathrm{div}} d_i$, using ${weights}.`,
        table,
      ].join('\n\n'),
      parts: [
        {
          kind: 'choice',
          id: 'a',
          prompt: `Select every output that gets one of the ${s.k} review slots.`,
          multiple: true,
          choices: s.items.map((it, i) => ({ id: it.name, label: `Output ${it.name}`, correct: chosen.includes(i), explanation: explanation(i) })),
          mistakes: [
            {
              selection: byRisk.map((i) => s.items[i]!.name),
              message: `Those are the ${s.k} outputs with the highest risk $r_i$ alone (${names(byRisk)}). The queue ranks by the combined score $u_i$, where uncertainty and diversity can lift a less risky output above a riskier one.`,
            },
          ],
        },
      ],
      hints: [
        'Compute $u_i$ for each of the six outputs; it is a weighted sum of the three columns.',
        `For example, output ${s.items[trap]!.name}, one of the ${s.k} riskiest, scores $${calc(trap)}$.`,
        `Sort the six scores from high to low and keep the first $k = ${s.k}$. Check the whole selection, not just the riskiest rows.`,
      ],
      solution: [
        ...order.map((i) => `Rank ${rank(i)}${tied(i) ? ' (tied)' : ''}, output ${s.items[i]!.name}: $u = ${calc(i)}$.`),
        `The budget admits the top ${s.k}: **${names(chosen)}**. Ranking by risk alone would have picked ${names(byRisk)} instead.`,
      ],
    };
  },
};

export default exercise;
