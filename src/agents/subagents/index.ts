import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * SUBAGENTS's gated module: Task tool: spawn a subagent with a subset of the parent's tools, isolated context, returns only its result.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'SUBAGENTS',
  status: 'scaffold',
  provides: ['subagent_type'],
};
