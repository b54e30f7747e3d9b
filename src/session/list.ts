import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EndReason, HeaderEntry } from './entries.ts';
import { SessionError } from './errors.ts';
import { readLines } from './lines.ts';
import { type ConfigDirOptions, TRANSCRIPT_EXTENSION, projectDir, resolveConfigDir } from './paths.ts';
import { parseEntry } from './reader.ts';

/** One row of a `/resume` picker. */
export interface SessionSummary {
  readonly id: string;
  readonly path: string;
  readonly cwd: string;
  /** The model the session started with. */
  readonly model: string;
  /** ISO timestamp from the header. */
  readonly startedAt: string;
  /** Last write to the transcript: the last activity. */
  readonly modifiedAt: Date;
  /** Text of the first user message, cut to {@link FIRST_PROMPT_MAX_CHARS}; undefined before any prompt. */
  readonly firstPrompt: string | undefined;
  /** Message entries in the transcript (all of them, including those a compaction replaced). */
  readonly messageCount: number;
  /** Why the session last ended, unless it was resumed and went on after that. */
  readonly endReason: EndReason | undefined;
}

/** A transcript the lister could not read; the picker can show or skip it. */
export interface UnreadableTranscript {
  readonly path: string;
  readonly error: SessionError;
}

export interface SessionListing {
  /** Newest activity first. */
  readonly sessions: readonly SessionSummary[];
  readonly unreadable: readonly UnreadableTranscript[];
}

export const FIRST_PROMPT_MAX_CHARS = 500;

/** A file name the writer produces: `<uuid>.jsonl`. */
const TRANSCRIPT_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl$/;

/** Transcript file names (ids) in one folder; none when the folder does not exist. */
export async function transcriptIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SessionError('TRANSCRIPT_IO', `cannot list ${dir}: ${(cause as Error).message}`, { file: dir, cause });
  }
  return names.filter((name) => TRANSCRIPT_NAME.test(name)).map((name) => name.slice(0, -TRANSCRIPT_EXTENSION.length));
}

function promptText(message: MessageParam): string | undefined {
  if (message.role !== 'user') return undefined;
  const text = typeof message.content === 'string' ? message.content : message.content.find((block) => block.type === 'text')?.text;
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed.slice(0, FIRST_PROMPT_MAX_CHARS);
}

/**
 * Summarises one transcript cheaply: the header and the first prompt are parsed,
 * other lines are only classified by their `{"type":...` prefix (every writer
 * puts `type` first). Full validation happens when a session is resumed.
 */
export async function summarizeTranscript(path: string): Promise<SessionSummary> {
  let header: HeaderEntry | undefined;
  let firstPrompt: string | undefined;
  let messageCount = 0;
  let endReason: EndReason | undefined;
  try {
    for await (const line of readLines(path)) {
      if (!line.complete) break;
      if (header === undefined) {
        const entry = parseEntry(line.text, path, line.number);
        if (entry.type !== 'header') throw new SessionError('TRANSCRIPT_CORRUPT', `${path}:1: the first line must be the session header`, { file: path, line: 1 });
        header = entry;
      } else if (line.text.startsWith('{"type":"message"')) {
        messageCount += 1;
        endReason = undefined;
        if (firstPrompt === undefined && line.text.includes('"role":"user"')) {
          const entry = parseEntry(line.text, path, line.number);
          if (entry.type === 'message') firstPrompt = promptText(entry.message);
        }
      } else if (line.text.startsWith('{"type":"end"')) {
        const entry = parseEntry(line.text, path, line.number);
        if (entry.type === 'end') endReason = entry.reason;
      }
    }
  } catch (error) {
    if (error instanceof SessionError) throw error;
    throw new SessionError('TRANSCRIPT_IO', `cannot read transcript ${path}: ${(error as Error).message}`, { file: path, cause: error });
  }
  if (header === undefined) {
    throw new SessionError('TRANSCRIPT_NO_HEADER', `${path}: no complete session header (the session was interrupted while starting)`, { file: path });
  }
  let mtime: Date;
  try {
    ({ mtime } = await stat(path));
  } catch (cause) {
    throw new SessionError('TRANSCRIPT_IO', `cannot stat transcript ${path}: ${(cause as Error).message}`, { file: path, cause });
  }
  return {
    id: header.sessionId,
    path,
    cwd: header.cwd,
    model: header.model,
    startedAt: header.startedAt,
    modifiedAt: mtime,
    firstPrompt,
    messageCount,
    endReason,
  };
}

/** Sessions started in `cwd`, newest activity first, for a `/resume` picker. */
export async function listSessions(options: ConfigDirOptions & { readonly cwd: string }): Promise<SessionListing> {
  const cwd = resolve(options.cwd);
  const dir = projectDir(resolveConfigDir(options), cwd);
  const sessions: SessionSummary[] = [];
  const unreadable: UnreadableTranscript[] = [];
  for (const id of await transcriptIds(dir)) {
    const path = join(dir, `${id}${TRANSCRIPT_EXTENSION}`);
    try {
      const summary = await summarizeTranscript(path);
      // The folder name is a hash of the cwd; the header is the authority.
      if (summary.cwd === cwd) sessions.push(summary);
    } catch (error) {
      if (!(error instanceof SessionError)) throw error;
      unreadable.push({ path, error });
    }
  }
  sessions.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.startedAt.localeCompare(a.startedAt));
  return { sessions, unreadable };
}
