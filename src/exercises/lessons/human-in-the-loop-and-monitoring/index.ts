import type { ExerciseDef } from '../../types';
import priorityScore from './priority-score';
import queueBudget from './queue-budget';
import entropyBits from './entropy-bits';
import kappaTable from './kappa-table';
import weightedViolationRate from './weighted-violation-rate';
import plackettLuce from './plackett-luce';
import mcnemarRegressionCheck from './mcnemar-regression-check';
import escalationCost from './escalation-cost';
import releaseGate from './release-gate';
import reviewerLoad from './reviewer-load';

/** Lesson 05's exercises in page order: ★ mechanics, ★★ theory, ★★★ safety workflow. */
export const exercises: ExerciseDef[] = [
  priorityScore,
  queueBudget,
  entropyBits,
  kappaTable,
  weightedViolationRate,
  plackettLuce,
  mcnemarRegressionCheck,
  escalationCost,
  releaseGate,
  reviewerLoad,
];
