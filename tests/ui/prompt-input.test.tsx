import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_COMMANDS } from '../../src/ui/commands/builtin-commands.ts';
import { PromptHistory } from '../../src/ui/input/history.ts';
import { PromptInput } from '../../src/ui/input/PromptInput.tsx';
import { createVimKeymap } from '../../src/ui/vim-mode/index.ts';
import { KEY, frameOf, press, renderThemed, type, waitForFrame } from './helpers.tsx';

afterEach(() => cleanup());

function prompt(options: { history?: PromptHistory; files?: string[]; vim?: boolean } = {}) {
  const sent: { text: string; shown: string }[] = [];
  const history = options.history ?? new PromptHistory(undefined);
  const r = renderThemed(
    <PromptInput commands={BUILTIN_COMMANDS} history={history} loadFiles={async () => options.files ?? ['src/app.ts', 'src/ui/prompt.tsx', 'README.md']}
      onSubmit={(p) => sent.push(p)} placeholder="Ask" {...(options.vim ? { mode: createVimKeymap() } : {})} />,
  );
  return { r, sent, history };
}

describe('PromptInput', () => {
  test('types and sends; the prompt is cleared', async () => {
    const { r, sent } = prompt();
    await type(r.stdin, 'hello');
    await press(r.stdin, KEY.enter);
    expect(sent).toEqual([{ text: 'hello', shown: 'hello' }]);
    expect(frameOf(r)).toContain('Ask');
  });

  test('multi-line: backslash-Enter and Alt-Enter insert new lines', async () => {
    const { r, sent } = prompt();
    await type(r.stdin, 'one\\');
    await press(r.stdin, KEY.enter);
    await type(r.stdin, 'two');
    await press(r.stdin, KEY.altEnter);
    await type(r.stdin, 'three');
    expect(frameOf(r)).toMatch(/one\s*│\n│\s+two/);
    await press(r.stdin, KEY.enter);
    expect(sent[0]?.text).toBe('one\ntwo\nthree');
  });

  test('a large paste is collapsed to a placeholder and expanded on submit', async () => {
    const { r, sent } = prompt();
    const big = Array.from({ length: 30 }, (_, i) => `log line ${i}`).join('\n');
    await type(r.stdin, 'explain ');
    await press(r.stdin, KEY.paste(big));
    await waitForFrame(r, '[Pasted text #1 +30 lines]');
    expect(frameOf(r)).not.toContain('log line 5');
    await press(r.stdin, KEY.enter);
    expect(sent).toEqual([{ text: `explain ${big}`, shown: 'explain [Pasted text #1 +30 lines]' }]);
  });

  test('a small paste is inserted as is', async () => {
    const { r, sent } = prompt();
    await press(r.stdin, KEY.paste('a\nb'), KEY.enter);
    expect(sent[0]?.text).toBe('a\nb');
  });

  test('history: ↑ recalls earlier prompts (with their pastes), ↓ comes back to the draft', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wren-history-'));
    try {
      const file = join(dir, 'history.jsonl');
      const first = prompt({ history: new PromptHistory(file) });
      await type(first.r.stdin, 'first');
      await press(first.r.stdin, KEY.enter);
      await type(first.r.stdin, 'second');
      await press(first.r.stdin, KEY.enter);
      await new Promise((res) => setTimeout(res, 50));
      expect(readFileSync(file, 'utf8')).toBe('{"text":"first"}\n{"text":"second"}\n');
      // A new session of the same project reads it back.
      const history = new PromptHistory(file);
      await history.load();
      const { r, sent } = prompt({ history });
      await type(r.stdin, 'draft');
      await press(r.stdin, KEY.up);
      await waitForFrame(r, 'second');
      await press(r.stdin, KEY.up);
      await waitForFrame(r, 'first');
      await press(r.stdin, KEY.down, KEY.down);
      await waitForFrame(r, 'draft');
      await press(r.stdin, KEY.up, KEY.up, KEY.enter);
      expect(sent.at(-1)?.text).toBe('first');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Ctrl-R searches history; Ctrl-R again finds an older match', async () => {
    const history = new PromptHistory(undefined);
    await history.add({ text: 'run the unit tests' });
    await history.add({ text: 'deploy' });
    await history.add({ text: 'run the linter' });
    const { r, sent } = prompt({ history });
    await press(r.stdin, KEY.ctrlR);
    await type(r.stdin, 'run');
    await waitForFrame(r, 'run the linter');
    await press(r.stdin, KEY.ctrlR);
    await waitForFrame(r, 'run the unit tests');
    await press(r.stdin, KEY.enter, KEY.enter);
    expect(sent).toEqual([{ text: 'run the unit tests', shown: 'run the unit tests' }]);
  });

  test('/ completes command names; Enter on a complete command sends it', async () => {
    const { r, sent } = prompt();
    await type(r.stdin, '/co');
    const frame = await waitForFrame(r, '/compact [focus]');
    expect(frame).toContain('/cost');
    expect(frame).toContain('/config');
    await press(r.stdin, KEY.down, KEY.enter);
    expect(sent).toEqual([{ text: '/cost', shown: '/cost' }]);
  });

  test('@ completes file paths fuzzily; Tab accepts', async () => {
    const { r, sent } = prompt();
    await type(r.stdin, 'look at @uiprm');
    await waitForFrame(r, 'src/ui/prompt.tsx');
    await press(r.stdin, KEY.tab);
    await waitForFrame(r, '@src/ui/prompt.tsx');
    await press(r.stdin, KEY.enter);
    expect(sent[0]?.text).toBe('look at @src/ui/prompt.tsx ');
  });

  test('Esc twice clears the prompt', async () => {
    const { r } = prompt();
    await type(r.stdin, 'oops');
    // A lone ESC is told from an escape sequence by a short pause (ink waits 20 ms), as a person types.
    await press(r.stdin, KEY.esc);
    await new Promise((res) => setTimeout(res, 40));
    await press(r.stdin, KEY.esc);
    await waitForFrame(r, 'Ask');
    expect(frameOf(r)).not.toContain('oops');
  });

  test('vim keybindings (VIM_MODE): Esc to normal mode, motions and edits, the mode shown', async () => {
    const { r, sent } = prompt({ vim: true });
    expect(frameOf(r)).toContain('-- INSERT --');
    await type(r.stdin, 'hello big world');
    await press(r.stdin, KEY.esc);
    await waitForFrame(r, '-- NORMAL --');
    await press(r.stdin, 'b', 'b', 'd', 'w', 'A');
    await waitForFrame(r, '-- INSERT --');
    await type(r.stdin, '!');
    await press(r.stdin, KEY.enter);
    expect(sent).toEqual([{ text: 'hello world!', shown: 'hello world!' }]);
  });
});
