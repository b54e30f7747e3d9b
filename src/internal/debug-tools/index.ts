import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * ANT_DEBUG_TOOLS's gated module: record and replay sessions, dump the exact request sent.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'ANT_DEBUG_TOOLS',
  status: 'scaffold',
  provides: ['debug-replay'],
};
