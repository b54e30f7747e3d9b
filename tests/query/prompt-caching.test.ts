import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addCacheBreakpoints } from '../../src/query/prompt-caching/index.ts';
import { cacheBreakpointsOf, text, thinking, toolUse } from '../support/fake-api/index.ts';
import { collect, fakeApi, fakeTool, ofType, optionsFor, readTool } from './helpers.ts';

const glob = fakeTool({ name: 'Glob', schema: z.object({ pattern: z.string() }), safe: true, run: () => 'a.ts' });

describe('PROMPT_CACHING: cache_control breakpoints', () => {
  it('marks the tools, the system prompt and the moving tail of the conversation', async () => {
    const api = await fakeApi([
      toolUse('Read', { file_path: 'a.ts' }),
      toolUse('Glob', { pattern: '*.ts' }),
      'done',
    ]);
    const { events } = await collect(optionsFor(api, {
      system: 'You are Wren, a careful coding agent. '.repeat(20),
      tools: [readTool({ 'a.ts': 'A' }), glob],
    }));
    const points = api.messageRequests.map((r) => cacheBreakpointsOf(r.body));
    expect(points[0]).toEqual(['tools.1', 'system.0', 'messages.0.content.0']);
    // Last message (the new tool result) and the user message before it (the previous request's tail).
    expect(points[1]).toEqual(['tools.1', 'system.0', 'messages.0.content.0', 'messages.2.content.0']);
    expect(points[2]).toEqual(['tools.1', 'system.0', 'messages.2.content.0', 'messages.4.content.0']);
    expect(points.every((p) => p.length <= 4)).toBe(true);

    // The fake API's cache simulation reads the previous request's prefix: real cache reads, accounted for.
    const usage = ofType(events, 'usage');
    expect(usage[0]!.usage.cache_read_input_tokens).toBe(0);
    expect(usage[0]!.usage.cache_creation_input_tokens).toBeGreaterThan(200);
    expect(usage[1]!.usage.cache_read_input_tokens).toBe(usage[0]!.usage.cache_creation_input_tokens);
    expect(usage[2]!.usage.cache_read_input_tokens).toBeGreaterThan(usage[1]!.usage.cache_read_input_tokens);
  });

  it('sends no breakpoint when turned off', async () => {
    const api = await fakeApi(['ok']);
    await collect(optionsFor(api, { system: 'sys', tools: [glob], promptCaching: false }));
    expect(cacheBreakpointsOf(api.messageRequests[0]!.body)).toEqual([]);
    expect(api.messageRequests[0]!.body.system).toBe('sys');
  });

  it('never passes four, counting breakpoints already present', () => {
    const cc = { type: 'ephemeral' as const };
    const out = addCacheBreakpoints({
      system: [{ type: 'text', text: 'a', cache_control: cc }, { type: 'text', text: 'b', cache_control: cc }, { type: 'text', text: 'c' }],
      tools: [{ name: 't', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }, { role: 'user', content: 'again' }],
    });
    // Tools and system come first; with two taken already, the conversation gets none.
    expect(cacheBreakpointsOf(out as never)).toEqual(['tools.0', 'system.0', 'system.1', 'system.2']);
  });

  it('skips thinking blocks and does not touch the input', () => {
    const messages = [
      { role: 'user' as const, content: 'q' },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'answer' }, { type: 'thinking' as const, thinking: 't', signature: 's' }] },
    ];
    const before = JSON.stringify(messages);
    const out = addCacheBreakpoints({ messages });
    expect(cacheBreakpointsOf(out as never)).toEqual(['messages.0.content.0', 'messages.1.content.0']);
    expect(JSON.stringify(messages)).toBe(before);
  });

  it('places breakpoints the fake API accepts on a thinking turn', async () => {
    const api = await fakeApi([[thinking('plan'), text('reading'), toolUse('Read', { file_path: 'a.ts' })], 'ok']);
    const { result } = await collect(optionsFor(api, { tools: [readTool({ 'a.ts': 'A' })], thinkingBudget: 2048 }));
    expect(result.subtype).toBe('success');
  });
});
