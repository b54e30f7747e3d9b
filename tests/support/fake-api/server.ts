import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toReply } from './builders.ts';
import { messageJson, resolveTurn, sseEvents, type ResolvedTurn } from './sse.ts';
import type { Fault, MessagesBody, RecordedRequest, ReplyKind, Script, ScriptEntry, Turn } from './types.ts';
import { credentialOf } from './inspect.ts';
import { countInputTokens, countOutputTokens, PromptCacheSim } from './usage.ts';
import { validateMessagesBody } from './validate.ts';
import { closed, cutJson, delay, lowerHeaders, parseJson, readBody, sendError, sendJson, streamEvents } from './wire.ts';

/** Options of `startFakeApi`. */
export interface FakeApiOptions {
  /** Accept only this key (in `x-api-key` or `Authorization: Bearer`). By default any non-empty key passes. */
  readonly apiKey?: string;
  /** Check request bodies as the real API does and answer violations with a 400. @default true */
  readonly validate?: boolean;
  /** Smallest prefix, in tokens, the simulated prompt cache keeps (the real API: 1024 or more). @default 0 */
  readonly minCacheableTokens?: number;
}

/** A running fake Messages API. */
export interface FakeApi {
  /** Base URL for `ANTHROPIC_BASE_URL` / the SDK's `baseURL`: `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** A key this server accepts. */
  readonly apiKey: string;
  /** `{ ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY }` for a subprocess's environment. */
  readonly env: { readonly ANTHROPIC_BASE_URL: string; readonly ANTHROPIC_API_KEY: string };
  /** Every request received, in arrival order (live). */
  readonly requests: readonly RecordedRequest[];
  /** Only the `POST /v1/messages` requests, with typed bodies. */
  readonly messageRequests: readonly RecordedRequest<MessagesBody>[];
  /** Scripted replies not consumed yet (0 for a function script). */
  readonly remaining: number;
  /** Appends replies to a list script. */
  push(...entries: ScriptEntry[]): void;
  /** Resolves once at least `count` requests have arrived (any path). */
  waitForRequests(count: number, options?: { timeoutMs?: number }): Promise<readonly RecordedRequest[]>;
  /** Drops every open connection and stops listening. */
  close(): Promise<void>;
}

const DEFAULT_KEY = 'sk-ant-fake-key';

/**
 * Starts a fake Messages API on 127.0.0.1 (a free port). Each `POST /v1/messages`
 * consumes the next script entry; `count_tokens` consumes nothing.
 *
 * ```ts
 * const api = await startFakeApi([toolUse('Read', { file_path: 'a.ts' }), fault.overloaded(), 'Done.']);
 * const client = new Anthropic({ baseURL: api.url, apiKey: api.apiKey, maxRetries: 0 });
 * ```
 */
