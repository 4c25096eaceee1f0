import type { ExerciseDef } from '../../types';
import bradleyTerryProbability from './bradley-terry-probability';
import pairwiseRewardLoss from './pairwise-reward-loss';
import dpoPairLoss from './dpo-pair-loss';
import klOptimalPolicy from './kl-optimal-policy';
import implicitReward from './implicit-reward';
import dpoGradientWeights from './dpo-gradient-weights';
import rewardbenchSafetyGate from './rewardbench-safety-gate';
import ppoClippedSurrogate from './ppo-clipped-surrogate';
import ipoLoss from './ipo-loss';
import lengthBiasSlope from './length-bias-slope';

/** Lesson 02's exercises in page order: ★ mechanics, ★★ theory, ★★★ safety workflow. */
export const exercises: ExerciseDef[] = [
  bradleyTerryProbability,
  pairwiseRewardLoss,
  dpoPairLoss,
  klOptimalPolicy,
  implicitReward,
  dpoGradientWeights,
  rewardbenchSafetyGate,
  ppoClippedSurrogate,
  ipoLoss,
  lengthBiasSlope,
];
