import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildScriptedEntry } from './build-entry.ts';
import { TmuxSession, tmuxSkipReason } from './tmux.ts';

/*
 * Real-terminal tests of the UI before the CLI is wired to it: the real
 * runInteractive, bundled like the CLI, over the scripted fake runtime
 * (scripted-entry.ts), in a fixed-size tmux pane. What the UI did (prompts,
 * permission answers, exit code) is written to a record file at exit.
 */

const skip = tmuxSkipReason();
if (skip) console.warn(`skipping real-terminal UI tests: ${skip}`);

let entry = '';
let dir = '';
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'wren-tmux-'));
  entry = await buildScriptedEntry();
}, 120_000);
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => {
  if (dir && !process.env["KEEP_TMUX_DIR"]) rmSync(dir, { recursive: true, force: true });
  if (entry) rmSync(join(entry, '..'), { recursive: true, force: true });
});

let n = 0;
function start(script: object, options: { width?: number; height?: number; env?: Record<string, string> } = {}) {
  const id = ++n;
  const scriptPath = join(dir, `script-${id}.json`);
  const recordPath = join(dir, `record-${id}.json`);
  writeFileSync(scriptPath, JSON.stringify(script));
  const session = TmuxSession.start({
    command: `${JSON.stringify(process.execPath)} ${JSON.stringify(entry)} ${JSON.stringify(scriptPath)} ${JSON.stringify(recordPath)}`,
    cwd: dir,
    ...options,
  });
  sessions.push(session);
  const record = () => JSON.parse(readFileSync(recordPath, 'utf8')) as { code: number; trusted: boolean; prompts: string[]; answers: unknown[]; closed?: string };
  return { session, record };
}

/** Submits a prompt as a person types it. */
function send(session: TmuxSession, text: string) {
  session.type(text);
  session.keys('Enter');
}

/** Ctrl-C twice; waits for the process to end. Returns the exit code it reported (its record), checked against tmux's when tmux has one. */
async function exit(session: TmuxSession, record: () => { code: number }): Promise<number> {
  session.keys('C-c');
  await session.waitFor('Press Ctrl-C again to exit');
  session.keys('C-c');
  const status = await session.waitForExit();
  const { code } = record();
  if (status !== undefined) expect(status).toBe(code);
  return code;
}

const untrusted = {
  folder: '/home/dev/repo', alreadyTrusted: false, files: [{ file: '/home/dev/repo/.wren/settings.json', kind: 'project settings', valid: true }],
  permissions: { allow: ['Bash(npm test)'], ask: [], deny: [], additionalDirectories: [] },
  hooks: [{ event: 'PostToolUse', matcher: 'Edit', command: 'npm run format', file: '/home/dev/repo/.wren/settings.json' }],
  mcpServers: [], env: [], instructionFiles: ['/home/dev/repo/AGENTS.md'], problems: [],
};

