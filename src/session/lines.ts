import { open } from 'node:fs/promises';

/** One line of a JSONL file. */
export interface Line {
  /** The line without its `\n`. */
  readonly text: string;
  /** 1-based line number. */
  readonly number: number;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  /** Byte length including the `\n` (when complete). */
  readonly bytes: number;
  /**
   * False only for a last line with no `\n`: a write cut short (kill -9 during a
   * large write, a full disk, a power loss). Every entry is written as one
   * `write(2)` of JSON + `\n`, so a line without its `\n` never finished.
   */
  readonly complete: boolean;
}

const NEWLINE = 0x0a;
const CHUNK = 1 << 20;

/**
 * Reads a file line by line in fixed-size chunks (transcripts can be tens of MB).
 * Splits on the `\n` byte before decoding, which is safe for UTF-8: 0x0A never
 * occurs inside a multi-byte sequence, so a torn tail cut mid-character cannot
 * garble the lines before it.
 */
export async function* readLines(path: string): AsyncGenerator<Line, void, undefined> {
  const handle = await open(path, 'r');
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let lineStart = 0;
    let number = 0;
    let position = 0;
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let from = 0;
      for (let nl = buffer.indexOf(NEWLINE, from); nl !== -1 && nl < bytesRead; nl = buffer.indexOf(NEWLINE, from)) {
        const piece = buffer.subarray(from, nl);
        const text = pendingBytes === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
        const bytes = pendingBytes + piece.length + 1;
        number += 1;
        yield { text, number, offset: lineStart, bytes, complete: true };
        lineStart += bytes;
        pending = [];
        pendingBytes = 0;
        from = nl + 1;
      }
      if (from < bytesRead) {
        // Copy: `buffer` is reused for the next chunk.
        pending.push(Buffer.from(buffer.subarray(from, bytesRead)));
        pendingBytes += bytesRead - from;
      }
    }
    if (pendingBytes > 0) {
      yield { text: Buffer.concat(pending).toString('utf8'), number: number + 1, offset: lineStart, bytes: pendingBytes, complete: false };
    }
  } finally {
    await handle.close();
  }
}

/**
 * The last complete line that starts with `prefix`, scanning backwards from the
 * end of the file so that a long transcript is not read whole. Returns undefined
 * when no complete line matches. A torn tail (no `\n`) is never returned.
 */
export async function findLastLine(path: string, prefix: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const wanted = Buffer.from(prefix, 'utf8');
    // Bytes after the last `\n` seen so far, i.e. the start of a line not yet complete
    // in our backwards view. Initially it holds the torn tail, if any, which we skip.
    let carry = Buffer.alloc(0);
    let end = size;
    let tailSkipped = false;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.allocUnsafe(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      let data = Buffer.concat([chunk, carry]);
      // Lines fully inside `data`: each ends at a `\n`; walk them from the last.
      let lineEnd = data.lastIndexOf(NEWLINE);
      if (!tailSkipped) {
        if (lineEnd === -1 && start > 0) {
          carry = data;
          end = start;
          continue;
        }
        tailSkipped = true;
        data = lineEnd === -1 ? Buffer.alloc(0) : data.subarray(0, lineEnd + 1);
        lineEnd = data.length - 1;
      }
      while (lineEnd >= 0) {
        const previous = lineEnd === 0 ? -1 : data.lastIndexOf(NEWLINE, lineEnd - 1);
        if (previous === -1 && start > 0) break; // this line may begin in an earlier chunk
        const line = data.subarray(previous + 1, lineEnd);
        if (line.subarray(0, wanted.length).equals(wanted)) return line.toString('utf8');
        lineEnd = previous;
      }
      carry = data.subarray(0, lineEnd + 1);
      end = start;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
