import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * WEB_FETCH_TOOL's gated module: WebFetch: URL -> markdown, domain rules, size caps.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'WEB_FETCH_TOOL',
  status: 'scaffold',
  provides: ['WebFetch'],
};
