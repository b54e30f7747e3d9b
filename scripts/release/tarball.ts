import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';

type WarnData = Record<string, unknown>;
import { sha512Integrity } from './integrity.ts';

/** One entry of the tarball exactly as its headers describe it (pax and GNU long names applied, nothing normalised). */
export interface TarEntry {
  /** Position in the archive, from 0. */
  readonly index: number;
  /** The raw path from the headers: may hold `..`, a leading `/`, backslashes. Rules judge it; nothing here cleans it. */
  readonly path: string;
  /** tar's type name: `File`, `Directory`, `SymbolicLink`, `Link`, ... */
  readonly type: string;
  readonly mode: number;
  readonly size: number;
  readonly linkpath?: string;
  /** The entry's bytes (empty for anything but files). */
  readonly data: Buffer;
}

/** Something wrong with the archive itself rather than with one of its files. */
export interface TarProblem {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
}

/** What the verifier knows about a tarball: only what its bytes say. */
export interface ParsedTarball {
  /** sha512 SRI of the packed bytes: what npm and the registry call `integrity`. */
  readonly integrity: string;
  readonly packedSize: number;
  /** Sum of the sizes of the regular files. */
  readonly unpackedSize: number;
  readonly entries: readonly TarEntry[];
  readonly problems: readonly TarProblem[];
}

export interface ReadTarballOptions {
  /**
   * Refuse to inflate more than this many bytes (a gzip bomb stops here).
   * @default 512 MiB
   */
  readonly maxUnpackedBytes?: number;
}

const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Whether a tar type name is a regular file. */
export function isRegularFile(entry: Pick<TarEntry, 'type'>): boolean {
  return REGULAR.has(entry.type);
}

/**
 * Parses a (normally gzipped) tarball from memory. Never throws for a bad archive:
 * whatever tar or zlib complain about comes back as `problems`, so the verifier
 * can report it as a violation like any other.
 */
export async function readTarball(bytes: Uint8Array, options: ReadTarballOptions = {}): Promise<ParsedTarball> {
  const maxUnpackedBytes = options.maxUnpackedBytes ?? 512 * 1024 * 1024;
  const packed = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const integrity = sha512Integrity(packed);
  const problems: TarProblem[] = [];
  let tar: Buffer = packed;
  if (packed[0] === 0x1f && packed[1] === 0x8b) {
    try {
      tar = gunzipSync(packed, { maxOutputLength: maxUnpackedBytes });
    } catch (error) {
      const tooBig = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      problems.push({
        code: tooBig ? 'TOO_LARGE' : 'BAD_GZIP',
        message: tooBig ? `inflates past ${maxUnpackedBytes} bytes` : `gzip stream is corrupt: ${(error as Error).message}`,
      });
      return { integrity, packedSize: packed.length, unpackedSize: 0, entries: [], problems };
    }
  } else {
    problems.push({ code: 'NOT_GZIP', message: 'not gzip-compressed (npm publishes gzipped tarballs)' });
  }
  const entries = await parseTar(tar, problems);
  // Two zero blocks end a tar archive; without them it was cut short, and whatever followed is unknown.
  if (tar.length >= 1024 && tar.subarray(-1024).some((b) => b !== 0)) problems.push({ code: 'NO_EOF', message: 'no end-of-archive marker: the archive is truncated' });
  if (!entries.length && !problems.length) problems.push({ code: 'EMPTY', message: 'the archive holds no entries' });
  const unpackedSize = entries.filter(isRegularFile).reduce((sum, e) => sum + e.size, 0);
  return { integrity, packedSize: packed.length, unpackedSize, entries, problems };
}

function parseTar(tar: Buffer, problems: TarProblem[]): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  return new Promise((resolve) => {
    const parser = new Parser({
      // A warning means tar skipped or distrusted something: an extractor may see a different archive than we do.
      onwarn: (code: string, message: string | Error, data: WarnData) => {
        const path = (data?.header as { path?: unknown } | undefined)?.path;
        problems.push({ code, message: message instanceof Error ? message.message : message, ...(typeof path === 'string' ? { path } : {}) });
      },
      onReadEntry: (entry: ReadEntry) => {
        const index = entries.length;
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          entries[index] = {
            index,
            path: entry.path,
            type: entry.type,
            mode: entry.mode ?? 0,
            size: entry.size ?? 0,
            ...(entry.linkpath ? { linkpath: entry.linkpath } : {}),
            data: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
          };
        });
        entries.length = index + 1;
      },
    });
    parser.on('ignoredEntry', (entry: ReadEntry) => {
      problems.push({ code: 'IGNORED_ENTRY', message: `tar skipped a ${entry.type} entry (oversized metadata or unknown type)`, path: entry.path });
    });
    parser.on('end', () => resolve(entries.filter((e) => e !== undefined)));
    parser.end(tar);
  });
}
