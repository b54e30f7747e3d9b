import Anthropic, { APIError, AuthenticationError, InternalServerError, RateLimitError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheBreakpointsOf, credentialOf, fault, startFakeApi, text, thinking, toolResultsOf, toolUse, turn, type FakeApi, type Script } from './index.ts';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(script: Script, options?: Parameters<typeof startFakeApi>[1]): Promise<{ api: FakeApi; client: Anthropic }> {
  api = await startFakeApi(script, options);
  return { api, client: new Anthropic({ baseURL: api.url, apiKey: api.apiKey, maxRetries: 0 }) };
}

const ask = { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'hello' }] };

async function rawEvents(client: Anthropic): Promise<{ type: string; [k: string]: any }[]> {
  const stream = await client.messages.create({ ...ask, stream: true });
  const out: { type: string; [k: string]: any }[] = [];
  for await (const event of stream) out.push(event as never);
  return out;
}

describe('streaming, read by the real SDK', () => {
  it('streams a text turn the SDK assembles, with plausible usage', async () => {
    const { client } = await start(['Hello there, this is a streamed answer.']);
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Hello there, this is a streamed answer.', citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(Math.ceil('Hello there, this is a streamed answer.'.length / 4));
  });

  it('emits the real event sequence, with a ping and several text deltas', async () => {
    const { client } = await start(['Hello there, this is a streamed answer.']);
    const types = (await rawEvents(client)).map((e) => e.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types.filter((t) => t === 'content_block_delta').length).toBeGreaterThan(2);
  });

  it('splits a tool_use input across several input_json_delta events', async () => {
    const input = { file_path: '/repo/src/main.ts', offset: 10, limit: 200 };
    const { client } = await start([[text('Reading it.'), toolUse('Read', input)]]);
    const events = await rawEvents(client);
    const json = events.filter((e) => e.type === 'content_block_delta' && e['delta'].type === 'input_json_delta');
    expect(json.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(json.map((e) => e['delta'].partial_json).join(''))).toEqual(input);

    api!.push([text('Reading it.'), toolUse('Read', input)]);
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[1]).toEqual({ type: 'tool_use', id: 'toolu_fake_0002', name: 'Read', input });
  });

  it('streams thinking with a signature the SDK keeps', async () => {
    const { client } = await start([[thinking('Let me think about the file layout first.'), text('Done thinking.')]]);
    const message = await client.messages.stream(ask).finalMessage();
    const block = message.content[0];
    expect(block?.type).toBe('thinking');
    if (block?.type !== 'thinking') return;
    expect(block.thinking).toBe('Let me think about the file layout first.');
    expect(block.signature.length).toBeGreaterThan(20);
  });

  it('answers non-streaming requests with one JSON message', async () => {
    const { client } = await start([[text('Plain.'), toolUse('Glob', { pattern: '*.ts' }, { id: 'toolu_mine' })]]);
    const message = await client.messages.create(ask);
    expect(message.content).toEqual([
      { type: 'text', text: 'Plain.', citations: null },
      { type: 'tool_use', id: 'toolu_mine', name: 'Glob', input: { pattern: '*.ts' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('counts tokens without consuming the script', async () => {
    const { api, client } = await start(['after counting']);
    const counted = await client.messages.countTokens({ model: ask.model, messages: ask.messages });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(api.remaining).toBe(1);
  });

  it('answers with a script function of the request', async () => {
    const { client } = await start((req) => `you said ${String(req.body.messages.at(-1)?.content)}`);
    const message = await client.messages.create(ask);
    expect(message.content[0]).toMatchObject({ text: 'you said hello' });
  });
});

describe('faults, as the SDK sees them', () => {
  it('429 with retry-after in seconds', async () => {
    const { client } = await start([fault.rateLimited({ retryAfter: 7 })]);
    const error = await client.messages.create(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const e = error as RateLimitError;
    expect(e.status).toBe(429);
    expect(e.headers.get('retry-after')).toBe('7');
    expect(e.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('429 with retry-after as an HTTP date', async () => {
    const when = new Date(Date.now() + 30_000);
    const { client } = await start([fault.rateLimited({ retryAfter: when })]);
    const error = (await client.messages.create(ask).catch((e: unknown) => e)) as RateLimitError;
    expect(error.headers.get('retry-after')).toBe(when.toUTCString());
  });

  it('529 overloaded_error and 500 api_error', async () => {
    const { client } = await start([fault.overloaded(), fault.serverError()]);
    const overloaded = (await client.messages.create({ ...ask, stream: true }).catch((e: unknown) => e)) as APIError;
    expect(overloaded.status).toBe(529);
    expect(overloaded.type).toBe('overloaded_error');
    const server = await client.messages.create(ask).catch((e: unknown) => e);
    expect(server).toBeInstanceOf(InternalServerError);
    expect((server as APIError).status).toBe(500);
  });

  it('401 for a scripted fault and for a wrong key', async () => {
    const { api } = await start([fault.unauthorized()], { apiKey: 'sk-right' });
    const wrongKey = new Anthropic({ baseURL: api.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const wrong = await wrongKey.messages.create(ask).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect(api.remaining).toBe(1); // a rejected key consumes nothing
    const right = new Anthropic({ baseURL: api.url, apiKey: 'sk-right', maxRetries: 0 });
    expect(await right.messages.create(ask).catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
    expect(api.requests.map((r) => r.reply?.kind)).toEqual(['rejected', 'http_error']);
  });

  it('a connection cut in the middle of an SSE event fails the stream after some events arrived', async () => {
    const { api, client } = await start([fault.cut('A long enough answer to be cut in the middle somewhere.', { afterEvents: 4 })]);
    const stream = await client.messages.create({ ...ask, stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(APIError);
    expect(seen).toEqual(['message_start', 'content_block_start', 'content_block_delta']); // the ping is not surfaced
    expect(api.requests[0]?.reply?.kind).toBe('cut');
  });

  it('a cut non-streaming body fails the request', async () => {
    const { client } = await start([fault.cut('Cut JSON.')]);
    await expect(client.messages.create(ask)).rejects.toThrow();
  });

  it('an SSE error event mid-stream surfaces as the API error type', async () => {
    const { client } = await start([fault.streamError('Some streamed text before it overloads.', { afterEvents: 3 })]);
    const error = (await rawEvents(client).catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.type).toBe('overloaded_error');
  });

  it('slow chunks arrive spaced by the configured delay', async () => {
    const { client } = await start([turn('one two three four five six', { chunkDelayMs: 15, deltaSize: 4 })]);
    const stream = await client.messages.create({ ...ask, stream: true });
    const times: number[] = [];
    for await (const _ of stream) times.push(performance.now());
    // n events surfaced; n+1 sent with the ping, each after a 15 ms pause.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(15 * (times.length - 1) - 5);
  });

  it('a hung request ends when the client aborts', async () => {
    const { api, client } = await start([fault.hang()]);
    const controller = new AbortController();
    const pending = client.messages.create(ask, { signal: controller.signal }).catch((e: unknown) => e);
    await api.waitForRequests(1);
    controller.abort();
    expect((await pending as Error).name).toBe('APIUserAbortError');
  });

  it('a stalled stream delivers its first events, then waits', async () => {
    const { client } = await start([turn('Partial answer that stalls.', { stallAfterEvents: 4 })]);
    const controller = new AbortController();
    const stream = await client.messages.create({ ...ask, stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.type);
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
  });
});

describe('recording and checking requests', () => {
  it('records method, path, headers, parsed body and arrival time', async () => {
    const before = Date.now();
    const { api, client } = await start(['ok']);
    await client.messages.create(ask);
    const [req] = api.requests;
    expect(req).toMatchObject({ index: 0, method: 'POST', path: '/v1/messages', reply: { kind: 'turn', status: 200 } });
    expect(credentialOf(req!.headers)).toBe(api.apiKey);
    expect(req!.headers['anthropic-version']).toBeTruthy();
    expect(api.messageRequests[0]!.body.messages).toEqual(ask.messages);
    expect(req!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(req!.finishedAt).toBeGreaterThanOrEqual(req!.receivedAt);
  });

  it('answers 400 when the script is exhausted', async () => {
    const { client } = await start([]);
    const error = (await client.messages.create(ask).catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('no scripted reply left');
  });

  it('refuses a tool_use left without its tool_result, as the API does', async () => {
    const { api, client } = await start(['never sent']);
    const error = (await client.messages.create({
      ...ask,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
        { role: 'user', content: 'where is my result?' },
      ],
    }).catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('toolu_1');
    expect(api.remaining).toBe(1);
  });

  it('refuses a fifth cache breakpoint', async () => {
    const { client } = await start(['never sent']);
    const cc = { type: 'ephemeral' as const };
    const error = (await client.messages.create({
      ...ask,
      system: [1, 2, 3, 4, 5].map((n) => ({ type: 'text' as const, text: `part ${n}`, cache_control: cc })),
    }).catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('A maximum of 4 blocks with cache_control');
  });

  it('simulates the prompt cache: a repeated prefix is read, a new one written', async () => {
    const { api, client } = await start(['first', 'second']);
    const system = [{ type: 'text' as const, text: 'You are a careful agent. '.repeat(40), cache_control: { type: 'ephemeral' as const } }];
    const first = await client.messages.create({ ...ask, system });
    const second = await client.messages.create({ ...ask, system, messages: [{ role: 'user', content: 'another question' }] });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(200);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(cacheBreakpointsOf(api.messageRequests[0]!.body)).toEqual(['system.0']);
  });

  it('reads tool results from a recorded body', async () => {
    const { api, client } = await start(['thanks']);
    await client.messages.create({
      ...ask,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'file text' }] },
      ],
    });
    expect(toolResultsOf(api.messageRequests[0]!.body)).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'file text' }]);
  });
});
