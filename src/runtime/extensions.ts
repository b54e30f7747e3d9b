import type { LoadedSettings } from '../config/index.ts';
import { feature } from '../feature/index.ts';
import type { PermissionDecision, PermissionEngine } from '../permissions/index.ts';
import type { GateAnswer } from '../query/index.ts';
import type { Tool, ToolContext } from '../tools/index.ts';
import { toolEnvironment } from './tool-env.ts';

/**
 * What the flag-gated extensions (HOOKS, MCP_CLIENT) add to a session. Each is
 * reached only through its flag's branch; a build without the flag has a
 * session with no hooks and no MCP servers, and none of their code.
 */
export interface Extensions {
  /** MCP servers' tools, named mcp__<server>__<tool>. */
  readonly tools: readonly Tool<any, any>[];
  /** Things the user should be told (hooks that will never run, servers that failed). */
  readonly notices: readonly string[];
  /** Context hooks add to the system prompt at session start. */
  readonly sessionContext: readonly string[];
  /** The permission gate: the engine, with PreToolUse hooks as extra sources and their rewrites re-checked. */
  gate(tool: Tool<any, any>, input: unknown, ctx: ToolContext, toolUseId: string): Promise<GateAnswer>;
  /** UserPromptSubmit hooks: a block, or context to send with the prompt. */
  beforePrompt(prompt: string, signal: AbortSignal): Promise<{ readonly blocked?: string; readonly context: readonly string[]; readonly messages: readonly string[] }>;
  close(reason: string): Promise<void>;
}

export interface ExtensionOptions {
  readonly loaded: LoadedSettings;
  readonly engine: PermissionEngine;
  readonly sessionId: string;
  readonly transcriptPath: string;
  readonly resumed: boolean;
  readonly cwd: () => string;
  /** The session's environment for hooks; the API credentials are removed from it here too. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export async function loadExtensions(options: ExtensionOptions): Promise<Extensions> {
  const { engine } = options;
  const decide = (tool: Tool<any, any>, input: unknown, ctx: ToolContext, extra: readonly PermissionDecision[] = []) =>
    engine.decide(tool.name, input, tool, ctx, { extra });
  const notices: string[] = [];
  const sessionContext: string[] = [];
  const tools: Tool<any, any>[] = [];
  const closers: ((reason: string) => Promise<void>)[] = [];
  let gate: Extensions['gate'] = (tool, input, ctx) => decide(tool, input, ctx);
  let beforePrompt: Extensions['beforePrompt'] = async () => ({ context: [], messages: [] });

  if (feature('HOOKS')) {
    const hooksModule = await import('../hooks/index.ts');
    const hooks = hooksModule.createHookRunner({
      settings: options.loaded,
      sessionId: options.sessionId,
      transcriptPath: options.transcriptPath,
      cwd: options.cwd,
      permissionMode: () => engine.mode,
      // A hook's output can reach the model: it never sees the API key.
      env: toolEnvironment(options.env),
    });
    notices.push(...hooks.problems.map((p) => String(p)));
    if (hooks.has('SessionStart')) {
      const start = await hooks.sessionStart({ source: options.resumed ? 'resume' : 'startup' });
      sessionContext.push(...start.additionalContext);
      notices.push(...start.userMessages.map((m) => m.message));
    }
    gate = async (tool, input, ctx, toolUseId) => {
      if (!hooks.has('PreToolUse')) return decide(tool, input, ctx);
      const outcome = await hooks.preToolUse({ tool, input, toolUseId, signal: ctx.signal, decide: (i, extra) => decide(tool, i, ctx, extra) });
      return { decision: outcome.decision, input: outcome.input };
    };
    beforePrompt = async (prompt, signal) => {
      if (!hooks.has('UserPromptSubmit')) return { context: [], messages: [] };
      const outcome = await hooks.userPromptSubmit({ prompt }, { signal });
      return {
        ...(outcome.blocked ? { blocked: outcome.blocked.reason } : {}),
        context: outcome.additionalContext,
        messages: outcome.userMessages.map((m) => m.message),
      };
    };
    closers.push(async (reason) => {
      if (hooks.has('SessionEnd')) await hooks.sessionEnd({ reason });
    });
  }

  if (feature('MCP_CLIENT')) {
    const mcp = await import('../tools/mcp/index.ts');
    const connections = await mcp.connectMcpServers({ settings: options.loaded, cwd: options.loaded.projectRoot });
    tools.push(...connections.tools);
    for (const server of connections.servers) {
      if (server.error) notices.push(`MCP server ${server.name}: ${server.error}`);
    }
    closers.push(() => connections.close());
  }

  return {
    tools, notices, sessionContext, gate, beforePrompt,
    async close(reason) {
      for (const close of closers) await close(reason).catch(() => undefined);
    },
  };
}
