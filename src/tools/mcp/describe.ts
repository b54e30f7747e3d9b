import type { McpServerConfig, McpServerEntry } from '../../config/index.ts';

/**
 * The MCP part of the config layer's result (`loadSettings(...)`): its
 * `.mcp.json` servers, each approved or not, and whether the folder is trusted.
 */
export interface McpSettings {
  readonly trusted: boolean;
  readonly mcpServers: readonly McpServerEntry[];
}

/** Whether a server will be started, and if not, why. */
export type McpServerStatus =
  /** Trusted folder, approved by the user, supported: starts when the session asks. */
  | 'will-start'
  /** In `.mcp.json` but not approved in user or managed settings (`enabledMcpjsonServers`, `enableAllProjectMcpServers`). */
  | 'needs-approval'
  /** The folder is not trusted: nothing from it starts. */
  | 'untrusted'
  /** A transport or name this version cannot use. */
  | 'unsupported';

/** One server as `/mcp` or `wren mcp list` shows it: read from settings, nothing started, nothing fetched. */
export interface McpServerDescription {
  readonly name: string;
  /** The `.mcp.json` that declares it. */
  readonly file: string;
  readonly transport: 'stdio' | 'http' | 'sse';
  /** What starting it would do: the command line, or the URL. */
  readonly target: string;
  readonly status: McpServerStatus;
  /** In words, what the status means for the user (and how to change it). */
  readonly reason: string;
}

/**
 * Lists the servers the settings declare WITHOUT starting or contacting any of
 * them (listing servers must never run a repository's command: SECURITY.md).
 * Pure: reads nothing but its argument.
 */
export function describeMcpServers(settings: McpSettings): McpServerDescription[] {
  return settings.mcpServers.map((entry) => {
    const { transport, target } = targetOf(entry);
    const base = { name: entry.name, file: entry.file, transport, target };
    if (!settings.trusted) return { ...base, status: 'untrusted', reason: 'the folder is not trusted; trust it first, then approve the server' };
    if (!entry.approved) {
      return {
        ...base,
        status: 'needs-approval',
        reason: `not approved: add "${entry.name}" to enabledMcpjsonServers in your user settings (trusting the folder does not approve its servers)`,
      };
    }
    const unsupported = unsupportedReason(entry);
    if (unsupported) return { ...base, status: 'unsupported', reason: unsupported };
    return { ...base, status: 'will-start', reason: transport === 'stdio' ? 'starts with the session' : 'connects with the session' };
  });
}

/** The servers a session may start: exactly those `describeMcpServers` says will start. */
export function startableServers(settings: McpSettings): McpServerEntry[] {
  const described = describeMcpServers(settings);
  return settings.mcpServers.filter((_, i) => described[i]!.status === 'will-start');
}

/** A remote server's config. */
export type RemoteServerConfig = Extract<McpServerConfig, { url: string }>;
/** A stdio server's config. */
export type StdioServerConfig = Extract<McpServerConfig, { command: string }>;

/** The config, by transport (the schema's loose objects defeat TypeScript's own narrowing). */
export function transportOf(config: McpServerConfig): { kind: 'remote'; config: RemoteServerConfig } | { kind: 'stdio'; config: StdioServerConfig } {
  return config.type === 'http' || config.type === 'sse' ? { kind: 'remote', config: config as RemoteServerConfig } : { kind: 'stdio', config: config as StdioServerConfig };
}

function targetOf(entry: McpServerEntry): { transport: McpServerDescription['transport']; target: string } {
  const t = transportOf(entry.config);
  if (t.kind === 'remote') return { transport: t.config.type, target: t.config.url };
  return { transport: 'stdio', target: [t.config.command, ...(t.config.args ?? [])].join(' ') };
}

function unsupportedReason(entry: McpServerEntry): string | undefined {
  // Tools are named mcp__<server>__<tool> and rules mcp__<server>: a "__" in the server name would make
  // a rule for one server match another's tools.
  if (entry.name.includes('__')) return `server names cannot contain "__" (rules like mcp__${entry.name.split('__')[0]} would be ambiguous); rename it`;
  if (entry.config.type === 'sse') return 'the SSE transport is deprecated and not supported; use "type": "http" (streamable HTTP)';
  return undefined;
}
