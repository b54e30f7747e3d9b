import { describe, expect, it } from 'vitest';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { TurnAssembler } from '../../src/query/assemble.ts';
import { blocksOf, text, thinking, toolUse } from '../support/fake-api/index.ts';
import { collect, fakeApi, ofType, optionsFor, readTool } from './helpers.ts';

describe('EXTENDED_THINKING and turn assembly', () => {
  it('sends the thinking budget and keeps signed thinking blocks in the conversation', async () => {
    const api = await fakeApi([
      [thinking('The user wants a.ts read first.', { signature: 'sig-abc' }), toolUse('Read', { file_path: 'a.ts' })],
      'It says A.',
    ]);
    const { events, result } = await collect(optionsFor(api, { tools: [readTool({ 'a.ts': 'A' })], thinkingBudget: 2048 }));
    expect(result.subtype).toBe('success');
    const first = api.messageRequests[0]!.body;
    expect(first.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(first.max_tokens).toBe(16_384);
    const assistant = blocksOf(api.messageRequests[1]!.body.messages[1]);
    expect(assistant[0]).toEqual({ type: 'thinking', thinking: 'The user wants a.ts read first.', signature: 'sig-abc' });
    expect(ofType(events, 'thinking_delta').map((e) => e.thinking).join('')).toBe('The user wants a.ts read first.');
  });

  it('raises max_tokens above a large budget', async () => {
    const api = await fakeApi(['ok']);
    await collect(optionsFor(api, { thinkingBudget: 20_000, maxTokens: 8000 }));
    expect(api.messageRequests[0]!.body.max_tokens).toBe(24_096);
  });

  it('refuses a budget under 1024 before sending anything', async () => {
    const api = await fakeApi(['never']);
    const { result } = await collect(optionsFor(api, { thinkingBudget: 500 }));
    expect(result.error?.code).toBe('invalid_option');
    expect(api.requests).toHaveLength(0);
  });

  it('sends no thinking field without a budget', async () => {
    const api = await fakeApi([[text('plain')]]);
    await collect(optionsFor(api));
    expect(api.messageRequests[0]!.body.thinking).toBeUndefined();
  });

  it('reports tool input that is not valid JSON, with an empty object in its place', () => {
    const a = new TurnAssembler();
    const events = [
      { type: 'message_start', message: { id: 'm', model: 'x', usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't1', name: 'Read', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"file_path": ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'oops}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ] as unknown as RawMessageStreamEvent[];
    for (const e of events) a.handle(e);
    const turnDone = a.finish();
    expect(turnDone.content).toEqual([{ type: 'tool_use', id: 't1', name: 'Read', input: {} }]);
    expect(turnDone.invalidInputs.get('t1')).toMatch(/JSON/);
    expect(turnDone.usage).toEqual({ input_tokens: 5, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('refuses to finish a turn without message_stop', () => {
    const a = new TurnAssembler();
    a.handle({ type: 'message_start', message: { id: 'm', model: 'x', usage: { input_tokens: 1, output_tokens: 1 } } } as unknown as RawMessageStreamEvent);
    expect(() => a.finish()).toThrow(/message_stop/);
  });
});
