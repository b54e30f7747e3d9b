import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * EXTRACT_MEMORIES's gated module: at session end, extract tentative notes from the transcript.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'EXTRACT_MEMORIES',
  status: 'scaffold',
  provides: ['extract-memories'],
};
