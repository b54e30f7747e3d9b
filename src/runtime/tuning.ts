import type { ContextOptions, RetryOptions } from '../query/index.ts';
import { RuntimeError } from './errors.ts';

/**
 * Engine limits a user (or a test) may tune from the environment. Each value
 * is checked: a typo must be an error, not a silently ignored limit.
 *
 * - WREN_CONTEXT_WINDOW_TOKENS: the model's context window, for compaction (default 200000)
 * - WREN_MAX_RETRIES: attempts per request after the first (default 9)
 * - WREN_RETRY_MAX_WAIT_MS: total time spent waiting between retries (default 60000)
 * - WREN_RETRY_BASE_DELAY_MS: first backoff delay (default 500)
 */
export interface Tuning {
  readonly context: ContextOptions;
  readonly retry: RetryOptions;
}

export function tuningFromEnv(env: Readonly<Record<string, string | undefined>>): Tuning {
  const int = (name: string, min: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw new RuntimeError('INVALID_ENV', `${name} must be a whole number of at least ${min}, not '${raw}'`);
    }
    return value;
  };
  const window = int('WREN_CONTEXT_WINDOW_TOKENS', 1000);
  const retries = int('WREN_MAX_RETRIES', 0);
  const maxWait = int('WREN_RETRY_MAX_WAIT_MS', 0);
  const baseDelay = int('WREN_RETRY_BASE_DELAY_MS', 1);
  return {
    context: window === undefined ? {} : { windowTokens: window },
    retry: {
      ...(retries === undefined ? {} : { maxAttempts: retries + 1 }),
      ...(maxWait === undefined ? {} : { maxTotalWaitMs: maxWait }),
      ...(baseDelay === undefined ? {} : { baseDelayMs: baseDelay }),
    },
  };
}
