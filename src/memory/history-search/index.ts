import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * HISTORY_SEARCH's gated module: memory layer 3: search past session transcripts.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'HISTORY_SEARCH',
  status: 'scaffold',
  provides: ['HistorySearch'],
};