describe.skipIf(skip !== undefined)('the UI in a real terminal (tmux)', () => {
  test('trust dialog -> prompt -> streamed answer -> tool call -> permission: allow once, allow always, deny with a note', async () => {
    const { session, record } = start({
      untrusted,
      armDelayMs: 300,
      turns: [
        [{ text: 'I will run the tests.', chunk: 3, chunkDelayMs: 15, tools: [{ name: 'Bash', input: { command: 'npm test' }, result: 'ok 1\nok 2\n2 passed', ask: true }] }, { text: 'Both tests **pass**.' }],
        [{ tools: [{ name: 'Bash', input: { command: 'npm run lint' }, result: 'clean', ask: true }] }, { text: 'Lint is clean.' }],
        [{ tools: [{ name: 'Bash', input: { command: 'rm -rf build' }, result: 'removed', ask: true }] }, { text: 'Understood, I left build alone.' }],
      ],
    });
    let screen = await session.waitFor('Do you trust the files in this folder?');
    expect(screen).toContain('npm run format');
    expect(screen).toContain('/home/dev/repo/AGENTS.md');
    expect(screen).not.toContain('Ask Wren');
    await session.waitFor('Enter to confirm');
    session.keys('Enter');
    await session.waitFor('Ask Wren');

    send(session, 'run the tests');
    await session.waitFor('Allow Bash?');
    screen = await session.waitFor('Enter to confirm');
    expect(screen).toContain('I will run the tests.');
    expect(screen).toContain('$ npm test');
    session.keys('Enter');
    screen = await session.waitFor('Both tests pass.');
    expect(screen).toContain('2 passed');

    send(session, 'lint it');
    await session.waitFor('$ npm run lint');
    await session.waitFor('Enter to confirm');
    session.keys('Down', 'Enter');
    await session.waitFor('Lint is clean.');

    send(session, 'clean up');
    await session.waitFor('$ rm -rf build');
    await session.waitFor('Enter to confirm');
    session.keys('Up', 'Enter');
    await session.waitFor('Tell Wren what to do instead');
    send(session, 'keep the build folder');
    screen = await session.waitFor('Understood, I left build alone.');
    expect(screen).toContain('Denied');

    expect(await exit(session, record)).toBe(0);
    expect(record()).toMatchObject({
      code: 0, trusted: true, prompts: ['run the tests', 'lint it', 'clean up'],
      answers: [
        { kind: 'allow_once' },
        { kind: 'allow_always', rule: 'Bash(npm run lint)', destination: { scope: 'local', file: '.wren/settings.local.json' } },
        { kind: 'deny', note: 'keep the build folder' },
      ],
    });
  });

  test('a permission dialog that opens while the user types takes none of the keys', async () => {
    const { session, record } = start({ armDelayMs: 400, turns: [[{ tools: [{ name: 'Bash', input: { command: 'make deploy' }, result: 'done', ask: true, runMs: 0 }] }]] });
    await session.waitFor('Ask Wren');
    send(session, 'deploy');
    // Keep typing (Enter included) as the dialog appears.
    for (let i = 0; i < 5; i++) {
      session.type('more text');
      session.keys('Enter');
      await new Promise((r) => setTimeout(r, 60));
    }
    await session.waitFor('Allow Bash?');
    await session.waitFor('Enter to confirm');
    expect(session.capture()).toContain('Allow Bash?');
    session.keys('Escape');
    await session.waitFor('Interrupted');
    expect(await exit(session, record)).toBe(0);
    expect(record().answers).toEqual([{ kind: 'deny', note: 'The user interrupted.' }]);
  });

  test('Esc interrupts mid-stream; the next prompt works', async () => {
    const { session, record } = start({ turns: [[{ text: 'streaming '.repeat(300), chunk: 4, chunkDelayMs: 10 }], [{ text: 'Fresh answer.' }]] });
    await session.waitFor('Ask Wren');
    send(session, 'talk a lot');
    await session.waitFor('esc to interrupt');
    session.keys('Escape');
    await session.waitFor('Interrupted. What should Wren do instead?');
    send(session, 'short please');
    await session.waitFor('Fresh answer.');
    expect(await exit(session, record)).toBe(0);
    expect(record().prompts).toEqual(['talk a lot', 'short please']);
  });

  test('resizing mid-stream redraws at the new width without leaving a broken frame', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of the answer, long enough to wrap when the terminal gets narrow.`).join('\n\n');
    const { session, record } = start({ turns: [[{ text, chunk: 6, chunkDelayMs: 15 }]] }, { width: 100, height: 30 });
    await session.waitFor('Ask Wren');
    send(session, 'explain');
    await session.waitFor('Paragraph 2');
    session.resize(60, 24);
    await session.waitFor('Paragraph 11 of the answer', { scrollback: 500 });
    const screen = await session.waitFor('Ask Wren');
    // The live frame is drawn for the new width: the prompt box is 60 columns.
    const box = screen.split('\n').find((l) => l.startsWith('╭'))!;
    expect(box.length).toBe(60);
    // Every committed paragraph is in the scrollback exactly once.
    const all = session.capture(1000);
    for (let i = 0; i < 12; i++) expect(all.split(`Paragraph ${i} of`).length - 1, `paragraph ${i}`).toBe(1);
    expect(await exit(session, record)).toBe(0);
  });

  test('slash commands: completion, /help, /cost', async () => {
    const { session, record } = start({ turns: [] });
    await session.waitFor('Ask Wren');
    session.type('/he');
    await session.waitFor('Show commands and keys');
    session.keys('Enter');
    const screen = await session.waitFor('Ctrl-C twice');
    expect(screen).toContain('/compact [focus]');
    send(session, '/cost');
    await session.waitFor('$0.0123');
    expect(await exit(session, record)).toBe(0);
  });

  test('/resume brings back a past session', async () => {
    const { session, record } = start({
      turns: [],
      sessions: [{ row: { id: 'past-1', firstPrompt: 'add a login page', messageCount: 2, model: 'claude-sonnet-5-5' }, messages: [{ role: 'user', content: 'add a login page' }, { role: 'assistant', content: 'I added `login.tsx`.' }] }],
    });
    await session.waitFor('Ask Wren');
    send(session, '/resume');
    await session.waitFor('add a login page');
    session.keys('Enter');
    await session.waitFor('I added login.tsx.');
    expect(await exit(session, record)).toBe(0);
  });

  test('a large paste is collapsed; NO_COLOR leaves no colour codes; a narrow terminal still works', async () => {
    const { session, record } = start({ turns: [[{ text: 'Got it.' }]] }, { width: 44, height: 20, env: { NO_COLOR: '1' } });
    await session.waitFor('Ask Wren');
    session.paste(Array.from({ length: 40 }, (_, i) => `pasted ${i}`).join('\n'));
    await session.waitFor('[Pasted text #1 +40 lines]');
    session.keys('Enter');
    await session.waitFor('Got it.');
    const styled = execCapture(session);
    expect(styled).not.toMatch(/\x1b\[(3[0-7]|9[0-7]|38;)/);
    expect(await exit(session, record)).toBe(0);
    expect(record().prompts[0]).toContain('pasted 39');
  });
});

/** The screen with its escape sequences (colours). */
function execCapture(session: TmuxSession): string {
  return (session as unknown as { tmux: (...a: string[]) => string }).tmux('capture-pane', '-p', '-e', '-t', 'main');
}
