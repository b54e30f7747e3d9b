import { readFileSync } from 'node:fs';
import type { Tool, ToolContext, ToolErrorValue } from '../../src/tools/tool.ts';
import { isToolError } from '../../src/tools/tool.ts';

/** A tool context over a real folder, whose cwd moves when a tool calls setCwd. */
export interface TestSession {
  readonly ctx: ToolContext;
  readonly cwdChanges: string[];
}

export function makeSession(
  cwd: string,
  overrides: { env?: Record<string, string | undefined>; signal?: AbortSignal; projectRoot?: string; additionalDirectories?: string[] } = {},
): TestSession {
  let current = cwd;
  const cwdChanges: string[] = [];
  const ctx: ToolContext = {
    get cwd() {
      return current;
    },
    setCwd(next) {
      current = next;
      cwdChanges.push(next);
    },
    signal: overrides.signal ?? new AbortController().signal,
    additionalDirectories: overrides.additionalDirectories ?? [],
    ...(overrides.projectRoot !== undefined ? { projectRoot: overrides.projectRoot } : {}),
    readFiles: new Map(),
    now: () => Date.now(),
    env: overrides.env ?? process.env,
  };
  return { ctx, cwdChanges };
}

/** Runs one call to the end: its progress messages and its single result. */
export async function runTool<I, O>(tool: Tool<I, O>, input: I, ctx: ToolContext): Promise<{ progress: string[]; output: O | ToolErrorValue }> {
  const progress: string[] = [];
  let output: O | ToolErrorValue | undefined;
  let results = 0;
  for await (const event of tool.call(tool.inputSchema.parse(input), ctx)) {
    if (event.type === 'progress') progress.push(event.message);
    else {
      output = event.output;
      results++;
    }
  }
  if (results !== 1) throw new Error(`expected exactly one result, got ${results}`);
  return { progress, output: output! };
}

/** The successful output, or a thrown error naming the tool error. */
export function ok<O>(output: O | ToolErrorValue): O {
  if (isToolError(output)) throw new Error(`unexpected tool error: ${output.error.kind}: ${output.error.message}`);
  return output;
}

/** The tool error, or a thrown error when the call succeeded. */
export function failed(output: unknown): ToolErrorValue['error'] {
  if (!isToolError(output)) throw new Error(`expected a tool error, got ${JSON.stringify(output).slice(0, 300)}`);
  return output.error;
}

/** True while a process runs; a zombie (dead, not yet reaped) counts as gone. Linux /proc, else kill(pid, 0). */
export function isProcessRunning(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
