import type { ToolErrorValue } from '../tool.ts';

/**
 * Stable kinds of the expected failures the file tools return as values.
 * The model reads the message; the UI and tests branch on the kind.
 */
export type FileToolErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'is_directory'
  | 'not_a_directory'
  | 'not_a_file'
  | 'binary'
  | 'too_large'
  | 'not_read'
  | 'stale'
  | 'no_change'
  | 'no_match'
  | 'multiple_matches'
  | 'exists'
  | 'invalid_notebook'
  | 'invalid_pattern'
  | 'permission_denied'
  | 'aborted'
  | 'io_error';

/** A failure the model can act on. */
export function toolError(kind: FileToolErrorKind, message: string): ToolErrorValue {
  return { error: { kind, message } };
}

/** The value a tool returns when its call was aborted (Esc, Ctrl-C, turn timeout). */
export function abortedError(): ToolErrorValue {
  return toolError('aborted', 'The operation was interrupted before it finished.');
}

/** Whether `err` is a Node system error with this code (ENOENT, EACCES...). */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && codes.includes(String((err as { code: unknown }).code));
}

/** Whether `err` is the rejection of an aborted operation (AbortSignal given to fs or a child process). */
export function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && ((err as { name?: unknown }).name === 'AbortError' || hasCode(err, 'ABORT_ERR'));
}

/**
 * Turns an expected filesystem failure into an error value, and rethrows anything
 * else: an unexpected error is a bug and must surface as one.
 */
export function fsErrorToValue(err: unknown, path: string): ToolErrorValue {
  if (isAbortError(err)) return abortedError();
  if (hasCode(err, 'ENOENT')) return toolError('not_found', `File does not exist: ${path}`);
  if (hasCode(err, 'EACCES', 'EPERM')) return toolError('permission_denied', `Permission denied by the operating system: ${path}`);
  if (hasCode(err, 'EISDIR')) return toolError('is_directory', `${path} is a directory, not a file.`);
  if (hasCode(err, 'ENOTDIR')) return toolError('not_found', `A parent of ${path} is not a directory.`);
  if (hasCode(err, 'ELOOP')) return toolError('io_error', `Too many levels of symbolic links: ${path}`);
  if (hasCode(err, 'ENOSPC', 'EROFS', 'EDQUOT', 'EIO', 'EMFILE', 'ENFILE', 'EBUSY', 'ETXTBSY', 'ENAMETOOLONG')) {
    const code = (err as { code: string }).code;
    return toolError('io_error', `${code} on ${path}: ${(err as Error).message}`);
  }
  throw err;
}
