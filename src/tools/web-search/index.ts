import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * WEB_SEARCH_TOOL's gated module: WebSearch via the API's server-side search tool.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'WEB_SEARCH_TOOL',
  status: 'scaffold',
  provides: ['WebSearch'],
};
