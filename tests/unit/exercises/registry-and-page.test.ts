import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { allExercises, getExercise, progressKey } from '@exercises/registry';
import { extrasEntries, extrasFrom, renderVariant } from '@exercises/render';
import { EXERCISE_KEY } from '@lib/state/schema';

const PAGE = 'content/lessons/05-human-in-the-loop-and-monitoring/exercises.mdx';

describe('registry', () => {
  it('ids are unique site-wide, kebab-case, and make valid progress keys', () => {
    const ids = allExercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of allExercises) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(progressKey(e)).toMatch(EXERCISE_KEY);
      expect(getExercise(e.id)).toBe(e);
    }
    expect(getExercise('no-such-exercise')).toBeUndefined();
  });
});

describe('lesson 05 exercises page', () => {
  const source = readFileSync(PAGE, 'utf8');
  const frontIds = [...source.split('---')[1]!.matchAll(/^\s+- ([a-z0-9-]+)$/gm)].map((m) => m[1]);
  const blockIds = [...source.matchAll(/<ExerciseBlock id="([a-z0-9-]+)" \/>/g)].map((m) => m[1]);

  it('lists in its frontmatter exactly the exercises it embeds, in page order', () => {
    expect(frontIds).toHaveLength(10);
    expect(blockIds).toEqual(frontIds);
    for (const id of frontIds) expect(getExercise(id!)?.lesson).toBe('human-in-the-loop-and-monitoring');
  });

  it('titles each exercise with the object it practises (the heading matches the definition title)', () => {
    const headings = [...source.matchAll(/^### \d+\. (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(frontIds.map((id) => getExercise(id!)!.title));
  });
});

describe('rendering with KaTeX (strict, throwOnError) as the build and the browser do', () => {
  it('default variants render, and their extras survive the trip through the page template', { timeout: 60_000 }, () => {
    for (const e of allExercises) {
      const v = e.generate(e.defaultSeed);
      const r = renderVariant(v, katex);
      expect(r.prompt).toContain('<p>');
      const map = new Map(extrasEntries(v, r.extras));
      expect(extrasFrom(v, (k) => map.get(k) ?? null)).toEqual(r.extras);
      expect(extrasFrom(v, () => null)).toBeNull();
    }
  });

  it('random variants render without a KaTeX error (a new-numbers click must never break the island)', () => {
    for (const e of allExercises) {
      for (let seed = 1000; seed < 1020; seed++) expect(() => renderVariant(e.generate(seed), katex), `${e.id} seed ${seed}`).not.toThrow();
    }
  }, 120_000);
});
