import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createFakeRuntime } from './fake-runtime.ts';
import { KEY, frameOf, press, renderApp, type, waitForFrame } from './helpers.tsx';

afterEach(() => cleanup());

describe('App: a session', () => {
  test('a prompt streams a markdown answer into the transcript', async () => {
    const runtime = createFakeRuntime([[{ text: 'Here is **the plan**:\n\n1. Read the code\n2. Fix the bug\n\nDone.', chunk: 5 }]]);
    const { r } = renderApp(runtime);
    await waitForFrame(r, 'Ask Wren');
    await type(r.stdin, 'fix the bug');
    await press(r.stdin, KEY.enter);
    const frame = await waitForFrame(r, 'Done.');
    expect(runtime.prompts).toEqual(['fix the bug']);
    expect(frame).toContain('› fix the bug');
    expect(frame).toContain('● Here is the plan:');
    expect(frame).toContain('1. Read the code');
    expect(frame).not.toContain('**');
  });
});
