import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * VIM_MODE's gated module: vim keybindings in the prompt input.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'VIM_MODE',
  status: 'scaffold',
  provides: ['-- INSERT --'],
};
