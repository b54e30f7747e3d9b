import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * ADVISOR_TOOL's gated module: a second-opinion tool that consults a stronger model on a plan or diff.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'ADVISOR_TOOL',
  status: 'scaffold',
  provides: ['AskAdvisor'],
};
