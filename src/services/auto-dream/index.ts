import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * AUTO_DREAM's gated module: idle-time memory consolidation in a forked, restricted subagent.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'AUTO_DREAM',
  status: 'scaffold',
  provides: ['auto-dream'],
};
