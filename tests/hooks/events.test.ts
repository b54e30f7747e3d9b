import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileMatcher } from '../../src/hooks/index.ts';
import { hookFixture, hooksConfig, runnerFor, script } from './hook-support.ts';

describe('matchers read as Claude Code reads them', () => {
  test.each([
    [undefined, 'Read', true],
    ['', 'Read', true],
    ['*', 'mcp__x__y', true],
    ['Bash', 'Bash', true],
    ['Bash', 'BashOutput', false],
    ['Edit|Write', 'Write', true],
    ['Edit|Write', 'NotebookEdit', false],
    ['mcp__github__.*', 'mcp__github__create_issue', true],
    ['mcp__github__.*', 'mcp__gitlab__create_issue', false],
    ['Notebook.*', 'NotebookEdit', true],
    ['^(Read|Grep)$', 'Grep', true],
    ['^(Read|Grep)$', 'Glob', false],
  ] as const)('matcher %j on %s -> %s', (matcher, value, expected) => {
    const m = compileMatcher(matcher);
    expect(m.ok && m.test(value)).toBe(expected);
  });

  test('an invalid regular expression is reported and its hooks never run', () => {
    expect(compileMatcher('mcp__(')).toMatchObject({ ok: false, message: expect.stringMatching(/not a valid regular expression/) });
    const f = hookFixture();
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'mcp__(', commands: ['true'] }] }));
    expect(runner.problems).toEqual([expect.stringMatching(/user-settings\.json: matcher "mcp__\(" is not a valid regular expression/)]);
    expect(runner.has('PreToolUse')).toBe(false);
  });
});

describe('PostToolUse', () => {
  test('gets the tool response; exit 2 sends stderr to the model', async () => {
    const f = hookFixture();
    const out = join(f.root, 'post.json');
    const hook = script(f.scripts, 'post.sh', `cat > '${out}'\necho "lint failed: missing semicolon" >&2\nexit 2`);
    const runner = runnerFor(f.ws, hooksConfig({ PostToolUse: [{ matcher: 'Edit|Write', commands: [hook] }] }));
    const outcome = await runner.postToolUse({ toolName: 'Write', toolUseId: 't1', input: { file_path: 'a.ts' }, response: { bytes: 3 } });
    expect(outcome.feedback).toBe('lint failed: missing semicolon');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: 'a.ts' }, tool_response: { bytes: 3 }, tool_use_id: 't1' });
  });

  test('decision block and additionalContext', async () => {
    const f = hookFixture();
    const hook = script(f.scripts, 'post.sh', `cat >/dev/null\necho '{"decision":"block","reason":"formatting changed the file","hookSpecificOutput":{"hookEventName":"PostToolUse","additionalContext":"ran prettier"}}'`);
    const outcome = await runnerFor(f.ws, hooksConfig({ PostToolUse: [{ commands: [hook] }] })).postToolUse({ toolName: 'Edit', input: {}, response: {} });
    expect(outcome).toMatchObject({ feedback: 'formatting changed the file', additionalContext: ['ran prettier'] });
  });
});

describe('UserPromptSubmit', () => {
  test('plain stdout is context for the model; matchers are ignored', async () => {
    const f = hookFixture();
    const hook = script(f.scripts, 'ctx.sh', `prompt=$(cat)\necho "branch: main"`);
    const outcome = await runnerFor(f.ws, hooksConfig({ UserPromptSubmit: [{ matcher: 'Whatever', commands: [hook] }] })).userPromptSubmit({ prompt: 'fix it' });
    expect(outcome.additionalContext).toEqual(['branch: main']);
    expect(outcome.blocked).toBeUndefined();
  });

  test('exit 2 blocks the prompt', async () => {
    const f = hookFixture();
    const out = join(f.root, 'prompt.json');
    const hook = script(f.scripts, 'block.sh', `cat > '${out}'\necho "prompt contains a secret" >&2\nexit 2`);
    const outcome = await runnerFor(f.ws, hooksConfig({ UserPromptSubmit: [{ commands: [hook] }] })).userPromptSubmit({ prompt: 'my key is sk-123' });
    expect(outcome.blocked).toEqual({ reason: 'prompt contains a secret' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ hook_event_name: 'UserPromptSubmit', prompt: 'my key is sk-123' });
  });
});

describe('Stop', () => {
  test('a block keeps the agent going with the reason; stop_hook_active is passed', async () => {
    const f = hookFixture();
    const out = join(f.root, 'stop.json');
    const hook = script(f.scripts, 'stop.sh', `cat > '${out}'\necho '{"decision":"block","reason":"tests are still failing"}'`);
    const outcome = await runnerFor(f.ws, hooksConfig({ Stop: [{ commands: [hook] }] })).stop({ stopHookActive: true });
    expect(outcome.block).toEqual({ reason: 'tests are still failing' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ hook_event_name: 'Stop', stop_hook_active: true });
  });

  test('"continue": false asks the agent to stop, with stopReason and systemMessage for the user', async () => {
    const f = hookFixture();
    const hook = script(f.scripts, 'halt.sh', `cat >/dev/null\necho '{"continue":false,"stopReason":"budget reached","systemMessage":"halting"}'`);
    const outcome = await runnerFor(f.ws, hooksConfig({ Stop: [{ commands: [hook] }] })).stop({ stopHookActive: false });
    expect(outcome.stop).toEqual({ reason: 'budget reached' });
    expect(outcome.userMessages).toEqual([{ level: 'info', message: 'halting' }]);
  });
});

