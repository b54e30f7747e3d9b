import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * TASK_BUDGETS's gated module: per-task token and cost budgets that stop or warn.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'TASK_BUDGETS',
  status: 'scaffold',
  provides: ['task-budget'],
};
