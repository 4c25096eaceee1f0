/**
 * Math core for the Chapter 18 lessons: pure, deterministic, no DOM.
 * Import everything from here (`@math/index`); randomness comes only from a
 * seeded `Rng` passed in by the caller.
 */
export * from './validate';
export * from './rng';
export * from './stats';
export * from './functions';
export * from './sft';
export * from './preference';
export * from './dpo';
export * from './kl';
export * from './agreement';
export * from './intervals';
export * from './threshold';
export * from './priority';
export * from './sims/index';
