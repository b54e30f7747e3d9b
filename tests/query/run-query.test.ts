import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fault, text, textOf, toolResultsOf, toolUse, turn } from '../support/fake-api/index.ts';
import { allowAll, barrier, collect, fakeApi, fakeTool, ofType, optionsFor, readTool } from './helpers.ts';

describe('runQuery: answers and the tool loop', () => {
  it('returns a plain answer', async () => {
    const api = await fakeApi(['The answer is 42.']);
    const { events, result } = await collect(optionsFor(api, { system: 'Be brief.' }));
    expect(result).toMatchObject({ type: 'result', subtype: 'success', isError: false, stopReason: 'end_turn', result: 'The answer is 42.', numTurns: 1 });
    expect(events.at(-1)).toBe(result);
    expect(events.map((e) => e.type)).toEqual(['request_start', 'text_delta', 'text_delta', 'assistant', 'usage', 'result']);
    const body = api.messageRequests[0]!.body;
    expect(body.model).toBe('claude-sonnet-5-5');
    expect(body.stream).toBe(true);
    expect(body.messages[0]).toMatchObject({ role: 'user' });
    expect(result.usage.output_tokens).toBeGreaterThan(0);
  });

  it('runs a tool and sends its result in the second request', async () => {
    const api = await fakeApi([
      [text('Let me read it.'), toolUse('Read', { file_path: 'src/a.ts' }, { id: 'toolu_read_1' })],
      'The file exports x.',
    ]);
    const { events, result } = await collect(optionsFor(api, { tools: [readTool({ 'src/a.ts': 'export const x = 1;' })] }));
    expect(result.subtype).toBe('success');
    expect(result.numTurns).toBe(2);
    const second = api.messageRequests[1]!.body;
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(second.messages[1]!.content).toEqual([
      { type: 'text', text: 'Let me read it.' },
      { type: 'tool_use', id: 'toolu_read_1', name: 'Read', input: { file_path: 'src/a.ts' } },
    ]);
    expect(toolResultsOf(second)).toMatchObject([{ type: 'tool_result', tool_use_id: 'toolu_read_1', content: 'export const x = 1;' }]);
    expect(second.tools?.map((t) => t['name'])).toEqual(['Read']);
    expect(second.tools?.[0]?.['input_schema']).toMatchObject({ type: 'object', required: ['file_path'] });
    expect(ofType(events, 'permission')[0]).toMatchObject({ toolUseId: 'toolu_read_1', decision: { behavior: 'allow' }, asked: false });
    expect(ofType(events, 'tool_result')[0]).toMatchObject({ outcome: 'ok', isError: false });
    expect(result.messages).toHaveLength(4);
  });

  it('runs concurrency-safe calls of one turn in parallel: their runs overlap', async () => {
    const spans: Record<string, { start: number; end: number }> = {};
    const together = barrier(2);
    const slow = fakeTool({
      name: 'Probe', schema: z.object({ id: z.string() }), safe: true,
      run: async ({ id }) => {
        const start = performance.now();
        await together(); // returns at once only if the other call is running too
        spans[id] = { start, end: performance.now() };
        return `probed ${id}`;
      },
    });
    const api = await fakeApi([[toolUse('Probe', { id: 'a' }), toolUse('Probe', { id: 'b' })], 'done']);
    const { result } = await collect(optionsFor(api, { tools: [slow] }));
    expect(result.subtype).toBe('success');
    expect(spans['a']!.start).toBeLessThan(spans['b']!.end);
    expect(spans['b']!.start).toBeLessThan(spans['a']!.end);
    expect(spans['a']!.end - spans['a']!.start).toBeLessThan(1000); // the barrier opened, no timeout
  });

  it('returns results in the order requested, whatever order they finish in', async () => {
    const othersDone = barrier(3); // 'first' passes only once 'second' and 'third' have finished
    const tool = fakeTool({
      name: 'Echo', schema: z.object({ say: z.string() }), safe: true,
      run: async ({ say }) => {
        if (say === 'first') await othersDone();
        else void othersDone();
        return say;
      },
    });
    const api = await fakeApi([[toolUse('Echo', { say: 'first' }), toolUse('Echo', { say: 'second' }), toolUse('Echo', { say: 'third' })], 'ok']);
    const { events } = await collect(optionsFor(api, { tools: [tool] }));
    expect(ofType(events, 'tool_result').map((e) => String(e.content))).toEqual(['second', 'third', 'first']);
    expect(toolResultsOf(api.messageRequests[1]!.body).map((r) => r['content'])).toEqual(['first', 'second', 'third']);
  });

  it('runs unsafe calls alone and in order, between parallel batches', async () => {
    const log: string[] = [];
    const make = (name: string, safe: boolean) => fakeTool({
      name, schema: z.object({ n: z.number() }), safe,
      run: async ({ n }) => {
        log.push(`start ${name}${n}`);
        await Promise.resolve();
        await new Promise((r) => setImmediate(r));
        log.push(`end ${name}${n}`);
        return 'ok';
      },
    });
    const api = await fakeApi([[toolUse('R', { n: 1 }), toolUse('R', { n: 2 }), toolUse('W', { n: 3 }), toolUse('W', { n: 4 }), toolUse('R', { n: 5 })], 'ok']);
    await collect(optionsFor(api, { tools: [make('R', true), make('W', false)] }));
    expect(log).toEqual(['start R1', 'start R2', 'end R1', 'end R2', 'start W3', 'end W3', 'start W4', 'end W4', 'start R5', 'end R5']);
  });

  it('gives the model fixable errors: unknown tool, invalid input, tool failure, crash', async () => {
    const crashing = fakeTool({ name: 'Crash', schema: z.object({}), run: () => { throw new Error('boom'); } });
    const api = await fakeApi([
      [toolUse('Nope', {}), toolUse('Read', { file_path: 42 }), toolUse('Read', { file_path: 'missing.ts' }), toolUse('Crash', {})],
      'I will fix my calls.',
    ]);
    const { events, result } = await collect(optionsFor(api, { tools: [readTool({}), crashing] }));
    expect(result.subtype).toBe('success');
    const results = toolResultsOf(api.messageRequests[1]!.body);
    expect(results.every((r) => r['is_error'] === true)).toBe(true);
    expect(results[0]!['content']).toContain('No tool named Nope');
    expect(results[1]!['content']).toContain('Invalid input for Read');
    expect(results[1]!['content']).toContain('file_path');
    expect(results[2]!['content']).toBe('no such file: missing.ts');
    expect(results[3]!['content']).toContain('boom');
    expect(ofType(events, 'tool_result').map((e) => e.outcome).sort()).toEqual(['crashed', 'invalid_input', 'tool_error', 'unknown_tool']);
  });

  it('asks the gate for every call; a deny goes back to the model with its reason', async () => {
    const asked: unknown[] = [];
    const api = await fakeApi([[toolUse('Read', { file_path: 'a' }), toolUse('Read', { file_path: '.env' })], 'ok']);
    await collect(optionsFor(api, {
      tools: [readTool({ a: 'A', '.env': 'SECRET=1' })],
      canUseTool: async (_tool, input) => {
        asked.push(input);
        return (input as { file_path: string }).file_path === '.env'
          ? { behavior: 'deny', reason: 'matches deny rule Read(.env)' }
          : { behavior: 'allow', reason: 'ok' };
      },
    }));
    expect(asked).toEqual([{ file_path: 'a' }, { file_path: '.env' }]);
    const [ok, denied] = toolResultsOf(api.messageRequests[1]!.body);
    expect(ok).toMatchObject({ content: 'A' });
    expect(denied).toMatchObject({ is_error: true, content: 'Permission to use Read was denied: matches deny rule Read(.env)' });
    expect(textOf(api.messageRequests[1]!.body.messages[2])).not.toContain('SECRET');
  });

  it('an ask is denied by default (headless) and allowed by an ask handler that says so', async () => {
    const ask = { behavior: 'ask' as const, reason: 'Read outside the workspace' };
    const api = await fakeApi([toolUse('Read', { file_path: 'a' }), 'ok', toolUse('Read', { file_path: 'a' }), 'ok']);
    await collect(optionsFor(api, { tools: [readTool({ a: 'A' })], canUseTool: async () => ask }));
    expect(toolResultsOf(api.messageRequests[1]!.body)[0]).toMatchObject({ is_error: true });
    expect(String(toolResultsOf(api.messageRequests[1]!.body)[0]!['content'])).toContain('no one to ask');

    const { events } = await collect(optionsFor(api, {
      tools: [readTool({ a: 'A' })], canUseTool: async () => ask,
      ask: async () => ({ behavior: 'allow', reason: 'the user said yes' }),
    }));
    expect(toolResultsOf(api.messageRequests[3]!.body)[0]).toMatchObject({ content: 'A' });
    expect(ofType(events, 'permission')[0]).toMatchObject({ asked: true, decision: { behavior: 'allow', reason: 'the user said yes' } });
  });

  it('stops at maxTurns with every tool_use answered', async () => {
    const api = await fakeApi([toolUse('Read', { file_path: 'a' }), toolUse('Read', { file_path: 'a' }), 'never reached']);
    const { result } = await collect(optionsFor(api, { tools: [readTool({ a: 'A' })], maxTurns: 2 }));
    expect(result).toMatchObject({ subtype: 'error_max_turns', stopReason: 'max_turns', isError: true, numTurns: 2 });
    expect(api.messageRequests).toHaveLength(2);
    expect(result.messages.at(-1)!.role).toBe('user'); // the last tool_use has its result
  });

  it('stops when the budget check says so', async () => {
    const api = await fakeApi([toolUse('Read', { file_path: 'a' }), 'never reached']);
    const { result } = await collect(optionsFor(api, {
      tools: [readTool({ a: 'A' })], model: 'claude-opus-4-1',
      budget: ({ costUsd }) => (costUsd > 0 ? `spent $${costUsd.toFixed(6)}` : undefined),
    }));
    expect(result).toMatchObject({ subtype: 'error_budget', stopReason: 'budget', numTurns: 1 });
    expect(result.budgetReason).toMatch(/^spent \$0\.0/);
  });

  it('leaves the tool signal alone after a run that ended normally', async () => {
    let seen: AbortSignal | undefined;
    const tool = fakeTool({ name: 'Keep', schema: z.object({}), run: (_i, ctx) => { seen = ctx.signal; return 'ok'; } });
    const api = await fakeApi([toolUse('Keep', {}), 'done']);
    await collect(optionsFor(api, { tools: [tool] }));
    expect(seen?.aborted).toBe(false);
  });

  it('passes a cwd change (setCwd) on to the next call', async () => {
    const cwds: string[] = [];
    const tool = fakeTool({ name: 'Cd', schema: z.object({ to: z.string() }), run: ({ to }, ctx) => { cwds.push(ctx.cwd); ctx.setCwd?.(to); return 'ok'; } });
    const api = await fakeApi([[toolUse('Cd', { to: '/repo/sub' }), toolUse('Cd', { to: '/x' })], 'done']);
    await collect(optionsFor(api, { tools: [tool] }));
    expect(cwds).toEqual(['/repo', '/repo/sub']);
  });

  it('streams progress events of a tool', async () => {
    const tool = fakeTool({ name: 'Work', schema: z.object({}), progress: ['step 1', 'step 2'], run: () => 'done' });
    const api = await fakeApi([toolUse('Work', {}), 'ok']);
    const { events } = await collect(optionsFor(api, { tools: [tool] }));
    expect(ofType(events, 'tool_progress').map((e) => e.message)).toEqual(['step 1', 'step 2']);
    const order = events.map((e) => e.type).filter((t) => t.startsWith('tool') || t === 'permission');
    expect(order).toEqual(['permission', 'tool_start', 'tool_progress', 'tool_progress', 'tool_result', 'tool_results']);
  });

  it('continues a pause_turn by sending the turn back', async () => {
    const api = await fakeApi([turn('Searching...', { stopReason: 'pause_turn' }), 'Found it.']);
    const { result } = await collect(optionsFor(api));
    expect(result).toMatchObject({ subtype: 'success', result: 'Found it.', numTurns: 2 });
    expect(api.messageRequests[1]!.body.messages.at(-1)).toMatchObject({ role: 'assistant' });
  });

  it('reports a missing API key as a typed error result, before any request', async () => {
    const api = await fakeApi(['never']);
    const { result } = await collect({ ...optionsFor(api), connection: { baseURL: api.url, env: {} } });
    expect(result).toMatchObject({ subtype: 'error', isError: true });
    expect(result.error?.code).toBe('missing_api_key');
    expect(api.requests).toHaveLength(0);
  });

  it('reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL from the environment', async () => {
    const api = await fakeApi(['from env'], { apiKey: 'sk-env-key' });
    const { result } = await collect({ ...optionsFor(api), connection: { env: { ANTHROPIC_API_KEY: 'sk-env-key', ANTHROPIC_BASE_URL: api.url } } });
    expect(result.result).toBe('from env');
  });

  it('refuses a base URL that is not http(s), and falls back to ANTHROPIC_AUTH_TOKEN as a bearer token', async () => {
    const api = await fakeApi(['with a token'], { apiKey: 'tok-123' });
    const bad = await collect({ ...optionsFor(api), connection: { apiKey: 'k', baseURL: 'ftp://example.com', env: {} } });
    expect(bad.result.error?.code).toBe('invalid_base_url');
    const { result } = await collect({ ...optionsFor(api), connection: { env: { ANTHROPIC_AUTH_TOKEN: 'tok-123', ANTHROPIC_BASE_URL: api.url } } });
    expect(result.result).toBe('with a token');
    expect(api.requests[0]!.headers['authorization']).toBe('Bearer tok-123');
  });

  it('uses the model option and the fault-free path does not retry', async () => {
    const api = await fakeApi(['ok', fault.overloaded()]);
    const { events } = await collect(optionsFor(api, { model: 'claude-haiku-4-5' }));
    expect(api.messageRequests[0]!.body.model).toBe('claude-haiku-4-5');
    expect(ofType(events, 'retry')).toHaveLength(0);
    expect(allowAll).toBeTypeOf('function');
  });
});
