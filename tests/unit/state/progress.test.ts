import { describe, expect, it } from 'vitest';
import { emptyState, exerciseStatus, lessonProgress, sanitize } from '@lib/state/schema';
import { progressSummary } from '@lib/state/progress-slots';

const L = 'human-in-the-loop-and-monitoring';
const rec = (o: Partial<{ attempts: number; solved: boolean; revealed: boolean }>) => ({ attempts: 0, solved: false, revealed: false, updated: 1, ...o });

describe('exercise status', () => {
  it('solved beats revealed beats attempted', () => {
    expect(exerciseStatus(undefined)).toBe('untouched');
    expect(exerciseStatus(rec({}))).toBe('untouched');
    expect(exerciseStatus(rec({ attempts: 2 }))).toBe('attempted');
    expect(exerciseStatus(rec({ attempts: 2, revealed: true }))).toBe('revealed');
    expect(exerciseStatus(rec({ revealed: true, solved: true }))).toBe('solved');
  });
});

describe('lesson progress', () => {
  const state = emptyState();
  state.exercises[`${L}/a`] = rec({ attempts: 1, solved: true });
  state.exercises[`${L}/b`] = rec({ attempts: 3, revealed: true });
  state.exercises[`${L}/c`] = rec({ attempts: 1 });
  state.exercises['other-lesson/a'] = rec({ solved: true });
  state.reads[`${L}/notes/p1`] = 5;
  state.reads[`${L}/notes/gone`] = 5;

  it('counts each exercise once, only this lesson, only parts that exist', () => {
    expect(lessonProgress(state, L, ['a', 'b', 'c', 'd'], ['p1', 'p2'])).toEqual({ solved: 1, revealed: 1, attempted: 1, exercises: 4, partsRead: 1, parts: 2 });
  });

  it('summary sentence for the progress slot', () => {
    expect(progressSummary(state, L, { exerciseIds: ['a', 'b', 'c', 'd'], parts: ['p1', 'p2'] }).text).toBe(
      '1 of 4 exercises solved · 1 with the solution shown · 1 attempted · 1 of 2 notes parts read',
    );
    expect(progressSummary(emptyState(), L, { exerciseIds: ['a'], parts: ['p1'] }).text).toBe('Not started on this device yet.');
    expect(progressSummary(state, L, { exerciseIds: [], parts: ['p1'] }).text).toBe('1 of 1 notes parts read');
  });
});

describe('sanitize', () => {
  it('ignores unknown top-level fields and keeps valid records unchanged', () => {
    const { state, dropped } = sanitize({ version: 1, extra: true, exercises: { [`${L}/a`]: rec({ attempts: 2 }) } });
    expect(dropped).toEqual([]);
    expect(state.exercises[`${L}/a`]?.attempts).toBe(2);
  });
});
