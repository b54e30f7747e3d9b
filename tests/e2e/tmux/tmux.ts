import { execFileSync, spawnSync } from 'node:child_process';

/*
 * A real terminal for tests: a detached tmux session of a fixed size on a
 * private server socket (never the user's tmux), driven with send-keys and
 * read with capture-pane. Reads poll the pane until the expected text shows
 * or a timeout fails the test with the screen as it was.
 */

/** tmux's version line, or undefined when it is not installed. */
export function tmuxVersion(): string | undefined {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Why tmux tests skip, or undefined when they can run. */
export function tmuxSkipReason(): string | undefined {
  return tmuxVersion() ? undefined : 'tmux is not installed: real-terminal tests need it (CI installs it: apt-get install tmux)';
}

let counter = 0;

export interface TmuxOptions {
  /** The command line run in the pane (through sh). */
  readonly command: string;
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** @default 100 */
  readonly width?: number;
  /** @default 30 */
  readonly height?: number;
}

export class TmuxSession {
  private readonly socket: string;
  private closed = false;

  private constructor(socket: string) {
    this.socket = socket;
  }

  static start(options: TmuxOptions): TmuxSession {
    const session = new TmuxSession(`wren-test-${process.pid}-${++counter}`);
    const env = Object.entries({ TERM: 'xterm-256color', ...options.env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    session.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(options.width ?? 100), '-y', String(options.height ?? 30),
      '-c', options.cwd, ...env, options.command);
    // Keep the pane (and its last screen) when the program exits, so exit codes and final output can be read.
    session.tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');
    session.tmux('set-option', '-g', 'focus-events', 'on');
    return session;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Sends tmux key names (`Enter`, `Escape`, `C-c`, `Up`...). */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...names);
  }

  /** Types literal text. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Pastes text as a terminal does (bracketed, when the program asked for it). */
  paste(text: string): void {
    this.tmux('set-buffer', '-b', 'wren', text);
    this.tmux('paste-buffer', '-p', '-b', 'wren', '-t', 'main');
  }

  /** The visible screen, plus `scrollback` lines above it. */
  capture(scrollback = 0): string {
    return this.tmux('capture-pane', '-p', '-t', 'main', ...(scrollback > 0 ? ['-S', String(-scrollback)] : []));
  }

  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height));
  }

  /** Whether the program in the pane has exited. */
  exited(): boolean {
    return this.tmux('display-message', '-p', '-t', 'main', '#{pane_dead}').trim() === '1';
  }

  /** The exit status of a dead pane (128 + n when killed by signal n); undefined while alive or when tmux did not record it. */
  exitStatus(): number | undefined {
    const out = this.tmux('display-message', '-p', '-t', 'main', '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}').trim();
    const [dead, status, signal] = out.split(':');
    if (dead !== '1') return undefined;
    if (status && /^\d+$/.test(status)) return Number(status);
    if (signal && /^\d+$/.test(signal)) return 128 + Number(signal);
    // Dead, but tmux has not recorded how yet.
    return undefined;
  }

  /** Polls the screen (and scrollback) until `expected` shows; returns that capture. */
  async waitFor(expected: string | RegExp, options: { timeoutMs?: number; scrollback?: number } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.capture(options.scrollback ?? 200);
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(expected)}; the terminal showed:\n${screen}`);
  }

  /** Polls until the program exited; returns its status when tmux recorded one. */
  async waitForExit(timeoutMs = 10_000): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited()) {
        // tmux sometimes records the death before (or without) the status: give it a moment.
        for (let i = 0; i < 5 && this.exitStatus() === undefined; i++) await new Promise((r) => setTimeout(r, 20));
        return this.exitStatus();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const state = this.tmux('display-message', '-p', '-t', 'main', '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}').trim();
    throw new Error(`the program did not exit (pane ${state}); the terminal showed:\n${this.capture(200)}`);
  }

  kill(): void {
    if (this.closed) return;
    this.closed = true;
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}
