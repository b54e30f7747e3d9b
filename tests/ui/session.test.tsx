import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { TrustEffects } from '../../src/config/index.ts';
import type { RuleDestination, RuleEntry } from '../../src/ui/runtime.ts';
import { createFakeRuntime } from './fake-runtime.ts';
import { KEY, frameOf, press, renderApp, type, waitForFrame } from './helpers.tsx';

afterEach(() => cleanup());

async function send(r: { stdin: { write: (s: string) => void } }, text: string) {
  await type(r.stdin, text);
  await press(r.stdin, KEY.enter);
}

describe('the session screen', () => {
  test('a tool call asks permission, runs, and shows its result; the turn goes on after it', async () => {
    const runtime = createFakeRuntime([[
      { text: 'Running the tests.', tools: [{ name: 'Bash', input: { command: 'npm test' }, result: '3 passed', ask: true, progress: ['starting'] }] },
      { text: 'All green.' },
    ]]);
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, 'test it');
    await waitForFrame(r, 'Allow Bash?');
    expect(frameOf(r)).toContain('Waiting for your answer');
    await press(r.stdin, KEY.enter);
    const frame = await waitForFrame(r, 'All green.');
    expect(frame).toContain('● Bash(npm test)');
    expect(frame).toContain('3 passed');
    expect(runtime.answers).toEqual([{ kind: 'allow_once' }]);
  });

  test('Esc interrupts a streaming answer; the prompt is back', async () => {
    const runtime = createFakeRuntime([[{ text: 'word '.repeat(400), chunk: 5, chunkDelayMs: 5 }]]);
    const { r, controller } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, 'talk');
    await waitForFrame(r, 'esc to interrupt');
    await press(r.stdin, KEY.esc);
    await waitForFrame(r, 'Interrupted. What should Wren do instead?');
    await controller.idle();
    expect(frameOf(r)).toContain('Ask Wren');
  });

  test('prompts typed while a turn runs are queued and shown', async () => {
    const runtime = createFakeRuntime([[{ text: 'slow '.repeat(60), chunk: 5, chunkDelayMs: 10 }], [{ text: 'second answer' }]]);
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, 'first');
    await waitForFrame(r, 'Type to queue');
    await send(r, 'then this');
    await waitForFrame(r, 'queued: then this');
    await waitForFrame(r, 'second answer', 5000);
    expect(runtime.prompts).toEqual(['first', 'then this']);
  });

  test('Ctrl-C twice exits; once only warns', async () => {
    const runtime = createFakeRuntime();
    const { r, exits } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await press(r.stdin, KEY.ctrlC);
    await waitForFrame(r, 'Press Ctrl-C again to exit');
    expect(exits).toEqual([]);
    await press(r.stdin, KEY.ctrlC);
    expect(exits).toEqual([{ code: 0, reason: 'interrupted' }]);
  });

  test('! runs a shell command through the runtime (and so the permission gate)', async () => {
    const runtime = createFakeRuntime();
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '!git status');
    const frame = await waitForFrame(r, 'ran git status');
    expect(runtime.prompts).toEqual(['!git status']);
    expect(frame).toContain('! git status');
  });
});

