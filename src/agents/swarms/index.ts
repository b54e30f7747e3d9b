import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * SWARMS's gated module: in-process teammates, each isolated with AsyncLocalStorage, messaging each other.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'SWARMS',
  status: 'scaffold',
  provides: ['SendTeammateMessage'],
};
