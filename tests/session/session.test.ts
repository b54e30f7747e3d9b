import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Session,
  isSessionError,
  openSession,
  readSessionTotals,
  readTranscript,
  rebuildConversation,
  resumeSession,
} from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';

const MODEL = 'claude-test-model';

function setup(): { configDir: string; cwd: string } {
  const root = testdir({ 'work/README.md': 'hi' });
  return { configDir: join(root, 'config'), cwd: join(root, 'work') };
}

/** A realistic exchange: prompt, thinking + tool call, tool result, extra SDK fields, an image. */
const EXCHANGE: MessageParam[] = [
  { role: 'user', content: 'Fix the failing test in src/a.ts' },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'Let me read the file first.', signature: 'EqQBCkgIARABGAIiQL0sig==' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw==' },
      { type: 'text', text: 'Reading it.' },
      { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: 'src/a.ts', limit: 20 } },
    ],
  },
  {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'toolu_01', content: [{ type: 'text', text: 'export const a = 1;\n' }], cache_control: { type: 'ephemeral' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    ],
  },
  { role: 'assistant', content: [{ type: 'text', text: 'Fixed: ✓ ünïcödé and "quotes"\n', citations: null }] },
];

async function withExchange(options: { configDir: string; cwd: string }): Promise<Session> {
  const session = await openSession({ ...options, model: MODEL, wrenVersion: '9.9.9' });
  for (const message of EXCHANGE) session.append({ type: 'message', message });
  return session;
}

describe('a new session', () => {
  it('writes a header line, then one line per entry, and rebuilds exactly the messages it was given', async () => {
    const dirs = setup();
    const started = new Date('2026-11-01T10:00:00.000Z');
    const session = await openSession({ ...dirs, model: MODEL, wrenVersion: '9.9.9', now: () => started });
    for (const message of EXCHANGE) session.append({ type: 'message', message });

    expect(session.messages()).toEqual(EXCHANGE);
    const lines = readFileSync(session.path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(EXCHANGE.length + 2);
    expect(JSON.parse(lines[0]!)).toEqual({
      type: 'header',
      v: 1,
      sessionId: session.id,
      cwd: dirs.cwd,
      model: MODEL,
      startedAt: '2026-11-01T10:00:00.000Z',
      wrenVersion: '9.9.9',
    });
    expect(JSON.parse(lines[2]!)).toMatchObject({ type: 'message', v: 1, ts: '2026-11-01T10:00:00.000Z' });

    const transcript = await readTranscript(session.path);
    expect(transcript.tornTail).toBeUndefined();
    expect(rebuildConversation(transcript.entries)).toEqual(EXCHANGE);
    await session.close('completed');
  });

  it('uses a random UUID as the id and files the transcript under the folder', async () => {
    const dirs = setup();
    const a = await openSession({ ...dirs, model: MODEL });
    const b = await openSession({ ...dirs, model: MODEL });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.path.startsWith(join(dirs.configDir, 'projects'))).toBe(true);
    expect(a.path.endsWith(`${a.id}.jsonl`)).toBe(true);
    expect(a.cwd).toBe(dirs.cwd);
    await Promise.all([a.close('completed'), b.close('completed')]);
  });

  it('refuses to reuse an existing id instead of clobbering its transcript', async () => {
    const dirs = setup();
    const a = await openSession({ ...dirs, model: MODEL });
    a.append({ type: 'message', message: { role: 'user', content: 'keep me' } });
    await expect(openSession({ ...dirs, model: MODEL, sessionId: a.id })).rejects.toMatchObject({ code: 'TRANSCRIPT_IO' });
    expect(rebuildConversation((await readTranscript(a.path)).entries)).toHaveLength(1);
    await a.close('completed');
  });
});

