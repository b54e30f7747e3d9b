import type { FeatureModule } from '../../feature/feature-module.ts';
import type { BashInput, BashResult, ShellLauncher } from '../bash/index.ts';
import type { Tool, ToolContext } from '../tool.ts';
import { createBashOutputTool } from './bash-output/tool.ts';
import { createKillShellTool } from './kill-shell/tool.ts';
import { withBackground } from './run-in-background/tool.ts';
import { createBackgroundShells, type BackgroundShells } from './shell-registry.ts';

/**
 * BACKGROUND_BASH's gated module: run_in_background shells, read their output, kill them.
 * Reached only through `if (feature('BACKGROUND_BASH')) await import(...)`
 * (src/tools/bash/load-bash-tools.ts); nothing runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'BACKGROUND_BASH',
  status: 'ready',
  provides: ['run_in_background', 'BashOutput', 'KillShell'],
};

export { createBackgroundShells, type BackgroundShells, type BackgroundShellInfo, type BackgroundShellStatus, type BackgroundShellsOptions, type ShellRead } from './shell-registry.ts';
export { withBackground, backgroundBashInputSchema, type BackgroundBashInput, type BackgroundBashOutput, type BackgroundStarted } from './run-in-background/tool.ts';
export { createBashOutputTool, type BashOutputInput, type BashOutputResult } from './bash-output/tool.ts';
export { createKillShellTool, type KillShellInput, type KillShellOutput } from './kill-shell/tool.ts';

let sessionShells: BackgroundShells | undefined;

/** The session's background shells (created on first use), for the tools and the UI's listing. */
export function getBackgroundShells(): BackgroundShells {
  sessionShells ??= createBackgroundShells();
  return sessionShells;
}

/** Kills every background shell of the session and what it left running. Call when the session ends. */
export async function shutdownBackgroundShells(): Promise<void> {
  await sessionShells?.shutdown();
}

/**
 * Bash extended with `run_in_background`, then BashOutput and KillShell, all
 * sharing one set of shells (the session's by default).
 */
export function backgroundBashTools(
  bash: Tool<BashInput, BashResult>, shells: BackgroundShells = getBackgroundShells(), launcher?: (ctx: ToolContext) => ShellLauncher,
): Tool<unknown, unknown>[] {
  return [withBackground(bash, shells, launcher), createBashOutputTool(shells), createKillShellTool(shells)];
}
