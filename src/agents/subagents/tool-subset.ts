import type { Tool } from '../../tools/index.ts';
import type { AgentDefinition } from './agent-definition.ts';

/** The Task tool's own name. */
export const TASK_TOOL_NAME = 'Task';

/**
 * Tools no subagent gets, whatever its definition says: Task (no recursion)
 * and ExitPlanMode (approving a plan switches the session's mode, a decision
 * that belongs to the parent and its user, never to a subagent).
 */
const NEVER_FOR_SUBAGENTS: ReadonlySet<string> = new Set([TASK_TOOL_NAME, 'ExitPlanMode']);

/** Whether a `tools` entry names this tool: exactly, or as its `mcp__server` prefix. */
export function entryCovers(entry: string, toolName: string): boolean {
  if (entry === toolName) return true;
  return entry.startsWith('mcp__') && !entry.slice(5).includes('__') && toolName.startsWith(`${entry}__`);
}

/**
 * The subagent's tools: the parent's, filtered by the agent's list. Never a
 * tool the parent lacks (the list only selects among the parent's), never
 * Task itself.
 */
export function subagentTools(parentTools: readonly Tool<any, any>[], agent: Pick<AgentDefinition, 'tools'>): Tool<any, any>[] {
  return parentTools.filter((tool) =>
    !NEVER_FOR_SUBAGENTS.has(tool.name)
    && (agent.tools === undefined || agent.tools.some((entry) => entryCovers(entry, tool.name))));
}

/**
 * Model ids for the aliases agent files use (`model: sonnet`): the newest
 * model of each family that query/pricing.ts knows.
 */
const MODEL_ALIASES: Readonly<Record<string, string>> = {
  sonnet: 'claude-sonnet-5-5',
  opus: 'claude-opus-5-5',
  haiku: 'claude-haiku-5-5',
};

/** The model a subagent runs on: its definition's (alias resolved), else its parent's. */
export function subagentModel(agent: Pick<AgentDefinition, 'model'>, parentModel: string): string {
  if (agent.model === undefined) return parentModel;
  return Object.hasOwn(MODEL_ALIASES, agent.model) ? MODEL_ALIASES[agent.model]! : agent.model;
}
