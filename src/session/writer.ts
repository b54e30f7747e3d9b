import { closeSync, constants, fchmodSync, fstatSync, fsync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { SessionError } from './errors.ts';

/**
 * When transcript bytes are forced to disk with fsync.
 *
 * - `boundaries` (default): after the header, after each usage record (one per
 *   API response, so once per turn), after a compaction and at close.
 * - `always`: after every entry. For tests and paranoid users; it costs a disk
 *   flush per event.
 * - `never`: leave it to the kernel (tmpfs, benchmarks).
 *
 * Why boundaries: surviving `kill -9` does not need fsync at all. Each entry is
 * one `write(2)` into the kernel's page cache, and once that returns, the bytes
 * belong to the kernel; killing the process cannot take them back. fsync only
 * matters when the machine itself dies (power loss, kernel panic). Flushing at
 * turn boundaries bounds that loss to the turn in progress without putting a
 * millisecond-scale disk flush on every event of the tool loop, whose per-round
 * trip budget is under 5 ms. The flush also runs off the main thread (libuv's
 * pool), coalesced, so the loop never waits for the disk.
 */
export type FsyncPolicy = 'boundaries' | 'always' | 'never';

const fsyncAsync = promisify(fsync);
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const FILE_MODE = 0o600;

/**
 * Appends whole lines to one transcript file. Assumes it is the file's only
 * writer (one process per session), which is what makes the truncate-back on a
 * failed write safe.
 */
export class TranscriptWriter {
  readonly path: string;
  private fd: number | undefined;
  /** Bytes known to be complete lines: where to cut back to if a write fails part-way. */
  private size: number;
  private broken: SessionError | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private syncError: unknown;

  private constructor(path: string, fd: number, size: number) {
    this.path = path;
    this.fd = fd;
    this.size = size;
  }

  /**
   * Creates a new transcript (it must not exist: O_EXCL, and O_NOFOLLOW so a
   * planted symlink cannot redirect it) with mode 0600, writes its first line and
   * makes both the file and its directory entry durable.
   */
  static async create(path: string, firstLine: string): Promise<TranscriptWriter> {
    const fd = ioSync(path, 'create', () =>
      openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, FILE_MODE),
    );
    const writer = new TranscriptWriter(path, fd, 0);
    try {
      // The open mode is filtered by the umask; set it outright.
      ioSync(path, 'chmod', () => fchmodSync(fd, FILE_MODE));
      writer.writeLine(firstLine);
      await writer.sync();
      await syncDirectory(dirname(path));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return writer;
  }

  /**
   * Opens an existing transcript for appending. `keepBytes` cuts off a torn last
   * line first: appending after it would bury a broken line in the middle of the
   * file, which readers rightly refuse.
   */
  static async reopen(path: string, keepBytes?: number): Promise<TranscriptWriter> {
    const fd = ioSync(path, 'open', () => openSync(path, constants.O_WRONLY | constants.O_APPEND | O_NOFOLLOW));
    try {
      ioSync(path, 'chmod', () => fchmodSync(fd, FILE_MODE));
      if (keepBytes !== undefined) {
        ioSync(path, 'truncate', () => ftruncateSync(fd, keepBytes));
      }
      const writer = new TranscriptWriter(path, fd, ioSync(path, 'stat', () => fstatSync(fd).size));
      if (keepBytes !== undefined) await writer.sync();
      return writer;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /**
   * Appends `line` + `\n` as one write (O_APPEND). Synchronous on purpose: when
   * this returns, the line is in the kernel and survives the process being killed,
   * with no queued write for an exit path to forget. A write cut short (a full
   * disk) is cut back to the previous line so the file never holds a torn line
   * followed by good ones; if even that fails, the writer refuses further lines.
   */
  writeLine(line: string, durable = false): void {
    const fd = this.openFd();
    // Encode straight into a buffer one byte longer than the line: building
    // `line + '\n'` first would copy a multi-megabyte tool result once more.
    const length = Buffer.byteLength(line, 'utf8');
    const bytes = Buffer.allocUnsafe(length + 1);
    bytes.write(line, 0, 'utf8');
    bytes[length] = 0x0a;
    let written = 0;
    try {
      // Regular files take the whole buffer in one write; loop only for a short write.
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (cause) {
      if (written > 0) {
        try {
          ftruncateSync(fd, this.size);
        } catch {
          this.broken = new SessionError('SESSION_CLOSED', `${this.path}: a write failed part-way and could not be undone; the session cannot continue`, {
            file: this.path,
            cause,
          });
        }
      }
      throw new SessionError('TRANSCRIPT_IO', `cannot write transcript ${this.path}: ${(cause as Error).message}`, { file: this.path, cause });
    }
    this.size += bytes.length;
    if (durable) this.syncInBackground();
  }

  /** Flushes everything written so far to disk. Concurrent calls share flushes. */
  sync(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    if (this.inFlight !== undefined) {
      // The flush in flight may have started before the latest write: queue one more.
      this.queued = this.inFlight
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.startSync();
        });
      return this.queued;
    }
    return this.startSync();
  }

  /** Waits for pending flushes, flushes once more, closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.fd === undefined) return;
    try {
      await this.sync();
    } finally {
      const fd = this.fd;
      this.fd = undefined;
      if (fd !== undefined) closeSync(fd);
    }
  }

  private startSync(): Promise<void> {
    const fd = this.fd;
    if (fd === undefined) return Promise.resolve();
    const flush = fsyncAsync(fd)
      .then(() => {
        // A background flush that failed earlier: report it on the next awaited one.
        // (After a failed fsync the kernel may have dropped the dirty pages, so a
        // later success does not prove the earlier lines reached the disk.)
        const earlier = this.syncError;
        this.syncError = undefined;
        if (earlier !== undefined) throw earlier;
      })
      .catch((cause: unknown) => {
        if (cause instanceof SessionError) throw cause;
        throw new SessionError('TRANSCRIPT_IO', `cannot flush transcript ${this.path}: ${(cause as Error).message}`, { file: this.path, cause });
      })
      .finally(() => {
        if (this.inFlight === flush) this.inFlight = undefined;
      });
    this.inFlight = flush;
    return flush;
  }

  private syncInBackground(): void {
    this.sync().catch((error: unknown) => {
      this.syncError ??= error;
    });
  }

  private openFd(): number {
    if (this.broken !== undefined) throw this.broken;
    if (this.fd === undefined) throw new SessionError('SESSION_CLOSED', `${this.path}: the session is closed`, { file: this.path });
    return this.fd;
  }
}

function ioSync<T>(path: string, what: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    throw new SessionError('TRANSCRIPT_IO', `cannot ${what} transcript ${path}: ${(cause as Error).message}`, { file: path, cause });
  }
}

/** Makes a new directory entry durable. Best effort: some platforms cannot fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not fatal: the file's data is already flushed; only its name may be lost to a power cut.
  }
}
