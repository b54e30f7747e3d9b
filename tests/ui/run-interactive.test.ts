import { afterEach, describe, expect, test } from 'vitest';
import { runInteractive } from '../../src/ui/index.ts';
import { createFakeRuntime } from './fake-runtime.ts';
import { FakeTerminal, fakeStdin } from './fake-terminal.ts';

/*
 * runInteractive as the entry point calls it, on a fake TTY: what it writes
 * to the terminal besides the frames (synchronized output, focus reporting,
 * notifications, no alternate screen), colour, the exit code.
 */

const running: Promise<number>[] = [];
afterEach(async () => {
  await Promise.allSettled(running.splice(0));
});

function start(runtime = createFakeRuntime(), options: { env?: Record<string, string>; initialPrompt?: string; notifyAfterMs?: number } = {}) {
  const stdout = new FakeTerminal();
  const stdin = fakeStdin();
  // vitest replaces console; ink's console patching is for real terminals.
  const done = runInteractive(runtime, { stdin, stdout: stdout as unknown as NodeJS.WriteStream, env: options.env ?? {}, patchConsole: false, ...options });
  running.push(done);
  const exit = async () => {
    await new Promise((r) => setTimeout(r, 5));
    stdin.write('\x03');
    await new Promise((r) => setTimeout(r, 5));
    stdin.write('\x03');
    return done;
  };
  return { stdout, stdin, done, exit, runtime };
}

describe('runInteractive', () => {
  test('draws in the main screen (scrollback kept), in synchronized-output frames, with focus reporting on and off', async () => {
    const { stdout, exit } = start();
    await stdout.waitFor('Ask Wren');
    expect(await exit()).toBe(0);
    expect(stdout.text).not.toContain('\x1b[?1049h');
    expect(stdout.text).toContain('\x1b[?2026h');
    expect(stdout.text).toContain('\x1b[?2026l');
    expect(stdout.text).toContain('\x1b[?1004h');
    expect(stdout.text.lastIndexOf('\x1b[?1004l')).toBeGreaterThan(stdout.text.lastIndexOf('\x1b[?1004h'));
  });

  test('sends the initial prompt, and the runtime is closed on exit', async () => {
    const runtime = createFakeRuntime([[{ text: 'First answer.' }]]);
    const { stdout, exit } = start(runtime, { initialPrompt: 'hello from argv' });
    await stdout.waitFor('First answer.');
    expect(await exit()).toBe(0);
    expect(runtime.prompts).toEqual(['hello from argv']);
    expect(runtime.closed).toBe('interrupted');
  });

  test('colour unless NO_COLOR', async () => {
    const colored = start(createFakeRuntime([[{ text: 'Run `npm test` now.' }]]), { initialPrompt: 'go' });
    await colored.stdout.waitFor('now.');
    await colored.exit();
    expect(colored.stdout.text).toMatch(/\x1b\[36mnpm test\x1b\[39m/);
    const plain = start(createFakeRuntime([[{ text: 'Run `npm test` now.' }]]), { initialPrompt: 'go', env: { NO_COLOR: '1' } });
    await plain.stdout.waitFor('now.');
    await plain.exit();
    expect(plain.stdout.text).not.toMatch(/\x1b\[(3[0-7]|9[0-7])m/);
  });

  test('a turn ending while the terminal is unfocused rings the bell; while focused it does not', async () => {
    for (const [focus, expected] of [['\x1b[O', true], ['\x1b[I', false]] as const) {
      const { stdout, stdin, exit } = start(createFakeRuntime([[{ text: 'Done.', chunkDelayMs: 20 }]]), { notifyAfterMs: 0 });
      await stdout.waitFor('Ask Wren');
      stdin.write(focus);
      await new Promise((r) => setTimeout(r, 30));
      stdin.write('go\r');
      await stdout.waitFor('Done.');
      await new Promise((r) => setTimeout(r, 30));
      await exit();
      expect(stdout.text.includes('\x07'), `focus ${JSON.stringify(focus)}`).toBe(expected);
    }
  });

  test('a resize that changes the width clears the screen and draws the conversation again', async () => {
    const { stdout, exit } = start(createFakeRuntime([[{ text: 'Kept across the resize.' }]]), { initialPrompt: 'go' });
    await stdout.waitFor('Kept across the resize.');
    const before = stdout.text.length;
    stdout.resize(60, 20);
    await new Promise((r) => setTimeout(r, 300));
    const after = stdout.text.slice(before);
    expect(after).toContain('\x1b[2J\x1b[3J\x1b[H');
    expect(after).toContain('Kept across the resize.');
    await exit();
  });
});
