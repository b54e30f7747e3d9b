import { ErrorCode, McpError, type ContentBlock, type Tool as McpToolDefinition } from '@modelcontextprotocol/sdk/types.js';
import type { Tool, ToolEvent, ToolErrorValue } from '../tool.ts';
import { inputSchemaFor } from './input-schema.ts';
import type { McpClient } from './mcp-client.ts';
import { textOf, toResultBlocks, type ResultBlock, type ResultLimits } from './result-content.ts';

/** What an MCP tool call gives the model. */
export interface McpToolOutput {
  readonly blocks: readonly ResultBlock[];
  readonly truncated: boolean;
}

/** An MCP tool as Wren sees it: a Tool, plus where it comes from (for the UI and `/mcp`). */
export interface McpTool extends Tool<Record<string, unknown>, McpToolOutput> {
  readonly mcp: {
    readonly server: string;
    /** The tool's name on its server. */
    readonly tool: string;
    /** The server's own hints (readOnlyHint, destructiveHint...): claims, not facts. Shown, never trusted. */
    readonly annotations?: McpToolDefinition['annotations'];
    /** Set when the input schema could not be used fully. */
    readonly problem?: string;
  };
}

/** How one server's tools call it. */
export interface McpToolBinding {
  readonly server: string;
  readonly client: McpClient;
  /** Per-call limit. */
  readonly callTimeoutMs: number;
  readonly limits: ResultLimits;
}

/** The API's limit on tool names. */
const MAX_NAME = 64;
/** Descriptions longer than this are cut: a server should not fill the context with one tool's manual. */
const MAX_DESCRIPTION = 4000;

/** `mcp__<server>__<tool>`, with characters the API refuses replaced; undefined when too long. */
export function mcpToolName(server: string, tool: string): string | undefined {
  const name = `mcp__${server}__${tool.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return name.length <= MAX_NAME ? name : undefined;
}

/**
 * Wraps one server tool as a Wren Tool.
 * - checkPermissions asks: the engine puts that question when no rule or mode
 *   settles the call, and matches `mcp__server` / `mcp__server__tool` rules
 *   (deny > ask > allow). It never auto-allows an mcp__ tool for being read-only.
 * - isReadOnly is always false: `annotations.readOnlyHint` is the server's
 *   claim, and a lying server would then run in plan mode. Concurrency: false
 *   for the same reason (and many stdio servers handle one call at a time).
 */
export function createMcpTool(binding: McpToolBinding, definition: McpToolDefinition, name: string): McpTool {
  const input = inputSchemaFor(definition.inputSchema as Record<string, unknown>);
  const raw = definition.description?.trim() || definition.title || `Tool ${definition.name} of the MCP server ${binding.server}`;
  const description = raw.length > MAX_DESCRIPTION ? `${raw.slice(0, MAX_DESCRIPTION)}…` : raw;
  return {
    name,
    description,
    inputSchema: input.schema,
    mcp: {
      server: binding.server,
      tool: definition.name,
      ...(definition.annotations ? { annotations: definition.annotations } : {}),
      ...(input.problem ? { problem: input.problem } : {}),
    },
    isReadOnly: () => false,
    isConcurrencySafe: () => false,
    async checkPermissions() {
      return { behavior: 'ask', reason: `${definition.name} of the MCP server ${binding.server} needs approval (rules: mcp__${binding.server} for the server, ${name} for this tool)`, source: name };
    },
    async *call(args, ctx): AsyncGenerator<ToolEvent<McpToolOutput>, void, undefined> {
      const progress: string[] = [];
      let wake: (() => void) | undefined;
      const poke = () => {
        const w = wake;
        wake = undefined;
        w?.();
      };
      let finished = false;
      const outcome = callOnce(binding, definition.name, args, ctx.signal, (message) => {
        progress.push(message);
        poke();
      }).finally(() => {
        finished = true;
        poke();
      });
      for (;;) {
        while (progress.length > 0) yield { type: 'progress', message: progress.shift()! };
        if (finished) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      yield { type: 'result', output: await outcome };
    },
    toModelContent(output) {
      return output.blocks.length > 0 ? output.blocks : '(the tool returned no content)';
    },
  };
}

/** One tools/call; every failure comes back as an error value the model can read. */
async function callOnce(
  binding: McpToolBinding,
  tool: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
  onProgress: (message: string) => void,
): Promise<McpToolOutput | ToolErrorValue> {
  const fail = (kind: string, message: string): ToolErrorValue => ({ error: { kind, message } });
  if (signal.aborted) return fail('interrupted', 'the call was interrupted before it started');
  let result;
  try {
    result = await binding.client.callTool({ name: tool, arguments: args }, {
      signal,
      timeout: binding.callTimeoutMs,
      onprogress: (p) => onProgress(p.message ?? (p.total ? `${p.progress}/${p.total}` : String(p.progress))),
    });
  } catch (error) {
    if (signal.aborted) return fail('interrupted', `the call to ${binding.server} was interrupted`);
    if (error instanceof McpError) {
      if (error.code === ErrorCode.RequestTimeout) return fail('timeout', `the MCP server ${binding.server} did not answer within ${Math.round(binding.callTimeoutMs / 1000)} s`);
      if (error.code === ErrorCode.ConnectionClosed) return fail('server_unavailable', `the MCP server ${binding.server} closed the connection`);
      return fail('mcp_error', `the MCP server ${binding.server} refused the call: ${error.message}`);
    }
    return fail('server_unavailable', `calling the MCP server ${binding.server} failed: ${(error as Error).message}`);
  }
  const content = ('content' in result && Array.isArray(result.content) ? result.content : []) as ContentBlock[];
  const structured = 'structuredContent' in result ? result.structuredContent : 'toolResult' in result ? result.toolResult : undefined;
  const mapped = toResultBlocks(content, structured, binding.limits);
  if (result.isError === true) return fail('mcp_tool_error', textOf(mapped.blocks) || `${tool} on ${binding.server} reported an error without a message`);
  return mapped;
}
