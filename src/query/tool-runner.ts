import type { ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import type { PermissionDecision } from '../permissions/index.ts';
import { isToolError, type Tool, type ToolContext } from '../tools/tool.ts';
import { Channel } from './channel.ts';
import type { QueryEvent, ToolOutcome } from './events.ts';

/**
 * The permission gate: asked before EVERY tool call, with the validated input.
 * `allow` runs the call, `deny` returns the reason to the model as an error
 * result, `ask` goes to the ask handler.
 */
/**
 * The gate's answer: a decision, or a decision together with the input that
 * must run instead (a PreToolUse hook may rewrite it; the gate has checked
 * that rewritten input, and the runner validates it against the schema again).
 */
export type GateAnswer = PermissionDecision | { readonly decision: PermissionDecision; readonly input: unknown };

export type CanUseTool = (tool: Tool<any, any>, input: unknown, ctx: ToolContext, toolUseId: string) => Promise<GateAnswer>;

/** What the ask handler is asked about. */
export interface AskRequest {
  readonly tool: Tool<any, any>;
  readonly input: unknown;
  readonly toolUseId: string;
  /** The gate's `ask` decision, with its reason. */
  readonly decision: PermissionDecision;
  readonly ctx: ToolContext;
}

/** Resolves an `ask` (the TUI asks the human). Anything but `allow` denies. */
export type AskHandler = (request: AskRequest) => Promise<PermissionDecision>;

/** Headless default: nobody to ask, so an `ask` is a deny the model can read. */
export const denyAsk: AskHandler = async ({ decision }) => ({
  behavior: 'deny',
  reason: `${decision.reason} (needs approval, and there is no one to ask in this mode)`,
  source: 'headless',
});

/** A tool_use the model asked for. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
  /** Set when the streamed input was not valid JSON. */
  readonly invalidJson?: string;
}

export interface ToolRunnerOptions {
  readonly tools: ReadonlyMap<string, Tool<any, any>>;
  readonly canUseTool: CanUseTool;
  readonly ask: AskHandler;
  readonly context: ToolContext;
  readonly maxConcurrency: number;
  readonly turn: number;
}

interface Prepared {
  readonly index: number;
  readonly call: ToolCall;
  readonly tool: Tool<any, any>;
  readonly input: unknown;
  readonly safe: boolean;
}

type Emit = (event: QueryEvent) => void;

/**
 * Runs one turn's tool calls: validate, ask the gate, run. Consecutive
 * concurrency-safe calls run together; any other call runs alone, in order.
 * Returns the tool_result blocks in the order the model asked for them.
 */
export async function* runToolCalls(calls: readonly ToolCall[], options: ToolRunnerOptions): AsyncGenerator<QueryEvent, ToolResultBlockParam[], undefined> {
  const results: ToolResultBlockParam[] = new Array(calls.length);
  const channel = new Channel<QueryEvent>();
  const emit: Emit = (e) => channel.push(e);
  const work = runAll(calls, options, results, emit).finally(() => channel.close());
  for await (const event of channel) yield event;
  await work;
  return results;
}

async function runAll(calls: readonly ToolCall[], o: ToolRunnerOptions, results: ToolResultBlockParam[], emit: Emit): Promise<void> {
  const runnable: Prepared[] = [];
  calls.forEach((call, index) => {
    const prepared = prepare(call, index, o, (outcome, message) => {
      results[index] = finish(call, outcome, message, true, 0, o, emit);
    });
    if (prepared) runnable.push(prepared);
  });
  for (const batch of batches(runnable)) {
    const allowed: Prepared[] = [];
    // Asked one at a time, even for a parallel batch: a human answers one prompt at a time.
    for (const p of batch) {
      if (o.context.signal.aborted) {
        results[p.index] = interrupted(p.call, o, emit);
        continue;
      }
      const verdict = await permit(p, o, emit);
      if (verdict.denial === undefined) allowed.push({ ...p, input: verdict.input });
      else results[p.index] = finish(p.call, 'denied', verdict.denial, true, 0, o, emit);
    }
    await pool(allowed, o.maxConcurrency, async (p) => {
      results[p.index] = await execute(p, o, emit);
    });
  }
}

/** Finds the tool and validates the input; reports and returns undefined for calls that cannot run. */
function prepare(call: ToolCall, index: number, o: ToolRunnerOptions, fail: (outcome: ToolOutcome, message: string) => void): Prepared | undefined {
  const tool = o.tools.get(call.name);
  if (!tool) {
    const names = [...o.tools.keys()].join(', ') || 'none';
    fail('unknown_tool', `No tool named ${call.name}. Available tools: ${names}.`);
    return undefined;
  }
  if (call.invalidJson !== undefined) {
    fail('invalid_input', `The input for ${call.name} was not valid JSON (${call.invalidJson}). Send the call again with a JSON object.`);
    return undefined;
  }
  const parsed = tool.inputSchema.safeParse(call.input);
  if (!parsed.success) {
    fail('invalid_input', `Invalid input for ${call.name}:\n${z.prettifyError(parsed.error)}\nFix the input and call the tool again.`);
    return undefined;
  }
  let safe = false;
  try {
    safe = tool.isConcurrencySafe(parsed.data);
  } catch {
    safe = false; // when in doubt, run alone
  }
  return { index, call, tool, input: parsed.data, safe };
}

