import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * SUBAGENTS's gated module: the Task tool. The model names a subagent_type
 * (the built-in general-purpose agent, or an agent file from the user's
 * `<configDir>/agents/` or, in a trusted workspace, the project's
 * `.wren/agents/`); the subagent runs its own query loop with a fresh
 * conversation, its own system prompt and a subset of its parent's tools,
 * gated by `parentEngine.child({ tools })`, and only its final message comes
 * back to the parent.
 *
 * Reached only through `if (feature('SUBAGENTS')) { const m = await import('../agents/subagents/index.ts') }`.
 * Nothing runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'SUBAGENTS',
  status: 'ready',
  provides: ['subagent_type'],
};

export { createTaskTool, DEFAULT_SUBAGENT_MAX_TURNS, taskDescription, taskInputSchema, type TaskInput, type TaskTool, type TaskToolDeps } from './task-tool.ts';
export { loadAgentDefinitions, formatAgentProblem, type AgentFileProblem, type LoadAgentsOptions, type LoadedAgents } from './load-agents.ts';
export { generalPurposeAgent, type AgentDefinition, type AgentSource } from './agent-definition.ts';
export { subagentModel, subagentTools, TASK_TOOL_NAME } from './tool-subset.ts';
export type { SubagentQueryOptions, TaskOutput } from './run-subagent.ts';
