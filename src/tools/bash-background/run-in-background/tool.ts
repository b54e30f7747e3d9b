import { statSync } from 'node:fs';
import { z } from 'zod';
import { bashInputSchema, type BashInput, type BashResult, type ShellLauncher } from '../../bash/index.ts';
import type { Tool, ToolContext, ToolEvent } from '../../tool.ts';
import type { BackgroundShells } from '../shell-registry.ts';
import backgroundPrompt from './prompt.md';

export const backgroundBashInputSchema = bashInputSchema.extend({
  run_in_background: z.boolean().optional()
    .describe('Set to true to run this command in the background. Use BashOutput to read the output later.'),
});

export type BackgroundBashInput = z.infer<typeof backgroundBashInputSchema>;

/** What a background start returns: the id to read and kill it by. */
export interface BackgroundStarted {
  readonly backgroundShellId: string;
  readonly command: string;
}

export type BackgroundBashOutput = BashResult | BackgroundStarted;

/**
 * The Bash tool with `run_in_background`: the same schema plus that option,
 * the same description plus how to use it. Foreground calls go to `bash`
 * unchanged; background calls start a shell in `shells` and return its id.
 */
export function withBackground(
  bash: Tool<BashInput, BashResult>, shells: BackgroundShells, launcher?: (ctx: ToolContext) => ShellLauncher,
): Tool<BackgroundBashInput, BackgroundBashOutput> {
  return {
    name: bash.name,
    description: `${bash.description.trimEnd()}\n\n${backgroundPrompt}`,
    inputSchema: backgroundBashInputSchema,
    isReadOnly: ({ run_in_background: _, ...input }) => bash.isReadOnly(input),
    isConcurrencySafe: ({ run_in_background: _, ...input }) => bash.isConcurrencySafe(input),
    // Same command, same gate: running in the background needs no more and no less permission.
    checkPermissions: ({ run_in_background: _, ...input }, ctx) => bash.checkPermissions(input, ctx),
    async *call({ run_in_background, ...input }, ctx): AsyncGenerator<ToolEvent<BackgroundBashOutput>, void, undefined> {
      if (!run_in_background) {
        yield* bash.call(input, ctx);
        return;
      }
      if (!isDirectory(ctx.cwd)) {
        yield { type: 'result', output: { error: { kind: 'cwd_missing', message: `The working directory ${ctx.cwd} no longer exists; cd to an existing folder first.` } } };
        return;
      }
      let info;
      try {
        // Background shells launch like foreground commands (inside the OS sandbox when there is one).
        info = shells.start({ command: input.command, description: input.description, cwd: ctx.cwd, env: ctx.env, wrap: launcher?.(ctx).wrap });
      } catch (error) {
        yield { type: 'result', output: { error: { kind: 'spawn_failed', message: `The background command could not start: ${error instanceof Error ? error.message : String(error)}` } } };
        return;
      }
      yield { type: 'result', output: { backgroundShellId: info.id, command: input.command } };
    },
    toModelContent(output) {
      if ('backgroundShellId' in output) {
        const id = output.backgroundShellId;
        return `Command running in background with ID: ${id}. Read its output with BashOutput (bash_id "${id}"); stop it with KillShell (shell_id "${id}").`;
      }
      return bash.toModelContent(output);
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
