import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { LiveTurnView, clipTail } from '../../src/ui/components/LiveTurnView.tsx';
import { Markdown } from '../../src/ui/components/Markdown.tsx';
import { Panel } from '../../src/ui/components/Panel.tsx';
import { Spinner } from '../../src/ui/components/Spinner.tsx';
import { TodoList } from '../../src/ui/components/TodoList.tsx';
import { ToolCall } from '../../src/ui/components/ToolCall.tsx';
import { TranscriptItemView } from '../../src/ui/components/TranscriptItemView.tsx';
import { Welcome } from '../../src/ui/components/Welcome.tsx';
import type { LiveTurn, ToolCallRecord } from '../../src/ui/state/types.ts';
import { FAKE_INFO } from './fake-runtime.ts';
import { frameOf, renderThemed } from './helpers.tsx';

afterEach(() => cleanup());

const call = (c: Partial<ToolCallRecord>): ToolCallRecord => ({ toolUseId: 't', name: 'Bash', input: {}, startedAt: 0, progress: [], outcome: 'ok', isError: false, resultText: '', ...c });
const live = (l: Partial<LiveTurn> = {}): LiveTurn => ({ startedAt: 0, phase: 'responding', text: '', textContinues: false, thinking: '', tools: [], outputTokens: 1234, costUsd: 0.0042, interrupting: false, ...l });

describe('ToolCall', () => {
  test('Bash: the command, then the tail of its output', () => {
    const out = Array.from({ length: 9 }, (_, i) => `line ${i + 1}`).join('\n');
    const frame = frameOf(renderThemed(<ToolCall call={call({ input: { command: 'npm test' }, resultText: out })} cwd="/p" />));
    expect(frame).toContain('● Bash(npm test)');
    expect(frame).toContain('… 4 lines above');
    expect(frame).toContain('line 9');
    expect(frame).not.toContain('line 4');
  });

  test('Edit: a diff from the tool output hunks, with real line numbers', () => {
    const output = { structuredPatch: [{ oldStart: 10, oldLines: 2, newStart: 10, newLines: 2, lines: [' keep', '-old line', '+new line'] }] };
    const frame = frameOf(renderThemed(<ToolCall call={call({ name: 'Edit', input: { file_path: '/p/src/a.ts', old_string: 'old line', new_string: 'new line' }, output })} cwd="/p" />));
    expect(frame).toContain('● Edit(src/a.ts)');
    expect(frame).toContain('Added 1, removed 1 line');
    expect(frame).toMatch(/11 - old line/);
    expect(frame).toMatch(/11 \+ new line/);
  });

  test('Edit without hunks: the diff is computed from old_string / new_string', () => {
    const frame = frameOf(renderThemed(<ToolCall call={call({ name: 'Edit', input: { file_path: '/p/a.ts', old_string: 'a\nb', new_string: 'a\nc' } })} cwd="/p" />));
    expect(frame).toContain('- b');
    expect(frame).toContain('+ c');
  });

  test('Write: the lines written', () => {
    const frame = frameOf(renderThemed(<ToolCall call={call({ name: 'Write', input: { file_path: '/p/n.txt', content: 'x\ny\n' } })} cwd="/p" />));
    expect(frame).toContain('Wrote 2 lines');
    expect(frame).toMatch(/1 \+ x/);
  });

  test('Glob and Grep: counts', () => {
    expect(frameOf(renderThemed(<ToolCall call={call({ name: 'Glob', input: { pattern: '**/*.ts' }, resultText: 'a.ts\nb.ts\nc.ts' })} cwd="/p" />))).toContain('Found 3 files');
    expect(frameOf(renderThemed(<ToolCall call={call({ name: 'Grep', input: { pattern: 'x' }, resultText: 'a:1\n\nFound 7 matching lines across 2 files.' })} cwd="/p" />))).toContain('Found 7 matching lines in 2 files');
    expect(frameOf(renderThemed(<ToolCall call={call({ name: 'Grep', input: { pattern: 'x' }, resultText: 'Found 2 files\na\nb' })} cwd="/p" />))).toContain('Found 2 files');
  });

  test('denied and failed calls say so; running calls show progress and time', () => {
    expect(frameOf(renderThemed(<ToolCall call={call({ input: { command: 'rm x' }, outcome: 'denied', isError: true, resultText: 'The user denied this.' })} cwd="/p" />))).toContain('Denied: The user denied this.');
    expect(frameOf(renderThemed(<ToolCall call={call({ outcome: 'tool_error', isError: true, resultText: 'Exit code 2' })} cwd="/p" />))).toContain('⎿ Exit code 2');
    const running = frameOf(renderThemed(<ToolCall call={call({ input: { command: 'make' }, startedAt: 1000, progress: ['compiling'] })} cwd="/p" running now={4500} />));
    expect(running).toContain('Bash(make) · 3s');
    expect(running).toContain('⎿ compiling');
  });

  test('tool output cannot inject terminal control sequences', () => {
    const frame = renderThemed(<ToolCall call={call({ input: { command: 'cat x' }, resultText: 'ok\x1b[2J\x1b]0;title\x07done' })} cwd="/p" />).lastFrame() ?? '';
    expect(frame).not.toContain('\x1b[2J');
    expect(frame).not.toContain('\x1b]0;');
    expect(frame).toContain('okdone');
  });
});

