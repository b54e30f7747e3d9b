import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * SANDBOX_BASH's gated module: run Bash inside an OS sandbox (bubblewrap on Linux) when available.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'SANDBOX_BASH',
  status: 'scaffold',
  provides: ['bwrap'],
};
