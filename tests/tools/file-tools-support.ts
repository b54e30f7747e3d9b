import type { Tool, ToolContext, ToolErrorValue } from '../../src/tools/tool.ts';
import { isToolError } from '../../src/tools/tool.ts';

/** A tool context over a real folder, as the query engine would build it. */
export function fileToolContext(
  cwd: string,
  overrides: {
    signal?: AbortSignal;
    additionalDirectories?: string[];
    env?: Record<string, string | undefined>;
    projectRoot?: string;
    canRead?: (path: string) => Promise<boolean>;
  } = {},
): ToolContext {
  return {
    cwd,
    signal: overrides.signal ?? new AbortController().signal,
    additionalDirectories: overrides.additionalDirectories ?? [],
    ...(overrides.projectRoot !== undefined ? { projectRoot: overrides.projectRoot } : {}),
    ...(overrides.canRead ? { canRead: overrides.canRead } : {}),
    readFiles: new Map(),
    now: () => Date.now(),
    env: overrides.env ?? { PATH: process.env['PATH'] },
  };
}

/** Validates the input as the engine does, runs the call to its single result. */
export async function call<I, O>(tool: Tool<I, O>, input: unknown, ctx: ToolContext): Promise<O | ToolErrorValue> {
  let output: O | ToolErrorValue | undefined;
  let results = 0;
  for await (const event of tool.call(tool.inputSchema.parse(input), ctx)) {
    if (event.type === 'result') {
      output = event.output;
      results++;
    }
  }
  if (results !== 1) throw new Error(`expected exactly one result, got ${results}`);
  return output!;
}

/** The successful output; a failure names the tool error. */
export function ok<O>(output: O | ToolErrorValue): O {
  if (isToolError(output)) throw new Error(`unexpected tool error: ${output.error.kind}: ${output.error.message}`);
  return output;
}

/** The tool error; a success fails the test. */
export function failed(output: unknown): ToolErrorValue['error'] {
  if (!isToolError(output)) throw new Error(`expected a tool error, got ${JSON.stringify(output).slice(0, 300)}`);
  return output.error;
}

/** What the model reads as text (joined text blocks). */
export function modelText<O>(tool: Tool<unknown, O>, output: O): string {
  const content = tool.toModelContent(output);
  if (typeof content === 'string') return content;
  return content.map((b) => (b.type === 'text' ? b.text : `[image ${b.source.media_type}]`)).join('\n');
}

/** An already aborted signal. */
export function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}
