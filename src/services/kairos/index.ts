import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * KAIROS's gated module: persistent background daemon: tick prompts, append-only daily logs, 15 s blocking budget.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'KAIROS',
  status: 'scaffold',
  provides: ['kairos-tick'],
};
