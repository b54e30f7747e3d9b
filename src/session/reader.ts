import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { type HeaderEntry, type TranscriptEntry, TRANSCRIPT_VERSION, entrySchema } from './entries.ts';
import { SessionError } from './errors.ts';
import { type Line, readLines } from './lines.ts';

/** A last line that never got its `\n`: the event in flight when the writer died. */
export interface TornTail {
  /** 1-based line number of the torn line. */
  readonly line: number;
  /** Byte offset where it starts: the length of the transcript's intact part. */
  readonly offset: number;
  /** How many bytes of it reached the file. */
  readonly bytes: number;
}

/** A transcript read and validated line by line. */
export interface Transcript {
  readonly path: string;
  readonly header: HeaderEntry;
  /** Every entry after the header, in file order. */
  readonly entries: readonly TranscriptEntry[];
  /** Set when the last line was cut short; it is ignored, and reported here. */
  readonly tornTail: TornTail | undefined;
}

const versionProbe = z.object({ v: z.number().int() });

/**
 * Parses and validates one complete line. A complete line that fails is never
 * skipped: it is real corruption (or a bug), and replaying around it would send
 * the model a conversation with a hole in it.
 */
export function parseEntry(text: string, file: string, line?: number): TranscriptEntry {
  const where = line === undefined ? file : `${file}:${line}`;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new SessionError('TRANSCRIPT_CORRUPT', `${where}: not valid JSON`, { file, line, cause });
  }
  const version = versionProbe.safeParse(raw);
  if (version.success && version.data.v > TRANSCRIPT_VERSION) {
    throw new SessionError(
      'TRANSCRIPT_UNSUPPORTED_VERSION',
      `${where}: written by transcript schema v${version.data.v}; this wren reads up to v${TRANSCRIPT_VERSION}. Update wren to open it.`,
      { file, line },
    );
  }
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new SessionError('TRANSCRIPT_CORRUPT', `${where}: invalid entry: ${z.prettifyError(parsed.error)}`, {
      file,
      line,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function expectHeader(entry: TranscriptEntry, file: string, line: Line): HeaderEntry {
  if (entry.type !== 'header') {
    throw new SessionError('TRANSCRIPT_CORRUPT', `${file}:${line.number}: the first line must be the session header, found '${entry.type}'`, {
      file,
      line: line.number,
    });
  }
  return entry;
}

/**
 * Reads a whole transcript. A torn last line is ignored and reported in
 * `tornTail`; any other line that does not parse or validate throws
 * TRANSCRIPT_CORRUPT naming the file and line. A file with no complete header
 * throws TRANSCRIPT_NO_HEADER.
 */
export async function readTranscript(path: string): Promise<Transcript> {
  let header: HeaderEntry | undefined;
  const entries: TranscriptEntry[] = [];
  let tornTail: TornTail | undefined;
  try {
    for await (const line of readLines(path)) {
      if (!line.complete) {
        tornTail = { line: line.number, offset: line.offset, bytes: line.bytes };
        break;
      }
      const entry = parseEntry(line.text, path, line.number);
      if (header === undefined) {
        header = expectHeader(entry, path, line);
      } else if (entry.type === 'header') {
        throw new SessionError('TRANSCRIPT_CORRUPT', `${path}:${line.number}: a second session header`, { file: path, line: line.number });
      } else {
        entries.push(entry);
      }
    }
  } catch (error) {
    if (error instanceof SessionError) throw error;
    throw new SessionError('TRANSCRIPT_IO', `cannot read transcript ${path}: ${(error as Error).message}`, { file: path, cause: error });
  }
  if (header === undefined) {
    throw new SessionError('TRANSCRIPT_NO_HEADER', `${path}: no complete session header (the session was interrupted while starting)`, {
      file: path,
    });
  }
  return { path, header, entries, tornTail };
}

/**
 * The conversation to send next: every message in order, where a compaction
 * boundary replaces everything before it with its own messages.
 */
export function rebuildConversation(entries: readonly TranscriptEntry[]): MessageParam[] {
  let messages: MessageParam[] = [];
  for (const entry of entries) {
    if (entry.type === 'message') messages.push(entry.message);
    else if (entry.type === 'compaction') messages = [...entry.messages];
  }
  return messages;
}

/** Reads only the header line (listing and lookups stay cheap on long transcripts). */
export async function readHeader(path: string): Promise<HeaderEntry> {
  try {
    for await (const line of readLines(path)) {
      if (!line.complete) break;
      return expectHeader(parseEntry(line.text, path, line.number), path, line);
    }
  } catch (error) {
    if (error instanceof SessionError) throw error;
    throw new SessionError('TRANSCRIPT_IO', `cannot read transcript ${path}: ${(error as Error).message}`, { file: path, cause: error });
  }
  throw new SessionError('TRANSCRIPT_NO_HEADER', `${path}: no complete session header (the session was interrupted while starting)`, {
    file: path,
  });
}
