import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { withGitSafetyConfig } from './git-env.ts';

/** How to start one shell command. */
export interface SpawnShellOptions {
  readonly command: string;
  /** Folder the command starts in; must exist. */
  readonly cwd: string;
  /**
   * The environment of the command (nothing else is inherited), to which the
   * git safety settings of git-env.ts are added.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Shell binary. @default defaultShell() */
  readonly shell?: string;
  /**
   * When set, the shell writes its final working directory (`pwd -P`) to this
   * file as it exits, so a `cd` in one call carries over to the next.
   */
  readonly cwdFile?: string;
  /**
   * Rewrites the launch before it happens (the OS sandbox runs the shell
   * inside bubblewrap this way). It may throw to refuse the command; the error
   * reaches the caller as a failure to start.
   */
  readonly wrap?: LaunchWrapper;
}

/** The process spawnShell is about to start. */
export interface ShellLaunch {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** A launch as a wrapper rewrote it; `release` runs once, when the process has exited or failed to start. */
export interface WrappedLaunch {
  readonly launch: ShellLaunch;
  readonly release?: () => void;
}

/** Rewrites a launch (see `SpawnShellOptions.wrap`); `cwdFile` is the file the shell's EXIT trap writes. */
export type LaunchWrapper = (launch: ShellLaunch, files: { readonly cwdFile?: string }) => WrappedLaunch;

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
  const plain: ShellLaunch = { file: options.shell ?? defaultShell(), args: ['-c', script], cwd: options.cwd, env: definedEntries(withGitSafetyConfig(options.env)) };
  const wrapped = options.wrap
    ? options.wrap(plain, options.cwdFile === undefined ? {} : { cwdFile: options.cwdFile })
    : { launch: plain };
  const { launch } = wrapped;
  let child: ShellProcess;
  try {
    child = spawn(launch.file, [...launch.args], {
      cwd: launch.cwd,
      env: { ...launch.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (error) {
    wrapped.release?.();
    throw error;
  }
  if (wrapped.release) {
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      wrapped.release!();
    };
    child.once('exit', release);
    child.once('error', release);
  }
  return child;
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
