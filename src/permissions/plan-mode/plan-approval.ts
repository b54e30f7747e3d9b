import type { PermissionMode } from '../modes.ts';
import { planOf } from './plan-policy.ts';

/** The part of the permission engine plan approval needs. */
export interface ModeSwitch {
  readonly mode: PermissionMode;
  setMode(mode: PermissionMode): { readonly ok: boolean; readonly message?: string };
}

/** What the UI shows (and headless prints) when the model asks to leave plan mode. */
export interface PlanExitRequest {
  readonly plan: string;
  /** The modes the user may continue in; bypassPermissions is never offered from here. */
  readonly choices: readonly ('default' | 'acceptEdits')[];
}

/** The request an ExitPlanMode call makes, or undefined when its input holds no plan. */
export function planExitRequest(input: unknown): PlanExitRequest | undefined {
  const plan = planOf(input);
  return plan === undefined ? undefined : { plan, choices: ['default', 'acceptEdits'] };
}

/** The user approved: leave plan mode for `next`. Returns the engine's answer (it may refuse). */
export function approvePlan(engine: ModeSwitch, next: 'default' | 'acceptEdits' = 'default'): { ok: boolean; message?: string } {
  if (engine.mode !== 'plan') return { ok: false, message: 'not in plan mode' };
  return engine.setMode(next);
}

/**
 * The user said no: the model stays in plan mode and gets this back, with the
 * user's feedback when given. Headless runs have no one to approve, so the
 * plan is their answer: `headlessPlanResult` says so to the model.
 */
export function rejectPlanMessage(feedback?: string): string {
  const base = 'The user did not approve the plan. Stay in plan mode: keep researching and present a revised plan.';
  return feedback && feedback.trim() !== '' ? `${base}\nFeedback: ${feedback.trim()}` : base;
}

export function headlessPlanResult(): string {
  return 'This is a non-interactive run: no one can approve the plan now. Stop here; the plan is the result.';
}