describe('SessionStart, PreCompact, Notification', () => {
  test('SessionStart matches on source and adds its stdout as context', async () => {
    const f = hookFixture();
    const canary = join(f.root, 'resume-ran');
    const startup = script(f.scripts, 'startup.sh', `cat >/dev/null\necho "open issues: 3"`);
    const resume = script(f.scripts, 'resume.sh', `touch '${canary}'`);
    const runner = runnerFor(f.ws, hooksConfig({ SessionStart: [{ matcher: 'startup', commands: [startup] }, { matcher: 'resume', commands: [resume] }] }));
    const outcome = await runner.sessionStart({ source: 'startup' });
    expect(outcome.additionalContext).toEqual(['open issues: 3']);
    expect(existsSync(canary)).toBe(false);
  });

  test('PreCompact gets trigger and instructions; exit 2 is only shown to the user', async () => {
    const f = hookFixture();
    const out = join(f.root, 'compact.json');
    const hook = script(f.scripts, 'compact.sh', `cat > '${out}'\necho "saving notes failed" >&2\nexit 2`);
    const outcome = await runnerFor(f.ws, hooksConfig({ PreCompact: [{ matcher: 'auto', commands: [hook] }] })).preCompact({ trigger: 'auto', customInstructions: 'keep the plan' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ hook_event_name: 'PreCompact', trigger: 'auto', custom_instructions: 'keep the plan' });
    expect(outcome.userMessages).toEqual([{ level: 'error', message: 'saving notes failed' }]);
  });

  test('Notification gets the message', async () => {
    const f = hookFixture();
    const out = join(f.root, 'note.json');
    const hook = script(f.scripts, 'note.sh', `cat > '${out}'`);
    await runnerFor(f.ws, hooksConfig({ Notification: [{ commands: [hook] }] })).notification({ message: 'Wren needs your permission to use Bash', notificationType: 'permission_prompt' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ hook_event_name: 'Notification', message: 'Wren needs your permission to use Bash', notification_type: 'permission_prompt' });
  });

  test('identical commands run once per event; output JSON of the wrong shape is reported, not obeyed', async () => {
    const f = hookFixture();
    const log = join(f.root, 'count');
    const counter = script(f.scripts, 'count.sh', `cat >/dev/null\necho x >> '${log}'\necho '{"continue":"no"}'`);
    const runner = runnerFor(f.ws, hooksConfig({ Notification: [{ commands: [counter] }, { matcher: '*', commands: [counter] }] }));
    const outcome = await runner.notification({ message: 'hi' });
    expect(readFileSync(log, 'utf8')).toBe('x\n');
    expect(outcome.stop).toBeUndefined();
    expect(outcome.userMessages[0]?.message).toMatch(/printed JSON Wren cannot use/);
  });

  test('a hook that cannot start is a non-blocking error', async () => {
    const f = hookFixture();
    const outcome = await runnerFor(f.ws, hooksConfig({ Notification: [{ commands: ['true'] }] }), { shell: join(f.root, 'no-such-shell') }).notification({ message: 'hi' });
    expect(outcome.userMessages[0]?.message).toMatch(/could not start/);
  });
});

describe('SubagentStop and SessionEnd', () => {
  test('SubagentStop blocks like Stop; SessionEnd gets the reason and cannot block', async () => {
    const f = hookFixture();
    const out = join(f.root, 'end.json');
    const keepGoing = script(f.scripts, 'sub.sh', `cat >/dev/null\necho "subagent must also run the tests" >&2\nexit 2`);
    const end = script(f.scripts, 'end.sh', `cat > '${out}'\nexit 2`);
    const runner = runnerFor(f.ws, hooksConfig({ SubagentStop: [{ commands: [keepGoing] }], SessionEnd: [{ commands: [end] }] }));
    expect((await runner.subagentStop({ stopHookActive: false })).block).toEqual({ reason: 'subagent must also run the tests' });
    const ended = await runner.sessionEnd({ reason: 'prompt_input_exit' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' });
    expect(ended.userMessages).toEqual([{ level: 'error', message: expect.stringMatching(/SessionEnd hook .* exited with code 2/) }]);
  });

  test('an event Wren does not run is reported, not silently dropped', () => {
    const f = hookFixture();
    expect(runnerFor(f.ws, hooksConfig({ PostToolBatch: [{ commands: ['true'] }] })).problems).toEqual([expect.stringMatching(/Wren runs no PostToolBatch event/)]);
  });
});
