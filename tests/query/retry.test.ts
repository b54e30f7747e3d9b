import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRetryAfter, runQuery, type QueryEvent } from '../../src/query/index.ts';
import { fault, toolResultsOf, toolUse, turn } from '../support/fake-api/index.ts';
import { collect, fakeApi, fakeTool, instantRetries, ofType, optionsFor } from './helpers.ts';

describe('retries: each fault recovered', () => {
  it('429: waits what retry-after (seconds) asks, then succeeds', async () => {
    const api = await fakeApi([fault.rateLimited({ retryAfter: 3 }), 'recovered']);
    const { retry, waits } = instantRetries();
    const { events, result } = await collect(optionsFor(api, { retry }));
    expect(result).toMatchObject({ subtype: 'success', result: 'recovered' });
    expect(waits).toEqual([3000]);
    expect(ofType(events, 'retry')).toEqual([
      expect.objectContaining({ reason: 'rate_limited', status: 429, delayMs: 3000, nextAttempt: 2 }),
    ]);
    expect(ofType(events, 'request_start').map((e) => e.attempt)).toEqual([1, 2]);
  });

  it('429: honours retry-after given as an HTTP date', async () => {
    const now = Date.UTC(2026, 10, 20, 12, 0, 0);
    const api = await fakeApi([fault.rateLimited({ retryAfter: new Date(now + 5000) }), 'ok']);
    const { retry, waits } = instantRetries({ now: () => now });
    await collect(optionsFor(api, { retry }));
    expect(waits).toEqual([5000]);
  });

  it('529 and 500: backoff with jitter, doubling', async () => {
    const api = await fakeApi([fault.overloaded(), fault.serverError(), fault.serverError(503), 'ok']);
    const { retry, waits } = instantRetries({ baseDelayMs: 100, random: () => 0.5 });
    const { events, result } = await collect(optionsFor(api, { retry }));
    expect(result.subtype).toBe('success');
    // Equal jitter: half the ceiling plus random * half; ceilings 100, 200, 400.
    expect(waits).toEqual([75, 150, 300]);
    expect(ofType(events, 'retry').map((e) => [e.reason, e.status])).toEqual([['overloaded', 529], ['server_error', 500], ['server_error', 503]]);
  });

  it('a stream cut mid-event is discarded whole and the same request sent again', async () => {
    const api = await fakeApi([fault.cut('The first attempt says something long that is cut off.', { afterEvents: 5 }), 'The second attempt.']);
    const { events, result } = await collect(optionsFor(api));
    expect(result).toMatchObject({ subtype: 'success', result: 'The second attempt.' });
    expect(result.messages).toHaveLength(2);
    expect(ofType(events, 'retry')[0]).toMatchObject({ reason: 'stream_cut' });
    const types = events.map((e) => e.type);
    expect(types.indexOf('text_delta')).toBeLessThan(types.indexOf('retry')); // something had streamed before the cut
    expect(api.messageRequests[1]!.rawBody).toBe(api.messageRequests[0]!.rawBody);
  });

  it('a mid-stream overloaded error event is retried', async () => {
    const api = await fakeApi([fault.streamError(turn('Partial then overloaded.'), { afterEvents: 3 }), 'fine']);
    const { events, result } = await collect(optionsFor(api));
    expect(result.result).toBe('fine');
    expect(ofType(events, 'retry')[0]).toMatchObject({ reason: 'overloaded' });
  });

  it('a stream that goes silent is dropped by the idle watchdog and retried', async () => {
    // A function script: should a loaded machine make a healthy attempt look idle too, it is simply answered again.
    const api = await fakeApi((req) => [turn('Words, then silence for ever.', { stallAfterEvents: 4 }), fault.hang()][req.index] ?? 'Fresh answer.');
    const { retry } = instantRetries({ idleTimeoutMs: 150 });
    const { events, result } = await collect(optionsFor(api, { retry }));
    expect(result).toMatchObject({ subtype: 'success', result: 'Fresh answer.' });
    const retries = ofType(events, 'retry');
    expect(retries.slice(0, 2).map((e) => e.reason)).toEqual(['stream_cut', 'stream_cut']);
    expect(retries[0]!.message).toContain('no data from the API');
    expect(api.messageRequests.length).toBeGreaterThanOrEqual(3);
  });

  it('slow chunks are just slow: no retry, same answer', async () => {
    const api = await fakeApi([turn('Slowly but surely.', { chunkDelayMs: 5, deltaSize: 4 })]);
    const { events, result } = await collect(optionsFor(api));
    expect(result.result).toBe('Slowly but surely.');
    expect(ofType(events, 'retry')).toHaveLength(0);
    expect(ofType(events, 'text_delta').length).toBeGreaterThan(3);
  });
});

