import { feature } from '../feature/index.ts';
import { loadBashTools, shutdownBashTools, type BashSandboxSettings } from './bash/index.ts';
import { editTool } from './edit/tool.ts';
import { globTool } from './glob/tool.ts';
import { grepTool } from './grep/tool.ts';
import { lsTool } from './ls/tool.ts';
import { readTool } from './read/tool.ts';
import type { Tool } from './tool.ts';
import { writeTool } from './write/tool.ts';

export type { Tool, ToolContext, ToolErrorValue, ToolEvent, ToolResultContent } from './tool.ts';
export { isToolError } from './tool.ts';
export { shutdownBashTools };

/** What the registry needs from the rest of the runtime. */
export interface ToolRegistryOptions {
  /** The Bash analyser's read-only verdict (read-only commands run in parallel and are allowed in plan mode). */
  readonly isReadOnlyCommand?: (command: string) => boolean;
  /** The `sandbox` settings, for builds with the OS sandbox. */
  readonly sandbox?: BashSandboxSettings;
}

/**
 * The tools of this build, in the order the model sees them. Each flag-gated
 * tool is reached only through its flag's branch, so a build without the flag
 * holds none of its code.
 */
export async function loadTools(options: ToolRegistryOptions = {}): Promise<Tool<any, any>[]> {
  const tools: Tool<any, any>[] = [readTool, writeTool, editTool, globTool, grepTool, lsTool];
  tools.push(...(await loadBashTools({
    ...(options.isReadOnlyCommand ? { isReadOnlyCommand: options.isReadOnlyCommand } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  })));
  if (feature('TODO_TOOL')) tools.push((await import('./todo-write/index.ts')).todoWriteTool);
  if (feature('NOTEBOOK_TOOL')) tools.push((await import('./notebook-edit/index.ts')).notebookEditTool);
  if (feature('WEB_FETCH_TOOL')) tools.push((await import('./web-fetch/index.ts')).webFetchTool);
  if (feature('PLAN_MODE')) tools.push((await import('../permissions/plan-mode/index.ts')).exitPlanModeTool);
  return tools;
}
