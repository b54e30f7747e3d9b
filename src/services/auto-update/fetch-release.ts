import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { UpdateError } from './errors.ts';

/** What the updater needs from the network; tests and the default both use real HTTP. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal; redirect?: 'follow' | 'error' | 'manual' }) => Promise<Response>;

/** Release documents are small; anything bigger is not ours. */
const MAX_DOCUMENT_BYTES = 64 * 1024;

/**
 * Refuses a base URL that is not https, except plain http to a loopback
 * address (tests, a local mirror). The signature is what proves origin, but
 * TLS keeps the channel private and stops trivial tampering on the way.
 */
export function checkBaseUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new UpdateError('insecure-url', `'${base}' is not a URL`);
  }
  if (url.protocol === 'https:') return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  if (url.protocol === 'http:' && loopback) return url;
  throw new UpdateError('insecure-url', `refusing ${url.protocol}//${url.host}: releases are fetched over https (plain http only to loopback)`);
}

/** GETs a small document; follows no redirect that would leave the checked URL policy. */
export async function fetchDocument(fetchImpl: FetchLike, base: URL, path: string, signal?: AbortSignal): Promise<Buffer> {
  const url = new URL(path, base).href;
  const response = await get(fetchImpl, url, signal);
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_DOCUMENT_BYTES) throw new UpdateError('too-large', `${url} is ${length} bytes; release documents are at most ${MAX_DOCUMENT_BYTES}`);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of chunksOf(response)) {
      total += chunk.length;
      if (total > MAX_DOCUMENT_BYTES) throw new UpdateError('too-large', `${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof UpdateError) throw error;
    throw new UpdateError('download-failed', `${url}: the download broke off (${describe(error)})`, { cause: error });
  }
  return Buffer.concat(chunks);
}

/**
 * Streams a binary to `dest`, hashing as it goes, and stops as soon as it
 * exceeds the size the signed manifest gives. The caller compares size and
 * sha256 with the manifest; a short or broken download never passes.
 */
export async function downloadTo(fetchImpl: FetchLike, url: string, dest: string, maxBytes: number, signal?: AbortSignal): Promise<{ size: number; sha256: string }> {
  const response = await get(fetchImpl, url, signal);
  const hash = createHash('sha256');
  const out = createWriteStream(dest, { flags: 'wx', mode: 0o600 });
  let size = 0;
  try {
    for await (const chunk of chunksOf(response)) {
      size += chunk.length;
      if (size > maxBytes) throw new UpdateError('size-mismatch', `${url} is larger than the ${maxBytes} bytes the signed manifest gives`);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
  } catch (error) {
    out.destroy();
    if (error instanceof UpdateError) throw error;
    throw new UpdateError('download-failed', `${url}: the download broke off after ${size} bytes (${describe(error)})`, { cause: error });
  }
  return { size, sha256: hash.digest('hex') };
}

async function get(fetchImpl: FetchLike, url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    // Redirects are refused rather than followed: a mirror that redirects must be given as the base URL itself.
    response = await fetchImpl(url, { redirect: 'error', ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new UpdateError('download-failed', `${url}: ${describe(error)}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new UpdateError('download-failed', `${url}: the server answered ${response.status} ${response.statusText}`.trimEnd());
  }
  return response;
}

/** The body's chunks; a reader loop rather than async iteration, which the DOM stream typings do not declare. */
async function* chunksOf(response: Response): AsyncGenerator<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (too large, or the caller failed): close the connection rather than drain it.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
