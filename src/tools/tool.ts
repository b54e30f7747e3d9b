import type { z } from 'zod';
import type { PermissionDecision } from '../permissions/index.ts';

/**
 * The narrow context a tool call gets. Everything a tool touches outside its
 * input comes through here, so tests pass real temp folders and fakes without casts.
 */
export interface ToolContext {
  /** The session's working directory (the Bash tool may move it; see `setCwd`). */
  readonly cwd: string;
  /** Persist a new working directory for later calls (Bash `cd`). */
  setCwd?(cwd: string): void;
  /** Aborted on Esc, Ctrl-C, signal or turn timeout; a tool must stop promptly. */
  readonly signal: AbortSignal;
  /** Folders the session may touch besides `cwd` (settings `additionalDirectories`). */
  readonly additionalDirectories: readonly string[];
  /**
   * The folder the session started in (its project root, a real path), fixed for
   * the whole session. With `additionalDirectories` it makes the session's working
   * directories: containment checks use these, never the live `cwd`, and the Bash
   * tool never leaves `cwd` outside them (it moves it back here and says so).
   * Absent (bare callers, some tests): the live `cwd` stands in for it.
   */
  readonly projectRoot?: string;
  /**
   * False for a path a Read deny rule covers (the permission engine's read check
   * says deny); true otherwise, including paths that would only need approval.
   * Tools that report many paths at once (Grep, Glob, LS) drop the ones it
   * refuses: the gate only checked where the search started. Absent: all readable.
   */
  canRead?(absolutePath: string): Promise<boolean>;
  /** Per-session file state: what was read, and when, so Edit can refuse stale edits. */
  readonly readFiles: Map<string, { readonly mtimeMs: number; readonly size: number }>;
  /** Time source; defaults to the real clock. */
  readonly now: () => number;
  /** Environment the tool sees (Bash, hooks); defaults to process.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A failure the model can act on: returned as a value, never thrown. Only bugs throw. */
export interface ToolErrorValue {
  readonly error: { readonly message: string; readonly kind: string };
}

/** Content of a tool_result as the Messages API takes it. */
export type ToolResultContent =
  | string
  | readonly (
      | { readonly type: 'text'; readonly text: string }
      | { readonly type: 'image'; readonly source: { readonly type: 'base64'; readonly media_type: string; readonly data: string } }
    )[];

export type ToolEvent<Output> =
  | { readonly type: 'progress'; readonly message: string }
  | { readonly type: 'result'; readonly output: Output | ToolErrorValue };

/**
 * A tool: the agent's system call. One object per tool, in `src/tools/<name>/tool.ts`,
 * with its model-facing description in `prompt.md` beside it.
 */
export interface Tool<Input = unknown, Output = unknown> {
  /** The name the model calls it by. */
  readonly name: string;
  /** Model-facing description, loaded from the tool's prompt.md. */
  readonly description: string;
  /** Validates input; the JSON Schema sent to the API is derived from it. */
  readonly inputSchema: z.ZodType<Input>;
  isReadOnly(input: Input): boolean;
  /** True when this call may run in parallel with the other safe calls of its turn. */
  isConcurrencySafe(input: Input): boolean;
  /**
   * The tool's own view, which the permission engine combines with modes and rules:
   * `deny` is a veto nothing overrides (an unusable URL); `ask` is the question to
   * put when no rule or mode settles the call (it names what a rule would allow);
   * `allow` only means "no objection": a tool cannot grant itself a permission.
   */
  checkPermissions(input: Input, ctx: ToolContext): Promise<PermissionDecision>;
  /** Progress events, ending in exactly one `result`. */
  call(input: Input, ctx: ToolContext): AsyncGenerator<ToolEvent<Output>, void, undefined>;
  /** How a result is shown to the model in the tool_result block. */
  toModelContent(output: Output): ToolResultContent;
}

export function isToolError(value: unknown): value is ToolErrorValue {
  return typeof value === 'object' && value !== null && 'error' in value;
}
