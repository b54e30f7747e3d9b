import { PassThrough, Writable } from 'node:stream';

/**
 * A terminal for runInteractive without a pty: stdout says it is a TTY of a
 * given size and records every byte; stdin is raw-mode capable. Used by the
 * runInteractive tests and the UI bench.
 */
export class FakeTerminal extends Writable {
  isTTY = true;
  columns: number;
  rows: number;
  bytes = 0;
  /** Everything written, up to `keep` characters (the newest). */
  text = '';
  private readonly keep: number;
  private waiters: { needle: string; resolve: () => void }[] = [];

  constructor(options: { columns?: number; rows?: number; keep?: number } = {}) {
    super();
    this.columns = options.columns ?? 100;
    this.rows = options.rows ?? 40;
    this.keep = options.keep ?? 1_000_000;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    const s = chunk.toString();
    this.bytes += s.length;
    this.text = (this.text + s).slice(-this.keep);
    this.waiters = this.waiters.filter((w) => (this.text.includes(w.needle) ? (w.resolve(), false) : true));
    done();
  }

  /** Resolves once `needle` has been written. */
  waitFor(needle: string): Promise<void> {
    if (this.text.includes(needle)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ needle, resolve }));
  }

  /** Changes the size and tells the program, as a terminal does. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** A stdin that accepts raw mode and is fed with `write`. */
export function fakeStdin(): NodeJS.ReadStream & PassThrough {
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
  Object.assign(stdin, { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  return stdin;
}
