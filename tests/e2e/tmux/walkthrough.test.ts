import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startFakeApi, text, toolResultsOf, toolUse, turn, type FakeApi } from '../../support/fake-api/index.ts';
import { TmuxSession, tmuxSkipReason } from './tmux.ts';

/*
 * The walkthrough, on the BUILT CLI (`node dist/external/cli.js`) in a
 * real terminal, in a temp project, against the fake Messages API: trust
 * dialog -> prompt -> streamed answer -> tool call -> permission dialog
 * (allow once, allow always, deny with a note) -> result; Esc mid-stream;
 * resize mid-stream; a slash command; resume the session.
 *
 * It runs once the entry point starts the interactive UI (main.ts calling
 * runInteractive through a dynamic import); until then the built CLI has no
 * UI in it and the test says so and skips.
 */

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'dist', 'external', 'cli.js');

/** Why the walkthrough cannot run here, or undefined. */
function skipReason(): string | undefined {
  const tmux = tmuxSkipReason();
  if (tmux) return tmux;
  if (!existsSync(cli)) return 'dist/external/cli.js is missing: run `npm run build` first';
  const dist = join(root, 'dist', 'external');
  const files = [cli, ...(existsSync(join(dist, 'chunks')) ? readdirSync(join(dist, 'chunks')).map((f) => join(dist, 'chunks', f)) : [])];
  // A string only the UI has: present once the entry point reaches runInteractive.
  const wired = files.some((f) => readFileSync(f, 'utf8').includes('Ask Wren to do something'));
  return wired ? undefined : 'the built CLI does not start the interactive UI yet (src/entrypoints/main.ts does not call runInteractive)';
}

const skip = skipReason();
if (skip) console.warn(`skipping the interactive walkthrough: ${skip}`);

const LONG = Array.from({ length: 14 }, (_, i) => `Story paragraph ${i}: the agent kept working, line after line, until the terminal filled.`).join('\n\n');

let api: FakeApi;
let project = '';
let configDir = '';
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (skip) return;
  project = realpathSync(mkdtempSync(join(tmpdir(), 'wren-walk-project-')));
  configDir = mkdtempSync(join(tmpdir(), 'wren-walk-config-'));
  mkdirSync(join(project, '.wren'));
  // A project setting makes trusting the folder mean something the dialog must list.
  writeFileSync(join(project, '.wren', 'settings.json'), JSON.stringify({ permissions: { deny: ['Read(./secrets/**)'] } }));
  writeFileSync(join(project, 'README.md'), '# demo\n');
  api = await startFakeApi([
    // 1. streamed answer + a tool call, allowed once
    turn([text('Hello! I will create a file.'), toolUse('Bash', { command: 'touch made-by-wren.txt' })], { chunkDelayMs: 10, deltaSize: 4 }),
    'Created made-by-wren.txt.',
    // 2. allowed always
    turn([toolUse('Bash', { command: 'touch second.txt' })]),
    'Created second.txt.',
    // 3. denied with a note
    turn([toolUse('Bash', { command: 'rm made-by-wren.txt' })]),
    'Understood: I kept the file.',
    // 4. interrupted mid-stream (the reply is slow; Esc cuts it)
    turn(LONG, { chunkDelayMs: 40, deltaSize: 6 }),
    // 5. resized mid-stream
    turn(LONG, { chunkDelayMs: 10, deltaSize: 6 }),
  ]);
}, 60_000);

afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

afterAll(async () => {
  await api?.close();
  for (const dir of [project, configDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function wren(args: string[] = [], size = { width: 100, height: 32 }): TmuxSession {
  const session = TmuxSession.start({
    command: [process.execPath, cli, ...args].map((a) => JSON.stringify(a)).join(' '),
    cwd: project,
    env: { ...api.env, WREN_CONFIG_DIR: configDir, HOME: configDir },
    ...size,
  });
  sessions.push(session);
  return session;
}

function send(session: TmuxSession, prompt: string): void {
  session.type(prompt);
  session.keys('Enter');
}

async function answerPermission(session: TmuxSession, command: string, keys: string[]): Promise<void> {
  await session.waitFor(`$ ${command}`);
  await session.waitFor('Enter to confirm');
  session.keys(...keys);
}

describe.skipIf(skip !== undefined)('walkthrough: the built CLI in a real terminal against the fake API', () => {
  test('trust -> streamed answer -> tools with allow once / allow always / deny -> Esc -> resize -> /cost -> resume', async () => {
    const session = wren();
    let screen = await session.waitFor('Do you trust the files in this folder?');
    expect(screen).toContain('Read(./secrets/**)');
    await session.waitFor('Enter to confirm');
    session.keys('Enter');
    await session.waitFor('Ask Wren');

    send(session, 'say hello and make a file');
    await answerPermission(session, 'touch made-by-wren.txt', ['Enter']);
    screen = await session.waitFor('Created made-by-wren.txt.');
    expect(screen).toContain('Hello! I will create a file.');
    expect(existsSync(join(project, 'made-by-wren.txt'))).toBe(true);

    send(session, 'make another');
    await answerPermission(session, 'touch second.txt', ['Down', 'Enter']);
    await session.waitFor('Created second.txt.');
    const local = JSON.parse(readFileSync(join(project, '.wren', 'settings.local.json'), 'utf8')) as { permissions: { allow: string[] } };
    // The analyser suggests the narrowest prefix rule that covers the command.
    expect(local.permissions.allow).toContain('Bash(touch:*)');

    send(session, 'remove the first one');
    await answerPermission(session, 'rm made-by-wren.txt', ['Up', 'Enter']);
    await session.waitFor('Tell Wren what to do instead');
    send(session, 'keep it, it is needed');
    await session.waitFor('Understood: I kept the file.');
    expect(existsSync(join(project, 'made-by-wren.txt'))).toBe(true);
    const denied = toolResultsOf(api.messageRequests[5]!.body)[0]!;
    expect(JSON.stringify(denied)).toContain('keep it, it is needed');

    send(session, 'tell me a long story');
    await session.waitFor('Story paragraph 1');
    session.keys('Escape');
    await session.waitFor('Interrupted');
    expect(session.capture()).not.toContain('Story paragraph 13');

    send(session, 'another long story');
    await session.waitFor('Story paragraph 2');
    session.resize(70, 24);
    await session.waitFor('Story paragraph 13', { scrollback: 1000, timeoutMs: 20_000 });
    await session.waitFor('Ask Wren');
    const box = session.capture().split('\n').find((l) => l.startsWith('╭'))!;
    expect(box.length).toBe(70);
    const all = session.capture(2000);
    // After the redraw every paragraph of the resized answer is there once (the interrupted one stopped early).
    expect(all.split('Story paragraph 13:').length - 1).toBe(1);

    send(session, '/cost');
    await session.waitFor('Total cost');

    session.keys('C-c');
    await session.waitFor('Press Ctrl-C again to exit');
    session.keys('C-c');
    await session.waitForExit();

    // A new run of the CLI resumes that session from /resume.
    const again = wren();
    await again.waitFor('Ask Wren');
    send(again, '/resume');
    await again.waitFor('say hello and make a file');
    again.keys('Enter');
    screen = await again.waitFor('Created made-by-wren.txt.');
    expect(screen).toContain('Resumed session');
  }, 120_000);
});
