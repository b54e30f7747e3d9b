import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** How to start one shell command. */
export interface SpawnShellOptions {
  readonly command: string;
  /** Folder the command starts in; must exist. */
  readonly cwd: string;
  /** The whole environment of the command (nothing else is inherited). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Shell binary. @default defaultShell() */
  readonly shell?: string;
  /**
   * When set, the shell writes its final working directory (`pwd -P`) to this
   * file as it exits, so a `cd` in one call carries over to the next.
   */
  readonly cwdFile?: string;
}

export type ShellProcess = ChildProcessByStdio<null, Readable, Readable>;

/** `/bin/bash` where it exists, otherwise `bash` from PATH. */
export function defaultShell(): string {
  return existsSync('/bin/bash') ? '/bin/bash' : 'bash';
}

/**
 * Starts `command` with `bash -c` as the leader of a new process group
 * (`detached`), stdin closed, stdout and stderr piped.
 *
 * The working directory is captured by an EXIT trap set on the script's first
 * line: bash runs a `-c` script one command at a time, so the trap is in place
 * before the user's text is even parsed, and nothing in that text (an unclosed
 * quote, an `exit 3`, a signal) can swallow or skip it. Its path sits in a
 * shell variable, not the environment, so children do not inherit it.
 */
export function spawnShell(options: SpawnShellOptions): ShellProcess {
  const script = options.cwdFile === undefined
    ? options.command
    : `__wren_cwd_file=${shellQuote(options.cwdFile)}; trap 'pwd -P >| "$__wren_cwd_file" 2>/dev/null' EXIT\n${options.command}`;
  return spawn(options.shell ?? defaultShell(), ['-c', script], {
    cwd: options.cwd,
    env: definedEntries(options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
}

/** Quotes a string as one shell word. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function definedEntries(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
