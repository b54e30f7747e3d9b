import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type SessionCandidate, SessionError } from './errors.ts';
import { listSessions, transcriptIds } from './list.ts';
import { type ConfigDirOptions, TRANSCRIPT_EXTENSION, projectDir, projectsDir, resolveConfigDir } from './paths.ts';
import type { HeaderEntry } from './entries.ts';
import { readHeader } from './reader.ts';
import { type Session, type SessionIoOptions, openTranscript } from './session.ts';

/** Where a session's transcript is. */
export interface SessionRef {
  readonly id: string;
  readonly path: string;
  /** The folder the session belongs to (from its header). */
  readonly cwd: string;
}

/** Finding a session by id. */
export interface FindSessionOptions extends ConfigDirOptions {
  /** The folder wren runs in; a session from another folder is refused (SESSION_OTHER_FOLDER). */
  readonly cwd: string;
  /** A full session id or a unique prefix of one (case-insensitive). */
  readonly id: string;
}

const ID_PREFIX = /^[0-9a-f-]{1,36}$/;

async function candidatesIn(dir: string, prefix: string): Promise<SessionCandidate[]> {
  const found: SessionCandidate[] = [];
  for (const id of await transcriptIds(dir)) {
    if (!id.startsWith(prefix)) continue;
    const path = join(dir, `${id}${TRANSCRIPT_EXTENSION}`);
    let header: HeaderEntry;
    try {
      header = await readHeader(path);
    } catch (error) {
      // Killed before its first line landed: there is nothing to resume.
      if (error instanceof SessionError && error.code === 'TRANSCRIPT_NO_HEADER') continue;
      throw error;
    }
    if (header.sessionId !== id) {
      throw new SessionError('TRANSCRIPT_CORRUPT', `${path}:1: the header's session id ${header.sessionId} does not match the file name`, {
        file: path,
        line: 1,
      });
    }
    found.push({ id, path, cwd: header.cwd });
  }
  return found;
}

async function otherProjectDirs(configDir: string, except: string): Promise<string[]> {
  const root = projectsDir(configDir);
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => join(root, entry.name)).filter((dir) => dir !== except);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SessionError('TRANSCRIPT_IO', `cannot list ${root}: ${(cause as Error).message}`, { file: root, cause });
  }
}

function ambiguous(id: string, cwd: string, candidates: readonly SessionCandidate[]): SessionError {
  const list = candidates.map((c) => `${c.id} (${c.cwd})`).join(', ');
  return new SessionError('SESSION_AMBIGUOUS', `session id '${id}' matches ${candidates.length} sessions: ${list}; give more of the id`, {
    id,
    cwd,
    candidates,
  });
}

/**
 * Finds a session for `--resume <id>`. Sessions of the current folder win; when
 * none matches there, every other folder is searched so the error can say where
 * the session lives instead of a bare "not found".
 */
export async function findSession(options: FindSessionOptions): Promise<SessionRef> {
  const configDir = resolveConfigDir(options);
  const cwd = resolve(options.cwd);
  const id = options.id.trim().toLowerCase();
  if (!ID_PREFIX.test(id)) {
    throw new SessionError('INVALID_SESSION_ID', `'${options.id}' is not a session id (expected hex digits and dashes, like 3f2a9c1e)`, {
      id: options.id,
      cwd,
    });
  }
  const here = projectDir(configDir, cwd);
  const local = await candidatesIn(here, id);
  const mine = local.filter((c) => c.cwd === cwd);
  if (mine.length > 1) throw ambiguous(id, cwd, mine);
  if (mine.length === 1) return mine[0]!;

  const elsewhere = [...local.filter((c) => c.cwd !== cwd)];
  for (const dir of await otherProjectDirs(configDir, here)) elsewhere.push(...(await candidatesIn(dir, id)));
  if (elsewhere.length > 1) throw ambiguous(id, cwd, elsewhere);
  const other = elsewhere[0];
  if (other !== undefined) {
    throw new SessionError('SESSION_OTHER_FOLDER', `session ${other.id} belongs to ${other.cwd}, not ${cwd}; run wren from that folder to resume it`, {
      id,
      cwd,
      otherCwd: other.cwd,
      file: other.path,
    });
  }
  throw new SessionError('SESSION_NOT_FOUND', `no session matches '${id}'`, { id, cwd });
}

/**
 * The session `--continue` resumes: the most recently active one in `cwd` that
 * has at least one message (a session opened and left before any prompt is not
 * worth continuing). Transcripts too broken to summarise are passed over.
 */
export async function findLatestSession(options: ConfigDirOptions & { readonly cwd: string }): Promise<SessionRef> {
  const { sessions } = await listSessions(options);
  const latest = sessions.find((s) => s.messageCount > 0);
  if (latest === undefined) {
    throw new SessionError('NO_SESSION_TO_CONTINUE', `no earlier session in ${resolve(options.cwd)} to continue`, { cwd: resolve(options.cwd) });
  }
  return { id: latest.id, path: latest.path, cwd: latest.cwd };
}

/** `--resume <id>`: finds the session (see {@link findSession}) and reopens it for appending. */
export async function resumeSession(options: FindSessionOptions & SessionIoOptions): Promise<Session> {
  const ref = await findSession(options);
  return openTranscript(ref.path, { ...options, configDir: resolveConfigDir(options) });
}

/** `--continue`: reopens the latest session of `cwd` (see {@link findLatestSession}). */
export async function continueSession(options: SessionIoOptions & { readonly cwd: string }): Promise<Session> {
  const ref = await findLatestSession(options);
  return openTranscript(ref.path, { ...options, configDir: resolveConfigDir(options) });
}