/** Splits calls into runs: consecutive safe calls together, any other call alone. */
function batches(calls: readonly Prepared[]): Prepared[][] {
  const out: Prepared[][] = [];
  for (const call of calls) {
    const last = out.at(-1);
    if (call.safe && last?.[0]?.safe) last.push(call);
    else out.push([call]);
  }
  return out;
}

/** Asks the gate (and the ask handler); returns a denial reason, or the input to run. */
async function permit(p: Prepared, o: ToolRunnerOptions, emit: Emit): Promise<{ denial?: string; input: unknown }> {
  let decision: PermissionDecision;
  let input = p.input;
  let asked = false;
  try {
    const answer = await o.canUseTool(p.tool, p.input, o.context, p.call.id);
    decision = 'decision' in answer ? answer.decision : answer;
    if ('decision' in answer && answer.input !== p.input) {
      const parsed = p.tool.inputSchema.safeParse(answer.input);
      if (parsed.success) input = parsed.data;
      else decision = { behavior: 'deny', reason: 'a hook rewrote the input into one the tool does not accept', source: 'hook' };
    }
    if (decision.behavior === 'ask') {
      asked = true;
      const reply = await o.ask({ tool: p.tool, input, toolUseId: p.call.id, decision, ctx: o.context });
      decision = reply.behavior === 'allow' ? reply : { ...reply, behavior: 'deny' };
    }
  } catch (error) {
    // Fail closed: a gate that cannot decide has not allowed anything.
    decision = { behavior: 'deny', reason: `the permission check failed (${error instanceof Error ? error.message : String(error)})`, source: 'error' };
  }
  emit({ type: 'permission', turn: o.turn, toolUseId: p.call.id, toolName: p.call.name, decision, asked });
  return decision.behavior === 'allow' ? { input } : { denial: `Permission to use ${p.call.name} was denied: ${decision.reason}`, input };
}

async function execute(p: Prepared, o: ToolRunnerOptions, emit: Emit): Promise<ToolResultBlockParam> {
  const { call, tool } = p;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (o.context.signal.aborted) return interrupted(call, o, emit);
  emit({ type: 'tool_start', turn: o.turn, toolUseId: call.id, toolName: call.name, input: p.input });
  try {
    for await (const event of tool.call(p.input, o.context)) {
      if (event.type === 'progress') {
        emit({ type: 'tool_progress', turn: o.turn, toolUseId: call.id, toolName: call.name, message: event.message });
        continue;
      }
      if (isToolError(event.output)) return finish(call, 'tool_error', event.output.error.message, true, elapsed(), o, emit);
      return finish(call, 'ok', toContent(tool.toModelContent(event.output)), false, elapsed(), o, emit);
    }
    if (o.context.signal.aborted) return interrupted(call, o, emit);
    return finish(call, 'crashed', `${call.name} ended without a result.`, true, elapsed(), o, emit);
  } catch (error) {
    if (o.context.signal.aborted) return interrupted(call, o, emit);
    const message = error instanceof Error ? error.message : String(error);
    return finish(call, 'crashed', `${call.name} failed unexpectedly: ${message}`, true, elapsed(), o, emit);
  }
}

function toContent(content: ReturnType<Tool['toModelContent']>): NonNullable<ToolResultBlockParam['content']> {
  if (typeof content === 'string') return content;
  return content.map((b) => (b.type === 'text' ? { type: 'text', text: b.text } : { type: 'image', source: { ...b.source } })) as NonNullable<ToolResultBlockParam['content']>;
}

function interrupted(call: ToolCall, o: ToolRunnerOptions, emit: Emit): ToolResultBlockParam {
  return finish(call, 'interrupted', 'Interrupted: the run was stopped before this tool call finished.', true, 0, o, emit);
}

function finish(
  call: ToolCall, outcome: ToolOutcome, content: NonNullable<ToolResultBlockParam['content']>, isError: boolean,
  durationMs: number, o: ToolRunnerOptions, emit: Emit,
): ToolResultBlockParam {
  emit({ type: 'tool_result', turn: o.turn, toolUseId: call.id, toolName: call.name, outcome, isError, content, durationMs });
  return { type: 'tool_result', tool_use_id: call.id, content, ...(isError ? { is_error: true } : {}) };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
