import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * PLAN_MODE's gated module: plan permission mode: read-only tools only, exit by presenting a plan for approval.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'PLAN_MODE',
  status: 'scaffold',
  provides: ['ExitPlanMode'],
};
