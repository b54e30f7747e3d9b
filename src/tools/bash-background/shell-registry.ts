import { isGroupAlive, killProcessGroup, signalGroup, spawnShell, type LaunchWrapper } from '../bash/index.ts';
import { createUnreadOutput, type UnreadOutput } from './unread-output.ts';

/** running -> completed (exit 0) | failed (non-zero, signal, could not start) | killed (by KillShell or shutdown). */
export type BackgroundShellStatus = 'running' | 'completed' | 'failed' | 'killed';

/** One background shell as the UI and the tools see it. */
export interface BackgroundShellInfo {
  /** What the model passes to BashOutput and KillShell. */
  readonly id: string;
  readonly command: string;
  readonly description: string | undefined;
  readonly cwd: string;
  readonly status: BackgroundShellStatus;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly startedAt: number;
  readonly endedAt: number | undefined;
  /** Process group id (the shell's pid); undefined if it never started. */
  readonly pid: number | undefined;
  /** Bytes printed so far on stdout and stderr together, read or not. */
  readonly outputBytes: number;
}

export interface StartShellInput {
  readonly command: string;
  readonly description?: string | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How the shell is launched (the OS sandbox, when the build has one): the same as foreground commands. */
  readonly wrap?: LaunchWrapper | undefined;
}

/** New output since the last read. */
export interface ShellRead {
  readonly info: BackgroundShellInfo;
  readonly stdout: string;
  readonly stderr: string;
  /** Unread characters dropped because the buffer cap was reached between reads. */
  readonly droppedChars: number;
}

export interface BackgroundShellsOptions {
  /** Unread characters kept per stream per shell. @default 1_000_000 */
  readonly maxUnreadChars?: number;
  /** SIGTERM-to-SIGKILL grace when a shell is killed. @default 2000 */
  readonly killGraceMs?: number;
  /** Shell binary; default `/bin/bash` or `bash`. */
  readonly shell?: string;
  /** After a shell exits, how long to wait for its output pipes to close before calling it ended. @default 200 */
  readonly drainMs?: number;
  /** Clock for start and end times. @default Date.now */
  readonly now?: () => number;
}

/** The session's background shells. */
export interface BackgroundShells {
  start(input: StartShellInput): BackgroundShellInfo;
  /** Drains the shell's unread output; undefined for an unknown id. */
  read(id: string, filter?: RegExp): ShellRead | undefined;
  /** Kills a running shell's whole process group; resolves once it is gone. */
  kill(id: string): Promise<{ readonly ok: true; readonly info: BackgroundShellInfo } | { readonly ok: false; readonly reason: 'not_found' | 'not_running'; readonly info?: BackgroundShellInfo }>;
  /** Every shell of the session, oldest first (for the UI). */
  list(): BackgroundShellInfo[];
  /** Called after any shell starts, prints, ends or is killed. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Kills every shell still running (and what they left running); call when the session ends. */
  shutdown(): Promise<void>;
}

interface ShellState {
  info: BackgroundShellInfo;
  readonly stdout: UnreadOutput;
  readonly stderr: UnreadOutput;
  /** Set once the shell's process has exited (or failed to start). */
  readonly exited: Promise<void>;
}

