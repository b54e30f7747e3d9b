import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * BUDDY's gated module: companion pet: 18 species, rarity tiers, derived deterministically from the user id.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'BUDDY',
  status: 'scaffold',
  provides: ['buddy-species'],
};