describe('append', () => {
  it('rejects an entry that does not match the schema, and writes nothing', async () => {
    const dirs = setup();
    const session = await withExchange(dirs);
    const size = statSync(session.path).size;
    const bad: unknown[] = [
      { type: 'message', message: { role: 'assistant', content: [{ type: 'thinking', thinking: 'no signature' }] } },
      { type: 'message', message: { role: 'assistant', content: [{ type: 'tool_use', id: 'x', name: 'Read' }] } },
      { type: 'message', message: { role: 'user', content: [{ type: 'tool_result' }] } },
      { type: 'message', message: { role: 'robot', content: 'hi' } },
      { type: 'message', message: { role: 'user', content: 'hi', extra: true } },
      { type: 'message', message: { role: 'user', content: [{ text: 'no type' }] } },
      { type: 'usage', model: MODEL, usage: { input_tokens: -1, output_tokens: 0 }, costUsd: 0 },
      { type: 'usage', model: MODEL, usage: { input_tokens: 1, output_tokens: 0 }, costUsd: Number.NaN },
      { type: 'compaction', summary: 's', messages: [] },
    ];
    for (const entry of bad) {
      expect(() => session.append(entry as never), JSON.stringify(entry)).toThrow(expect.objectContaining({ code: 'INVALID_ENTRY' }));
    }
    expect(statSync(session.path).size).toBe(size);
    expect(session.messages()).toEqual(EXCHANGE);
    await session.close('completed');
  });

  it('keeps its own frozen copy: the caller mutating its object changes nothing', async () => {
    const dirs = setup();
    const session = await openSession({ ...dirs, model: MODEL });
    const message: MessageParam = { role: 'user', content: [{ type: 'text', text: 'original' }] };
    session.append({ type: 'message', message });
    (message.content as { text: string }[])[0]!.text = 'changed';
    const [stored] = session.messages();
    expect(stored).toEqual({ role: 'user', content: [{ type: 'text', text: 'original' }] });
    // Per-request decoration (cache_control) must go on a copy, never on the stored message.
    expect(() => {
      (stored!.content as { cache_control?: unknown }[])[0]!.cache_control = { type: 'ephemeral' };
    }).toThrow(TypeError);
    // The array itself is the caller's to extend.
    const next = session.messages();
    next.push({ role: 'assistant', content: 'x' });
    expect(session.messages()).toHaveLength(1);
    await session.close('completed');
  });

  it('stores what JSON keeps: an undefined field is dropped in memory exactly as on disk', async () => {
    const dirs = setup();
    const session = await openSession({ ...dirs, model: MODEL });
    session.append({ type: 'message', message: { role: 'user', content: [{ type: 'text', text: 'a', citations: undefined }] } });
    const reread = rebuildConversation((await readTranscript(session.path)).entries);
    expect(session.messages()).toStrictEqual(reread);
    await session.close('completed');
  });
});

describe('compaction boundaries', () => {
  it('replace every earlier message; later messages follow the replacement', async () => {
    const dirs = setup();
    const session = await withExchange(dirs);
    const summary: MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'Summary: fixing src/a.ts; todo: run tests' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Understood.' }] },
    ];
    session.append({ type: 'compaction', summary: 'fixing src/a.ts', messages: summary });
    const after: MessageParam = { role: 'user', content: 'now run the tests' };
    session.append({ type: 'message', message: after });
    expect(session.messages()).toEqual([...summary, after]);

    const transcript = await readTranscript(session.path);
    // Nothing is deleted from the file: the replaced messages stay for history search.
    expect(transcript.entries.filter((e) => e.type === 'message')).toHaveLength(EXCHANGE.length + 1);
    expect(rebuildConversation(transcript.entries)).toEqual([...summary, after]);
    await session.close('completed');
  });

  it('the last of several boundaries wins, and a summary alone becomes one user message', async () => {
    const dirs = setup();
    const session = await withExchange(dirs);
    session.append({ type: 'compaction', summary: 'first' });
    session.append({ type: 'message', message: { role: 'assistant', content: 'between' } });
    session.append({ type: 'compaction', summary: 'second' });
    session.append({ type: 'message', message: { role: 'assistant', content: 'last' } });
    const expected: MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'second' }] },
      { role: 'assistant', content: 'last' },
    ];
    expect(session.messages()).toEqual(expected);
    await session.close('completed');
    const resumed = await resumeSession({ ...dirs, id: session.id });
    expect(resumed.messages()).toEqual(expected);
    await resumed.close('completed');
  });
});