describe('small components', () => {
  test('TodoList marks done, doing and to do', () => {
    const frame = frameOf(renderThemed(<TodoList todos={[
      { content: 'Read', status: 'completed', activeForm: 'Reading' },
      { content: 'Fix', status: 'in_progress', activeForm: 'Fixing' },
      { content: 'Ship', status: 'pending', activeForm: 'Shipping' },
    ]} />));
    expect(frame).toBe('☒ Read\n☐ Fixing\n☐ Ship');
  });

  test('Spinner: phase, elapsed time, tokens, cost and the interrupt hint; narrow terminals get the essentials', () => {
    expect(frameOf(renderThemed(<Spinner live={live({ startedAt: 0 })} width={100} now={() => 12_000} />))).toMatch(/Writing… 12s · ↓ 1\.2k tokens · \$0\.0042 · esc to interrupt/);
    const narrow = frameOf(renderThemed(<Spinner live={live()} width={40} now={() => 5000} />));
    expect(narrow).toMatch(/Writing… 5s$/);
  });

  test('Markdown: bullet on the first block, indentation after', () => {
    expect(frameOf(renderThemed(<Markdown text="**Hi**" width={80} bullet />))).toBe('● Hi');
    expect(frameOf(renderThemed(<Markdown text="more" width={80} />))).toBe('  more');
  });

  test('Panel aligns labels', () => {
    expect(frameOf(renderThemed(<Panel title="Cost" lines={[{ label: 'Total', text: '$1' }, { label: 'API time', text: '2s' }]} />))).toBe('\nCost\n  Total     $1\n  API time  2s');
  });

  test('Welcome names the version, folder and model', () => {
    const frame = frameOf(renderThemed(<Welcome info={FAKE_INFO} />));
    expect(frame).toContain('Wren v0.1.0');
    expect(frame).toContain('/srv/project');
    expect(frame).toContain('claude-sonnet-5-5');
  });

  test('TranscriptItemView: prompts, shell commands, notices and todo updates', () => {
    const view = (item: Parameters<typeof TranscriptItemView>[0]['item']) => frameOf(renderThemed(<TranscriptItemView item={item} width={80} cwd="/p" />));
    expect(view({ kind: 'user', id: 1, text: 'hello', mode: 'prompt' })).toContain('› hello');
    expect(view({ kind: 'user', id: 1, text: 'ls', mode: 'shell' })).toContain('! ls');
    expect(view({ kind: 'notice', id: 1, tone: 'error', text: 'boom' })).toContain('✗ boom');
    expect(view({ kind: 'tool', id: 1, call: call({ name: 'TodoWrite', input: { todos: [{ content: 'A', status: 'pending', activeForm: 'A-ing' }] } }) })).toContain('Update todos\n  ☐ A');
  });
});

describe('LiveTurnView', () => {
  test('shows the streaming block, running tools and the spinner; a dialog pauses the spinner', () => {
    const frame = frameOf(renderThemed(<LiveTurnView live={live({ text: 'Working **on it**', tools: [call({ input: { command: 'make' }, outcome: undefined })] })} cwd="/p" verbose={false} now={() => 1000} />));
    expect(frame).toContain('● Working on it');
    expect(frame).toContain('Bash(make)');
    expect(frame).toContain('Writing…');
    expect(frameOf(renderThemed(<LiveTurnView live={live()} cwd="/p" verbose={false} waiting />))).toContain('Waiting for your answer');
  });

  test('a long block shows only its tail, so the live region never outgrows the screen', () => {
    const text = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n\n');
    const frame = frameOf(renderThemed(<LiveTurnView live={live({ text })} cwd="/p" verbose={false} />));
    expect(frame).toContain('more lines above');
    expect(frame).toContain('line 59');
    expect(frame).not.toContain('line 1\n');
    expect(clipTail('a\nb\nc\nd', 2, 80)).toEqual({ text: 'c\nd', hidden: 2 });
    expect(clipTail('x'.repeat(200), 2, 80)).toEqual({ text: 'x'.repeat(160), hidden: 1 });
  });

  test('thinking shows in verbose mode only', () => {
    expect(frameOf(renderThemed(<LiveTurnView live={live({ phase: 'thinking', thinking: 'hmm, the test' })} cwd="/p" verbose />))).toContain('hmm, the test');
    expect(frameOf(renderThemed(<LiveTurnView live={live({ phase: 'thinking', thinking: 'hmm, the test' })} cwd="/p" verbose={false} />))).not.toContain('hmm');
  });
});
