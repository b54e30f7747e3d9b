import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * REDACT_THINKING's gated module: hide thinking traces from output and transcripts.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'REDACT_THINKING',
  status: 'scaffold',
  provides: ['redact-thinking'],
};
