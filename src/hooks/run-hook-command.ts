import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { createCappedOutput, defaultShell, killProcessGroup } from '../tools/bash/index.ts';

/** How to run one hook command. */
export interface RunHookCommandOptions {
  readonly command: string;
  /** The event, as JSON, written to the hook's stdin. */
  readonly stdin: string;
  readonly cwd: string;
  /** The hook's whole environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  /** Aborting kills the hook's process group. */
  readonly signal?: AbortSignal;
  /** @default defaultShell() (bash) */
  readonly shell?: string;
  /** SIGTERM-to-SIGKILL grace. @default 1000 */
  readonly killGraceMs?: number;
  /** Bytes kept of each stream (head and tail halves); the middle is dropped. @default 256 KiB */
  readonly keepBytes?: number;
}

/** How long to wait for the pipes after the shell exits. */
const DRAIN_MS = 250;

export interface HookCommandResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly durationMs: number;
  readonly spawnError?: string;
}

/**
 * Runs a hook with `bash -c` as the leader of its own process group, so a
 * timeout or abort kills everything it started, not just the shell. Never
 * throws: a hook that cannot start is a result with `spawnError`.
 */
export function runHookCommand(options: RunHookCommandOptions): Promise<HookCommandResult> {
  const started = Date.now();
  const keep = options.keepBytes ?? 256 * 1024;
  const stdout = createCappedOutput({ headBytes: keep / 2, tailBytes: keep / 2 });
  const stderr = createCappedOutput({ headBytes: keep / 2, tailBytes: keep / 2 });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;

  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let killing: Promise<void> | undefined;
    const shell = options.shell ?? defaultShell();
    // Node's stdio pipes are sockets, and bash sources ~/.bashrc when its stdin is a socket (the rshd
    // heuristic) unless told not to: a hook must run the same whatever the user's rc file prints.
    const args = basename(shell) === 'bash' ? ['--norc', '-c', options.command] : ['-c', options.command];
    const child = spawn(shell, args, {
      cwd: options.cwd,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const kill = () => {
      if (killing || child.pid === undefined) return;
      killing = killProcessGroup(child.pid, { graceMs: options.killGraceMs ?? 1000 });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    let done = false;
    let drain: NodeJS.Timeout | undefined;
    const finish = async (exitCode: number | null, spawnError?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(drain);
      options.signal?.removeEventListener('abort', onAbort);
      // A killed hook's group is gone before we report: nothing it started outlives it.
      if (killing) await killing;
      // Whatever the hook left running in the background keeps our pipes open; do not wait for it.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        exitCode: timedOut || aborted ? null : exitCode,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        aborted,
        durationMs: Date.now() - started,
        ...(spawnError !== undefined ? { spawnError } : {}),
      });
    };
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => void finish(null, error.message));
    // 'close' waits for the pipes as well as the exit, so the output is complete...
    child.on('close', (code) => void finish(code));
    // ...unless something the hook left in the background holds them open: then stop waiting soon after the exit.
    child.on('exit', (code) => {
      drain = setTimeout(() => void finish(code), DRAIN_MS);
    });
    // A hook that never reads its stdin closes the pipe under us: not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin);
  });
}
