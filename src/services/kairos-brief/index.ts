import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * KAIROS_BRIEF's gated module: "Brief" output mode for the daemon: concise, never floods the terminal.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'KAIROS_BRIEF',
  status: 'scaffold',
  provides: ['brief-output-mode'],
};