describe('slash commands', () => {
  test('/help lists every command and the keys', async () => {
    const { r } = renderApp(createFakeRuntime());
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/help');
    const frame = await waitForFrame(r, 'Commands');
    for (const name of ['/help', '/clear', '/compact [focus]', '/cost', '/model', '/permissions', '/memory', '/resume', '/status', '/init', '/config', '/doctor', '/exit']) {
      expect(frame).toContain(name);
    }
    expect(frame).toContain('Ctrl-R');
  });

  test('/cost, /status, /config and /doctor show what the runtime reports', async () => {
    const runtime = createFakeRuntime([], {
      status: async () => [{ title: 'Session', items: [{ label: 'Model', value: 'claude-sonnet-5-5' }] }],
      config: async () => [{ key: 'permissions.defaultMode', value: '"plan"', source: '~/.wren/settings.json' }],
      doctor: async () => [{ name: 'ripgrep', status: 'ok', detail: 'rg 13.0.0' }, { name: 'tmux', status: 'warn', detail: 'not found on PATH' }],
    });
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/cost');
    await waitForFrame(r, '$0.0123');
    await send(r, '/status');
    await waitForFrame(r, 'Model');
    await send(r, '/config');
    await waitForFrame(r, 'permissions.defaultMode');
    await send(r, '/doctor');
    const frame = await waitForFrame(r, 'not found on PATH');
    expect(frame).toContain('✓ ripgrep');
    expect(frame).toContain('! tmux');
  });

  test('/model picks a model', async () => {
    const runtime = createFakeRuntime();
    const { r, store } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/model');
    await waitForFrame(r, 'Opus');
    await press(r.stdin, KEY.down, KEY.enter);
    await waitForFrame(r, 'Model set to claude-opus-5');
    expect(store.getState().info.model).toBe('claude-opus-5');
  });

  test('/permissions adds a rule to the chosen file and removes one', async () => {
    const added: [string, string, RuleDestination][] = [];
    const removed: RuleEntry[] = [];
    const rules: RuleEntry[] = [{ rule: 'Bash(npm test)', behavior: 'allow', scope: 'local', file: '.wren/settings.local.json', editable: true }];
    const runtime = createFakeRuntime([], {
      permissionRules: async () => rules,
      addPermissionRule: async (rule, behavior, destination) => (added.push([rule, behavior, destination]), { ok: true }),
      removePermissionRule: async (entry) => (removed.push(entry), { ok: true }),
    });
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/permissions');
    await waitForFrame(r, 'allow Bash(npm test)');
    await press(r.stdin, KEY.enter);
    await waitForFrame(r, 'Rule to add');
    await send(r, 'Read(./docs/**)');
    await waitForFrame(r, 'What should Read(./docs/**) do?');
    await press(r.stdin, KEY.enter);
    await waitForFrame(r, 'to which settings file');
    await press(r.stdin, KEY.enter);
    await waitForFrame(r, 'Added allow rule Read(./docs/**)');
    expect(added).toEqual([['Read(./docs/**)', 'allow', { scope: 'local', file: '.wren/settings.local.json' }]]);
    await send(r, '/permissions');
    await waitForFrame(r, 'Add a rule');
    await press(r.stdin, KEY.down, KEY.enter);
    await waitForFrame(r, 'Remove allow rule Bash(npm test)');
    await press(r.stdin, KEY.down, KEY.enter);
    await waitForFrame(r, 'Removed');
    expect(removed).toEqual(rules);
  });

  test('/resume shows a past session and switches to it', async () => {
    const runtime = createFakeRuntime([], {
      listSessions: async () => [{ id: 'old-1', modifiedAt: new Date(0), firstPrompt: 'add a login page', messageCount: 4, model: 'claude-sonnet-5-5' }],
      resumeSession: async () => ({ ok: true, messages: [{ role: 'user', content: 'add a login page' }, { role: 'assistant', content: 'Added **login.tsx**.' }] }),
    });
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/resume');
    await waitForFrame(r, 'add a login page');
    await press(r.stdin, KEY.enter);
    const frame = await waitForFrame(r, 'Added login.tsx.');
    expect(frame).toContain('Resumed session old-1');
  });

  test('/compact and /init run as turns; /clear starts over; unknown commands are named', async () => {
    const cleared: number[] = [];
    const runtime = createFakeRuntime([], { clear: async () => (cleared.push(1), { ok: true }) });
    const { r, store } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/compact keep the API notes');
    await waitForFrame(r, 'Summary written.');
    await send(r, '/init');
    await waitForFrame(r, 'Wrote AGENTS.md.');
    await send(r, '/nope');
    await waitForFrame(r, 'Unknown command /nope');
    const epoch = store.getState().transcript.epoch;
    await send(r, '/clear');
    await waitForFrame(r, 'New conversation');
    expect(cleared).toEqual([1]);
    expect(store.getState().transcript.epoch).toBe(epoch + 1);
  });

  test('/memory opens the chosen file in the editor', async () => {
    const runtime = createFakeRuntime([], {
      memoryFiles: async () => [
        { label: 'MEMORY.md', path: '/p/.wren/MEMORY.md', exists: true },
        { label: 'AGENTS.md (project)', path: '/p/AGENTS.md', exists: false },
      ],
    });
    const { r, edited } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/memory');
    await waitForFrame(r, '/p/AGENTS.md (new)');
    await press(r.stdin, KEY.down, KEY.enter);
    await waitForFrame(r, 'Edited /p/AGENTS.md');
    expect(edited).toEqual(['/p/AGENTS.md']);
  });

  test('/exit closes the session', async () => {
    const runtime = createFakeRuntime();
    const { r, exits } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await send(r, '/exit');
    await new Promise((res) => setTimeout(res, 20));
    expect(exits).toEqual([{ code: 0, reason: 'exit' }]);
  });
});

describe('trust', () => {
  const effects: TrustEffects = {
    folder: '/p', alreadyTrusted: false, files: [], permissions: { allow: [], ask: [], deny: [], additionalDirectories: [] },
    hooks: [{ event: 'SessionStart', command: 'echo hi', file: '/p/.wren/settings.json' }], mcpServers: [], env: [], instructionFiles: [], problems: [],
  };

  test('an untrusted folder asks first; nothing else shows until it is trusted', async () => {
    let trusted = false;
    const runtime = createFakeRuntime([], {
      trustState: () => (trusted ? { trusted: true } : { trusted: false, effects }),
      acceptTrust: async () => ((trusted = true), { ok: true }),
    });
    const { r } = renderApp(runtime);
    const frame = await waitForFrame(r, 'Do you trust the files in this folder?');
    expect(frame).toContain('echo hi');
    expect(frame).not.toContain('Ask Wren');
    await press(r.stdin, KEY.enter);
    await waitForFrame(r, 'Ask Wren');
    expect(trusted).toBe(true);
  });

  test('declining exits with code 1', async () => {
    const runtime = createFakeRuntime([], { trustState: () => ({ trusted: false, effects }) });
    const { r, exits } = renderApp(runtime);
    await waitForFrame(r, 'Do you trust');
    await press(r.stdin, KEY.down, KEY.enter);
    expect(exits).toEqual([{ code: 1, reason: 'untrusted' }]);
  });
});
