import type { FeatureModule } from '../feature/feature-module.ts';

/**
 * HOOKS's gated module: user-configured lifecycle hooks (PreToolUse,
 * PostToolUse, UserPromptSubmit, Stop, SessionStart, PreCompact, Notification,
 * and SubagentStop and SessionEnd, which the settings schema also knows),
 * with Claude Code's protocol: a shell command, the event as JSON on stdin,
 * exit 0 (stdout may be JSON), exit 2 blocks, any other code is reported.
 *
 * Reached only through `if (feature('HOOKS')) { const hooks = await import('../hooks/index.ts') }`.
 * Nothing runs at load. See `createHookRunner`.
 *
 * The rules hooks live by (tested in tests/hooks/):
 * - A hook's decision is one more input to the permission engine's strictest():
 *   its deny or ask always counts; its allow is a grant that stands only where
 *   nothing objects. So a hook "allow" may skip the default prompt (no rule
 *   either way, the tool's own "needs approval"), as Claude Code's does, but
 *   never a deny or ask rule, a protected path, or a mode's refusal (plan).
 * - A rewritten input (`updatedInput`) is validated by the tool's schema and
 *   judged by the engine like the model's own input: `preToolUse` asks the
 *   engine only about the input that will run.
 * - Hooks come only from the settings the config layer returned; project and
 *   local layers of an untrusted folder are refused here too, and hooks in a
 *   project agent file run only in a trusted folder.
 */
export const featureModule: FeatureModule = {
  flag: 'HOOKS',
  status: 'ready',
  provides: ['PreToolUse'],
};

export { createHookRunner, DEFAULT_HOOK_TIMEOUT_MS, type EventOptions, type HookRunner, type HookRunnerOptions } from './runner.ts';
export type { PreToolUseOutcome, PreToolUseRequest } from './pre-tool-use.ts';
export type { PostToolUseOutcome, SessionStartOutcome, StopOutcome, UserPromptSubmitOutcome } from './event-outcomes.ts';
export type { AgentHooks } from './hook-table.ts';
export { compileMatcher, type CompiledMatcher } from './matcher.ts';
export {
  HOOK_EVENT_NAMES,
  type HookCommand,
  type HookEventName,
  type HookMatcherConfig,
  type HookOutcomeBase,
  type HookRunReport,
  type HookSource,
  type HooksConfig,
  type HookUserMessage,
} from './types.ts';
