import { z } from 'zod';
import type { PermissionEngine } from '../../permissions/index.ts';
import { denyAsk, type AskHandler, type CanUseTool } from '../../query/index.ts';
import type { Tool } from '../../tools/index.ts';
import type { AgentDefinition } from './agent-definition.ts';
import { formatAgentProblem, loadAgentDefinitions, type AgentFileProblem, type LoadedAgents } from './load-agents.ts';
import descriptionTemplate from './prompt.md';
import { runSubagent, type SubagentQueryOptions, type TaskOutput } from './run-subagent.ts';
import { subagentAsk, subagentGate } from './subagent-gate.ts';
import { subagentModel, subagentTools, TASK_TOOL_NAME } from './tool-subset.ts';

export const taskInputSchema = z.strictObject({
  description: z.string().trim().min(1).describe('A short (3-5 word) description of the task'),
  prompt: z.string().trim().min(1).describe('The task for the agent to perform'),
  subagent_type: z.string().trim().min(1).describe('The type of specialized agent to use for this task'),
});

export type TaskInput = z.infer<typeof taskInputSchema>;

/** What the runtime gives the Task tool: narrow, and read lazily where it may change during a session. */
export interface TaskToolDeps {
  /** The parent's tools, read at each call (so the list may be completed after the tool is made). */
  readonly parentTools: () => readonly Tool<any, any>[];
  /** The parent's permission engine; each subagent is gated by `engine.child({ tools })`. */
  readonly engine: PermissionEngine;
  /** The parent's connection, retry and context options, reused by every subagent run. */
  readonly runQueryOptions: () => SubagentQueryOptions;
  /** The parent's gate (with its PreToolUse hooks); asked too, the strictest answer wins. @default the child engine alone */
  readonly gate?: CanUseTool;
  /** Resolves the subagent's `ask` decisions: the parent's handler (the TUI's human). @default deny (headless) */
  readonly ask?: AskHandler;
  /** The user config dir (user agents in `agents/`). */
  readonly configDir: string;
  /** The project root (project agents in `.wren/agents/`). */
  readonly projectRoot: string;
  /** Whether the workspace is trusted: project agents are read only then. */
  readonly trusted: boolean;
  /** The parent's model, used by agents that name none. A function for a model that may change (`/model`). */
  readonly model: string | (() => string);
  /** Most model turns per subagent run. @default 50 */
  readonly maxTurns?: number;
  /** Agent definitions already loaded. @default loadAgentDefinitions({ configDir, projectRoot, trusted }) */
  readonly agents?: LoadedAgents;
  /** @default process.platform */
  readonly platform?: string;
}

/** The Task tool, with the agent definitions it was built from. */
export interface TaskTool extends Tool<TaskInput, TaskOutput> {
  readonly agents: readonly AgentDefinition[];
  /** Agent files that were skipped. */
  readonly problems: readonly AgentFileProblem[];
  /** The problems as lines to show the user. */
  readonly notices: readonly string[];
}

/** @default maxTurns of a subagent run */
export const DEFAULT_SUBAGENT_MAX_TURNS = 50;

/**
 * Builds the Task tool: loads the agent definitions (unless given) and writes
 * them into the tool's description, which is why this is a factory.
 */
export async function createTaskTool(deps: TaskToolDeps): Promise<TaskTool> {
  const loaded = deps.agents ?? await loadAgentDefinitions({ configDir: deps.configDir, projectRoot: deps.projectRoot, trusted: deps.trusted });
  const agents = new Map(loaded.agents.map((a) => [a.name, a]));
  const maxTurns = deps.maxTurns ?? DEFAULT_SUBAGENT_MAX_TURNS;
  const parentModel = typeof deps.model === 'string' ? () => deps.model as string : deps.model;
  return {
    name: TASK_TOOL_NAME,
    description: taskDescription(loaded.agents),
    inputSchema: taskInputSchema,
    agents: loaded.agents,
    problems: loaded.problems,
    notices: loaded.problems.map(formatAgentProblem),
    // The call itself changes nothing; every call the subagent makes passes the
    // parent's gate (as a child engine), so plan mode and rules still hold there.
    isReadOnly: () => true,
    // Subagents are isolated from one another: several may run at once.
    isConcurrencySafe: () => true,
    async checkPermissions() {
      return { behavior: 'allow', reason: "starting a subagent does nothing by itself: each of its tool calls is checked against this session's permissions", source: TASK_TOOL_NAME };
    },
    async *call(input, ctx) {
      const agent = agents.get(input.subagent_type);
      if (!agent) {
        yield { type: 'result', output: { error: { kind: 'unknown_agent', message: `There is no agent type "${input.subagent_type}". Available agent types: ${[...agents.keys()].join(', ')}.` } } };
        return;
      }
      const tools = subagentTools(deps.parentTools(), agent);
      const child = deps.engine.child({ tools: tools.map((t) => t.name) });
      yield* runSubagent({
        agent, prompt: input.prompt, tools,
        model: subagentModel(agent, parentModel()),
        canUseTool: subagentGate(child, deps.gate),
        ask: subagentAsk(deps.ask ?? denyAsk, agent.name),
        maxTurns,
        queryOptions: deps.runQueryOptions(),
        ctx,
        platform: deps.platform ?? process.platform,
      });
    },
    toModelContent(output) {
      const report = output.result || '(The subagent ended without a final message.)';
      const seconds = Math.round(output.durationMs / 100) / 10;
      return `${report}\n\n(${output.agentType} subagent: ${output.turns} turns, ${output.toolUses} tool uses, ${output.totalTokens} tokens, ${seconds} s)`;
    },
  };
}

/** The model-facing description: prompt.md with the agent types listed. */
export function taskDescription(agents: readonly AgentDefinition[]): string {
  const lines = agents.map((a) => `- ${a.name}: ${a.description} (Tools: ${a.tools === undefined ? 'all of yours except Task' : a.tools.join(', ') || 'none'})`);
  return descriptionTemplate.trim().replace('{{AGENTS}}', () => lines.join('\n'));
}
