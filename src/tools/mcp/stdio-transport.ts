import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createCappedOutput, killProcessGroup, signalGroup } from '../bash/index.ts';

/** How to start one stdio server. */
export interface StdioServerOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The server's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** SIGTERM-to-SIGKILL grace on close. @default 2000 */
  readonly killGraceMs?: number;
}

/** How long a server gets to exit by itself once its stdin is closed, before its group is signalled. */
const EXIT_ON_EOF_MS = 500;

/**
 * The MCP stdio transport, with the server as the leader of its own process
 * group: closing it kills everything the server started (the SDK's transport
 * signals only the server's own pid). JSON-RPC framing is the SDK's.
 */
export class ProcessGroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #options: StdioServerOptions;
  readonly #buffer = new ReadBuffer();
  readonly #stderr = createCappedOutput({ headBytes: 8 * 1024, tailBytes: 8 * 1024 });
  #child: ChildProcessWithoutNullStreams | undefined;
  #exited: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: StdioServerOptions) {
    this.#options = options;
  }

  /** The server's pid (its process group id), once started. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** What the server wrote on stderr (capped): shown when it fails to start. */
  stderrText(): string {
    return this.#stderr.text();
  }

  start(): Promise<void> {
    if (this.#child) throw new Error('stdio transport already started');
    return new Promise((resolve, reject) => {
      const child = spawn(this.#options.command, [...this.#options.args], {
        cwd: this.#options.cwd,
        env: { ...this.#options.env },
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      this.#child = child;
      this.#exited = new Promise((done) => child.once('close', () => done()));
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('close', () => {
        this.#buffer.clear();
        this.onclose?.();
      });
      child.stdin.on('error', (error) => this.onerror?.(error));
      child.stdout.on('error', (error) => this.onerror?.(error));
      child.stderr.on('data', (chunk: Buffer) => this.#stderr.push(chunk));
      child.stdout.on('data', (chunk: Buffer) => {
        try {
          this.#buffer.append(chunk);
        } catch (error) {
          this.onerror?.(error as Error);
          void this.close();
          return;
        }
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.#buffer.readMessage();
          } catch (error) {
            this.onerror?.(error as Error);
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) return Promise.reject(new Error('the MCP server is not running'));
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Closes stdin, gives the server a moment to exit, then kills its whole process group. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  /** Kills the group at once, synchronously: for process exit, when nothing async can run. */
  killNow(): void {
    const pid = this.#child?.pid;
    if (pid !== undefined) signalGroup(pid, 'SIGKILL');
  }

  async #shutdown(): Promise<void> {
    const child = this.#child;
    if (!child || child.pid === undefined) return;
    child.stdin.end();
    const timer = new Promise<void>((resolve) => setTimeout(resolve, EXIT_ON_EOF_MS).unref());
    await Promise.race([this.#exited, timer]);
    // Even when the server exited on EOF, what it started may still run in its group.
    await killProcessGroup(child.pid, { graceMs: this.#options.killGraceMs ?? 2000 });
    await Promise.race([this.#exited, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}
