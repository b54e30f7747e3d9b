import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * EXTENDED_THINKING's gated module: thinking budgets, thinking shown in verbose mode.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'EXTENDED_THINKING',
  status: 'scaffold',
  provides: ['budget_tokens'],
};
