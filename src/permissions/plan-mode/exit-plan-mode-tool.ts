import { z } from 'zod';
import type { Tool } from '../../tools/tool.ts';
import description from './prompt.md';
import { EXIT_PLAN_MODE_TOOL_NAME } from './plan-policy.ts';

const inputSchema = z.strictObject({
  plan: z.string().min(1).describe('The plan to present for approval, in markdown. Concise, concrete steps.'),
});

type Input = z.infer<typeof inputSchema>;

/**
 * The model presents its plan. The permission engine asks the user to approve
 * it (plan mode's verdict on this tool is always `ask`), so `call` only runs
 * once the plan was approved; the approving layer switches the mode
 * (`approvePlan`) before it runs.
 */
export const exitPlanModeTool: Tool<Input, { approved: true }> = {
  name: EXIT_PLAN_MODE_TOOL_NAME,
  description,
  inputSchema,
  // It changes nothing on disk; plan mode must be able to call it.
  isReadOnly: () => true,
  isConcurrencySafe: () => false,
  async checkPermissions() {
    return { behavior: 'allow', reason: 'presenting a plan changes nothing' };
  },
  async *call() {
    yield { type: 'result', output: { approved: true } };
  },
  toModelContent: () => 'The user approved your plan. You have left plan mode: start carrying it out.',
};
