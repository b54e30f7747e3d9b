import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { commandDirs, loadCommands, parseCommand } from '../../src/ui/commands/registry.ts';
import { expandArguments } from '../../src/ui/commands/user-commands.ts';
import { historyItems } from '../../src/ui/state/history-items.ts';
import { UiStore } from '../../src/ui/state/store.ts';
import { runStatusCommand, statusLineInput } from '../../src/ui/status-line/index.ts';
import { StatusLine } from '../../src/ui/status-line/StatusLine.tsx';
import { createFocusInput } from '../../src/ui/terminal/focus-input.ts';
import { attentionSequence, shouldNotify } from '../../src/ui/terminal/notify.ts';
import { colorEnabled } from '../../src/ui/theme.ts';
import { createVimKeymap } from '../../src/ui/vim-mode/index.ts';
import * as tb from '../../src/ui/input/text-buffer.ts';
import { createFakeRuntime, FAKE_INFO } from './fake-runtime.ts';
import { frameOf, renderThemed, waitForFrame } from './helpers.tsx';

afterEach(() => cleanup());

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wren-ui-'));
  dirs.push(d);
  return d;
}

describe('terminal etiquette', () => {
  test('NO_COLOR (any non-empty value) and TERM=dumb turn colour off', () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ TERM: 'dumb' })).toBe(false);
  });

  test('OSC 9 on terminals that show it, the bell elsewhere and under tmux', () => {
    expect(attentionSequence({ TERM_PROGRAM: 'iTerm.app' }, 'Done\x07!')).toBe('\x1b]9;Done !\x07');
    expect(attentionSequence({ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux-0/default,1,0' }, 'Done')).toBe('\x07');
    expect(attentionSequence({ TERM: 'xterm-256color' }, 'Done')).toBe('\x07');
  });

  test('notify only when unfocused, or after a long turn when focus is unknown', () => {
    const base = { longTurnMs: 15_000 } as const;
    expect(shouldNotify({ ...base, focus: 'focused', reason: 'input_needed', turnMs: 0 })).toBe(false);
    expect(shouldNotify({ ...base, focus: 'unfocused', reason: 'input_needed', turnMs: 0 })).toBe(true);
    expect(shouldNotify({ ...base, focus: 'unfocused', reason: 'turn_done', turnMs: 500 })).toBe(false);
    expect(shouldNotify({ ...base, focus: 'unknown', reason: 'turn_done', turnMs: 20_000 })).toBe(true);
    expect(shouldNotify({ ...base, focus: 'unknown', reason: 'input_needed', turnMs: 0 })).toBe(false);
  });

  test('focus reports are taken out of the input and tracked; the rest reaches ink', async () => {
    const real = new PassThrough() as unknown as NodeJS.ReadStream;
    let raw = false;
    Object.assign(real, { isTTY: true, setRawMode: (m: boolean) => ((raw = m), real) });
    const changes: string[] = [];
    const focus = createFocusInput(real, (f) => changes.push(f));
    focus.stdin.setEncoding('utf8');
    focus.stdin.setRawMode(true);
    expect(raw).toBe(true);
    (real as unknown as PassThrough).write('ab\x1b[Ocd\x1b[I');
    await new Promise((r) => setImmediate(r));
    expect(focus.stdin.read()).toBe('abcd');
    expect(changes).toEqual(['unfocused', 'focused']);
    expect(focus.focus()).toBe('focused');
    focus.stdin.setRawMode(false);
    expect(raw).toBe(false);
    focus.dispose();
  });
});

describe('user-defined commands', () => {
  test('markdown files become commands; project ones only in a trusted folder; built-ins are never shadowed', async () => {
    const user = tempDir();
    const project = tempDir();
    writeFileSync(join(user, 'review.md'), '---\ndescription: Review the diff\nargument-hint: <focus>\n---\nReview the current diff, focusing on $ARGUMENTS.');
    mkdirSync(join(user, 'git'));
    writeFileSync(join(user, 'git', 'commit.md'), 'Write a commit message for the staged changes.');
    writeFileSync(join(user, 'help.md'), 'I would shadow /help');
    writeFileSync(join(project, 'deploy.md'), 'Deploy to $1 with tag $2.');
    const info = { ...FAKE_INFO, paths: { ...FAKE_INFO.paths, userCommands: user, projectCommands: project } };
    const untrusted = await loadCommands({ ...info, trusted: false });
    expect(untrusted.filter((c) => c.source !== 'builtin').map((c) => c.name)).toEqual(['git:commit', 'review']);
    const trusted = await loadCommands({ ...info, trusted: true });
    expect(trusted.filter((c) => c.source !== 'builtin').map((c) => `${c.name}:${c.source}`)).toEqual(['deploy:project', 'git:commit:user', 'review:user']);
    expect(commandDirs({ ...info, trusted: false })).toEqual([{ dir: user, source: 'user' }]);
    const review = trusted.find((c) => c.name === 'review')!;
    expect([review.description, review.argumentHint]).toEqual(['Review the diff', '<focus>']);
    expect(trusted.filter((c) => c.name === 'help')).toHaveLength(1);
    // Running one sends its prompt, arguments in place.
    const runtime = createFakeRuntime([[{ text: 'ok' }]]);
    const store = new UiStore(runtime.info());
    const { SessionController } = await import('../../src/ui/state/controller.ts');
    const controller = new SessionController({ runtime, store });
    const parsed = parseCommand('/deploy staging v2', trusted);
    if (!parsed || 'unknown' in parsed) throw new Error('not parsed');
    await parsed.command.run(parsed.args, { runtime, controller, store } as never);
    await controller.idle();
    expect(runtime.prompts).toEqual(['Deploy to staging with tag v2.']);
  });

  test('arguments: $ARGUMENTS, $1.., or appended when there is no placeholder', () => {
    expect(expandArguments('Fix $ARGUMENTS now', 'the bug')).toBe('Fix the bug now');
    expect(expandArguments('Explain this.', 'in detail')).toBe('Explain this.\n\nin detail');
  });
});

describe('resumed conversations', () => {
  test('prompts, answers and tool calls with how they ended', () => {
    const items = historyItems([
      { role: 'user', content: 'list files' },
      { role: 'assistant', content: [{ type: 'text', text: 'Listing.' }, { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'a\nb' }] },
    ]);
    expect(items.map((i) => i.kind)).toEqual(['user', 'assistant', 'tool']);
    expect(items[2]).toMatchObject({ call: { name: 'Bash', outcome: 'ok', resultText: 'a\nb' } });
  });
});

describe('the status line (STATUSLINE)', () => {
  test('the command gets the session state as JSON on stdin; its first line is shown', async () => {
    const dir = tempDir();
    const script = join(dir, 'status.sh');
    writeFileSync(script, '#!/bin/sh\nread input\necho "[$(echo "$input" | sed -e \'s/.*"id":"\\([^"]*\\)".*/\\1/\')] ok"\necho second line\n');
    chmodSync(script, 0o755);
    const input = statusLineInput(FAKE_INFO, { costUsd: 0.5, inputTokens: 10, outputTokens: 20, turns: 1 }, false);
    expect(input).toMatchObject({ model: { id: 'claude-sonnet-5-5' }, cost: { total_cost_usd: 0.5 }, workspace: { current_dir: '/srv/project' } });
    expect(await runStatusCommand(script, input, { cwd: dir })).toBe('[claude-sonnet-5-5] ok');
    expect(await runStatusCommand('sleep 5', input, { cwd: dir, timeoutMs: 100 })).toBe('');
  });

  test('shown under the prompt, re-run when the state changes (debounced)', async () => {
    const dir = tempDir();
    const runtime = createFakeRuntime([], { info: { cwd: dir }, statusLineConfig: () => ({ command: `cat > /dev/null; echo "model: $(date +%N)"` }) });
    const store = new UiStore(runtime.info());
    const r = renderThemed(<StatusLine store={store} runtime={runtime} />);
    const first = await waitForFrame(r, 'model: ');
    store.update({ totals: { costUsd: 1, inputTokens: 1, outputTokens: 1, turns: 1 } });
    await waitForFrame(r, new RegExp(`model: (?!${first.trim().slice(7)})`));
    expect(frameOf(r)).toMatch(/^model: \d+$/);
  });

  test('no command, no line', () => {
    const runtime = createFakeRuntime();
    expect(frameOf(renderThemed(<StatusLine store={new UiStore(runtime.info())} runtime={runtime} />))).toBe('');
  });
});

describe('vim keymap (VIM_MODE)', () => {
  const keys = (b: tb.TextBuffer, seq: string[]) => {
    const vim = createVimKeymap();
    let buffer = b;
    const k = (p: Record<string, boolean> = {}) => ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...p });
    for (const s of seq) {
      const r = s === 'ESC' ? vim.handle(buffer, '', k({ escape: true })) : vim.handle(buffer, s, k());
      if (r && r !== 'consumed' && 'buffer' in r) buffer = r.buffer;
      else if (r === undefined) buffer = tb.insert(buffer, s);
    }
    return { buffer, mode: vim.mode() };
  };

  test('Esc, motions, dd, x, u, p', () => {
    expect(keys(tb.bufferOf('one two'), ['ESC', '0', 'd', 'w'])).toMatchObject({ buffer: { text: 'two' }, mode: 'normal' });
    expect(keys(tb.bufferOf('a\nb\nc', 2), ['ESC', 'd', 'd']).buffer.text).toBe('a\nc');
    expect(keys(tb.bufferOf('abc'), ['ESC', 'x', 'u']).buffer.text).toBe('abc');
    expect(keys(tb.bufferOf('abc'), ['ESC', '0', 'x', 'p']).buffer.text).toBe('bac');
    expect(keys(tb.bufferOf('abc'), ['ESC', 'A', 'd']).buffer.text).toBe('abcd');
    expect(keys(tb.bufferOf('abc'), ['ESC', 'q', 'z']).buffer.text).toBe('abc');
  });
});
