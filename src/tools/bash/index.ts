/**
 * The Bash tool: one shell command per call, in the session's working
 * directory, killed with its whole process group on timeout or abort.
 */
export { bashTool, createBashTool, bashInputSchema, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, type BashInput, type BashToolOptions, type ShellLauncher } from './tool.ts';
export { renderBashResult, formatDuration, type BashResult } from './render.ts';
export { loadBashTools, shutdownBashTools, type BashSandboxSettings, type LoadBashToolsOptions } from './load-bash-tools.ts';
// Shared with the background shells, which run commands the same way.
export { spawnShell, defaultShell, shellQuote, type SpawnShellOptions, type ShellProcess, type ShellLaunch, type WrappedLaunch, type LaunchWrapper } from './spawn-shell.ts';
export { killProcessGroup, isGroupAlive, signalGroup, type KillGroupOptions } from './process-group.ts';
export { createCappedOutput, type CappedOutput, type CappedOutputOptions } from './output-buffer.ts';
