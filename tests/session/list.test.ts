import { appendFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_PROMPT_MAX_CHARS, listSessions, openSession, projectDir, readSessionTotals, readTranscript } from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';

const MODEL = 'claude-test-model';

function setup(): { configDir: string; cwd: string; other: string } {
  const root = testdir({ 'work/': '', 'other/': '' });
  return { configDir: join(root, 'config'), cwd: join(root, 'work'), other: join(root, 'other') };
}

describe('listSessions', () => {
  it('gives id, start time, first prompt and message count, newest activity first, for this folder only', async () => {
    const { configDir, cwd, other } = setup();
    const first = await openSession({ configDir, cwd, model: MODEL, now: () => new Date('2026-01-01T00:00:00Z') });
    first.append({ type: 'message', message: { role: 'user', content: [{ type: 'text', text: '  Explain the build  ' }] } });
    first.append({ type: 'message', message: { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Read', input: {} }] } });
    first.append({ type: 'message', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'file' }] } });
    first.append({ type: 'message', message: { role: 'assistant', content: 'It is esbuild.' } });
    first.append({ type: 'compaction', summary: 'build explained' });
    await first.close('completed');
    utimesSync(first.path, 1_000, 1_000);

    const second = await openSession({ configDir, cwd, model: 'other-model', now: () => new Date('2026-01-02T00:00:00Z') });
    second.append({ type: 'message', message: { role: 'user', content: 'x'.repeat(FIRST_PROMPT_MAX_CHARS + 100) } });
    utimesSync(second.path, 2_000, 2_000);

    const empty = await openSession({ configDir, cwd, model: MODEL });
    utimesSync(empty.path, 500, 500);

    const elsewhere = await openSession({ configDir, cwd: other, model: MODEL });
    elsewhere.append({ type: 'message', message: { role: 'user', content: 'not here' } });

    const { sessions, unreadable } = await listSessions({ configDir, cwd });
    expect(unreadable).toEqual([]);
    expect(sessions.map((s) => s.id)).toEqual([second.id, first.id, empty.id]);
    expect(sessions[1]).toEqual({
      id: first.id,
      path: first.path,
      cwd,
      model: MODEL,
      startedAt: '2026-01-01T00:00:00.000Z',
      modifiedAt: new Date(1_000_000),
      firstPrompt: 'Explain the build',
      messageCount: 4,
      endReason: 'completed',
    });
    expect(sessions[0]).toMatchObject({ model: 'other-model', messageCount: 1, endReason: undefined, firstPrompt: 'x'.repeat(FIRST_PROMPT_MAX_CHARS) });
    expect(sessions[2]).toMatchObject({ messageCount: 0, firstPrompt: undefined });
    await Promise.all([second.close('completed'), empty.close('completed'), elsewhere.close('completed')]);
  });

  it('reports unreadable transcripts instead of failing the whole listing, and ignores other files', async () => {
    const { configDir, cwd } = setup();
    const good = await openSession({ configDir, cwd, model: MODEL });
    good.append({ type: 'message', message: { role: 'user', content: 'fine' } });
    await good.close('completed');
    const dir = projectDir(configDir, cwd);
    const broken = join(dir, '00000000-0000-4000-8000-000000000000.jsonl');
    writeFileSync(broken, 'garbage\n');
    writeFileSync(join(dir, 'README.txt'), 'not a transcript');

    const { sessions, unreadable } = await listSessions({ configDir, cwd });
    expect(sessions.map((s) => s.id)).toEqual([good.id]);
    expect(unreadable).toEqual([{ path: broken, error: expect.objectContaining({ code: 'TRANSCRIPT_CORRUPT', line: 1 }) }]);
  });

  it('is empty when the folder has no sessions (and the config dir does not exist)', async () => {
    const { configDir, cwd } = setup();
    expect(await listSessions({ configDir, cwd })).toEqual({ sessions: [], unreadable: [] });
  });
});

describe('readSessionTotals', () => {
  it('reads the last complete usage line from the end, past megabytes of later messages and a torn tail', async () => {
    const { configDir, cwd } = setup();
    const session = await openSession({ configDir, cwd, model: MODEL });
    session.append({ type: 'usage', model: MODEL, usage: { input_tokens: 10, output_tokens: 1 }, costUsd: 1 });
    session.append({ type: 'usage', model: MODEL, usage: { input_tokens: 20, output_tokens: 2 }, costUsd: 2 });
    // 3 MiB of messages after the last usage line, in lines longer than the 1 MiB read chunk.
    for (let i = 0; i < 3; i++) {
      session.append({ type: 'message', message: { role: 'user', content: `${i} ${'y'.repeat((1 << 20) + 7)}` } });
    }
    await session.close('completed');
    // A torn usage line at the end (the write in flight when killed) does not count.
    // It is longer than a read chunk, so the backwards scan must skip it across chunks.
    appendFileSync(session.path, `{"type":"usage","v":1,"ts":"2026-01-01T00:00:00Z","model":"${'m'.repeat(3 << 19)}`);

    expect(await readSessionTotals(session.path)).toMatchObject({ requests: 2, costUsd: 3, inputTokens: 30, outputTokens: 3 });
    // The forward reader agrees, across lines longer than its chunk too.
    const transcript = await readTranscript(session.path);
    expect(transcript.entries.map((e) => e.type)).toEqual(['usage', 'usage', 'message', 'message', 'message', 'end']);
    expect(transcript.tornTail?.bytes).toBeGreaterThan(1 << 20);
  });

  it('finds a usage record that is the very first line after the header', async () => {
    const { configDir, cwd } = setup();
    const session = await openSession({ configDir, cwd, model: MODEL });
    session.append({ type: 'usage', model: MODEL, usage: { input_tokens: 5, output_tokens: 5 }, costUsd: 0.125 });
    session.append({ type: 'message', message: { role: 'user', content: 'z'.repeat(3 << 20) } });
    await session.close('completed');
    expect(await readSessionTotals(session.path)).toMatchObject({ requests: 1, costUsd: 0.125 });
  });
});
