/**
 * Stable codes for every way the session library can fail. The CLI layer turns
 * them into one-line messages and exit codes; library code never prints.
 */
export type SessionErrorCode =
  /** `--resume <id>`: no transcript has this id or prefix, in any folder. */
  | 'SESSION_NOT_FOUND'
  /** `--resume <prefix>`: more than one session matches; see `candidates`. */
  | 'SESSION_AMBIGUOUS'
  /** `--resume <id>`: the session exists but was started in another folder; see `otherCwd`. */
  | 'SESSION_OTHER_FOLDER'
  /** `--continue`: this folder has no session with at least one message. */
  | 'NO_SESSION_TO_CONTINUE'
  /** The given id is not a session id or a prefix of one (only hex digits and dashes). */
  | 'INVALID_SESSION_ID'
  /** A complete line in the middle of a transcript does not parse or validate; see `file`, `line`. */
  | 'TRANSCRIPT_CORRUPT'
  /** A line was written by a newer schema version than this build reads. */
  | 'TRANSCRIPT_UNSUPPORTED_VERSION'
  /** The transcript has no complete header line (killed while being created). */
  | 'TRANSCRIPT_NO_HEADER'
  /** An entry given to `append` does not match the schema; nothing was written. */
  | 'INVALID_ENTRY'
  /** `append` after `close`, or after an earlier write failed part-way. */
  | 'SESSION_CLOSED'
  /** The operating system refused a read or write; `cause` holds the system error. */
  | 'TRANSCRIPT_IO';

/** A candidate shown when an id prefix is ambiguous. */
export interface SessionCandidate {
  readonly id: string;
  readonly cwd: string;
  readonly path: string;
}

/** Extra facts carried by a {@link SessionError}, by code. */
export interface SessionErrorDetails {
  /** The transcript file concerned. */
  readonly file?: string;
  /** 1-based line number in `file`. */
  readonly line?: number;
  /** The id or prefix the user asked for. */
  readonly id?: string;
  /** The folder the session was asked for. */
  readonly cwd?: string;
  /** SESSION_OTHER_FOLDER: the folder the session belongs to. */
  readonly otherCwd?: string;
  /** SESSION_AMBIGUOUS: every match. */
  readonly candidates?: readonly SessionCandidate[];
  readonly cause?: unknown;
}

/** The one error type this library throws; switch on `code`, never on `message`. */
export class SessionError extends Error {
  override readonly name = 'SessionError';
  readonly code: SessionErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly id: string | undefined;
  readonly cwd: string | undefined;
  readonly otherCwd: string | undefined;
  readonly candidates: readonly SessionCandidate[] | undefined;

  constructor(code: SessionErrorCode, message: string, details: SessionErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.id = details.id;
    this.cwd = details.cwd;
    this.otherCwd = details.otherCwd;
    this.candidates = details.candidates;
  }
}

export function isSessionError(value: unknown, code?: SessionErrorCode): value is SessionError {
  return value instanceof SessionError && (code === undefined || value.code === code);
}
