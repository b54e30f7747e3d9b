import { z } from 'zod';
import type { Tool, ToolContext, ToolEvent } from '../tool.ts';
import description from './prompt.md';
import { renderBashResult, formatDuration, type BashResult } from './render.ts';
import { startCommand, type CommandRun } from './run-command.ts';
import { cwdAfterCommand, startingCwd } from './session-cwd.ts';
import type { LaunchWrapper } from './spawn-shell.ts';

/** @default 120000 (2 minutes) */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** The longest timeout the model may ask for: 10 minutes. */
export const MAX_TIMEOUT_MS = 600_000;

export const bashInputSchema = z.strictObject({
  command: z.string().min(1).describe('The command to execute'),
  timeout: z.number().int().positive().max(MAX_TIMEOUT_MS).optional()
    .describe(`Optional timeout in milliseconds (max ${MAX_TIMEOUT_MS})`),
  description: z.string().optional()
    .describe("Clear, concise description of what this command does in 5-10 words, in active voice. Examples: 'Lists files in current directory', 'Installs package dependencies'"),
});

export type BashInput = z.infer<typeof bashInputSchema>;

/** Limits of the Bash tool; the defaults are what the model is told in prompt.md. */
export interface BashToolOptions {
  /** @default 120000 */
  readonly defaultTimeoutMs?: number;
  /** Characters of each stream shown to the model; past that the middle is cut. @default 30000 */
  readonly maxOutputChars?: number;
  /** SIGTERM-to-SIGKILL grace when a command is killed. @default 2000 */
  readonly killGraceMs?: number;
  /** How often a progress event with the output's tail is sent. @default 1000 */
  readonly progressIntervalMs?: number;
  /** How long to wait for output pipes held open by leftover background processes. @default 200 */
  readonly drainMs?: number;
  /** Shell binary. @default '/bin/bash' (or `bash` from PATH) */
  readonly shell?: string;
  /**
   * The command analyser's verdict (src/permissions): true when a command only
   * reads. Such calls report themselves read-only and concurrency-safe. Without
   * it, every command is taken as one that writes. @default () => false
   */
  readonly isReadOnlyCommand?: (command: string) => boolean;
  /**
   * How each call's shell is started, decided per call: the OS sandbox plugs
   * in here. It changes where the command runs, never whether it may: the
   * permission check above is the same with or without it. @default none
   */
  readonly launcher?: (ctx: ToolContext) => ShellLauncher;
}

/** One call's launch plan (see `BashToolOptions.launcher`). */
export interface ShellLauncher {
  /** Rewrites the launch, e.g. to run the shell inside a sandbox; may refuse by throwing. */
  readonly wrap?: LaunchWrapper;
  /** Told to the model before the output (e.g. that commands are not sandboxed here). */
  readonly notes?: readonly string[];
  /** Notes added once the command ran (e.g. why a write failed). */
  readonly explain?: (result: { readonly stderr: string; readonly exitCode: number | null }) => readonly string[];
}

/** Builds the Bash tool; `bashTool` is the one with the defaults. */
export function createBashTool(options: BashToolOptions = {}): Tool<BashInput, BashResult> {
  const maxOutputChars = options.maxOutputChars ?? 30_000;
  const progressIntervalMs = options.progressIntervalMs ?? 1000;
  return {
    name: 'Bash',
    description,
    inputSchema: bashInputSchema,
    // The Bash analyser (src/permissions) decides what a command does; alone, the tool assumes the worst.
    isReadOnly: (input) => options.isReadOnlyCommand?.(input.command) ?? false,
    isConcurrencySafe: (input) => options.isReadOnlyCommand?.(input.command) ?? false,
    async checkPermissions() {
      return { behavior: 'ask', reason: 'shell commands need approval unless a rule or the command analyser allows them', source: 'Bash' };
    },
    async *call(input, ctx): AsyncGenerator<ToolEvent<BashResult>, void, undefined> {
      if (ctx.signal.aborted) {
        yield { type: 'result', output: { error: { kind: 'aborted', message: 'The command was not run: the call was aborted before it started.' } } };
        return;
      }
      const notes: string[] = [];
      const start = await startingCwd(ctx, notes);
      if (typeof start !== 'string') {
        yield { type: 'result', output: start };
        return;
      }
      const cwd = start;
      const launcher = options.launcher?.(ctx);
      notes.push(...(launcher?.notes ?? []));
      const run = startCommand({
        command: input.command,
        cwd,
        env: ctx.env,
        timeoutMs: input.timeout ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: ctx.signal,
        keepBytes: Math.ceil(maxOutputChars / 2),
        killGraceMs: options.killGraceMs ?? 2000,
        drainMs: options.drainMs ?? 200,
        ...(options.shell === undefined ? {} : { shell: options.shell }),
        ...(launcher?.wrap ? { wrap: launcher.wrap } : {}),
      });
      let done = false;
      try {
        yield* progressUntilDone(run, progressIntervalMs);
        const result = await run.result;
        done = true;
        if (result.spawnError !== undefined) {
          yield { type: 'result', output: { error: { kind: 'spawn_failed', message: `Could not start the shell: ${result.spawnError}` } } };
          return;
        }
        // The next command starts where this one ended, unless that is outside the working directories.
        const cwdAfter = await cwdAfterCommand(ctx, cwd, result.cwdAfter, notes);
        notes.push(...(launcher?.explain?.({ stderr: result.stderr, exitCode: result.exitCode }) ?? []));
        yield {
          type: 'result',
          output: {
            stdout: result.stdout,
            stderr: result.stderr,
            exitCode: result.exitCode,
            signal: result.signal,
            timedOut: result.timedOut,
            interrupted: result.interrupted,
            cwd: cwdAfter,
            durationMs: result.durationMs,
            notes,
          },
        };
      } finally {
        // The consumer stopped listening (generator closed early): the command must not outlive the call.
        if (!done) {
          run.kill();
          await run.result;
        }
      }
    },
    toModelContent: renderBashResult,
  };
}

/** The Bash tool with default limits. */
export const bashTool: Tool<BashInput, BashResult> = createBashTool();

async function* progressUntilDone(run: CommandRun, intervalMs: number): AsyncGenerator<ToolEvent<never>, void, undefined> {
  const started = Date.now();
  const done = run.result.then(() => 'done' as const);
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<'tick'>((resolve) => { timer = setTimeout(() => resolve('tick'), intervalMs); });
    const winner = await Promise.race([done, tick]);
    clearTimeout(timer);
    if (winner === 'done') return;
    const tail = lastLines(run.recent(2000), 5, 500);
    const elapsed = `Running for ${formatDuration(Date.now() - started)}`;
    yield { type: 'progress', message: tail ? `${elapsed}\n${tail}` : elapsed };
  }
}

function lastLines(text: string, lines: number, maxChars: number): string {
  return text.replace(/\s+$/, '').split('\n').slice(-lines).join('\n').slice(-maxChars);
}
