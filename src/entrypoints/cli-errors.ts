import type { QueryErrorCode } from '../query/index.ts';

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

/** Codes of the runtime's errors that come from how Wren was invoked. */
const USAGE_CODES = new Set(['INVALID_ENV', 'SETTINGS_FATAL']);

/**
 * A known failure as one line and its exit code; undefined for anything else,
 * which is a bug and keeps its stack trace. Recognised by the errors' own
 * `name` and stable `code`, not by class, so `--help` and `--version` never
 * load the subsystems that define them.
 */
export function describeFailure(error: unknown): { line: string; code: number } | undefined {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'string') return undefined;
  const code = (error as Error & { code: string }).code;
  switch (error.name) {
    case 'RuntimeError':
      return { line: `wren: ${error.message}`, code: USAGE_CODES.has(code) ? EXIT.usage : EXIT.failed };
    case 'SessionError':
    case 'ConfigError':
      return { line: `wren: ${error.message}`, code: EXIT.failed };
    case 'QueryError':
      return { line: queryErrorLine(code as QueryErrorCode, error.message), code: EXIT.failed };
    default:
      return undefined;
  }
}
