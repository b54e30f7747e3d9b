import type { FeatureModule } from '../../feature/feature-module.ts';
import type { ConnectMcpOptions, McpConnections } from './connections.ts';

/**
 * MCP_CLIENT's gated module: MCP servers (stdio, streamable HTTP) surfaced as
 * permission-gated tools named mcp__<server>__<tool>.
 *
 * Reached only through `if (feature('MCP_CLIENT')) { const mcp = await import('../tools/mcp/index.ts') }`.
 * Loading this entry starts nothing and loads no MCP SDK code: `describeMcpServers`
 * lists without starting anything; `connectMcpServers` loads the SDK and starts
 * the servers the settings allow (trusted folder AND approved server).
 */
export const featureModule: FeatureModule = {
  flag: 'MCP_CLIENT',
  status: 'ready',
  provides: ['mcp__'],
};

export { describeMcpServers, startableServers, type McpServerDescription, type McpServerStatus, type McpSettings } from './describe.ts';
export type { ConnectMcpOptions, McpConnections, McpServerState } from './connections.ts';
export type { McpTool, McpToolOutput } from './mcp-tool.ts';
export type { ResultBlock, ResultLimits } from './result-content.ts';

/** Starts the session's MCP servers; see ConnectMcpOptions. The SDK is loaded here, not at import. */
export async function connectMcpServers(options: ConnectMcpOptions): Promise<McpConnections> {
  const { connectMcpServers: connect } = await import('./connections.ts');
  return connect(options);
}
