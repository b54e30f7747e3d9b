import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * TEAM_MEMORY's gated module: shared team memory synchronised between teammates.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'TEAM_MEMORY',
  status: 'scaffold',
  provides: ['team-memory'],
};
