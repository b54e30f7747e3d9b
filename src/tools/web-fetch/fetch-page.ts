import type { PermissionDecision } from '../../permissions/index.ts';
import { classifyContentType } from './content.ts';
import { isSameHostRedirect, prepareUrl } from './url-policy.ts';

/** Caps on one fetch. */
export interface FetchLimits {
  /** Whole fetch, redirects and body included. */
  readonly timeoutMs: number;
  /** Body bytes read (after decompression); reading stops there. */
  readonly maxBytes: number;
  /** Same-host redirects followed before giving up. */
  readonly maxRedirects: number;
}

export interface FetchPageOptions {
  readonly fetch: typeof globalThis.fetch;
  readonly signal: AbortSignal;
  readonly limits: FetchLimits;
  /** Asked before each same-host redirect is followed; `ask` hands the redirect to the model, `deny` refuses it. */
  readonly checkRedirect?: (url: URL) => Promise<PermissionDecision>;
}

export type FetchOutcome =
  | {
    readonly kind: 'page';
    readonly finalUrl: URL;
    readonly status: number;
    readonly contentType: string | null;
    readonly body: Uint8Array;
    /** The body was longer than `maxBytes` and was cut there. */
    readonly truncated: boolean;
  }
  /** A redirect the tool does not follow by itself: the model must fetch `to` anew. */
  | { readonly kind: 'redirect'; readonly from: URL; readonly to: URL; readonly status: number; readonly reason: string }
  | { readonly kind: 'error'; readonly errorKind: string; readonly message: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Fetches `start`, following same-host redirects by hand and re-checking each hop. */
export async function fetchPage(start: URL, options: FetchPageOptions): Promise<FetchOutcome> {
  const timeout = AbortSignal.timeout(options.limits.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  try {
    return await followRedirects(start, signal, options);
  } catch (error) {
    if (options.signal.aborted) return { kind: 'error', errorKind: 'aborted', message: 'The fetch was aborted.' };
    if (timeout.aborted) return { kind: 'error', errorKind: 'timeout', message: `The fetch did not finish within ${options.limits.timeoutMs / 1000} s.` };
    return { kind: 'error', errorKind: 'network_error', message: `The fetch failed: ${describeError(error)}` };
  }
}

async function followRedirects(start: URL, signal: AbortSignal, options: FetchPageOptions): Promise<FetchOutcome> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await options.fetch(url, {
      redirect: 'manual',
      signal,
      headers: {
        'user-agent': 'Wren-WebFetch',
        accept: 'text/markdown, text/html;q=0.9, text/plain;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5',
      },
    });
    if (!REDIRECT_STATUSES.has(response.status)) return readResponse(url, response, signal, options.limits.maxBytes);
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location) return { kind: 'error', errorKind: 'bad_redirect', message: `${url.href} answered ${response.status} without a Location header.` };
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      return { kind: 'error', errorKind: 'bad_redirect', message: `${url.href} redirects to an invalid URL: ${JSON.stringify(location)}.` };
    }
    const prepared = prepareUrl(target.href);
    if (!prepared.ok) return { kind: 'error', errorKind: 'bad_redirect', message: `${url.href} redirects to ${target.href}, which cannot be fetched: ${prepared.message}` };
    if (!isSameHostRedirect(url, prepared.url)) {
      const reason = url.hostname === prepared.url.hostname ? 'it changes the port or the scheme' : 'it is on a different host';
      return { kind: 'redirect', from: start, to: prepared.url, status: response.status, reason };
    }
    const decision = await options.checkRedirect?.(prepared.url);
    if (decision?.behavior === 'deny') {
      return { kind: 'error', errorKind: 'redirect_denied', message: `${url.href} redirects to ${prepared.url.href}, which is denied: ${decision.reason}` };
    }
    if (decision?.behavior === 'ask') {
      return { kind: 'redirect', from: start, to: prepared.url, status: response.status, reason: `it needs its own approval (${decision.reason})` };
    }
    if (hop + 1 > options.limits.maxRedirects) {
      return { kind: 'error', errorKind: 'too_many_redirects', message: `Gave up after ${options.limits.maxRedirects} redirects (last: ${prepared.url.href}).` };
    }
    url = prepared.url;
  }
}

async function readResponse(url: URL, response: Response, signal: AbortSignal, maxBytes: number): Promise<FetchOutcome> {
  const contentType = response.headers.get('content-type');
  if (response.ok && classifyContentType(contentType) === 'binary') {
    // Refused before reading: no point downloading megabytes of an image to throw them away.
    await response.body?.cancel();
    return { kind: 'page', finalUrl: url, status: response.status, contentType, body: new Uint8Array(0), truncated: false };
  }
  const { body, truncated } = await readCapped(response, signal, maxBytes);
  return { kind: 'page', finalUrl: url, status: response.status, contentType, body, truncated };
}

/** Reads at most `maxBytes` of the body, then stops reading (and cancels the rest). */
async function readCapped(response: Response, signal: AbortSignal, maxBytes: number): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!response.body) return { body: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - length));
        length = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(value);
      length += value.length;
      if (length === maxBytes) {
        // Exactly at the cap: the body is cut only if anything follows.
        truncated = !(await reader.read()).done;
        break;
      }
    }
  } finally {
    if (truncated || signal.aborted) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return { body, truncated };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
