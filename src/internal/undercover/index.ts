import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * UNDERCOVER_MODE's gated module: keep internal codenames out of commits, PR text and public output.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'UNDERCOVER_MODE',
  status: 'scaffold',
  provides: ['undercover'],
};
