import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * PLAN_MODE's gated module: plan permission mode: read-only tools only, exit by
 * presenting a plan for approval. Reached only through
 * `if (feature('PLAN_MODE')) await import(...)`; nothing here runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'PLAN_MODE',
  status: 'ready',
  provides: ['ExitPlanMode'],
};

export { EXIT_PLAN_MODE_TOOL_NAME, planModeDecision, planOf, type PlanModeCall } from './plan-policy.ts';
export { approvePlan, headlessPlanResult, planExitRequest, rejectPlanMessage, type ModeSwitch, type PlanExitRequest } from './plan-approval.ts';
export { exitPlanModeTool } from './exit-plan-mode-tool.ts';
