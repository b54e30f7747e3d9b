import { connectServer, type ServerConnection } from './connect-server.ts';
import { startableServers, type McpSettings } from './describe.ts';
import { createMcpTool, mcpToolName, type McpTool } from './mcp-tool.ts';
import { DEFAULT_RESULT_LIMITS, type ResultLimits } from './result-content.ts';

/** How to connect a session's MCP servers. */
export interface ConnectMcpOptions {
  /** The config layer's result: which servers exist, which are approved, whether the folder is trusted. */
  readonly settings: McpSettings;
  /** Where stdio servers start (the project root or session cwd). */
  readonly cwd: string;
  /**
   * The environment stdio servers start with, before each server's own `env`.
   * @default HOME, LOGNAME, PATH, SHELL, TERM, USER from process.env (the SDK's
   * choice): API keys and other secrets of the session are not handed to servers.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Handshake and tools/list, per server. @default 30 000 */
  readonly connectTimeoutMs?: number;
  /** Each tools/call. @default 300 000 */
  readonly callTimeoutMs?: number;
  /** Caps on what one result may put in the context. */
  readonly limits?: Partial<ResultLimits>;
  /** Tools taken per server. @default 200 */
  readonly maxToolsPerServer?: number;
  /** SIGTERM-to-SIGKILL grace when a stdio server is stopped. @default 2000 */
  readonly killGraceMs?: number;
  /** Reported to servers as the client version. @default '0.0.0' */
  readonly clientVersion?: string;
  /** Aborts connecting (the session is ending). */
  readonly signal?: AbortSignal;
}

/** One server's state after connecting. */
export interface McpServerState {
  readonly name: string;
  readonly status: 'connected' | 'failed';
  readonly error?: string;
  /** Wren names of its tools. */
  readonly tools: readonly string[];
  /** Tools left out, and why (name too long, duplicate, bad schema). */
  readonly problems: readonly string[];
  /** The server's `instructions` for the model (the runtime may add them to the system prompt). */
  readonly instructions?: string;
  readonly serverInfo?: { readonly name: string; readonly version: string };
}

/** The session's MCP servers, connected. Close it when the session ends. */
export interface McpConnections {
  readonly servers: readonly McpServerState[];
  /** Every tool of every connected server, named mcp__<server>__<tool>. */
  readonly tools: readonly McpTool[];
  /** Stops every server (stdio: the whole process group). Idempotent. */
  close(): Promise<void>;
}

const SAFE_ENV = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

/**
 * Starts the servers the settings allow (trusted folder AND approved server:
 * exactly what `describeMcpServers` reports as 'will-start'), in parallel; a
 * server that fails is reported and the others go on. Call it when the
 * session starts, never to list servers.
 */
export async function connectMcpServers(options: ConnectMcpOptions): Promise<McpConnections> {
  const limits: ResultLimits = { ...DEFAULT_RESULT_LIMITS, ...options.limits };
  const env = options.env ?? Object.fromEntries(SAFE_ENV.flatMap((k) => (process.env[k] !== undefined ? [[k, process.env[k]]] : [])));
  const live: ServerConnection[] = [];
  // If the process exits without close(), stdio servers must not outlive it (they lead their own process groups).
  const onExit = () => {
    for (const c of live) c.killNow();
  };
  process.once('exit', onExit);

  const entries = startableServers(options.settings);
  const settled = await Promise.allSettled(
    entries.map(async (entry) => {
      const connection = await connectServer(entry, {
        cwd: options.cwd,
        env,
        connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
        clientVersion: options.clientVersion ?? '0.0.0',
        maxTools: options.maxToolsPerServer ?? 200,
        ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      live.push(connection);
      return { entry, connection };
    }),
  );

  const servers: McpServerState[] = [];
  const tools: McpTool[] = [];
  const taken = new Set<string>();
  settled.forEach((result, i) => {
    const name = entries[i]!.name;
    if (result.status === 'rejected') {
      servers.push({ name, status: 'failed', error: (result.reason as Error).message, tools: [], problems: [] });
      return;
    }
    const { connection } = result.value;
    const binding = { server: name, client: connection.client, callTimeoutMs: options.callTimeoutMs ?? 300_000, limits };
    const names: string[] = [];
    const problems: string[] = [];
    for (const definition of connection.tools) {
      const toolName = mcpToolName(name, definition.name);
      if (!toolName) {
        problems.push(`${definition.name}: the name mcp__${name}__${definition.name} is longer than 64 characters`);
        continue;
      }
      if (taken.has(toolName)) {
        problems.push(`${definition.name}: another tool is already named ${toolName}`);
        continue;
      }
      taken.add(toolName);
      const tool = createMcpTool(binding, definition, toolName);
      if (tool.mcp.problem) problems.push(`${definition.name}: ${tool.mcp.problem}`);
      tools.push(tool);
      names.push(toolName);
    }
    servers.push({
      name,
      status: 'connected',
      tools: names,
      problems,
      ...(connection.instructions ? { instructions: connection.instructions } : {}),
      ...(connection.serverInfo ? { serverInfo: connection.serverInfo } : {}),
    });
  });

  let closing: Promise<void> | undefined;
  return {
    servers,
    tools,
    close() {
      closing ??= Promise.all(live.map((c) => c.close())).then(() => {
        process.removeListener('exit', onExit);
      });
      return closing;
    },
  };
}
