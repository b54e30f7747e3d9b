import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * TODO_TOOL's gated module: TodoWrite task list, shown in the UI.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'TODO_TOOL',
  status: 'scaffold',
  provides: ['TodoWrite'],
};
