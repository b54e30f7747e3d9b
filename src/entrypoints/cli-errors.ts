import { ConfigError } from '../config/index.ts';
import { isQueryError, type QueryErrorCode } from '../query/index.ts';
import { isRuntimeError } from '../runtime/index.ts';
import { isSessionError } from '../session/index.ts';

/**
 * Exit codes of the CLI (README.md, "Exit codes").
 * - 0: success
 * - 1: the run failed (API refused or unreachable, retries exhausted, max turns, budget, a bad transcript)
 * - 2: usage: invalid flags or flag values, no prompt, invalid command-line settings
 * - 130 / 143: interrupted by SIGINT / SIGTERM (the transcript is kept)
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, sigint: 130, sigterm: 143 } as const;

/** What to do next, per engine failure; each message stays one line. */
const QUERY_HINTS: Partial<Record<QueryErrorCode, string>> = {
  missing_api_key: 'set ANTHROPIC_API_KEY',
  auth_failed: 'check ANTHROPIC_API_KEY',
  api_unreachable: 'check ANTHROPIC_BASE_URL and your network',
  invalid_base_url: 'ANTHROPIC_BASE_URL must be an http(s) URL',
  not_found: 'check the model name (--model)',
  retries_exhausted: 'the API is busy or failing; try again later',
};

export function queryErrorLine(code: QueryErrorCode, message: string): string {
  const hint = QUERY_HINTS[code];
  return `wren: ${message}${hint && !message.includes(hint) ? ` (${hint})` : ''}`;
}

/**
 * A known failure as one line and its exit code; undefined for anything else,
 * which is a bug and keeps its stack trace.
 */
export function describeFailure(error: unknown): { line: string; code: number } | undefined {
  if (isRuntimeError(error)) {
    const usage = error.code === 'INVALID_ENV' || error.code === 'SETTINGS_FATAL';
    return { line: `wren: ${error.message}`, code: usage ? EXIT.usage : EXIT.failed };
  }
  if (isSessionError(error)) return { line: `wren: ${error.message}`, code: EXIT.failed };
  if (error instanceof ConfigError) return { line: `wren: ${error.message}`, code: EXIT.failed };
  if (isQueryError(error)) return { line: queryErrorLine(error.code, error.message), code: EXIT.failed };
  return undefined;
}
