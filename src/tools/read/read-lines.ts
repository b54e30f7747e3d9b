import { createReadStream } from 'node:fs';
import { decoderLabel, type TextEncoding } from '../shared/text.ts';

/** What to read. Lines are 1-based. */
export interface LineRangeRequest {
  readonly startLine: number;
  readonly maxLines: number;
  /** Longer lines are cut to this many characters. */
  readonly maxLineChars: number;
  readonly encoding: TextEncoding;
  readonly signal: AbortSignal;
}

export interface LineRange {
  readonly lines: readonly string[];
  /** Lines in the whole file. */
  readonly totalLines: number;
  /** Lines of the range that were cut at maxLineChars. */
  readonly cutLines: number;
}

/**
 * Streams the file once: keeps the requested lines (cut to maxLineChars, so one
 * 50 MB minified line cannot fill memory) and counts all lines. CRLF and LF
 * both end a line; the terminator is not part of the line.
 */
export async function readLineRange(path: string, req: LineRangeRequest): Promise<LineRange> {
  const decoder = new TextDecoder(decoderLabel(req.encoding));
  const lines: string[] = [];
  const endLine = req.startLine + req.maxLines; // exclusive
  let lineNo = 1;
  let partial = '';
  let partialCut = false;
  let cutLines = 0;
  const finishLine = () => {
    if (lineNo >= req.startLine && lineNo < endLine) {
      let text = partial.endsWith('\r') ? partial.slice(0, -1) : partial;
      if (partialCut || text.length > req.maxLineChars) {
        cutLines++;
        text = text.slice(0, req.maxLineChars);
      }
      lines.push(text);
    }
    lineNo++;
    partial = '';
    partialCut = false;
  };
  const append = (piece: string) => {
    const inRange = lineNo >= req.startLine && lineNo < endLine;
    if (!inRange) return; // only counted
    // +1 keeps a trailing \r (of CRLF) from counting as content that was cut.
    const room = req.maxLineChars + 1 - partial.length;
    if (piece.length > room) {
      partial += piece.slice(0, Math.max(0, room));
      partialCut = true;
    } else partial += piece;
  };
  const consume = (chunk: string) => {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', from)) {
      append(chunk.slice(from, nl));
      finishLine();
      from = nl + 1;
    }
    append(chunk.slice(from));
  };
  const stream = createReadStream(path, { signal: req.signal, highWaterMark: 256 * 1024 });
  let sawAny = false;
  let endedWithNewline = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (chunk.length === 0) continue;
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) {
      sawAny = true;
      endedWithNewline = text.endsWith('\n');
    }
    consume(text);
  }
  const tail = decoder.decode();
  if (tail.length > 0) {
    sawAny = true;
    endedWithNewline = tail.endsWith('\n');
    consume(tail);
  }
  // A last line without a newline is still a line; a final newline does not open one.
  if (sawAny && !endedWithNewline) finishLine();
  return { lines, totalLines: lineNo - 1, cutLines };
}
