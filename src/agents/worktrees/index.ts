import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * AGENT_WORKTREES's gated module: each subagent may work in its own git worktree.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'AGENT_WORKTREES',
  status: 'scaffold',
  provides: ['agent-worktree'],
};
