// Demo simulations (one module per demo kind); pure and seeded like the rest of the core.
export * from './threshold-demo';
export * from './dpo-loss';
export * from './kl-optimum';
export * from './reviewer-agreement';
export * from './asr-interval';
export * from './active-learning';
export * from './feedback-loop';
export * from './sft-loss';
export * from './loss-mask';
export * from './validation-curve';
export * from './bradley-terry';
export * from './red-team-search';
export * from './policy-matrix';
