/**
 * Captures a stream's bytes under a fixed memory cap: the first `headBytes`
 * and the last `tailBytes` are kept, the middle is counted and dropped. A
 * command that prints gigabytes costs the agent the same memory as one that
 * prints a page, and the model still sees how the output began and ended.
 */
export interface CappedOutputOptions {
  /** Bytes kept from the start. */
  readonly headBytes: number;
  /** Bytes kept from the end. */
  readonly tailBytes: number;
}

export interface CappedOutput {
  /** Appends a chunk as it arrives. */
  push(chunk: Uint8Array): void;
  /** Every byte seen, kept or not. */
  readonly totalBytes: number;
  /** Bytes dropped from the middle so far. */
  readonly droppedBytes: number;
  /** The kept text, with a note where the middle was cut. */
  text(): string;
  /** Up to `maxChars` characters from the end of what arrived (for progress). */
  recent(maxChars: number): string;
}

const NEWLINE = 0x0a;

export function createCappedOutput(options: CappedOutputOptions): CappedOutput {
  const head: Uint8Array[] = [];
  let headLength = 0;
  let tail: Uint8Array[] = [];
  let tailLength = 0;
  let dropped = 0;
  let droppedLines = 0;

  const pushTail = (chunk: Uint8Array): void => {
    tail.push(chunk);
    tailLength += chunk.length;
    let excess = tailLength - options.tailBytes;
    while (excess > 0 && tail.length > 0) {
      const first = tail[0]!;
      const cut = Math.min(excess, first.length);
      droppedLines += countNewlines(first.subarray(0, cut));
      if (cut === first.length) tail.shift();
      else tail[0] = first.subarray(cut);
      tailLength -= cut;
      dropped += cut;
      excess -= cut;
    }
  };

  return {
    push(chunk) {
      let rest = chunk;
      if (headLength < options.headBytes) {
        const take = Math.min(options.headBytes - headLength, rest.length);
        // Copy: the stream may reuse its buffer.
        head.push(rest.slice(0, take));
        headLength += take;
        rest = rest.subarray(take);
      }
      if (rest.length > 0) pushTail(rest.slice());
      if (tail.length > 64) tail = [concat(tail)]; // keep the chunk list short
    },
    get totalBytes() {
      return headLength + tailLength + dropped;
    },
    get droppedBytes() {
      return dropped;
    },
    text() {
      if (dropped === 0) return new TextDecoder('utf-8').decode(concat([...head, ...tail]));
      const start = decode(concat(head), 'end');
      const end = decode(concat(tail), 'start');
      const lines = droppedLines > 0 ? ` (about ${droppedLines.toLocaleString('en-US')} lines)` : '';
      return `${start}\n\n... [${dropped.toLocaleString('en-US')} bytes${lines} of output truncated] ...\n\n${end}`;
    },
    recent(maxChars) {
      const bytes = tailLength > 0 ? concat(tail) : concat(head);
      const text = decode(bytes.subarray(Math.max(0, bytes.length - maxChars * 4)), 'start');
      return text.slice(-maxChars);
    },
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  if (chunks.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === NEWLINE) n++;
  return n;
}

/**
 * Decodes UTF-8 where a cut may have split a character: continuation bytes at
 * a cut start, or an unfinished sequence at a cut end, are dropped rather than
 * shown as replacement characters.
 */
function decode(bytes: Uint8Array, cutAt: 'start' | 'end'): string {
  let view = bytes;
  if (cutAt === 'start') {
    let i = 0;
    while (i < view.length && i < 3 && (view[i]! & 0xc0) === 0x80) i++;
    view = view.subarray(i);
  } else {
    view = view.subarray(0, completeLength(view));
  }
  return new TextDecoder('utf-8').decode(view);
}

/** Length of `bytes` without a trailing, unfinished UTF-8 sequence. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
