import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool as McpToolDefinition } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerEntry } from '../../config/index.ts';
import { transportOf } from './describe.ts';
import { McpClient } from './mcp-client.ts';
import { ProcessGroupStdioTransport } from './stdio-transport.ts';

/** What connecting one server needs. */
export interface ConnectServerOptions {
  readonly cwd: string;
  /** Environment stdio servers start with, before their own `env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly connectTimeoutMs: number;
  readonly killGraceMs?: number;
  readonly clientVersion: string;
  readonly signal?: AbortSignal;
  /** Most tools taken from one server (pages of tools/list are followed up to this). */
  readonly maxTools: number;
}

/** A live connection. */
export interface ServerConnection {
  readonly client: McpClient;
  readonly tools: readonly McpToolDefinition[];
  readonly instructions?: string;
  readonly serverInfo?: { readonly name: string; readonly version: string };
  /** Ends the session: HTTP servers are told, stdio servers are killed with their process group. */
  close(): Promise<void>;
  /** Synchronous last resort at process exit (stdio: SIGKILL to the group). */
  killNow(): void;
}

/**
 * Starts (stdio) or contacts (HTTP) one server, runs the MCP handshake and
 * lists its tools. Throws with a message naming the server on any failure,
 * after cleaning up what it started.
 */
export async function connectServer(entry: McpServerEntry, options: ConnectServerOptions): Promise<ServerConnection> {
  const client = new McpClient({ name: 'wren', version: options.clientVersion });
  const { transport, stderr, killNow } = transportFor(entry, options);
  const timeout = AbortSignal.timeout(options.connectTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    await client.connect(transport, { signal, timeout: options.connectTimeoutMs });
    const tools: McpToolDefinition[] = [];
    let cursor: string | undefined;
    // A server without the tools capability (prompts or resources only) contributes no tools.
    while (client.hasTools) {
      const page = await client.listTools(cursor, { signal, timeout: options.connectTimeoutMs });
      tools.push(...page.tools);
      cursor = page.nextCursor;
      if (!cursor || tools.length >= options.maxTools) break;
    }
    const instructions = client.instructions;
    const info = client.serverInfo;
    return {
      client,
      tools: tools.slice(0, options.maxTools),
      ...(instructions ? { instructions } : {}),
      ...(info ? { serverInfo: { name: info.name, version: info.version } } : {}),
      close: () => closeClient(client, transport),
      killNow,
    };
  } catch (error) {
    await closeClient(client, transport);
    const why = timeout.aborted ? `no answer within ${Math.round(options.connectTimeoutMs / 1000)} s` : (error as Error).message;
    const tail = stderr()?.trim();
    throw new Error(`MCP server ${entry.name} failed to start: ${why}${tail ? `\n${tail.slice(-2000)}` : ''}`, { cause: error });
  }
}

function transportFor(entry: McpServerEntry, options: ConnectServerOptions): { transport: Transport; stderr: () => string | undefined; killNow: () => void } {
  const t = transportOf(entry.config);
  if (t.kind === 'remote') {
    if (t.config.type === 'sse') throw new Error(`MCP server ${entry.name}: the SSE transport is not supported; use "type": "http"`);
    const transport = new StreamableHTTPClientTransport(new URL(t.config.url), { requestInit: { headers: { ...(t.config.headers ?? {}) } } });
    return { transport, stderr: () => undefined, killNow: () => {} };
  }
  const c = t.config;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...options.env, ...(c.env ?? {}) })) if (v !== undefined) env[k] = v;
  const transport = new ProcessGroupStdioTransport({
    command: c.command,
    args: c.args ?? [],
    cwd: options.cwd,
    env,
    ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
  });
  return { transport, stderr: () => transport.stderrText(), killNow: () => transport.killNow() };
}

async function closeClient(client: McpClient, transport: Transport): Promise<void> {
  if (transport instanceof StreamableHTTPClientTransport) {
    // Tell the server the session is over; a server that does not keep sessions may refuse: fine.
    await transport.terminateSession().catch(() => {});
  }
  await client.close().catch(() => {});
  // Client.close closes the transport, but not when connect failed before it was attached.
  await transport.close().catch(() => {});
}
