import type { Tool, ToolContext } from '../tools/tool.ts';
import type { PermissionDecision } from './decision.ts';
import type { PermissionMode } from './modes.ts';

/* Small verdict sources of the engine: the mode's grant, a subagent's tool list, the tool's own view. */

export function modeGrant(mode: PermissionMode): PermissionDecision {
  return { behavior: 'allow', reason: `allowed by ${mode} mode`, source: `mode:${mode}` };
}

export function toolNameAllowed(entry: string, toolName: string): boolean {
  if (entry === toolName) return true;
  return entry.startsWith('mcp__') && !entry.slice(5).includes('__') && toolName.startsWith(`${entry}__`);
}

export function safeIsReadOnly(tool: Tool<never, unknown> | Tool, input: unknown): boolean {
  try {
    return (tool as Tool).isReadOnly(input);
  } catch {
    return false;
  }
}

/**
 * The tool's own verdict. Its deny is a veto; its ask is the question to put
 * when no rule or mode settles the call; its allow only means "no objection"
 * (a tool cannot grant itself a permission the user did not give). A tool
 * whose check throws is denied: a broken check must not let a call through.
 */
export async function toolsOwnView(tool: Tool<never, unknown> | Tool, input: unknown, ctx: ToolContext): Promise<PermissionDecision | undefined> {
  try {
    const d = await (tool as Tool).checkPermissions(input, ctx);
    return d.behavior === 'allow' ? undefined : d;
  } catch (error) {
    return { behavior: 'deny', reason: `${tool.name} could not check its permissions: ${(error as Error).message}`, source: tool.name };
  }
}
