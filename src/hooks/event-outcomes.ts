import type { HookVerdict } from './hook-output.ts';
import { baseOutcome, contextOf } from './run-event.ts';
import type { HookOutcomeBase } from './types.ts';

/** After a tool ran: what the hooks want the model to know. */
export interface PostToolUseOutcome extends HookOutcomeBase {
  /** For the model, next to the tool's result: exit 2's stderr or a `decision: "block"` reason. The tool has already run. */
  readonly feedback?: string;
  readonly additionalContext: readonly string[];
}

/** Before a prompt goes to the model. */
export interface UserPromptSubmitOutcome extends HookOutcomeBase {
  /** The prompt must not be sent; `reason` is for the user (the prompt is dropped). */
  readonly blocked?: { readonly reason: string };
  /** Added to the model's context with the prompt (plain stdout counts, as in Claude Code). */
  readonly additionalContext: readonly string[];
}

/** When the agent is about to end its turn. */
export interface StopOutcome extends HookOutcomeBase {
  /** Keep going: `reason` goes to the model as the next instruction. Pass `stopHookActive` next time to avoid loops. */
  readonly block?: { readonly reason: string };
}

/** At session start (startup, resume, clear, compact). */
export interface SessionStartOutcome extends HookOutcomeBase {
  /** Added to the model's context (plain stdout counts). */
  readonly additionalContext: readonly string[];
}

export function postToolUseOutcome(verdicts: readonly HookVerdict[]): PostToolUseOutcome {
  const feedback = blockReasons(verdicts);
  return { ...baseOutcome(verdicts), ...(feedback ? { feedback } : {}), additionalContext: contextOf(verdicts, false) };
}

export function userPromptSubmitOutcome(verdicts: readonly HookVerdict[]): UserPromptSubmitOutcome {
  const reason = blockReasons(verdicts);
  return { ...baseOutcome(verdicts), ...(reason ? { blocked: { reason } } : {}), additionalContext: contextOf(verdicts, true) };
}

export function stopOutcome(verdicts: readonly HookVerdict[]): StopOutcome {
  const reason = blockReasons(verdicts);
  return { ...baseOutcome(verdicts), ...(reason ? { block: { reason } } : {}) };
}

export function sessionStartOutcome(verdicts: readonly HookVerdict[]): SessionStartOutcome {
  // Exit 2 blocks nothing at session start: its stderr is for the user.
  const base = baseOutcome(verdicts);
  const shown = verdicts.flatMap((v) => (v.kind === 'blocking' ? [{ level: 'error' as const, message: v.message }] : []));
  return { ...base, userMessages: [...base.userMessages, ...shown], additionalContext: contextOf(verdicts, true) };
}

/** PreCompact and Notification cannot block: exit 2's stderr is shown to the user. */
export function nonBlockingOutcome(verdicts: readonly HookVerdict[]): HookOutcomeBase {
  const base = baseOutcome(verdicts);
  const shown = verdicts.flatMap((v) => (v.kind === 'blocking' ? [{ level: 'error' as const, message: v.message }] : []));
  return { ...base, userMessages: [...base.userMessages, ...shown] };
}

/** Exit-2 messages and `decision: "block"` reasons, joined; undefined when no hook blocked. */
function blockReasons(verdicts: readonly HookVerdict[]): string | undefined {
  const reasons: string[] = [];
  for (const v of verdicts) {
    if (v.kind === 'blocking') reasons.push(v.message);
    else if (v.kind === 'success' && v.json?.decision === 'block') reasons.push(v.json.reason ?? `blocked by ${v.report.event} hook "${v.report.command}"`);
  }
  return reasons.length > 0 ? reasons.join('\n') : undefined;
}
