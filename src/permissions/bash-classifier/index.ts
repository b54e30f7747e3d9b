import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * BASH_CLASSIFIER's gated module: a small-model classifier that may auto-approve low-risk Bash commands; never overrides deny.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'BASH_CLASSIFIER',
  status: 'scaffold',
  provides: ['bash-classifier'],
};
