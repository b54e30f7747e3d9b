import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * BACKGROUND_BASH's gated module: run_in_background shells, read their output, kill them.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'BACKGROUND_BASH',
  status: 'scaffold',
  provides: ['run_in_background'],
};
