import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { buildInfo } from '../build-info/index.ts';
import {
  type CostTotals,
  type EndReason,
  type EntryInput,
  type HeaderEntry,
  type TranscriptEntry,
  TRANSCRIPT_VERSION,
  addUsage,
  emptyTotals,
  entrySchema,
  toTokenCounts,
} from './entries.ts';
import { SessionError } from './errors.ts';
import { type ConfigDirOptions, resolveConfigDir, transcriptPath } from './paths.ts';
import { ensureProjectDir } from './private-dirs.ts';
import { type TornTail, type Transcript, readTranscript } from './reader.ts';
import { type FsyncPolicy, TranscriptWriter } from './writer.ts';

/** Options shared by every way of getting a {@link Session}. */
export interface SessionIoOptions extends ConfigDirOptions {
  /** Time source for entry timestamps. @default () => new Date() */
  readonly now?: () => Date;
  /** When to fsync; see {@link FsyncPolicy}. @default 'boundaries' */
  readonly fsync?: FsyncPolicy;
}

/** Starting a new session. */
export interface OpenSessionOptions extends SessionIoOptions {
  /** The folder the session works in; transcripts are grouped by it. */
  readonly cwd: string;
  /** The model the session starts with (recorded in the header). */
  readonly model: string;
  /** @default buildInfo().version */
  readonly wrenVersion?: string;
  /** A fixed id (tests, imports). @default crypto.randomUUID() */
  readonly sessionId?: string;
}

/**
 * One live session: an open transcript plus the conversation and cost totals it
 * implies, kept in memory so the query loop never re-reads the file.
 *
 * One process writes a session at a time: two processes resuming the same id
 * would interleave their conversations (and a resume cuts a torn tail that a
 * live writer might still be completing). Nothing locks against that yet.
 */
export class Session {
  readonly id: string;
  /** The transcript file. */
  readonly path: string;
  readonly header: HeaderEntry;
  /** The config dir the transcript lives under. */
  readonly configDir: string;
  /**
   * When resuming: the torn last line found (the event in flight when the previous
   * process died). It was cut off the file before appending resumed.
   */
  readonly recoveredTornTail: TornTail | undefined;
  private readonly writer: TranscriptWriter;
  private readonly now: () => Date;
  private readonly policy: FsyncPolicy;
  private conversation: MessageParam[];
  private runningTotals: CostTotals;
  private entryCount: number;
  private closing: Promise<void> | undefined;

  /** @internal Use {@link openSession}, {@link resumeSession} or {@link continueSession}. */
  constructor(init: {
    configDir: string;
    path: string;
    header: HeaderEntry;
    writer: TranscriptWriter;
    now: () => Date;
    policy: FsyncPolicy;
    entries: readonly TranscriptEntry[];
    recoveredTornTail: TornTail | undefined;
  }) {
    this.configDir = init.configDir;
    this.path = init.path;
    this.header = deepFreeze(init.header);
    this.id = init.header.sessionId;
    this.writer = init.writer;
    this.now = init.now;
    this.policy = init.policy;
    this.recoveredTornTail = init.recoveredTornTail;
    this.conversation = [];
    this.runningTotals = emptyTotals();
    this.entryCount = 0;
    for (const entry of init.entries) this.apply(deepFreeze(entry));
  }

  /** The folder this session belongs to. */
  get cwd(): string {
    return this.header.cwd;
  }

  /** True from the moment `close` is called. */
  get closed(): boolean {
    return this.closing !== undefined || this.writer.closed;
  }

  /** Entries after the header, including those of earlier runs of a resumed session. */
  get length(): number {
    return this.entryCount;
  }

  /**
   * Appends one entry as one line, synchronously: when this returns the entry is
   * in the kernel and survives a kill -9 of this process. The entry is validated
   * first (INVALID_ENTRY, nothing written) and kept in memory exactly as it will
   * read back from disk.
   */
  append(input: EntryInput): void {
    if (this.closed) throw new SessionError('SESSION_CLOSED', `session ${this.id} is closed`, { file: this.path, id: this.id });
    const ts = this.now().toISOString();
    let raw: Record<string, unknown>;
    // `type` first on every line: the ledger and the lister find lines by that prefix.
    if (input.type === 'message') {
      raw = { type: 'message', v: TRANSCRIPT_VERSION, ts, message: input.message };
    } else if (input.type === 'compaction') {
      const messages = input.messages ?? [{ role: 'user', content: [{ type: 'text', text: input.summary }] }];
      raw = { type: 'compaction', v: TRANSCRIPT_VERSION, ts, summary: input.summary, messages };
    } else {
      const counts = toTokenCounts(input.usage);
      raw = {
        type: 'usage',
        v: TRANSCRIPT_VERSION,
        ts,
        model: input.model,
        usage: counts,
        costUsd: input.costUsd,
        totals: addUsage(this.runningTotals, input.model, counts, input.costUsd),
      };
    }
    this.write(raw, input.type !== 'message');
  }

