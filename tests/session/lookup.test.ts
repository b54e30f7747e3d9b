import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Session,
  type SessionError,
  continueSession,
  findLatestSession,
  findSession,
  openSession,
  projectDir,
  resumeSession,
} from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';

const MODEL = 'claude-test-model';

interface Dirs {
  configDir: string;
  here: string;
  there: string;
}

function setup(): Dirs {
  const root = testdir({ 'here/': '', 'there/': '' });
  return { configDir: join(root, 'config'), here: join(root, 'here'), there: join(root, 'there') };
}

/** A closed session in `cwd` holding `messages`, last active at `at` (seconds since epoch). */
async function session(configDir: string, cwd: string, messages: MessageParam[], at: number, sessionId?: string): Promise<Session> {
  const s = await openSession({ configDir, cwd, model: MODEL, ...(sessionId === undefined ? {} : { sessionId }) });
  for (const message of messages) s.append({ type: 'message', message });
  await s.close('completed');
  utimesSync(s.path, at, at);
  return s;
}

async function failure(promise: Promise<unknown>): Promise<SessionError> {
  return promise.then(
    () => expect.unreachable('expected a SessionError') as never,
    (error: SessionError) => error,
  );
}

const say = (text: string): MessageParam[] => [
  { role: 'user', content: text },
  { role: 'assistant', content: [{ type: 'text', text: `re: ${text}` }] },
];

describe('--continue', () => {
  it('resumes the most recently active session of this folder, with its conversation', async () => {
    const { configDir, here, there } = setup();
    await session(configDir, here, say('old'), 1_000);
    const recent = await session(configDir, here, say('recent'), 3_000);
    await session(configDir, here, say('middle'), 2_000);
    await session(configDir, there, say('elsewhere, newer'), 9_000);

    expect((await findLatestSession({ configDir, cwd: here })).id).toBe(recent.id);
    const continued = await continueSession({ configDir, cwd: here });
    expect(continued.id).toBe(recent.id);
    expect(continued.messages()).toEqual(say('recent'));
    await continued.close('completed');
  });

  it('passes over sessions that never got a message', async () => {
    const { configDir, here } = setup();
    const real = await session(configDir, here, say('real work'), 1_000);
    await session(configDir, here, [], 5_000);
    expect((await findLatestSession({ configDir, cwd: here })).id).toBe(real.id);
  });

  it('is NO_SESSION_TO_CONTINUE in a folder without sessions, even with no config dir yet', async () => {
    const { configDir, here, there } = setup();
    expect((await failure(continueSession({ configDir, cwd: here }))).code).toBe('NO_SESSION_TO_CONTINUE');
    await session(configDir, there, say('other folder'), 1_000);
    await session(configDir, here, [], 1_000);
    expect(await failure(continueSession({ configDir, cwd: here }))).toMatchObject({ code: 'NO_SESSION_TO_CONTINUE', cwd: here });
  });
});

