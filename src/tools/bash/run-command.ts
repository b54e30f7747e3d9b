import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCappedOutput } from './output-buffer.ts';
import { killProcessGroup } from './process-group.ts';
import { spawnShell, type LaunchWrapper, type ShellProcess } from './spawn-shell.ts';

/** One foreground command: how to run it and the limits it runs under. */
export interface RunCommandOptions {
  readonly command: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  /** Aborting kills the command's whole process group. */
  readonly signal: AbortSignal;
  /** Shell binary; default `/bin/bash` or `bash`. */
  readonly shell?: string;
  /** Bytes of each stream kept from its start and from its end; the middle is dropped. */
  readonly keepBytes: number;
  /** SIGTERM-to-SIGKILL grace when the command is killed. */
  readonly killGraceMs: number;
  /**
   * After the shell exits, how long to wait for stdout/stderr to close. A
   * process the command left running in the background (`server &`) keeps the
   * pipes open; its later output is not waited for.
   */
  readonly drainMs: number;
  /** Rewrites the launch (the OS sandbox); see `SpawnShellOptions.wrap`. */
  readonly wrap?: LaunchWrapper;
}

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  /** The shell's exit code; null when it was ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly interrupted: boolean;
  /** The shell's physical working directory when it exited; undefined if it could not be captured. */
  readonly cwdAfter: string | undefined;
  readonly durationMs: number;
  /** Set when the shell could not be started at all. */
  readonly spawnError?: string;
}

/** A running command. */
export interface CommandRun {
  readonly result: Promise<CommandResult>;
  /** The last `maxChars` characters of stdout and stderr, interleaved as they arrived. */
  recent(maxChars: number): string;
  /** Kills the whole process group (as on abort); `result` still resolves. */
  kill(): void;
}

/** Starts a command; see `RunCommandOptions` for its limits. */
export function startCommand(options: RunCommandOptions): CommandRun {
  const started = Date.now();
  const cwdFile = join(tmpdir(), `wren-cwd-${process.pid}-${randomUUID()}`);
  const stdout = createCappedOutput({ headBytes: options.keepBytes, tailBytes: options.keepBytes });
  const stderr = createCappedOutput({ headBytes: options.keepBytes, tailBytes: options.keepBytes });
  const decoders = { out: new TextDecoder(), err: new TextDecoder() };
  let recent = '';
  let timedOut = false;
  let interrupted = false;
  let killing: Promise<void> | undefined;

  let child: ShellProcess;
  try {
    child = spawnShell({ command: options.command, cwd: options.cwd, env: options.env, shell: options.shell, cwdFile, ...(options.wrap ? { wrap: options.wrap } : {}) });
  } catch (error) {
    // A wrapper refused the command (or spawn threw): nothing started. The wrapper may have made the trailer file.
    void rm(cwdFile, { force: true });
    return notStarted(error instanceof Error ? error.message : String(error), started);
  }
  const killGroup = (): void => {
    if (killing || child.pid === undefined) return;
    killing = killProcessGroup(child.pid, { graceMs: options.killGraceMs });
  };
  const onAbort = (): void => {
    interrupted = true;
    killGroup();
  };

  const result = new Promise<CommandResult>((resolve) => {
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    let settled = false;
    const finish = async (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string): Promise<void> => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if (killing) await killing;
      const cwdAfter = await readCwd(cwdFile);
      resolve({
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutBytes: stdout.totalBytes,
        stderrBytes: stderr.totalBytes,
        exitCode,
        signal,
        timedOut,
        interrupted,
        cwdAfter,
        durationMs: Date.now() - started,
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };

    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) onAbort();

    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      recent = (recent + decoders.out.decode(chunk, { stream: true })).slice(-4096);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      recent = (recent + decoders.err.decode(chunk, { stream: true })).slice(-4096);
    });
    child.once('error', (error) => void finish(null, null, error.message));
    child.once('exit', (code, signal) => {
      const closed = new Promise<void>((done) => child.once('close', () => done()));
      const drained = new Promise<void>((done) => setTimeout(done, options.drainMs).unref());
      void Promise.race([closed, drained]).then(() => {
        // Whatever still holds the pipes is no longer ours to wait for.
        child.stdout.destroy();
        child.stderr.destroy();
        return finish(code, signal);
      });
    });
  });

  return {
    result,
    recent: (maxChars) => recent.slice(-maxChars),
    kill: onAbort,
  };
}

function notStarted(spawnError: string, started: number): CommandRun {
  const result: CommandResult = {
    stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, exitCode: null, signal: null,
    timedOut: false, interrupted: false, cwdAfter: undefined, durationMs: Date.now() - started, spawnError,
  };
  return { result: Promise.resolve(result), recent: () => '', kill: () => {} };
}

async function readCwd(file: string): Promise<string | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    const path = text.endsWith('\n') ? text.slice(0, -1) : text;
    return path.startsWith('/') ? path : undefined;
  } catch {
    return undefined;
  } finally {
    await rm(file, { force: true });
  }
}
