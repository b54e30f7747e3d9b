import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * PROJECT_NOTES's gated module: memory layer 2: structured project notes read on demand.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'PROJECT_NOTES',
  status: 'scaffold',
  provides: ['ProjectNotes'],
};