describe('--resume <id>', () => {
  it('finds a session by full id or unique prefix, in any case', async () => {
    const { configDir, here } = setup();
    const s = await session(configDir, here, say('find me'), 1_000);
    await session(configDir, here, say('noise'), 1_000, 'ffffffff-0000-4000-8000-000000000000');
    for (const id of [s.id, s.id.slice(0, 8), s.id.slice(0, 8).toUpperCase(), `  ${s.id}  `]) {
      expect(await findSession({ configDir, cwd: here, id })).toEqual({ id: s.id, path: s.path, cwd: here });
    }
    const resumed = await resumeSession({ configDir, cwd: here, id: s.id.slice(0, 6) });
    expect(resumed.messages()).toEqual(say('find me'));
    await resumed.close('completed');
  });

  it('is SESSION_AMBIGUOUS when a prefix matches several, listing them', async () => {
    const { configDir, here } = setup();
    await session(configDir, here, say('a'), 1_000, 'abcd0000-0000-4000-8000-000000000001');
    await session(configDir, here, say('b'), 1_000, 'abcd0000-0000-4000-8000-000000000002');
    const error = await failure(resumeSession({ configDir, cwd: here, id: 'abcd' }));
    expect(error.code).toBe('SESSION_AMBIGUOUS');
    expect(error.candidates?.map((c) => c.id).sort()).toEqual(['abcd0000-0000-4000-8000-000000000001', 'abcd0000-0000-4000-8000-000000000002']);
    // More of the id settles it.
    expect((await findSession({ configDir, cwd: here, id: 'abcd0000-0000-4000-8000-000000000002' })).id).toBe('abcd0000-0000-4000-8000-000000000002');
  });

  it('prefers this folder when a prefix also matches a session elsewhere', async () => {
    const { configDir, here, there } = setup();
    await session(configDir, there, say('there'), 1_000, 'abcd0000-0000-4000-8000-000000000001');
    const mine = await session(configDir, here, say('here'), 1_000, 'abcd0000-0000-4000-8000-000000000002');
    expect((await findSession({ configDir, cwd: here, id: 'abcd' })).id).toBe(mine.id);
  });

  it('is SESSION_OTHER_FOLDER, naming the folder, when the session belongs elsewhere', async () => {
    const { configDir, here, there } = setup();
    const s = await session(configDir, there, say('there'), 1_000);
    const error = await failure(resumeSession({ configDir, cwd: here, id: s.id }));
    expect(error).toMatchObject({ code: 'SESSION_OTHER_FOLDER', otherCwd: there, cwd: here });
    expect(error.message).toContain(there);
    // From its own folder it resumes fine.
    const resumed = await resumeSession({ configDir, cwd: there, id: s.id });
    expect(resumed.messages()).toEqual(say('there'));
    await resumed.close('completed');
  });

  it('is SESSION_AMBIGUOUS across folders when nothing here matches and several elsewhere do', async () => {
    const { configDir, here, there } = setup();
    const third = join(there, 'sub');
    await session(configDir, there, say('1'), 1_000, 'abcd0000-0000-4000-8000-000000000001');
    await session(configDir, third, say('2'), 1_000, 'abcd0000-0000-4000-8000-000000000002');
    const error = await failure(findSession({ configDir, cwd: here, id: 'abcd' }));
    expect(error.code).toBe('SESSION_AMBIGUOUS');
    expect(error.candidates?.map((c) => c.cwd).sort()).toEqual([there, third].sort());
  });

  it('is SESSION_NOT_FOUND when nothing matches anywhere', async () => {
    const { configDir, here } = setup();
    expect((await failure(findSession({ configDir, cwd: here, id: '0123abcd' }))).code).toBe('SESSION_NOT_FOUND');
    await session(configDir, here, say('x'), 1_000, 'abcd0000-0000-4000-8000-000000000001');
    expect(await failure(findSession({ configDir, cwd: here, id: '0123abcd' }))).toMatchObject({ code: 'SESSION_NOT_FOUND', id: '0123abcd' });
  });

  it('is INVALID_SESSION_ID for anything but hex and dashes (no path tricks)', async () => {
    const { configDir, here } = setup();
    for (const id of ['', '../../etc/passwd', 'abc/def', 'zzzz', '*', `${'a'.repeat(37)}`]) {
      expect((await failure(findSession({ configDir, cwd: here, id }))).code, id).toBe('INVALID_SESSION_ID');
    }
  });

  it('ignores a transcript killed before its header landed, and files that are not transcripts', async () => {
    const { configDir, here } = setup();
    const s = await session(configDir, here, say('good'), 1_000, 'abcd0000-0000-4000-8000-000000000001');
    writeFileSync(join(projectDir(configDir, here), 'abcd0000-0000-4000-8000-000000000002.jsonl'), '{"type":"hea');
    writeFileSync(join(projectDir(configDir, here), 'abcd-notes.txt'), 'not a transcript');
    expect((await findSession({ configDir, cwd: here, id: 'abcd' })).id).toBe(s.id);
  });
});
