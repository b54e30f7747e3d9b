import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { QueryError, type QueryErrorCode } from './errors.ts';

/** How the engine retries a failed request. Every delay is injectable so tests run fast. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 10 */
  readonly maxAttempts?: number;
  /** Total time spent waiting between attempts; a wait that would pass it ends the retries. @default 60_000 */
  readonly maxTotalWaitMs?: number;
  /** First backoff delay; it doubles per retry. @default 500 */
  readonly baseDelayMs?: number;
  /** Largest backoff delay (a retry-after may ask for more, within maxTotalWaitMs). @default 16_000 */
  readonly maxDelayMs?: number;
  /** Random source in [0, 1) for the jitter. @default Math.random */
  readonly random?: () => number;
  /** Waits `ms`; must reject promptly when `signal` aborts. @default a real timer */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Clock for retry-after given as an HTTP date. @default Date.now */
  readonly now?: () => number;
  /**
   * An attempt that receives no response, then no stream event, for this long
   * is dropped and retried as a cut stream. The SDK does not surface the API's
   * keep-alive pings, so this must exceed the longest silence of a healthy
   * stream (time to first token on a very long prompt). @default 180_000
   */
  readonly idleTimeoutMs?: number;
}

/** Why a request is being retried. */
export type RetryReason = 'rate_limited' | 'overloaded' | 'server_error' | 'network' | 'stream_cut';

/** A failure the engine may retry. */
export interface RetryableFailure {
  readonly kind: 'retryable';
  readonly reason: RetryReason;
  readonly message: string;
  readonly status?: number;
  /** What the server asked for (retry-after / retry-after-ms), in milliseconds. */
  readonly retryAfterMs?: number;
  readonly cause: unknown;
}

export type Failure = RetryableFailure | { readonly kind: 'fatal'; readonly error: QueryError } | { readonly kind: 'aborted' };

/** Thrown by the stream reader when a response ends without message_stop. */
export class StreamIncompleteError extends Error {
  constructor(message = 'the response stream ended before message_stop') {
    super(message);
    this.name = 'StreamIncompleteError';
  }
}

/**
 * Sorts an error from the SDK (or from reading its stream) into retry,
 * fatal or abort. Only errors raised by SDK calls should reach this.
 */
export function classify(error: unknown, signal: AbortSignal, now: () => number): Failure {
  if (signal.aborted || error instanceof APIUserAbortError) return { kind: 'aborted' };
  if (error instanceof StreamIncompleteError) return retryable('stream_cut', error.message, error);
  if (error instanceof APIConnectionError) return retryable('network', error.message, error);
  if (error instanceof APIError) return classifyApiError(error, now);
  // Reading the body failed under the SDK (socket closed mid-chunk, a half event that is not JSON).
  const message = error instanceof Error ? error.message : String(error);
  return retryable('stream_cut', message, error);
}

function classifyApiError(error: APIError, now: () => number): Failure {
  const status = error.status;
  const message = error.apiMessage ?? error.message;
  if (status === undefined) {
    // An SSE `error` event in the middle of a stream: the body's type says what happened.
    if (error.type === 'overloaded_error') return retryable('overloaded', message, error);
    if (error.type === 'rate_limit_error') return retryable('rate_limited', message, error);
    if (error.type === 'api_error') return retryable('server_error', message, error);
    return fatal('api_error', `the API stream failed: ${message}`, error);
  }
  const headers = error.headers;
  const retryAfterMs = headers ? parseRetryAfter(headers, now) : undefined;
  const after = retryAfterMs !== undefined ? { retryAfterMs } : {};
  const shouldRetry = headers?.get('x-should-retry');
  if (status === 429) return retryable('rate_limited', message, error, status, after);
  if (status >= 500 && shouldRetry !== 'false') return retryable(status === 529 ? 'overloaded' : 'server_error', message, error, status, after);
  if (status === 401) return fatal('auth_failed', `the API refused the credentials (401): ${message}`, error, status);
  if (status === 403) return fatal('permission_denied', `the API refused access (403): ${message}`, error, status);
  if (status === 404) return fatal('not_found', `the API answered 404: ${message}`, error, status);
  if (status === 400 || status === 413 || status === 422) return fatal('invalid_request', `the API rejected the request (${status}): ${message}`, error, status);
  return fatal('api_error', `the API answered ${status}: ${message}`, error, status);
}

function retryable(reason: RetryReason, message: string, cause: unknown, status?: number, extra: { retryAfterMs?: number } = {}): RetryableFailure {
  return { kind: 'retryable', reason, message, cause, ...(status !== undefined ? { status } : {}), ...extra };
}

function fatal(code: QueryErrorCode, message: string, cause: unknown, status?: number): Failure {
  return { kind: 'fatal', error: new QueryError(code, message, { cause, ...(status !== undefined ? { status } : {}) }) };
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(headers: { get(name: string): string | null }, now: () => number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** Resolved retry settings. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly maxTotalWaitMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly now: () => number;
  readonly idleTimeoutMs: number;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 10),
    maxTotalWaitMs: options.maxTotalWaitMs ?? 60_000,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 16_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? Date.now,
    idleTimeoutMs: options.idleTimeoutMs ?? 180_000,
  };
}

/**
 * Counts the attempts and the waiting of one request. `next` says how long to
 * wait before the next attempt, or that the caps are reached.
 */
export class RetryBudget {
  attempts = 1;
  waitedMs = 0;
  private readonly policy: RetryPolicy;

  constructor(policy: RetryPolicy) {
    this.policy = policy;
  }

  next(failure: RetryableFailure): { delayMs: number } | { exhausted: QueryError } {
    const p = this.policy;
    const delayMs = failure.retryAfterMs ?? backoff(this.attempts, p);
    if (this.attempts >= p.maxAttempts || this.waitedMs + delayMs > p.maxTotalWaitMs) return { exhausted: this.exhausted(failure, delayMs) };
    this.attempts++;
    this.waitedMs += delayMs;
    return { delayMs };
  }

  private exhausted(failure: RetryableFailure, wanted: number): QueryError {
    const why = this.attempts >= this.policy.maxAttempts
      ? `after ${this.attempts} attempts`
      : `after ${this.attempts} attempts: the next wait (${Math.ceil(wanted / 1000)} s) would pass the ${Math.round(this.policy.maxTotalWaitMs / 1000)} s retry limit`;
    const details = { attempts: this.attempts, cause: failure.cause, ...(failure.status !== undefined ? { status: failure.status } : {}) };
    if (failure.reason === 'network') return new QueryError('api_unreachable', `cannot reach the API (${failure.message}) ${why}`, details);
    const what = failure.status !== undefined ? `${failure.status} ${failure.message}` : failure.message;
    return new QueryError('retries_exhausted', `the API kept failing (${what}) ${why}`, details);
  }
}

/** Exponential backoff with equal jitter: between half and all of base * 2^(n-1), capped. */
function backoff(retry: number, p: RetryPolicy): number {
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (p.random() * ceiling) / 2);
}

/** A timer that rejects as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
