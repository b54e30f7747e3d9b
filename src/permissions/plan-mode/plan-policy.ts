import type { PermissionDecision } from '../decision.ts';

/** The tool the model calls to present its plan and ask to leave plan mode. */
export const EXIT_PLAN_MODE_TOOL_NAME = 'ExitPlanMode';

/** What plan mode needs to judge one call. */
export interface PlanModeCall {
  readonly toolName: string;
  readonly input: unknown;
  /** The tool's own `isReadOnly(input)` (false when the tool is unknown). */
  readonly isReadOnly: boolean;
  /** The Bash analyser's read-only test; without one every command is treated as writing. */
  readonly isReadOnlyCommand?: ((command: string) => Promise<boolean>) | undefined;
}

const LEAVE = `present your plan with ${EXIT_PLAN_MODE_TOOL_NAME} to leave plan mode`;

/**
 * Plan mode's verdict on a call: deny anything that may change something,
 * ask (the user approves the plan) for ExitPlanMode, nothing otherwise (the
 * usual rules then decide: reads outside the workspace still ask).
 */
export async function planModeDecision(call: PlanModeCall): Promise<PermissionDecision | undefined> {
  if (call.toolName === EXIT_PLAN_MODE_TOOL_NAME) {
    const plan = planOf(call.input);
    return {
      behavior: 'ask',
      reason: plan ? `approve this plan to leave plan mode:\n\n${plan}` : 'approve leaving plan mode',
      source: EXIT_PLAN_MODE_TOOL_NAME,
    };
  }
  if (call.toolName === 'Bash') {
    const command = typeof call.input === 'object' && call.input !== null ? (call.input as Record<string, unknown>)['command'] : undefined;
    const readOnly = typeof command === 'string' && call.isReadOnlyCommand ? await safe(() => call.isReadOnlyCommand!(command)) : false;
    return readOnly ? undefined : { behavior: 'deny', reason: `plan mode runs only read-only commands; ${LEAVE}`, source: 'mode:plan' };
  }
  if (!call.isReadOnly) {
    return { behavior: 'deny', reason: `plan mode runs only read-only tools (${call.toolName} may change something); ${LEAVE}`, source: 'mode:plan' };
  }
  return undefined;
}

/** The plan text an ExitPlanMode input carries, or undefined. */
export function planOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const plan = (input as Record<string, unknown>)['plan'];
  return typeof plan === 'string' && plan.trim() !== '' ? plan : undefined;
}

async function safe(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}
