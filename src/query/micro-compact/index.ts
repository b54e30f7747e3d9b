import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * MICRO_COMPACT's gated module: clear stale tool results from context before a full compaction is needed.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'MICRO_COMPACT',
  status: 'scaffold',
  provides: ['micro-compact'],
};
