import type { SettingsProblem } from './problems.ts';
import { keyPathOf } from './problems.ts';
import { parseJson, readSource } from './read-source.ts';
import { McpFileSchema, type McpServerConfig } from './schema.ts';

/** A server declared in a project's `.mcp.json`. */
export interface McpServerEntry {
  readonly name: string;
  readonly config: McpServerConfig;
  /** The `.mcp.json` that declares it. */
  readonly file: string;
  /**
   * Approved by the user (user or managed settings: `enableAllProjectMcpServers`
   * or `enabledMcpjsonServers`) and not listed in `disabledMcpjsonServers`.
   * Trusting a folder does not approve its servers; an unapproved server must
   * not be started, not even to list its tools.
   */
  readonly approved: boolean;
}

/** Reads and validates `.mcp.json`; an invalid file is skipped whole. */
export function readMcpFile(path: string): { servers?: Record<string, McpServerConfig>; problems: SettingsProblem[] } {
  const source = readSource(path);
  if (source.status === 'missing') return { problems: [] };
  if (source.status === 'invalid') return { problems: [source.problem] };
  const json = parseJson(source.text, path);
  if (!json.ok) return { problems: [json.problem] };
  const parsed = McpFileSchema.safeParse(json.value);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ file: path, keyPath: keyPathOf(issue.path), message: issue.message, severity: 'error' as const })) };
  }
  return { servers: parsed.data.mcpServers, problems: [] };
}

/** Marks each server approved or not. */
export function approveServers(
  servers: Record<string, McpServerConfig>,
  file: string,
  approval: { readonly all: boolean; readonly enabled: ReadonlySet<string>; readonly disabled: ReadonlySet<string> },
): McpServerEntry[] {
  return Object.entries(servers).map(([name, config]) => ({
    name,
    config,
    file,
    approved: !approval.disabled.has(name) && (approval.all || approval.enabled.has(name)),
  }));
}
