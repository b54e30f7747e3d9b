import { basename, dirname, sep } from 'node:path';
import type { PathCandidates } from './path-rules.ts';
import { canonicalDir, isInside } from './real-path.ts';

/** Where Wren's own configuration lives, so writes to it can be held for a human. */
export interface ProtectedLocations {
  /** The user config dir ($WREN_CONFIG_DIR, default ~/.wren): user settings, trust store. */
  readonly configDir: string;
  /** The managed settings file; its folder is protected too. */
  readonly managedSettingsPath?: string;
}

/**
 * Why a write to this path must always ask, or undefined. Settings decide what
 * runs next time (hooks, MCP servers, status line, modes), so an agent that can
 * write them can give itself any permission: a peer's sandbox let the agent
 * create a missing settings file and plant a hook (SECURITY.md). Covered: any
 * `.wren/` folder (project and local settings, agent and command files), any
 * `.mcp.json`, the user config dir, the managed settings folder. Both the real
 * and the lexical path are checked, case-insensitively.
 */
export function protectedWriteReason(path: PathCandidates, where: ProtectedLocations): string | undefined {
  const configDirs = new Set([where.configDir, canonicalDir(where.configDir)]);
  const managedDirs = where.managedSettingsPath
    ? new Set([dirname(where.managedSettingsPath), canonicalDir(dirname(where.managedSettingsPath))])
    : new Set<string>();
  for (const candidate of new Set([path.real, path.lexical])) {
    const lower = candidate.toLowerCase();
    if (lower.split(sep).includes('.wren')) return `${candidate} is Wren configuration (a .wren folder)`;
    if (basename(lower) === '.mcp.json') return `${candidate} declares MCP servers (.mcp.json)`;
    for (const dir of configDirs) if (isInside(candidate, dir, true)) return `${candidate} is in the user config dir`;
    for (const dir of managedDirs) if (isInside(candidate, dir, true)) return `${candidate} is in the managed settings folder`;
  }
  return undefined;
}
