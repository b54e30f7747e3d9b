import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSession, resumeSession, unansweredToolUses } from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';

const callTwo: MessageParam = {
  role: 'assistant',
  content: [
    { type: 'text', text: 'Reading both.' },
    { type: 'tool_use', id: 'toolu_a', name: 'Read', input: { file_path: 'a' } },
    { type: 'tool_use', id: 'toolu_b', name: 'Read', input: { file_path: 'b' } },
  ],
};

it('finds the tool calls a session died in the middle of, so a resume can answer them', async () => {
  const root = testdir({ 'work/': '' });
  const dirs = { configDir: join(root, 'config'), cwd: join(root, 'work') };
  const session = await openSession({ ...dirs, model: 'm' });
  session.append({ type: 'message', message: { role: 'user', content: 'read a and b' } });
  session.append({ type: 'message', message: callTwo });
  session.append({ type: 'message', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_a', content: 'A' }] } });
  // (killed here: toolu_b never got its result)

  const resumed = await resumeSession({ ...dirs, id: session.id });
  expect(unansweredToolUses(resumed.messages()).map((use) => use.id)).toEqual(['toolu_b']);
  resumed.append({
    type: 'message',
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_b', content: 'interrupted', is_error: true }] },
  });
  expect(unansweredToolUses(resumed.messages())).toEqual([]);
  await resumed.close('completed');
});

it('is empty for a conversation that ends in a plain answer or has no assistant turn', () => {
  expect(unansweredToolUses([])).toEqual([]);
  expect(unansweredToolUses([{ role: 'user', content: 'hi' }])).toEqual([]);
  expect(unansweredToolUses([{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }])).toEqual([]);
  expect(unansweredToolUses([{ role: 'user', content: 'x' }, callTwo]).map((use) => use.id)).toEqual(['toolu_a', 'toolu_b']);
});
