import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * ANT_MODEL_OVERRIDE's gated module: internal model codenames and model-switching overrides.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'ANT_MODEL_OVERRIDE',
  status: 'scaffold',
  provides: ['model-override'],
};
