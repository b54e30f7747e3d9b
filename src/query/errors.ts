/**
 * Stable codes of the query engine's failures. The CLI layer words its
 * one-line messages and picks exit codes from these, never from `message`.
 *
 * - `missing_api_key`: no ANTHROPIC_API_KEY (or auth token) in options or environment.
 * - `invalid_base_url`: ANTHROPIC_BASE_URL (or the option) is not an http(s) URL.
 * - `invalid_option`: an option value the engine cannot use (e.g. a thinking budget under 1024).
 * - `auth_failed`: the API answered 401 (key refused); never retried.
 * - `permission_denied`: the API answered 403.
 * - `not_found`: the API answered 404 (often an unknown model).
 * - `invalid_request`: the API answered 400 or 413/422: the request itself is wrong; never retried.
 * - `api_unreachable`: network errors on every attempt (connection refused, DNS, cut) until the cap.
 * - `retries_exhausted`: retryable API errors (429, 529, 5xx, cut streams) until the attempt or wait cap.
 * - `api_error`: any other API answer that is not retried.
 */
export type QueryErrorCode =
  | 'missing_api_key'
  | 'invalid_base_url'
  | 'invalid_option'
  | 'auth_failed'
  | 'permission_denied'
  | 'not_found'
  | 'invalid_request'
  | 'api_unreachable'
  | 'retries_exhausted'
  | 'api_error';

/** A query engine failure with a stable `code`. */
export class QueryError extends Error {
  readonly code: QueryErrorCode;
  /** HTTP status of the last API answer, when there was one. */
  readonly status: number | undefined;
  /** Attempts made before giving up (for retry failures). */
  readonly attempts: number | undefined;

  constructor(code: QueryErrorCode, message: string, details: { status?: number; attempts?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'QueryError';
    this.code = code;
    this.status = details.status;
    this.attempts = details.attempts;
  }

  /** What the stream-json output and transcripts carry. */
  toJSON(): { code: QueryErrorCode; message: string; status?: number; attempts?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.attempts !== undefined ? { attempts: this.attempts } : {}),
    };
  }
}

export function isQueryError(value: unknown): value is QueryError {
  return value instanceof QueryError;
}
