import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readSessionTotals, readTranscript, rebuildConversation, resumeSession, transcriptPath, type TranscriptEntry } from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';
import { COMPACT_EVERY, entryFor, expectedConversation, expectedTotals } from './fixtures/script.ts';

const CHILD = fileURLToPath(new URL('./fixtures/append-loop.ts', import.meta.url));
const ROUNDS = 8;
const MAX_ROUNDS = 30;

interface Ready {
  readonly length: number;
  readonly recovered: { readonly offset: number } | null;
}

async function waitReady(child: ChildProcess): Promise<Ready> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`child exited (${String(code)}) before it was ready: ${stderr}`);
  });
  const first = once(lines, 'line').then(([line]) => JSON.parse(line as string) as Ready);
  return Promise.race([first, exited]);
}

/** Every entry is exactly the one the script wrote at its position. */
function expectScripted(entries: readonly TranscriptEntry[]): void {
  entries.forEach((entry, c) => {
    const want = entryFor(c);
    expect(entry.type, `entry ${c}`).toBe(want.type);
    if (entry.type === 'message' && want.type === 'message') expect(entry.message).toEqual(want.message);
    if (entry.type === 'compaction' && want.type === 'compaction') expect(entry.messages).toEqual(want.messages);
    if (entry.type === 'usage' && want.type === 'usage') expect(entry.usage.inputTokens).toBe(want.usage.input_tokens);
  });
}

it('a transcript survives kill -9 at random moments: complete lines parse, the conversation rebuilds, resume continues', async () => {
  const root = testdir();
  const configDir = join(root, 'config');
  const cwd = join(root, 'work');
  mkdirSync(cwd);
  const id = randomUUID();
  const path = transcriptPath(configDir, cwd, id);
  let previous = 0;
  let tornTails = 0;

  // At least ROUNDS kills; more on a slow machine until compaction boundaries were crossed.
  let round = 0;
  for (; round < ROUNDS || (previous <= 2 * COMPACT_EVERY && round < MAX_ROUNDS); round++) {
    const child = spawn(process.execPath, [CHILD, configDir, cwd, id, round === 0 ? 'new' : 'resume'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = await waitReady(child);
    // A resumed writer starts from exactly the complete entries the last run left.
    expect(ready.length).toBe(previous);
    // A random moment inside the tight append loop.
    await delay(5 + Math.random() * 45);
    child.kill('SIGKILL');
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');

    const transcript = await readTranscript(path); // throws on any corrupt complete line
    if (transcript.tornTail !== undefined) tornTails += 1;
    const n = transcript.entries.length;
    expect(n).toBeGreaterThanOrEqual(previous);
    expectScripted(transcript.entries);
    expect(rebuildConversation(transcript.entries)).toEqual(expectedConversation(n));
    expect(await readSessionTotals(path)).toMatchObject(expectedTotals(n));
    previous = n;
  }

  // Enough entries that compaction boundaries were crossed and rebuilt.
  expect(previous).toBeGreaterThan(2 * COMPACT_EVERY);
  // Created under umask 0 in the child: the library set the modes itself.
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(statSync(join(configDir, 'projects')).mode & 0o777).toBe(0o700);

  // Resume here: any torn tail is cut off, and the conversation is exactly the scripted one.
  const before = await readTranscript(path);
  const session = await resumeSession({ configDir, cwd, id: id.slice(0, 8) });
  expect(session.recoveredTornTail).toEqual(before.tornTail);
  expect(session.messages()).toEqual(expectedConversation(previous));
  session.append(entryFor(previous));
  await session.close('completed');
  const after = await readTranscript(path);
  expect(after.tornTail).toBeUndefined();
  expect(after.entries).toHaveLength(previous + 2);
  expect(after.entries.at(-1)).toMatchObject({ type: 'end', reason: 'completed' });
  console.info(`kill -9 rounds: ${round}, entries: ${previous}, torn last lines seen: ${tornTails}`);
});