  /**
   * The conversation to send next: a fresh array (push onto it freely) of frozen
   * messages. Add cache_control or other per-request decoration to copies; the
   * stored messages are the ones the transcript replays.
   */
  messages(): MessageParam[] {
    return [...this.conversation];
  }

  /** Cost and token totals of the whole session, across resumes. */
  totals(): CostTotals {
    return this.runningTotals;
  }

  /** Flushes everything appended so far to disk (e.g. before a risky operation). */
  sync(): Promise<void> {
    return this.writer.sync();
  }

  /**
   * Writes the end record, flushes and closes the file. Idempotent: a second call
   * does nothing. A session may be resumed after it ended.
   */
  close(reason: EndReason, detail?: string): Promise<void> {
    // Concurrent calls share one close, so the file gets exactly one end record.
    this.closing ??= this.finish(reason, detail);
    return this.closing;
  }

  private async finish(reason: EndReason, detail: string | undefined): Promise<void> {
    try {
      this.write({ type: 'end', v: TRANSCRIPT_VERSION, ts: this.now().toISOString(), reason, ...(detail === undefined ? {} : { detail }) }, false);
    } finally {
      await this.writer.close();
    }
  }

  private write(raw: Record<string, unknown>, boundary: boolean): void {
    const line = JSON.stringify(raw);
    // Validate what will be on disk, not the caller's object: JSON drops undefined,
    // turns NaN into null, and Dates into strings. The parsed copy is what we keep,
    // so memory and a later re-read agree exactly.
    const parsed = entrySchema.safeParse(JSON.parse(line));
    if (!parsed.success || parsed.data.type === 'header') {
      const why = parsed.success ? 'a header cannot be appended' : z.prettifyError(parsed.error);
      throw new SessionError('INVALID_ENTRY', `not a valid '${String(raw['type'])}' entry: ${why}`, { file: this.path, id: this.id });
    }
    this.writer.writeLine(line, this.policy === 'always' || (this.policy === 'boundaries' && boundary));
    this.apply(deepFreeze(parsed.data));
  }

  private apply(entry: TranscriptEntry): void {
    this.entryCount += 1;
    if (entry.type === 'message') this.conversation.push(entry.message);
    else if (entry.type === 'compaction') this.conversation = [...entry.messages];
    else if (entry.type === 'usage') this.runningTotals = entry.totals;
  }
}

/** Starts a new session: creates its transcript (0600, under 0700 folders) with the header. */
export async function openSession(options: OpenSessionOptions): Promise<Session> {
  const configDir = resolveConfigDir(options);
  const cwd = resolve(options.cwd);
  const now = options.now ?? (() => new Date());
  const sessionId = options.sessionId ?? randomUUID();
  const header: HeaderEntry = {
    type: 'header',
    v: TRANSCRIPT_VERSION,
    sessionId,
    cwd,
    model: options.model,
    startedAt: now().toISOString(),
    wrenVersion: options.wrenVersion ?? buildInfo().version,
  };
  const checked = entrySchema.safeParse(header);
  if (!checked.success) throw new SessionError('INVALID_ENTRY', `invalid session header: ${z.prettifyError(checked.error)}`, { id: sessionId });
  await ensureProjectDir(configDir, cwd);
  const path = transcriptPath(configDir, cwd, sessionId);
  const writer = await TranscriptWriter.create(path, JSON.stringify(header));
  return new Session({ configDir, path, header, writer, now, policy: options.fsync ?? 'boundaries', entries: [], recoveredTornTail: undefined });
}

/**
 * Opens an existing transcript for appending: reads and validates it, cuts off a
 * torn last line, restores the conversation and totals. Lookups (by id, latest)
 * live in lookup.ts; this takes a path.
 */
export async function openTranscript(path: string, options: SessionIoOptions & { readonly configDir: string }): Promise<Session> {
  const transcript: Transcript = await readTranscript(path);
  const writer = await TranscriptWriter.reopen(path, transcript.tornTail?.offset);
  return new Session({
    configDir: options.configDir,
    path,
    header: transcript.header,
    writer,
    now: options.now ?? (() => new Date()),
    policy: options.fsync ?? 'boundaries',
    entries: transcript.entries,
    recoveredTornTail: transcript.tornTail,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
