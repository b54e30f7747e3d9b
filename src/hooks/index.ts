import type { FeatureModule } from '../feature/feature-module.ts';

/**
 * HOOKS's gated module: user-configured lifecycle hooks (PreToolUse, PostToolUse, UserPromptSubmit, Stop, SessionStart, PreCompact, Notification).
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'HOOKS',
  status: 'scaffold',
  provides: ['PreToolUse'],
};
