import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * MCP_CLIENT's gated module: MCP servers (stdio, streamable HTTP) surfaced as permission-gated tools.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'MCP_CLIENT',
  status: 'scaffold',
  provides: ['mcp__'],
};