describe('usage and the cost ledger', () => {
  it('keeps running totals per session and per model, readable from the last usage line alone', async () => {
    const dirs = setup();
    const session = await withExchange(dirs);
    expect(await readSessionTotals(session.path)).toMatchObject({ requests: 0, costUsd: 0 });
    session.append({ type: 'usage', model: MODEL, usage: { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 50, cache_read_input_tokens: null }, costUsd: 0.25 });
    session.append({ type: 'usage', model: 'other-model', usage: { input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 1000 }, costUsd: 0.5 });
    session.append({ type: 'message', message: { role: 'user', content: 'more' } });
    const want = {
      inputTokens: 110,
      outputTokens: 22,
      cacheCreationInputTokens: 50,
      cacheReadInputTokens: 1000,
      costUsd: 0.75,
      requests: 2,
      byModel: {
        [MODEL]: { inputTokens: 100, outputTokens: 20, cacheCreationInputTokens: 50, cacheReadInputTokens: 0, costUsd: 0.25, requests: 1 },
        'other-model': { inputTokens: 10, outputTokens: 2, cacheCreationInputTokens: 0, cacheReadInputTokens: 1000, costUsd: 0.5, requests: 1 },
      },
    };
    expect(session.totals()).toEqual(want);
    expect(await readSessionTotals(session.path)).toEqual(want);
    await session.close('completed');

    // Totals carry across a resume.
    const resumed = await resumeSession({ ...dirs, id: session.id });
    expect(resumed.totals()).toEqual(want);
    resumed.append({ type: 'usage', model: MODEL, usage: { input_tokens: 1, output_tokens: 1 }, costUsd: 0.25 });
    expect(resumed.totals()).toMatchObject({ requests: 3, costUsd: 1, inputTokens: 111 });
    expect(await readSessionTotals(resumed.path)).toMatchObject({ requests: 3, costUsd: 1 });
    await resumed.close('completed');
  });
});

describe('close', () => {
  it('writes an end record once; appending afterwards is a typed error; the session can be resumed', async () => {
    const dirs = setup();
    const session = await withExchange(dirs);
    await Promise.all([session.close('max_turns', 'stopped after 10 turns'), session.close('completed')]);
    await session.close('error');
    expect(session.closed).toBe(true);
    let caught: unknown;
    try {
      session.append({ type: 'message', message: { role: 'user', content: 'late' } });
    } catch (error) {
      caught = error;
    }
    expect(isSessionError(caught, 'SESSION_CLOSED')).toBe(true);

    const transcript = await readTranscript(session.path);
    expect(transcript.entries.filter((e) => e.type === 'end')).toEqual([
      expect.objectContaining({ type: 'end', reason: 'max_turns', detail: 'stopped after 10 turns' }),
    ]);

    const resumed = await resumeSession({ ...dirs, id: session.id });
    expect(resumed.messages()).toEqual(EXCHANGE);
    resumed.append({ type: 'message', message: { role: 'user', content: 'again' } });
    await resumed.close('user_exit');
    expect(rebuildConversation((await readTranscript(session.path)).entries)).toEqual([...EXCHANGE, { role: 'user', content: 'again' }]);
  });

  it('works with every fsync policy', async () => {
    for (const fsync of ['always', 'boundaries', 'never'] as const) {
      const dirs = setup();
      const session = await openSession({ ...dirs, model: MODEL, fsync });
      for (const message of EXCHANGE) session.append({ type: 'message', message });
      session.append({ type: 'usage', model: MODEL, usage: { input_tokens: 1, output_tokens: 1 }, costUsd: 0.1 });
      await session.sync();
      await session.close('completed');
      expect(rebuildConversation((await readTranscript(session.path)).entries)).toEqual(EXCHANGE);
    }
  });
});
