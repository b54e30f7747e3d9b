import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type SessionError,
  openSession,
  readTranscript,
  rebuildConversation,
  resumeSession,
  transcriptPath,
} from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';
import { entryFor, expectedConversation } from './fixtures/script.ts';

const MODEL = 'claude-test-model';
const CHILD = fileURLToPath(new URL('./fixtures/append-loop.ts', import.meta.url));

const PROMPT: MessageParam = { role: 'user', content: 'hello' };
const ANSWER: MessageParam = { role: 'assistant', content: [{ type: 'text', text: 'hi there' }] };

/** A closed session with two messages; returns its transcript path. */
async function twoMessages(): Promise<{ configDir: string; cwd: string; path: string; id: string }> {
  const root = testdir({ 'work/': '' });
  const configDir = join(root, 'config');
  const cwd = join(root, 'work');
  const session = await openSession({ configDir, cwd, model: MODEL });
  session.append({ type: 'message', message: PROMPT });
  session.append({ type: 'message', message: ANSWER });
  await session.close('completed');
  return { configDir, cwd, path: session.path, id: session.id };
}

async function readError(path: string): Promise<SessionError> {
  return readTranscript(path).then(
    () => expect.unreachable('readTranscript should have thrown') as never,
    (error: SessionError) => error,
  );
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n');
}

describe('a torn last line', () => {
  it('is ignored and reported, even when cut inside a multi-byte character', async () => {
    const { path } = await twoMessages();
    const intact = statSync(path).size;
    const line = JSON.stringify({ type: 'message', v: 1, ts: new Date().toISOString(), message: { role: 'user', content: 'naïve café ✓' } });
    const bytes = Buffer.from(line);
    const cut = bytes.indexOf(Buffer.from('✓')) + 1; // one byte into a three-byte character
    appendFileSync(path, bytes.subarray(0, cut));

    const transcript = await readTranscript(path);
    expect(transcript.tornTail).toEqual({ line: 5, offset: intact, bytes: cut });
    expect(rebuildConversation(transcript.entries)).toEqual([PROMPT, ANSWER]);
    expect(transcript.entries.at(-1)).toMatchObject({ type: 'end' });
  });

  it('counts as torn without its newline even if what reached the file parses', async () => {
    const { path } = await twoMessages();
    appendFileSync(path, JSON.stringify({ type: 'message', v: 1, ts: new Date().toISOString(), message: PROMPT }));
    const transcript = await readTranscript(path);
    expect(transcript.tornTail?.line).toBe(5);
    expect(rebuildConversation(transcript.entries)).toEqual([PROMPT, ANSWER]);
  });

  it('is cut off when the session is resumed, so appending never buries it mid-file', async () => {
    const { configDir, cwd, path, id } = await twoMessages();
    const intact = statSync(path).size;
    appendFileSync(path, '{"type":"message","v":1,"ts":"2026-');
    const session = await resumeSession({ configDir, cwd, id });
    expect(session.recoveredTornTail).toMatchObject({ line: 5, offset: intact });
    expect(statSync(path).size).toBe(intact);
    session.append({ type: 'message', message: { role: 'user', content: 'after the crash' } });
    await session.close('completed');

    const transcript = await readTranscript(path);
    expect(transcript.tornTail).toBeUndefined();
    expect(rebuildConversation(transcript.entries)).toEqual([PROMPT, ANSWER, { role: 'user', content: 'after the crash' }]);
    expect(lines(path).slice(0, -1).every((text) => JSON.parse(text) !== null)).toBe(true);
  });
});

describe('a corrupt line', () => {
  it('in the middle is a typed error naming the file and the line, never skipped', async () => {
    const { path } = await twoMessages();
    const all = lines(path);
    for (const garbage of ['{"type":"message","v":1,', '', 'not json at all', '{"type":"message","v":1,"ts":"2026-01-01T00:00:00Z"}']) {
      const copy = [...all];
      copy.splice(2, 0, garbage);
      writeFileSync(path, copy.join('\n'));
      const error = await readError(path);
      expect(error.code, garbage).toBe('TRANSCRIPT_CORRUPT');
      expect(error.file).toBe(path);
      expect(error.line).toBe(3);
      expect(error.message).toContain(`${path}:3`);
    }
  });

  it('at the end with its newline is corruption too, not a torn write', async () => {
    const { path } = await twoMessages();
    appendFileSync(path, '{"type":"message","v":1}\n');
    const error = await readError(path);
    expect(error).toMatchObject({ code: 'TRANSCRIPT_CORRUPT', line: 5 });
  });

  it('from a newer schema version is refused with its own code', async () => {
    const { path } = await twoMessages();
    appendFileSync(path, `${JSON.stringify({ type: 'telepathy', v: 2, ts: new Date().toISOString() })}\n`);
    const error = await readError(path);
    expect(error).toMatchObject({ code: 'TRANSCRIPT_UNSUPPORTED_VERSION', line: 5, file: path });
  });

  it('where the header should be, or a second header, is corruption', async () => {
    const { path } = await twoMessages();
    const all = lines(path);
    writeFileSync(path, [all[1], all[0], ...all.slice(2)].join('\n'));
    expect(await readError(path)).toMatchObject({ code: 'TRANSCRIPT_CORRUPT', line: 1 });
    writeFileSync(path, [all[0], all[1], all[0], ...all.slice(2)].join('\n'));
    expect(await readError(path)).toMatchObject({ code: 'TRANSCRIPT_CORRUPT', line: 3 });
  });
});

describe('a transcript without a complete header', () => {
  it('is TRANSCRIPT_NO_HEADER whether empty or torn inside the header', async () => {
    const { path } = await twoMessages();
    const header = lines(path)[0]!;
    writeFileSync(path, '');
    expect((await readError(path)).code).toBe('TRANSCRIPT_NO_HEADER');
    writeFileSync(path, header.slice(0, 30));
    expect((await readError(path)).code).toBe('TRANSCRIPT_NO_HEADER');
  });
});

describe('a write cut short by the system', () => {
  it('is cut back to the last complete line (RLIMIT_FSIZE forces a real short write)', async () => {
    const root = testdir({ 'work/': '' });
    const configDir = join(root, 'config');
    const cwd = join(root, 'work');
    mkdirSync(cwd, { recursive: true });
    const id = randomUUID();
    // 256 KiB limit: entry 2 is a 1 MiB tool result, so its write stops at the limit
    // part-way through the line, and the next write fails with EFBIG.
    const child = spawn('bash', ['-c', 'ulimit -f 256 && exec "$@"', 'bash', process.execPath, CHILD, configDir, cwd, id, 'new'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { errors: string[]; length: number };
    expect(report).toEqual({ errors: ['TRANSCRIPT_IO', 'TRANSCRIPT_IO'], length: 2 });

    const path = transcriptPath(configDir, cwd, id);
    const transcript = await readTranscript(path);
    expect(transcript.tornTail).toBeUndefined();
    expect(transcript.entries.map((e) => e.type)).toEqual([entryFor(0).type, entryFor(1).type]);
    expect(rebuildConversation(transcript.entries)).toEqual(expectedConversation(2));
  });
});
