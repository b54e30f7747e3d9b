import { runQuery, type AskHandler, type CanUseTool, type QueryOptions, type ResultEvent, type TokenUsage } from '../../query/index.ts';
import type { Tool, ToolContext, ToolErrorValue, ToolEvent } from '../../tools/index.ts';
import type { AgentDefinition } from './agent-definition.ts';
import { progressOf } from './progress.ts';

/**
 * The parts of a parent's query options a subagent reuses: how to reach the
 * API and the engine's limits. Conversation, tools, gate, model and signal
 * are the subagent's own.
 */
export type SubagentQueryOptions = Pick<
  QueryOptions,
  'client' | 'connection' | 'retry' | 'context' | 'pricing' | 'promptCaching' | 'maxTokens' | 'thinkingBudget' | 'maxToolConcurrency'
>;

/** What the Task tool returns on success. */
export interface TaskOutput {
  readonly agentType: string;
  /** The subagent's final message: the only thing the parent model gets. */
  readonly result: string;
  readonly model: string;
  /** Model turns the subagent used. */
  readonly turns: number;
  /** Tool calls it ran. */
  readonly toolUses: number;
  readonly usage: TokenUsage;
  /** Every token of every request: input, output and cache. */
  readonly totalTokens: number;
  readonly costUsd: number;
  readonly durationMs: number;
}

/** One subagent run, fully resolved by the Task tool. */
export interface SubagentRunSpec {
  readonly agent: AgentDefinition;
  readonly prompt: string;
  readonly tools: readonly Tool<any, any>[];
  readonly model: string;
  readonly canUseTool: CanUseTool;
  readonly ask: AskHandler;
  readonly maxTurns: number;
  readonly queryOptions: SubagentQueryOptions;
  /** The parent's tool context: the subagent works in its cwd, folders and environment, with its signal. */
  readonly ctx: ToolContext;
  readonly platform: string;
}

/**
 * Runs a subagent's own query loop in an isolated context (a fresh
 * conversation holding only the prompt), turning what it does into progress
 * events and its end into the tool's one result. On abort it ends without a
 * result, so the parent's runner reports the call as interrupted.
 */
export async function* runSubagent(spec: SubagentRunSpec): AsyncGenerator<ToolEvent<TaskOutput>, void, undefined> {
  const { ctx } = spec;
  let cwd = ctx.cwd;
  let toolUses = 0;
  const events = runQuery({
    ...spec.queryOptions,
    messages: [{ role: 'user', content: spec.prompt }],
    system: systemPrompt(spec, cwd),
    model: spec.model,
    tools: spec.tools,
    canUseTool: spec.canUseTool,
    ask: spec.ask,
    maxTurns: spec.maxTurns,
    signal: ctx.signal,
    toolContext: {
      cwd,
      // The subagent's `cd` moves its own cwd only, never the parent's.
      setCwd: (dir: string) => { cwd = dir; },
      additionalDirectories: ctx.additionalDirectories,
      // The parent's bounds: the same working directories, the same Read deny rules on search results.
      ...(ctx.projectRoot !== undefined ? { projectRoot: ctx.projectRoot } : {}),
      ...(ctx.canRead ? { canRead: ctx.canRead } : {}),
      // Its own read-file state: Edit must not trust reads the subagent's model never saw.
      readFiles: new Map(),
      now: ctx.now,
      env: ctx.env,
    },
  });
  let result: ResultEvent | undefined;
  for await (const event of events) {
    if (event.type === 'tool_start') toolUses++;
    if (event.type === 'result') result = event;
    const message = progressOf(event, cwd);
    if (message !== undefined) yield { type: 'progress', message };
  }
  if (!result || result.subtype === 'aborted') return;
  yield { type: 'result', output: outcome(spec, result, toolUses) };
}

function outcome(spec: SubagentRunSpec, result: ResultEvent, toolUses: number): TaskOutput | ToolErrorValue {
  const name = spec.agent.name;
  const last = result.result.trim();
  const lastWords = last ? `\nIts last message:\n${last}` : '';
  switch (result.subtype) {
    case 'success':
      return {
        agentType: name, result: last, model: spec.model, turns: result.numTurns, toolUses,
        usage: result.usage, totalTokens: totalTokens(result.usage), costUsd: result.totalCostUsd, durationMs: result.durationMs,
      };
    case 'error_max_turns':
      return toolError('max_turns', `The ${name} subagent stopped after ${result.numTurns} turns, its limit, before finishing. Narrow the task or split it.${lastWords}`);
    case 'error_budget':
      return toolError('budget', `The ${name} subagent was stopped by its budget (${result.budgetReason ?? 'no reason given'}).${lastWords}`);
    default: {
      const cause = result.error ? `${result.error.message} (${result.error.code})` : 'an unknown error';
      return toolError('subagent_error', `The ${name} subagent failed: ${cause}. You may retry the task or do it yourself.${lastWords}`);
    }
  }
}

function systemPrompt(spec: SubagentRunSpec, cwd: string): string {
  const env = [
    '<env>',
    `Working directory: ${cwd}`,
    `Platform: ${spec.platform}`,
    `Today's date: ${new Date(spec.ctx.now()).toISOString().slice(0, 10)}`,
    '</env>',
  ].join('\n');
  return `${spec.agent.systemPrompt}\n\n${env}`;
}

export function totalTokens(usage: TokenUsage): number {
  return usage.input_tokens + usage.output_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
}

function toolError(kind: string, message: string): ToolErrorValue {
  return { error: { kind, message } };
}
