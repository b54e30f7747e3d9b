import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * AUTO_COMPACT's gated module: summarise the conversation when the context window nears its limit.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'AUTO_COMPACT',
  status: 'scaffold',
  provides: ['auto-compact'],
};
