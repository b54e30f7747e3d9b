import { strictest, type PermissionDecision, type PermissionEngine } from '../../permissions/index.ts';
import type { AskHandler, CanUseTool } from '../../query/index.ts';

/**
 * The permission gate of one subagent run. Its engine is `parent.child({ tools })`,
 * whose decision is already the strictest of the parent's live decision and
 * the child's own (its tool list), so nothing the subagent does can loosen the
 * parent. With the parent's gate given (PreToolUse hooks), that gate is asked
 * too and the strictest answer wins; a hook's rewritten input is judged again
 * by the child engine. A hook's allow therefore cannot skip a prompt for a
 * subagent as it may for the parent: stricter, never looser.
 */
export function subagentGate(child: PermissionEngine, parentGate: CanUseTool | undefined): CanUseTool {
  return async (tool, input, ctx, toolUseId) => {
    if (!parentGate) return child.decide(tool.name, input, tool, ctx);
    const answer = await parentGate(tool, input, ctx, toolUseId);
    const rewritten = 'decision' in answer;
    const parentDecision: PermissionDecision = rewritten ? answer.decision : answer;
    const finalInput = rewritten ? answer.input : input;
    const decision = strictest([parentDecision, await child.decide(tool.name, finalInput, tool, ctx)]);
    return rewritten ? { decision, input: finalInput } : decision;
  };
}

/** The parent's ask handler, with the question saying that a subagent asks. */
export function subagentAsk(ask: AskHandler, agentName: string): AskHandler {
  return (request) => ask({ ...request, decision: { ...request.decision, reason: `(${agentName} subagent) ${request.decision.reason}` } });
}