describe('retries: caps and what is never retried', () => {
  it('stops at maxAttempts with a typed retries_exhausted error', async () => {
    const api = await fakeApi([fault.overloaded(), fault.overloaded(), fault.overloaded(), fault.overloaded()]);
    const { retry } = instantRetries({ maxAttempts: 3 });
    const { result } = await collect(optionsFor(api, { retry }));
    expect(result).toMatchObject({ subtype: 'error', isError: true, stopReason: 'error' });
    expect(result.error).toMatchObject({ code: 'retries_exhausted', status: 529, attempts: 3 });
    expect(result.error?.message).toContain('after 3 attempts');
    expect(api.messageRequests).toHaveLength(3);
  });

  it('stops when the next wait would pass the total wait cap', async () => {
    const api = await fakeApi([fault.rateLimited({ retryAfter: 2 }), fault.rateLimited({ retryAfter: 10 }), 'never']);
    const { retry, waits } = instantRetries({ maxTotalWaitMs: 5000 });
    const { result } = await collect(optionsFor(api, { retry }));
    expect(waits).toEqual([2000]);
    expect(result.error).toMatchObject({ code: 'retries_exhausted', status: 429, attempts: 2 });
    expect(result.error?.message).toContain('5 s retry limit');
  });

  it('never retries a 401: auth_failed after one request', async () => {
    const api = await fakeApi([fault.unauthorized(), 'never']);
    const { result, events } = await collect(optionsFor(api));
    expect(result.error).toMatchObject({ code: 'auth_failed', status: 401 });
    expect(api.messageRequests).toHaveLength(1);
    expect(ofType(events, 'retry')).toHaveLength(0);
  });

  it('never retries a 400: invalid_request', async () => {
    const api = await fakeApi([fault.badRequest('prompt is too long'), 'never']);
    const { result } = await collect(optionsFor(api));
    expect(result.error).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(result.error?.message).toContain('prompt is too long');
    expect(api.messageRequests).toHaveLength(1);
  });

  it('an unreachable API ends in api_unreachable after the attempts', async () => {
    const api = await fakeApi([]);
    const url = api.url;
    await api.close();
    const { retry, waits } = instantRetries({ maxAttempts: 3 });
    const { result } = await collect({ ...optionsFor(api, { retry }), connection: { apiKey: 'sk-x', baseURL: url, env: {} } });
    expect(result.error).toMatchObject({ code: 'api_unreachable', attempts: 3 });
    expect(waits).toHaveLength(2);
  });

  it('parses retry-after in seconds, milliseconds and HTTP dates', () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    const now = () => Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter(headers({ 'retry-after': '12' }), now)).toBe(12_000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(now() + 7000).toUTCString() }), now)).toBe(7000);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(now() - 7000).toUTCString() }), now)).toBe(0);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
  });
});

describe('abort', () => {
  async function runUntil(options: Parameters<typeof runQuery>[0], controller: AbortController, when: (e: QueryEvent) => boolean) {
    const events: QueryEvent[] = [];
    for await (const event of runQuery({ ...options, signal: controller.signal })) {
      events.push(event);
      if (when(event)) controller.abort();
    }
    return { events, result: ofType(events, 'result')[0]! };
  }

  it('stops a stalled stream promptly and reports the partial turn', async () => {
    const api = await fakeApi([turn('Some words before the stall and more after it.', { stallAfterEvents: 5, deltaSize: 5 })]);
    const controller = new AbortController();
    const started = performance.now();
    const { result } = await runUntil(optionsFor(api), controller, (e) => e.type === 'text_delta');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ subtype: 'aborted', stopReason: 'aborted', isError: true });
    expect(result.partial).toEqual([{ type: 'text', text: 'Some words' }]);
    expect(result.messages).toHaveLength(1); // the partial turn is not in the conversation
  });

  it('stops during a retry wait (real timer)', async () => {
    const api = await fakeApi([fault.rateLimited({ retryAfter: 30 }), 'never']);
    const controller = new AbortController();
    const started = performance.now();
    const { result } = await runUntil(optionsFor(api, { retry: {} }), controller, (e) => e.type === 'retry');
    expect(result.subtype).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops a hung request', async () => {
    const api = await fakeApi([fault.hang()]);
    const controller = new AbortController();
    const { result } = await runUntil(optionsFor(api), controller, (e) => e.type === 'request_start');
    expect(result.subtype).toBe('aborted');
  });

  it('interrupts running tools and keeps the conversation valid', async () => {
    let sawAbort = false;
    const tool = fakeTool({
      name: 'Wait', schema: z.object({}), safe: true,
      run: (_input, ctx) => new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => { sawAbort = true; resolve('stopped early'); });
      }),
    });
    const api = await fakeApi([[toolUse('Wait', {}), toolUse('Nope', {})], 'resumed']);
    const controller = new AbortController();
    const { result, events } = await runUntil(optionsFor(api, { tools: [tool] }), controller, (e) => e.type === 'tool_start');
    expect(sawAbort).toBe(true);
    expect(result.subtype).toBe('aborted');
    expect(result.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(ofType(events, 'tool_results')).toHaveLength(1);
    // The conversation is sendable as is: the fake API, which checks tool pairing, accepts it.
    const resumed = await collect(optionsFor(api, { tools: [tool], messages: [...result.messages.slice(0, -1), {
      role: 'user', content: [...(result.messages.at(-1)!.content as never[]), { type: 'text', text: 'go on' }],
    }] }));
    expect(resumed.result.result).toBe('resumed');
    expect(toolResultsOf(api.messageRequests[1]!.body)).toHaveLength(2);
  });
});
