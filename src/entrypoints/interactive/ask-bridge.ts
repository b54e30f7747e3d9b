import { feature } from '../../feature/index.ts';
import { parseRule, suggestBashRules, suggestRule, type PermissionDecision, type PermissionEngine } from '../../permissions/index.ts';
import type { AskHandler } from '../../query/index.ts';
import type { RuleDestination, TurnOptions } from '../../ui/runtime.ts';
import { editSettingsRule } from './settings-rules.ts';

export interface AskBridgeOptions {
  readonly engine: PermissionEngine;
  readonly destinations: () => readonly RuleDestination[];
  /** Where relative rules are anchored (the project root). */
  readonly root: string;
}

/**
 * Turns the query loop's `ask` into the UI's permission dialog, and an
 * ExitPlanMode call into the plan-approval dialog. "Allow always" writes the
 * exact rule to the chosen settings file and adds it to the session's engine.
 */
export function askBridge(turn: TurnOptions, options: AskBridgeOptions): AskHandler {
  return async ({ tool, input, toolUseId, decision }): Promise<PermissionDecision> => {
    if (feature('PLAN_MODE')) {
      const plan = await import('../../permissions/plan-mode/index.ts');
      if (tool.name === plan.EXIT_PLAN_MODE_TOOL_NAME) {
        const request = plan.planExitRequest(input);
        if (!request) return { behavior: 'deny', reason: 'ExitPlanMode needs a plan', source: 'plan' };
        const answer = await turn.askPlanApproval({ toolUseId, plan: request.plan, choices: request.choices });
        if (!answer.approved) return { behavior: 'deny', reason: plan.rejectPlanMessage(answer.feedback), source: 'user' };
        const switched = plan.approvePlan(options.engine, answer.mode);
        return switched.ok
          ? { behavior: 'allow', reason: `the user approved the plan (now in ${answer.mode} mode)`, source: 'user' }
          : { behavior: 'deny', reason: switched.message ?? 'the mode could not be changed', source: 'user' };
      }
    }
    const rule = await ruleFor(tool.name, input, options.root);
    const destinations = options.destinations();
    const answer = await turn.askPermission({
      toolUseId, toolName: tool.name, input, reason: decision.reason,
      ...(rule ? { suggestion: { rule, destinations } } : {}),
    });
    switch (answer.kind) {
      case 'allow_once':
        return { behavior: 'allow', reason: 'the user allowed this call', source: 'user' };
      case 'allow_always': {
        const written = editSettingsRule(answer.destination.file, 'allow', answer.rule, 'add');
        const parsed = parseRule(answer.rule);
        if (parsed.ok) {
          options.engine.addRules([{ ...parsed.rule, behavior: 'allow', source: { layer: 'session', file: answer.destination.file, root: options.root } }]);
        }
        return {
          behavior: 'allow',
          reason: written.ok ? `the user allowed it always (${answer.rule} in ${answer.destination.file})` : `the user allowed it (the rule could not be saved: ${written.message})`,
          source: 'user',
        };
      }
      default:
        return { behavior: 'deny', reason: answer.note ? `the user said no: ${answer.note}` : 'the user said no', source: 'user' };
    }
  };
}

/** The narrowest rule that would allow this call, or undefined when no single rule can. */
async function ruleFor(toolName: string, input: unknown, root: string): Promise<string | undefined> {
  if (toolName !== 'Bash') return suggestRule(toolName, input, root);
  const command = (input as { command?: unknown }).command;
  if (typeof command !== 'string') return undefined;
  const rules = await suggestBashRules(command).catch(() => [] as string[]);
  return rules.length === 1 ? `Bash(${rules[0]})` : undefined;
}
