import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * COORDINATOR_MODE's gated module: a coordinator agent that plans, dispatches parallel workers, and merges their results.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'COORDINATOR_MODE',
  status: 'scaffold',
  provides: ['coordinator-mode'],
};
