import Anthropic from '@anthropic-ai/sdk';
import { QueryError } from './errors.ts';

/** How to reach the Messages API. Every field defaults from the environment. */
export interface ConnectionOptions {
  /** @default env ANTHROPIC_API_KEY */
  readonly apiKey?: string;
  /** Bearer token used when there is no API key. @default env ANTHROPIC_AUTH_TOKEN */
  readonly authToken?: string;
  /** @default env ANTHROPIC_BASE_URL, else https://api.anthropic.com */
  readonly baseURL?: string;
  /** Environment to read the defaults from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Per-request timeout (the whole streamed response). @default 600_000 */
  readonly timeoutMs?: number;
  /** fetch implementation, for tests or proxies. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Extra headers on every request. */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
}

/** The SDK client the engine talks through. */
export type QueryClient = Anthropic;

/**
 * Makes the SDK client with the SDK's own retries off: the engine retries
 * (with its caps, its retry-after handling and its stream restarts), and two
 * layers of retries would multiply waits.
 *
 * @throws QueryError `missing_api_key` or `invalid_base_url`
 */
export function createQueryClient(options: ConnectionOptions = {}): QueryClient {
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env['ANTHROPIC_API_KEY']);
  const authToken = apiKey ? undefined : nonEmpty(options.authToken) ?? nonEmpty(env['ANTHROPIC_AUTH_TOKEN']);
  if (!apiKey && !authToken) {
    throw new QueryError('missing_api_key', 'no API key: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN)');
  }
  const baseURL = nonEmpty(options.baseURL) ?? nonEmpty(env['ANTHROPIC_BASE_URL']);
  if (baseURL !== undefined) checkBaseUrl(baseURL);
  return new Anthropic({
    // Exactly one credential, so the SDK does not go looking for profiles or other variables.
    ...(apiKey ? { apiKey } : { authToken: authToken! }),
    baseURL: baseURL ?? 'https://api.anthropic.com',
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
    // The SDK logs stream parse failures itself; the engine reports them as events instead.
    logLevel: nonEmpty(env['ANTHROPIC_LOG']) ? undefined : 'off',
    openTelemetry: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.defaultHeaders ? { defaultHeaders: { ...options.defaultHeaders } } : {}),
  });
}

function checkBaseUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new QueryError('invalid_base_url', `ANTHROPIC_BASE_URL is not a URL: '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new QueryError('invalid_base_url', `ANTHROPIC_BASE_URL must be http or https, not '${url.protocol}'`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}