export async function startFakeApi(script: Script = [], options: FakeApiOptions = {}): Promise<FakeApi> {
  const queue: ScriptEntry[] = typeof script === 'function' ? [] : [...script];
  const scriptFn = typeof script === 'function' ? script : undefined;
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const cache = new PromptCacheSim(options.minCacheableTokens ?? 0);
  let messageCount = 0;
  let toolCount = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake itself: say so loudly in the response and the test log.
      console.error('fake-api: internal error', error);
      if (!res.headersSent) sendError(res, 500, 'api_error', `fake-api internal error: ${String(error)}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const record: RecordedRequest = {
      index: requests.length,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      headers: lowerHeaders(req),
      body: parseJson(rawBody),
      rawBody,
      receivedAt: now(),
    };
    requests.push(record);
    for (const w of waiters.splice(0)) if (requests.length >= w.count) w.resolve(); else waiters.push(w);
    res.setHeader('request-id', `req_fake_${String(record.index).padStart(6, '0')}`);
    res.on('close', () => { record.finishedAt = now(); });
    const decide = (kind: ReplyKind, status: number): void => { record.reply = { kind, status }; };

    const isMessages = record.path === '/v1/messages';
    const isCount = record.path === '/v1/messages/count_tokens';
    if (record.method !== 'POST' || (!isMessages && !isCount)) {
      decide('not_found', 404);
      return sendError(res, 404, 'not_found_error', `Not found: ${record.method} ${record.path}`);
    }
    const authProblem = checkAuth(record.headers, options.apiKey);
    if (authProblem) {
      decide('rejected', 401);
      return sendError(res, 401, 'authentication_error', authProblem);
    }
    if (!record.headers['anthropic-version']) {
      decide('rejected', 400);
      return sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    if (record.body === undefined) {
      decide('rejected', 400);
      return sendError(res, 400, 'invalid_request_error', 'There was an issue with the request body: it is not valid JSON');
    }
    const problem = options.validate === false ? undefined : validateMessagesBody(record.body, { countTokens: isCount });
    if (problem) {
      decide('rejected', 400);
      return sendError(res, 400, 'invalid_request_error', problem);
    }
    const body = record.body as MessagesBody;
    if (isCount) {
      decide('count_tokens', 200);
      return sendJson(res, 200, { input_tokens: countInputTokens(body) });
    }

    const index = messageCount++;
    const entry = scriptFn ?? queue.shift();
    if (entry === undefined) {
      decide('rejected', 400);
      return sendError(res, 400, 'invalid_request_error',
        `fake-api: no scripted reply left for messages request #${index + 1} (the script had ${index})`);
    }
    const reply = toReply(typeof entry === 'function' ? await entry(record as RecordedRequest<MessagesBody>) : entry);
    await answer(reply, body, res, decide);
  }

  async function answer(reply: Turn | Fault, body: MessagesBody, res: ServerResponse, decide: (k: ReplyKind, s: number) => void): Promise<void> {
    if (reply.kind === 'http_error') {
      decide('http_error', reply.status);
      return sendError(res, reply.status, reply.errorType, reply.message, reply.headers);
    }
    if (reply.kind === 'hang') {
      decide('hang', 0);
      return closed(res);
    }
    const turnSpec = reply.kind === 'turn' ? reply : reply.turn;
    const resolved = resolve(turnSpec, body);
    if (turnSpec.latencyMs) await delay(turnSpec.latencyMs, res);
    if (body.stream !== true) {
      if (reply.kind === 'stream_error') {
        const status = reply.errorType === 'overloaded_error' ? 529 : 500;
        decide('stream_error', status);
        return sendError(res, status, reply.errorType, reply.message);
      }
      decide(reply.kind, 200);
      const json = JSON.stringify(messageJson(resolved));
      if (reply.kind === 'cut') return cutJson(res, json);
      return sendJson(res, 200, JSON.parse(json));
    }
    decide(reply.kind, 200);
    const events = sseEvents(resolved);
    await streamEvents(res, events, {
      chunkDelayMs: turnSpec.chunkDelayMs ?? 0,
      ...(turnSpec.stallAfterEvents !== undefined ? { stallAfter: turnSpec.stallAfterEvents } : {}),
      ...(reply.kind === 'cut' ? { cutAfter: reply.afterEvents } : {}),
      ...(reply.kind === 'stream_error'
        ? { errorAfter: reply.afterEvents, error: { type: 'error', error: { type: reply.errorType, message: reply.message } } }
        : {}),
    });
  }

  function resolve(turnSpec: Turn, body: MessagesBody): ResolvedTurn {
    const input = cache.inputUsage(body);
    const usage = { ...input, output_tokens: countOutputTokens(turnSpec.content), ...turnSpec.usage };
    const id = `msg_fake_${String(messageCount).padStart(4, '0')}`;
    return resolveTurn(turnSpec, { message: id, nextToolId: () => `toolu_fake_${String(++toolCount).padStart(4, '0')}` }, body.model, usage);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const apiKey = options.apiKey ?? DEFAULT_KEY;

  return {
    url,
    port,
    apiKey,
    env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: apiKey },
    requests,
    get messageRequests() {
      return requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages') as RecordedRequest<MessagesBody>[];
    },
    get remaining() {
      return queue.length;
    },
    push(...entries) {
      if (scriptFn) throw new Error('fake-api: push() needs a list script, not a function script');
      queue.push(...entries);
    },
    waitForRequests(count, { timeoutMs = 10_000 } = {}) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`fake-api: ${requests.length} of ${count} requests arrived within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => { clearTimeout(timer); ok(requests); } });
      });
    },
    close() {
      return new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
    },
  };
}

function checkAuth(headers: Readonly<Record<string, string>>, expected: string | undefined): string | undefined {
  const key = credentialOf(headers);
  if (!key) return 'x-api-key header is required';
  if (expected !== undefined && key !== expected) return 'invalid x-api-key';
  return undefined;
}

function now(): number {
  return performance.timeOrigin + performance.now();
}
