import type { ExerciseDef } from './types';
import { exercises as prefOpt } from './lessons/preference-optimization-rlhf-and-dpo/index';
import { exercises as hitl } from './lessons/human-in-the-loop-and-monitoring/index';

/** Every exercise on the site. Ids are unique site-wide (a test checks it). */
export const allExercises: readonly ExerciseDef[] = [...prefOpt, ...hitl];

const byId = new Map(allExercises.map((e) => [e.id, e] as const));

export function getExercise(id: string): ExerciseDef | undefined {
  return byId.get(id);
}

/** Storage key of an exercise's progress record. */
export const progressKey = (def: Pick<ExerciseDef, 'lesson' | 'id'>) => `${def.lesson}/${def.id}`;
