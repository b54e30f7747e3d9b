import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * TOKEN_EFFICIENT_TOOLS's gated module: the API's token-efficient tool-use beta.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'TOKEN_EFFICIENT_TOOLS',
  status: 'scaffold',
  provides: ['token-efficient-tools-'],
};
