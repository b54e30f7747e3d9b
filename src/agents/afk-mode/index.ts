import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * AFK_MODE's gated module: keep working while the user is away within a pre-approved envelope; queue what needs a human.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'AFK_MODE',
  status: 'scaffold',
  provides: ['afk-envelope'],
};
