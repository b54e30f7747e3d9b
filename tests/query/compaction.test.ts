import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blocksOf, textOf, toolResultsOf, toolUse } from '../support/fake-api/index.ts';
import { collect, fakeApi, fakeTool, ofType, optionsFor, readTool } from './helpers.ts';

const todoTool = fakeTool({
  name: 'Todo',
  schema: z.object({ todos: z.array(z.object({ content: z.string(), status: z.string() })) }),
  run: () => 'todos saved',
});

describe('AUTO_COMPACT: a model-written summary when the window fills', () => {
  it('summarises, keeps task, files and open todos, and the task continues', async () => {
    const big = 'const line = "some code";\n'.repeat(350); // about 2,300 tokens
    const api = await fakeApi([
      [toolUse('Todo', { todos: [{ content: 'read big.ts', status: 'completed' }, { content: 'fix the parser', status: 'pending' }] }),
        toolUse('Read', { file_path: 'src/big.ts' })],
      'SUMMARY: read src/big.ts, the parser bug is in parse(). Next: read src/small.ts.',
      toolUse('Read', { file_path: 'src/small.ts' }),
      'Done: the parser is fixed.',
    ]);
    const { events, result } = await collect(optionsFor(api, {
      messages: [{ role: 'user', content: 'Fix the parser bug in src/big.ts.' }],
      tools: [readTool({ 'src/big.ts': big, 'src/small.ts': 'export {}' }), todoTool],
      context: { windowTokens: 2000, compactAt: 0.8, microCompact: false },
    }));
    expect(result).toMatchObject({ subtype: 'success', result: 'Done: the parser is fixed.', numTurns: 3 });

    const [, summaryRequest, continued, last] = api.messageRequests.map((r) => r.body);
    // The summary request: the old conversation plus the instruction, tools declared but not callable.
    expect(textOf(summaryRequest!.messages.at(-1))).toContain('write a summary of the conversation');
    expect(summaryRequest!.tool_choice).toEqual({ type: 'none' });
    expect(toolResultsOf(summaryRequest!)).toHaveLength(2);

    // The continued task starts from the summary, with the facts taken from the conversation itself.
    expect(continued!.messages).toHaveLength(1);
    const restart = textOf(continued!.messages[0]);
    expect(restart).toContain('<summary>\nSUMMARY: read src/big.ts');
    expect(restart).toContain('<original-request>\nFix the parser bug in src/big.ts.\n</original-request>');
    expect(restart).toContain('<files-touched>\nsrc/big.ts\n</files-touched>');
    expect(restart).toContain('- [pending] fix the parser');
    expect(restart).not.toContain('read big.ts\n'); // completed todos are not open
    expect(restart).not.toContain(big.slice(0, 200));
    expect(last!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);

    const compaction = ofType(events, 'compaction');
    expect(compaction).toHaveLength(1);
    expect(compaction[0]).toMatchObject({ kind: 'auto', turn: 2 });
    expect(compaction[0]!.tokensBefore).toBeGreaterThan(1600);
    expect(compaction[0]!.tokensAfter).toBeLessThan(compaction[0]!.tokensBefore / 4);
    expect(compaction[0]!.messages).toEqual(continued!.messages.map((m) => ({ ...m, content: blocksOf(m).map(({ cache_control: _c, ...b }) => b) })));
    expect(ofType(events, 'usage').map((e) => e.purpose)).toEqual(['turn', 'compaction', 'turn', 'turn']);
    expect(ofType(events, 'request_start').map((e) => e.purpose)).toEqual(['turn', 'compaction', 'turn', 'turn']);
  });

  it('keeps the most recent turns verbatim after the summary', async () => {
    const big = 'x'.repeat(9000);
    const api = await fakeApi([
      toolUse('Read', { file_path: 'a.ts' }, { id: 'toolu_a' }),
      toolUse('Read', { file_path: 'b.ts' }, { id: 'toolu_b' }),
      'Summary of reading a.ts.',
      'Finished.',
    ]);
    const { result } = await collect(optionsFor(api, {
      tools: [readTool({ 'a.ts': 'small', 'b.ts': big })],
      context: { windowTokens: 2000, keepTurns: 1, microCompact: false },
    }));
    expect(result.subtype).toBe('success');
    const summaryRequest = api.messageRequests[2]!.body;
    expect(summaryRequest.messages).toHaveLength(3); // u, a(toolu_a), u(result a + instruction)
    const continued = api.messageRequests[3]!.body;
    expect(continued.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(blocksOf(continued.messages[1])[0]).toMatchObject({ type: 'tool_use', id: 'toolu_b' });
    expect(toolResultsOf(continued)[0]).toMatchObject({ tool_use_id: 'toolu_b', content: big });
    expect(textOf(continued.messages[0])).toContain('a.ts');
  });

  it('compacts on demand (/compact focus) and ends without a model turn', async () => {
    const api = await fakeApi(['Summary: we talked about the parser.']);
    const { events, result } = await collect(optionsFor(api, {
      messages: [
        { role: 'user', content: 'Look at the parser.' },
        { role: 'assistant', content: 'The parser is in src/parse.ts.' },
        { role: 'user', content: 'And the lexer?' },
        { role: 'assistant', content: 'The lexer is in src/lex.ts.' },
      ],
      context: { keepTurns: 0 },
      compactNow: { focus: 'the lexer' },
    }));
    expect(api.messageRequests).toHaveLength(1);
    expect(textOf(api.messageRequests[0]!.body.messages.at(-1))).toContain('pay particular attention to: the lexer');
    expect(ofType(events, 'compaction')).toEqual([expect.objectContaining({ kind: 'auto', summary: 'Summary: we talked about the parser.' })]);
    expect(result).toMatchObject({ subtype: 'success', numTurns: 0 });
    expect(JSON.stringify(result.messages)).toContain('Summary: we talked about the parser.');
  });

  it('does not compact below the threshold', async () => {
    const api = await fakeApi([toolUse('Read', { file_path: 'a.ts' }), 'ok']);
    const { events } = await collect(optionsFor(api, { tools: [readTool({ 'a.ts': 'tiny' })], context: { windowTokens: 200_000 } }));
    expect(ofType(events, 'compaction')).toHaveLength(0);
    expect(api.messageRequests).toHaveLength(2);
  });
});

describe('MICRO_COMPACT: stale tool results cleared first', () => {
  it('replaces all but the latest tool results with a placeholder, without a summary request', async () => {
    const file = (c: string) => c.repeat(8000); // about 2,000 tokens each
    const api = await fakeApi([
      toolUse('Read', { file_path: 'a' }),
      toolUse('Read', { file_path: 'b' }),
      toolUse('Read', { file_path: 'c' }),
      'ok',
    ]);
    const { events, result } = await collect(optionsFor(api, {
      tools: [readTool({ a: file('a'), b: file('b'), c: file('c') })],
      context: { windowTokens: 10_000, microCompactAt: 0.4, compactAt: 0.95, keepToolResults: 1 },
    }));
    expect(result.subtype).toBe('success');
    expect(api.messageRequests).toHaveLength(4); // no summary request
    const contents = (i: number) => api.messageRequests[i]!.body.messages
      .flatMap((m) => blocksOf(m)).filter((b) => b.type === 'tool_result').map((b) => String(b['content']).slice(0, 12));
    expect(contents(2)).toEqual(['[Old tool re', 'bbbbbbbbbbbb']);
    expect(contents(3)).toEqual(['[Old tool re', '[Old tool re', 'cccccccccccc']);
    const micro = ofType(events, 'compaction');
    expect(micro.map((e) => [e.kind, e.clearedToolResults])).toEqual([['micro', 1], ['micro', 1]]);
    expect(micro[0]!.tokensAfter).toBeLessThan(micro[0]!.tokensBefore - 1500);
  });
});
