import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { PermissionDecision } from '../../permissions/index.ts';
import type { Tool, ToolContext, ToolErrorValue, ToolEvent } from '../tool.ts';
import { classifyContentType, decodeBody, htmlToMarkdown, looksBinary, looksLikeHtml, mediaType } from './content.ts';
import { fetchPage } from './fetch-page.ts';
import { createPageCache } from './page-cache.ts';
import description from './prompt.md';
import { prepareUrl } from './url-policy.ts';
import { renderWebFetch, type WebFetchOutput, type WebFetchPage } from './render.ts';

export const webFetchInputSchema = z.strictObject({
  url: z.url().describe('The URL to fetch content from'),
  prompt: z.string().min(1).describe('What you want to learn or extract from the fetched content'),
});

export type WebFetchInput = z.infer<typeof webFetchInputSchema>;

/** Limits and dependencies of WebFetch; the defaults are what prompt.md tells the model. */
export interface WebFetchToolOptions {
  /** @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch;
  /** @default 60000 */
  readonly timeoutMs?: number;
  /** Body bytes read at most. @default 10 MiB */
  readonly maxBytes?: number;
  /** @default 10 */
  readonly maxRedirects?: number;
  /** Characters of content returned at most. @default 100000 */
  readonly maxContentChars?: number;
  /** How long a fetched page is reused. @default 900000 (15 minutes) */
  readonly cacheTtlMs?: number;
  /**
   * The permission engine's re-check of a same-host redirect target before it
   * is followed (rules may tell paths or hosts apart). `ask` hands the
   * redirect to the model as a new URL to fetch (so it passes the gate as a
   * new call); `deny` refuses it. Without it, same-host redirects are followed:
   * they cannot leave the host the call was approved for. Cross-host
   * redirects are never followed by the tool.
   */
  readonly checkRedirect?: (url: URL, ctx: ToolContext) => Promise<PermissionDecision>;
}

/** Builds WebFetch; `webFetchTool` is the one with the defaults. */
export function createWebFetchTool(options: WebFetchToolOptions = {}): Tool<WebFetchInput, WebFetchOutput> {
  const maxContentChars = options.maxContentChars ?? 100_000;
  const cache = createPageCache<Omit<WebFetchPage, 'prompt' | 'fromCache'>>({ ttlMs: options.cacheTtlMs ?? 15 * 60_000, maxEntries: 32, maxChars: 4_000_000 });
  return {
    name: 'WebFetch',
    description,
    inputSchema: webFetchInputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    async checkPermissions(input) {
      const prepared = prepareUrl(input.url);
      if (!prepared.ok) return { behavior: 'deny', reason: prepared.message, source: 'WebFetch' };
      const host = prepared.url.hostname.toLowerCase();
      return { behavior: 'ask', reason: `fetching from ${host} needs approval; the rule WebFetch(domain:${host}) would allow it`, source: 'WebFetch' };
    },
    async *call(input, ctx): AsyncGenerator<ToolEvent<WebFetchOutput>, void, undefined> {
      const prepared = prepareUrl(input.url);
      if (!prepared.ok) {
        yield fail(prepared.kind, prepared.message);
        return;
      }
      const key = prepared.url.href;
      const cached = cache.get(key, ctx.now());
      if (cached) {
        yield { type: 'result', output: { ...cached, prompt: input.prompt, fromCache: true } };
        return;
      }
      yield { type: 'progress', message: `Fetching ${key}` };
      const outcome = await fetchPage(prepared.url, {
        fetch: options.fetch ?? globalThis.fetch,
        signal: ctx.signal,
        limits: { timeoutMs: options.timeoutMs ?? 60_000, maxBytes: options.maxBytes ?? 10 * 1024 * 1024, maxRedirects: options.maxRedirects ?? 10 },
        ...(options.checkRedirect ? { checkRedirect: (url: URL) => options.checkRedirect!(url, ctx) } : {}),
      });
      if (outcome.kind === 'error') {
        yield fail(outcome.errorKind, outcome.message);
        return;
      }
      if (outcome.kind === 'redirect') {
        yield { type: 'result', output: { kind: 'redirect', url: input.url, redirectUrl: outcome.to.href, status: outcome.status, reason: outcome.reason, prompt: input.prompt } };
        return;
      }
      const contentType = outcome.contentType;
      const finalUrl = outcome.finalUrl.href;
      let kind = classifyContentType(contentType);
      const binary = kind === 'binary' || (kind === 'unknown' && looksBinary(outcome.body));
      if (outcome.status < 200 || outcome.status > 299) {
        const excerpt = binary ? '' : decodeBody(outcome.body, contentType).replace(/\s+/g, ' ').trim().slice(0, 500);
        yield fail('http_error', `${finalUrl} answered HTTP ${outcome.status} ${STATUS_CODES[outcome.status] ?? ''}`.trimEnd() + (excerpt ? `: ${excerpt}` : '.'));
        return;
      }
      if (binary) {
        yield fail('binary_content', `${finalUrl} returned ${mediaType(contentType) || 'binary data'}, which is not text: WebFetch reads HTML and text only.`);
        return;
      }
      const text = decodeBody(outcome.body, contentType);
      if (kind === 'unknown') kind = looksLikeHtml(text) ? 'html' : 'text';
      const converted = kind === 'html' ? await htmlToMarkdown(text) : { title: undefined, markdown: text };
      const full = converted.markdown;
      const page: Omit<WebFetchPage, 'prompt' | 'fromCache'> = {
        kind: 'page',
        url: input.url,
        finalUrl,
        status: outcome.status,
        contentType: mediaType(contentType) || (kind === 'html' ? 'text/html' : 'text/plain'),
        bytes: outcome.body.length,
        bodyTruncated: outcome.truncated,
        format: kind === 'html' ? 'markdown' : 'text',
        title: converted.title,
        content: full.length > maxContentChars ? full.slice(0, maxContentChars) : full,
        contentChars: full.length,
        upgraded: prepared.upgraded,
      };
      cache.set(key, page, ctx.now());
      yield { type: 'result', output: { ...page, prompt: input.prompt, fromCache: false } };
    },
    toModelContent: renderWebFetch,
  };
}

/** WebFetch with the default limits and the real network. */
export const webFetchTool: Tool<WebFetchInput, WebFetchOutput> = createWebFetchTool();

function fail(kind: string, message: string): { readonly type: 'result'; readonly output: ToolErrorValue } {
  return { type: 'result', output: { error: { kind, message } } };
}
