import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * ULTRAPLAN's gated module: offload a planning task to a remote runner for up to 30 minutes, poll, bring the plan back for approval.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'ULTRAPLAN',
  status: 'scaffold',
  provides: ['ultraplan'],
};