export function createBackgroundShells(options: BackgroundShellsOptions = {}): BackgroundShells {
  const maxUnread = options.maxUnreadChars ?? 1_000_000;
  const now = options.now ?? Date.now;
  const shells = new Map<string, ShellState>();
  const listeners = new Set<() => void>();
  let nextId = 1;
  let exitHook: (() => void) | undefined;

  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  const update = (state: ShellState, patch: Partial<BackgroundShellInfo>): void => {
    state.info = { ...state.info, ...patch };
    notify();
  };

  // If the agent process exits without a clean shutdown, its shells must not outlive it.
  const ensureExitHook = (): void => {
    if (exitHook) return;
    exitHook = () => {
      for (const state of shells.values()) if (state.info.status === 'running' && state.info.pid) signalGroup(state.info.pid, 'SIGKILL');
    };
    process.once('exit', exitHook);
  };

  return {
    start(input) {
      ensureExitHook();
      const id = `bash_${nextId++}`;
      const child = spawnShell({
        command: input.command,
        cwd: input.cwd,
        env: input.env,
        ...(options.shell === undefined ? {} : { shell: options.shell }),
        ...(input.wrap ? { wrap: input.wrap } : {}),
      });
      let exited!: () => void;
      const state: ShellState = {
        info: {
          id, command: input.command, description: input.description, cwd: input.cwd,
          status: 'running', exitCode: null, signal: null, startedAt: now(), endedAt: undefined, pid: child.pid, outputBytes: 0,
        },
        stdout: createUnreadOutput(maxUnread),
        stderr: createUnreadOutput(maxUnread),
        exited: new Promise<void>((resolve) => { exited = resolve; }),
      };
      shells.set(id, state);
      child.stdout.on('data', (chunk: Buffer) => {
        state.stdout.push(chunk);
        update(state, { outputBytes: state.info.outputBytes + chunk.length });
      });
      child.stderr.on('data', (chunk: Buffer) => {
        state.stderr.push(chunk);
        update(state, { outputBytes: state.info.outputBytes + chunk.length });
      });
      child.stdout.once('end', () => state.stdout.end());
      child.stderr.once('end', () => state.stderr.end());
      child.once('error', (error) => {
        if (state.info.status !== 'running') return;
        state.stderr.push(new TextEncoder().encode(`Could not start the shell: ${error.message}\n`));
        update(state, { status: 'failed', endedAt: now() });
        exited();
      });
      child.once('exit', (code, signal) => {
        // The pipes may still hold output after 'exit': wait for them to close, so a read that
        // sees the shell ended also sees all it printed. A process it left running in the
        // background may hold them open; past `drainMs` its output keeps arriving, unwaited.
        const closed = new Promise<void>((done) => child.once('close', () => done()));
        const drained = new Promise<void>((done) => setTimeout(done, options.drainMs ?? 200).unref());
        void Promise.race([closed, drained]).then(() => {
          const status = state.info.status === 'killed' ? 'killed' : code === 0 ? 'completed' : 'failed';
          update(state, { status, exitCode: code, signal, endedAt: now() });
          exited();
        });
      });
      notify();
      return state.info;
    },

    read(id, filter) {
      const state = shells.get(id);
      if (!state) return undefined;
      const out = state.stdout.take(filter);
      const err = state.stderr.take(filter);
      return { info: state.info, stdout: out.text, stderr: err.text, droppedChars: out.droppedChars + err.droppedChars };
    },

    async kill(id) {
      const state = shells.get(id);
      if (!state) return { ok: false, reason: 'not_found' };
      if (state.info.status !== 'running' || state.info.pid === undefined) return { ok: false, reason: 'not_running', info: state.info };
      update(state, { status: 'killed' });
      await killProcessGroup(state.info.pid, { graceMs: options.killGraceMs ?? 2000 });
      await state.exited;
      return { ok: true, info: state.info };
    },

    list() {
      return [...shells.values()].map((s) => s.info);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async shutdown() {
      const pending: Promise<unknown>[] = [];
      for (const state of shells.values()) {
        const { pid, status } = state.info;
        if (pid === undefined) continue;
        if (status === 'running') {
          update(state, { status: 'killed' });
          pending.push(killProcessGroup(pid, { graceMs: options.killGraceMs ?? 2000 }).then(() => state.exited));
        } else if (isGroupAlive(pid)) {
          // The shell ended but left processes in its group (`server &`).
          pending.push(killProcessGroup(pid, { graceMs: options.killGraceMs ?? 2000 }));
        }
      }
      await Promise.all(pending);
      if (exitHook) process.removeListener('exit', exitHook);
      exitHook = undefined;
    },
  };
}
