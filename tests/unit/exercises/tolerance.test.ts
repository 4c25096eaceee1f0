import { describe, expect, it } from 'vitest';
import { describeTolerance, gradeNumeric, withinTolerance } from '../../../src/exercises/grade';
import { allExercises } from '../../../src/exercises/registry';

describe('describeTolerance', () => {
  it('says in words what withinTolerance accepts', () => {
    expect(describeTolerance({ abs: 0.002 })).toBe('Accepted within ±0.002.');
    expect(describeTolerance({ abs: 0.0005 })).toBe('Accepted within ±0.0005.');
    expect(describeTolerance({ rel: 0.01 })).toBe('Accepted within ±1% of the answer.');
    expect(describeTolerance({ abs: 0.05, rel: 0.005 })).toBe('Accepted within ±0.05 or ±0.5% of the answer, whichever is wider.');
    expect(describeTolerance({ abs: 0 })).toBe('Only the exact value is accepted.');
    expect(describeTolerance({})).toBe('Only the exact value is accepted.');
  });
});

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4 };

// The exercise pages promise: never tighter than one unit of the last decimal asked for, and a
// count is exact. Checked on several variants of every exercise.
describe('every numeric part keeps the precision its prompt asks for', () => {
  for (const def of allExercises) {
    it(def.id, () => {
      for (const seed of [def.defaultSeed, 1, 2, 3, 4, 5]) {
        const v = def.generate(seed);
        for (const part of v.parts) {
          if (part.kind !== 'numeric') continue;
          const asked = part.prompt.match(/\b(one|two|three|four)\s+decimals?\b|\((one|two|three|four) decimals\)/i);
          const where = `${def.id} (${part.id}) at seed ${seed}`;
          if (!asked) {
            // No decimals asked: a count, whole and exact, or a share that may be typed as a percentage.
            if (/percentage/.test(part.prompt)) continue;
            expect(Number.isInteger(part.answer), `${where} is a count`).toBe(true);
            expect(withinTolerance(part.answer + 0.5, part.answer, part.tolerance), `${where} half a unit off`).toBe(false);
            continue;
          }
          const n = WORDS[(asked[1] ?? asked[2])!.toLowerCase()]!;
          const unit = 10 ** -n;
          const rounded = Number(part.answer.toFixed(n));
          expect(withinTolerance(rounded, part.answer, part.tolerance), `${where}: the rounded answer`).toBe(true);
          expect(withinTolerance(part.answer + unit * 0.999, part.answer, part.tolerance), `${where}: one unit above`).toBe(true);
          expect(withinTolerance(part.answer - unit * 0.999, part.answer, part.tolerance), `${where}: one unit below`).toBe(true);
        }
      }
    });
  }
});

// Only a share (a probability, a proportion, a rate) may be typed as a percentage; a loss, a
// reward or a statistic typed with % is a unit slip. Every other non-count part is plain. DPO's
// weight σ(−m) is a probability (of the wrong ordering), so it is a share.
const SHARES = new Set([
  'escalation-cost a', 'kappa-table a', 'mcnemar-regression-check a', 'plackett-luce a', 'plackett-luce b', 'release-gate a',
  'reviewer-load a', 'weighted-violation-rate b', 'bradley-terry-probability a', 'dpo-gradient-weights a', 'kl-optimal-policy a', 'rewardbench-safety-gate a', 'rewardbench-safety-gate b',
]);

describe('percent forms', () => {
  it('every numeric part that is not a share or a count is plain, and refuses a reply written with %', () => {
    const seen = new Set<string>();
    for (const def of allExercises) {
      const v = def.generate(def.defaultSeed);
      for (const part of v.parts) {
        if (part.kind !== 'numeric') continue;
        // A count is whole and has no percent form either ("400%" once passed for 4 outputs).
        if (part.integer) {
          expect(gradeNumeric(`${part.answer * 100}%`, part).state, `${def.id} ${part.id}`).toBe('targeted');
          continue;
        }
        const key = `${def.id} ${part.id}`;
        seen.add(key);
        expect(Boolean(part.plain), key).toBe(!SHARES.has(key));
        const asPercent = `${part.answer * 100}%`;
        expect(gradeNumeric(asPercent, part).state, key).toBe(part.plain ? 'targeted' : 'correct');
      }
    }
    for (const key of SHARES) expect(seen.has(key), key).toBe(true);
  });
});
