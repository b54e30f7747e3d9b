import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/** What the server does instead of serving a path's file as is. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number }
  /** Serve these bytes instead (a tampered or re-signed document). */
  | { readonly kind: 'replace'; readonly bytes: Uint8Array | string }
  /** Flip one byte of the file at `offset`. */
  | { readonly kind: 'flip'; readonly offset: number }
  /** Serve only the first `bytes`, with an honest Content-Length: a short file. */
  | { readonly kind: 'truncate'; readonly bytes: number }
  /** Promise the full length, send `bytes`, then drop the connection: a server failing mid-download. */
  | { readonly kind: 'cut'; readonly bytes: number }
  /** Send headers and the first 64 KiB, then wait until `release()` before sending the rest. */
  | { readonly kind: 'hold'; readonly started: () => void; readonly until: Promise<void> };

/**
 * A release folder served over real HTTP on 127.0.0.1, with faults per path,
 * and a log of every request so tests can assert what a client fetched.
 */
export class ReleaseServer {
  readonly requests: string[] = [];
  readonly #faults = new Map<string, Fault>();
  #root: string;
  readonly #server: Server;

  private constructor(root: string) {
    this.#root = root;
    this.#server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
      this.requests.push(path);
      this.#serve(path, res).catch(() => res.destroy());
    });
  }

  static async start(root: string): Promise<ReleaseServer> {
    const server = new ReleaseServer(root);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Serve another folder from now on. */
  setRoot(root: string): void {
    this.#root = root;
  }

  fault(path: string, fault: Fault): void {
    this.#faults.set(path, fault);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** A `hold` fault and its controls: `started` resolves when the client is mid-download. */
  hold(path: string): { started: Promise<void>; release: () => void } {
    let release!: () => void;
    let started!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    const startedP = new Promise<void>((resolve) => (started = resolve));
    this.fault(path, { kind: 'hold', started, until });
    return { started: startedP, release };
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(path: string, res: ServerResponse): Promise<void> {
    const file = normalize(join(this.#root, path));
    if (!file.startsWith(normalize(this.#root))) return void res.writeHead(403).end();
    const fault = this.#faults.get(path);
    if (fault?.kind === 'status') return void res.writeHead(fault.status).end('fault');
    if (fault?.kind === 'replace') return void res.writeHead(200, { 'content-length': Buffer.byteLength(fault.bytes) }).end(fault.bytes);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return void res.writeHead(404).end('not found');
    }
    if (fault?.kind === 'flip') {
      const bytes = readFileSync(file);
      bytes[fault.offset] = bytes[fault.offset]! ^ 0xff;
      return void res.writeHead(200, { 'content-length': size }).end(bytes);
    }
    if (fault?.kind === 'truncate') {
      res.writeHead(200, { 'content-length': fault.bytes });
      return void createReadStream(file, { end: fault.bytes - 1 }).pipe(res);
    }
    if (fault?.kind === 'cut') {
      res.writeHead(200, { 'content-length': size });
      const stream = createReadStream(file, { end: fault.bytes - 1 });
      stream.pipe(res, { end: false });
      stream.on('end', () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-length': size });
    if (fault?.kind === 'hold') {
      const head = 64 * 1024;
      await new Promise<void>((resolve) => createReadStream(file, { end: head - 1 }).on('end', resolve).pipe(res, { end: false }));
      fault.started();
      await fault.until;
      createReadStream(file, { start: head }).pipe(res);
      return;
    }
    createReadStream(file).pipe(res);
  }
}
