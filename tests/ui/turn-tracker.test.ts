import { describe, expect, test } from 'vitest';
import type { QueryEvent } from '../../src/query/index.ts';
import { SessionController } from '../../src/ui/state/controller.ts';
import { EPOCH_SIZE, UiStore } from '../../src/ui/state/store.ts';
import { TurnTracker } from '../../src/ui/state/turn-tracker.ts';
import { createFakeRuntime, FAKE_INFO } from './fake-runtime.ts';

const U0 = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function setup(verbose = false) {
  const store = new UiStore({ ...FAKE_INFO, verbose });
  const tracker = new TurnTracker(store, () => 1000, { verbose });
  tracker.start();
  const apply = (...events: QueryEvent[]) => events.forEach((e) => tracker.apply(e));
  return { store, apply };
}

const delta = (text: string, index = 0): QueryEvent => ({ type: 'text_delta', turn: 1, index, text });

describe('TurnTracker', () => {
  test('streamed text is committed block by block; only the growing block stays live', () => {
    const { store, apply } = setup();
    apply({ type: 'request_start', turn: 1, attempt: 1, purpose: 'turn', model: 'm', estimatedInputTokens: 1 }, delta('First para'), delta('graph.\n\nSec'));
    expect(store.getState().transcript.items).toEqual([expect.objectContaining({ kind: 'assistant', markdown: 'First paragraph.', first: true })]);
    expect(store.getState().live?.text).toBe('Sec');
    apply(delta('ond.'), { type: 'assistant', turn: 1, id: 'm1', model: 'm', stopReason: 'end_turn', message: { role: 'assistant', content: [{ type: 'text', text: 'First paragraph.\n\nSecond.' }] } });
    expect(store.getState().transcript.items.map((i) => i.kind === 'assistant' && [i.markdown, i.first])).toEqual([['First paragraph.', true], ['Second.', false]]);
    expect(store.getState().live?.text).toBe('');
  });

  test('a reply that was not streamed is committed from the assistant message', () => {
    const { store, apply } = setup();
    apply({ type: 'assistant', turn: 1, id: 'm1', model: 'm', stopReason: 'end_turn', message: { role: 'assistant', content: 'Whole reply.' } });
    expect(store.getState().transcript.items).toEqual([expect.objectContaining({ kind: 'assistant', markdown: 'Whole reply.' })]);
  });

  test('tool calls are live while they run and committed with their result; denied calls keep their input', () => {
    const { store, apply } = setup();
    apply(
      { type: 'assistant', turn: 1, id: 'm1', model: 'm', stopReason: 'tool_use', message: { role: 'assistant', content: [
        { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } },
        { type: 'tool_use', id: 't2', name: 'Bash', input: { command: 'rm -rf x' } },
      ] } },
      { type: 'tool_start', turn: 1, toolUseId: 't1', toolName: 'Bash', input: { command: 'ls' } },
      { type: 'tool_progress', turn: 1, toolUseId: 't1', toolName: 'Bash', message: 'listing' },
    );
    expect(store.getState().live?.tools).toEqual([expect.objectContaining({ toolUseId: 't1', progress: ['listing'] })]);
    apply(
      { type: 'tool_result', turn: 1, toolUseId: 't1', toolName: 'Bash', outcome: 'ok', isError: false, content: 'a\nb', durationMs: 5 },
      { type: 'permission', turn: 1, toolUseId: 't2', toolName: 'Bash', decision: { behavior: 'deny', reason: 'deny rule' }, asked: false },
      { type: 'tool_result', turn: 1, toolUseId: 't2', toolName: 'Bash', outcome: 'denied', isError: true, content: 'denied by rule', durationMs: 0 },
    );
    const tools = store.getState().transcript.items.filter((i) => i.kind === 'tool');
    expect(tools.map((t) => t.kind === 'tool' && [t.call.outcome, t.call.input, t.call.resultText])).toEqual([
      ['ok', { command: 'ls' }, 'a\nb'],
      ['denied', { command: 'rm -rf x' }, 'denied by rule'],
    ]);
    expect(store.getState().live?.tools).toEqual([]);
  });

  test('a TodoWrite call sets the todo list; a finished list clears it', () => {
    const { store, apply } = setup();
    const todos = [{ content: 'Write tests', status: 'in_progress', activeForm: 'Writing tests' }, { content: 'Ship', status: 'pending', activeForm: 'Shipping' }];
    apply({ type: 'tool_start', turn: 1, toolUseId: 't', toolName: 'TodoWrite', input: { todos } });
    expect(store.getState().todos).toEqual(todos);
    apply({ type: 'tool_start', turn: 1, toolUseId: 'u', toolName: 'TodoWrite', input: { todos: todos.map((t) => ({ ...t, status: 'completed' })) } });
    expect(store.getState().todos).toEqual([]);
  });

  test('usage updates tokens and cost; the result adds to the session totals and ends the turn', () => {
    const { store, apply } = setup();
    apply({ type: 'usage', turn: 1, purpose: 'turn', model: 'm', usage: { ...U0, output_tokens: 120 }, costUsd: 0.01, totalUsage: U0, totalCostUsd: 0.01 });
    expect(store.getState().live).toMatchObject({ outputTokens: 120, costUsd: 0.01 });
    apply({ type: 'result', subtype: 'success', isError: false, stopReason: 'end_turn', result: '', numTurns: 1, durationMs: 1, durationApiMs: 1,
      usage: { ...U0, input_tokens: 10, output_tokens: 120 }, totalCostUsd: 0.01, modelUsage: {}, messages: [] });
    expect(store.getState().live).toBeUndefined();
    expect(store.getState().totals).toEqual({ costUsd: 0.01, inputTokens: 10, outputTokens: 120, turns: 1 });
  });

  test('a retry says so, and an aborted or failed run leaves a notice', () => {
    const { store, apply } = setup();
    apply(delta('partial\n\nmore'), { type: 'retry', turn: 1, purpose: 'turn', nextAttempt: 2, delayMs: 2000, reason: 'overloaded', status: 529, message: 'Overloaded' });
    expect(store.getState().live).toMatchObject({ phase: 'retrying', text: '' });
    expect(store.getState().transcript.items.some((i) => i.kind === 'notice' && i.text.includes('sent again'))).toBe(true);
    apply({ type: 'result', subtype: 'aborted', isError: true, stopReason: 'aborted', result: '', numTurns: 0, durationMs: 1, durationApiMs: 1, usage: U0, totalCostUsd: 0, modelUsage: {}, messages: [] });
    expect(store.getState().transcript.items.at(-1)).toMatchObject({ kind: 'notice', text: expect.stringContaining('Interrupted') });
  });

  test('thinking is kept only in verbose mode', () => {
    for (const verbose of [false, true]) {
      const { store, apply } = setup(verbose);
      apply({ type: 'thinking_delta', turn: 1, index: 0, thinking: 'Let me think.' },
        { type: 'assistant', turn: 1, id: 'm', model: 'm', stopReason: 'end_turn', message: { role: 'assistant', content: [{ type: 'thinking', thinking: 'Let me think.', signature: 's' }] } });
      expect(store.getState().transcript.items.some((i) => i.kind === 'thinking')).toBe(verbose);
    }
  });
});

