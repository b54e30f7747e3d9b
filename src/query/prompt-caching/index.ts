import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * PROMPT_CACHING's gated module: cache_control breakpoints on system, tools and conversation.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'PROMPT_CACHING',
  status: 'scaffold',
  provides: ['cache_control'],
};
