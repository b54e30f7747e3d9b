import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * NATIVE_AUTO_UPDATE's gated module: self-update of the single binary from a signed manifest, rollback.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'NATIVE_AUTO_UPDATE',
  status: 'scaffold',
  provides: ['DISABLE_AUTOUPDATER'],
};
