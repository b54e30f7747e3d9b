import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * ANT_TELEMETRY_DASHBOARD's gated module: internal dashboard over the local telemetry store.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'ANT_TELEMETRY_DASHBOARD',
  status: 'scaffold',
  provides: ['telemetry-dashboard'],
};