describe('UiStore epochs (memory stays flat)', () => {
  test('a full, flushed epoch is replaced by a new one holding only new items', () => {
    const store = new UiStore(FAKE_INFO);
    for (let i = 0; i < EPOCH_SIZE; i++) store.append({ kind: 'notice', tone: 'info', text: String(i) });
    store.append({ kind: 'notice', tone: 'info', text: 'not flushed yet' });
    expect(store.getState().transcript.epoch).toBe(0);
    store.markFlushed(0, EPOCH_SIZE + 1);
    store.append({ kind: 'notice', tone: 'info', text: 'next' });
    expect(store.getState().transcript).toMatchObject({ epoch: 1, items: [expect.objectContaining({ text: 'next' })] });
  });
});

describe('SessionController', () => {
  test('prompts sent during a turn are queued and sent in order after it', async () => {
    const runtime = createFakeRuntime([[{ text: 'one', chunkDelayMs: 5 }], [{ text: 'two' }], [{ text: 'three' }]]);
    const store = new UiStore(runtime.info());
    const controller = new SessionController({ runtime, store });
    controller.submitPrompt('a');
    controller.submitPrompt('b');
    controller.submitPrompt('c');
    expect(store.getState().queued).toEqual(['b', 'c']);
    await controller.idle();
    expect(runtime.prompts).toEqual(['a', 'b', 'c']);
    expect(store.getState().queued).toEqual([]);
  });

  test('interrupting answers an open permission dialog with a deny and ends the run as aborted', async () => {
    const runtime = createFakeRuntime([[{ tools: [{ name: 'Bash', input: { command: 'make' }, result: 'ok', ask: true }] }]]);
    const store = new UiStore(runtime.info());
    const controller = new SessionController({ runtime, store });
    controller.submitPrompt('build it');
    await vitestWait(() => store.getState().dialogs.length === 1);
    expect(controller.interrupt()).toBe(true);
    await controller.idle();
    expect(runtime.answers).toEqual([{ kind: 'deny', note: 'The user interrupted.' }]);
    expect(store.getState().dialogs).toEqual([]);
    expect(store.getState().live).toBeUndefined();
  });

  test('a long turn asks for attention when it ends; a question asks at once', async () => {
    const calls: string[] = [];
    let t = 0;
    const runtime = createFakeRuntime([[{ text: 'done', tools: [{ name: 'Bash', input: { command: 'x' }, result: '', ask: true }] }]]);
    const store = new UiStore(runtime.info());
    const controller = new SessionController({ runtime, store, now: () => (t += 1000), onAttention: (reason) => calls.push(reason) });
    controller.submitPrompt('go');
    await vitestWait(() => store.getState().dialogs.length === 1);
    store.getState().dialogs[0]!.resolve({ kind: 'allow_once' } as never);
    await controller.idle();
    expect(calls).toEqual(['input_needed', 'turn_done']);
  });
});

async function vitestWait(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not met');
}
