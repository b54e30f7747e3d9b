import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { PermissionDecision } from '../../src/permissions/index.ts';
import { alive, editTool, engineFor, hookFixture, hooksConfig, readTool, runnerFor, script } from './hook-support.ts';

/** A hook script printing PreToolUse JSON. */
function decisionHook(dir: string, name: string, output: object, canary?: string): string {
  return script(dir, name, `${canary ? `touch '${canary}'\n` : ''}cat >/dev/null\ncat <<'JSON'\n${JSON.stringify(output)}\nJSON`);
}

const decision = (behavior: 'allow' | 'deny' | 'ask', extra: object = {}) => ({
  hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: behavior, permissionDecisionReason: `hook says ${behavior}`, ...extra },
});

describe('PreToolUse: a hook decision is one more input to strictest()', () => {
  test('a hook allow never overrides a deny rule', async () => {
    const f = hookFixture();
    const canary = join(f.root, 'ran');
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'Edit', commands: [decisionHook(f.scripts, 'allow.sh', decision('allow'), canary)] }] }));
    const engine = engineFor(f.ws, f.cfg, [['deny', 'Edit(./src/**)']]);
    const input = { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' };
    const outcome = await runner.preToolUse({ tool: editTool, input, decide: (i, extra) => engine.decide('Edit', i, undefined, undefined, { extra }) });
    expect(existsSync(canary)).toBe(true); // the hook really ran and said allow
    expect(outcome.hookDecisions.map((d) => d.behavior)).toEqual(['allow']);
    expect(outcome.decision.behavior).toBe('deny');
    expect(outcome.decision.reason).toMatch(/deny rule Edit\(\.\/src\/\*\*\)/);
  });

  test('a hook allow never overrides an ask rule', async () => {
    const f = hookFixture();
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [decisionHook(f.scripts, 'allow.sh', decision('allow'))] }] }));
    const engine = engineFor(f.ws, f.cfg, [['ask', 'Edit']]);
    const outcome = await runner.preToolUse({
      tool: editTool,
      input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' },
      decide: (i, extra) => engine.decide('Edit', i, undefined, undefined, { extra }),
    });
    expect(outcome.decision.behavior).toBe('ask');
  });

  test('a hook allow skips the default prompt when no rule objects (Claude Code behaviour)', async () => {
    const f = hookFixture();
    const engine = engineFor(f.ws, f.cfg);
    const input = { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' };
    const decide = (i: unknown, extra: readonly PermissionDecision[]) => engine.decide('Edit', i, undefined, undefined, { extra });
    // Without the hook the engine asks...
    const none = await runnerFor(f.ws, {}).preToolUse({ tool: editTool, input, decide });
    expect(none.decision.behavior).toBe('ask');
    // ...with it, the call is allowed.
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'Edit|Write', commands: [decisionHook(f.scripts, 'allow.sh', decision('allow'))] }] }));
    const outcome = await runner.preToolUse({ tool: editTool, input, decide });
    expect(outcome.decision.behavior).toBe('allow');
    expect(outcome.decision.source).toMatch(/^hook PreToolUse/);
  });

  test('a hook ask beats an allow rule; a hook deny beats bypassPermissions', async () => {
    const f = hookFixture();
    const input = { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' };
    const askRunner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [decisionHook(f.scripts, 'ask.sh', decision('ask'))] }] }));
    const allowing = engineFor(f.ws, f.cfg, [['allow', 'Edit']]);
    const asked = await askRunner.preToolUse({ tool: editTool, input, decide: (i, extra) => allowing.decide('Edit', i, undefined, undefined, { extra }) });
    expect(asked.decision.behavior).toBe('ask');

    const denyRunner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [decisionHook(f.scripts, 'deny.sh', decision('deny'))] }] }));
    const bypass = engineFor(f.ws, f.cfg);
    expect(bypass.setMode('bypassPermissions').ok).toBe(true);
    const denied = await denyRunner.preToolUse({ tool: editTool, input, decide: (i, extra) => bypass.decide('Edit', i, undefined, undefined, { extra }) });
    expect(denied.decision).toMatchObject({ behavior: 'deny', reason: 'hook says deny' });
  });

  test('exit code 2 denies the call, with stderr as the reason the model sees', async () => {
    const f = hookFixture();
    const hook = script(f.scripts, 'block.sh', 'cat >/dev/null\necho "rm is not allowed here" >&2\nexit 2');
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'Edit', commands: [hook] }] }));
    const engine = engineFor(f.ws, f.cfg, [['allow', 'Edit']]);
    const outcome = await runner.preToolUse({
      tool: editTool,
      input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' },
      decide: (i, extra) => engine.decide('Edit', i, undefined, undefined, { extra }),
    });
    expect(outcome.decision).toMatchObject({ behavior: 'deny', reason: 'rm is not allowed here' });
  });

  test('the legacy "decision": "block" form denies too', async () => {
    const f = hookFixture();
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [decisionHook(f.scripts, 'block.sh', { decision: 'block', reason: 'legacy no' })] }] }));
    const engine = engineFor(f.ws, f.cfg, [['allow', 'Read']]);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.decision).toMatchObject({ behavior: 'deny', reason: 'legacy no' });
  });

  test('hook vetoes count even when decide() drops the hook decisions', async () => {
    const f = hookFixture();
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [decisionHook(f.scripts, 'deny.sh', decision('deny'))] }] }));
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: async () => ({ behavior: 'allow', reason: 'careless engine' }) });
    expect(outcome.decision.behavior).toBe('deny');
  });
});

describe('PreToolUse: a rewritten input is re-checked', () => {
  test('updatedInput pointing at a denied path is denied, although the hook said allow', async () => {
    const f = hookFixture();
    const hook = decisionHook(f.scripts, 'rewrite.sh', decision('allow', { updatedInput: { file_path: 'secret/key.txt' } }));
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'Read', commands: [hook] }] }));
    const engine = engineFor(f.ws, f.cfg, [['deny', 'Read(./secret/**)']]);
    const seen: unknown[] = [];
    const outcome = await runner.preToolUse({
      tool: readTool,
      input: { file_path: 'src/a.ts' },
      decide: (i, extra) => {
        seen.push(i);
        return engine.decide('Read', i, undefined, undefined, { extra });
      },
    });
    // The engine was asked exactly once, about the input that would run.
    expect(seen).toEqual([{ file_path: 'secret/key.txt' }]);
    expect(outcome.inputUpdated).toBe(true);
    expect(outcome.decision.behavior).toBe('deny');
    expect(outcome.decision.reason).toMatch(/secret/);
  });

  test('an allowed rewrite runs with the rewritten input', async () => {
    const f = hookFixture();
    const hook = decisionHook(f.scripts, 'rewrite.sh', { hookSpecificOutput: { updatedInput: { file_path: 'src/a.ts' } } });
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [hook] }] }));
    const engine = engineFor(f.ws, f.cfg, [['deny', 'Read(./secret/**)']]);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'secret/key.txt' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.decision.behavior).toBe('allow');
    expect(outcome.input).toEqual({ file_path: 'src/a.ts' });
  });

  test('a rewrite that is not valid input for the tool is denied', async () => {
    const f = hookFixture();
    const hook = decisionHook(f.scripts, 'bad.sh', decision('allow', { updatedInput: { path: 42 } }));
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [hook] }] }));
    const engine = engineFor(f.ws, f.cfg);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.decision.behavior).toBe('deny');
    expect(outcome.decision.reason).toMatch(/invalid input/);
    expect(outcome.input).toEqual({ file_path: 'src/a.ts' });
  });

  test('two hooks rewriting differently deny the call', async () => {
    const f = hookFixture();
    const a = decisionHook(f.scripts, 'a.sh', { hookSpecificOutput: { updatedInput: { file_path: 'src/a.ts' } } });
    const b = decisionHook(f.scripts, 'b.sh', { hookSpecificOutput: { updatedInput: { file_path: 'src/b.ts' } } });
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [a, b] }] }));
    const engine = engineFor(f.ws, f.cfg, [['allow', 'Read']]);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.decision).toMatchObject({ behavior: 'deny' });
    expect(outcome.decision.reason).toMatch(/conflicting/);
  });
});

describe('PreToolUse: running the hooks', () => {
  test('matching hooks run in parallel and their decisions combine strictest', async () => {
    const f = hookFixture();
    const a = join(f.root, 'a-started');
    const b = join(f.root, 'b-started');
    // Each waits for the other to have started: they can only both finish if they run at the same time.
    const waitFor = (mine: string, other: string, output: object) =>
      `cat >/dev/null\ntouch '${mine}'\nfor i in $(seq 1 200); do [ -e '${other}' ] && break; sleep 0.02; done\n[ -e '${other}' ] || exit 1\necho '${JSON.stringify(output)}'`;
    const allowHook = script(f.scripts, 'allow.sh', waitFor(a, b, decision('allow')));
    const denyHook = script(f.scripts, 'deny.sh', waitFor(b, a, decision('deny')));
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'Read', commands: [allowHook] }, { matcher: '*', commands: [denyHook] }] }));
    const engine = engineFor(f.ws, f.cfg, [['allow', 'Read']]);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.runs.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(outcome.hookDecisions.map((d) => d.behavior)).toEqual(['allow', 'deny']);
    expect(outcome.decision).toMatchObject({ behavior: 'deny', reason: 'hook says deny' });
  });

  test('allow and ask from two hooks ask', async () => {
    const f = hookFixture();
    const runner = runnerFor(
      f.ws,
      hooksConfig({ PreToolUse: [{ commands: [decisionHook(f.scripts, 'allow.sh', decision('allow')), decisionHook(f.scripts, 'ask.sh', decision('ask'))] }] }),
    );
    const engine = engineFor(f.ws, f.cfg);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.decision.behavior).toBe('ask');
  });

  test('the event reaches the hook as JSON on stdin, in the session cwd', async () => {
    const f = hookFixture();
    const out = join(f.root, 'stdin.json');
    const hook = script(f.scripts, 'capture.sh', `cat > '${out}'\npwd > '${out}.cwd'\necho "$WREN_PROJECT_DIR" > '${out}.env'`);
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [hook] }] }), { permissionMode: () => 'acceptEdits' });
    const engine = engineFor(f.ws, f.cfg);
    await runner.preToolUse({ tool: readTool, toolUseId: 'toolu_1', input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      session_id: 'session-1',
      transcript_path: join(f.ws, 'transcript.jsonl'),
      cwd: f.ws,
      permission_mode: 'acceptEdits',
      hook_event_name: 'PreToolUse',
      tool_name: 'Read',
      tool_input: { file_path: 'src/a.ts' },
      tool_use_id: 'toolu_1',
    });
    expect(readFileSync(`${out}.cwd`, 'utf8').trim()).toBe(f.ws);
    expect(readFileSync(`${out}.env`, 'utf8').trim()).toBe(f.ws);
  });

  test('hooks whose matcher does not match the tool do not run', async () => {
    const f = hookFixture();
    const canary = join(f.root, 'ran');
    const hook = script(f.scripts, 'bash-only.sh', `touch '${canary}'`);
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ matcher: 'Bash', commands: [hook] }, { matcher: 'mcp__github__.*', commands: [hook] }] }));
    const engine = engineFor(f.ws, f.cfg);
    const outcome = await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.runs).toEqual([]);
    expect(existsSync(canary)).toBe(false);
  });

  test('another exit code is a non-blocking error for the user; the engine decides alone', async () => {
    const f = hookFixture();
    const hook = script(f.scripts, 'broken.sh', 'cat >/dev/null\necho "jq: command not found" >&2\nexit 1');
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [hook] }] }));
    const engine = engineFor(f.ws, f.cfg);
    const outcome = await runner.preToolUse({
      tool: editTool,
      input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' },
      decide: (i, extra) => engine.decide('Edit', i, undefined, undefined, { extra }),
    });
    expect(outcome.decision.behavior).toBe('ask');
    expect(outcome.userMessages).toEqual([{ level: 'error', message: expect.stringMatching(/exit code 1: jq: command not found/) }]);
  });

  test('a hook past its timeout is killed with everything it started; the call goes on', async () => {
    const f = hookFixture();
    const pidFile = join(f.root, 'child.pid');
    const hook = script(f.scripts, 'hang.sh', `cat >/dev/null\nsleep 300 &\necho $! > '${pidFile}'\necho '${JSON.stringify(decision('allow'))}'\nwait`);
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [{ command: hook, timeout: 0.5 }] }] }), { killGraceMs: 200 });
    const engine = engineFor(f.ws, f.cfg);
    const started = Date.now();
    const outcome = await runner.preToolUse({
      tool: editTool,
      input: { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' },
      decide: (i, extra) => engine.decide('Edit', i, undefined, undefined, { extra }),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome.runs[0]).toMatchObject({ timedOut: true, exitCode: null });
    expect(outcome.userMessages[0]?.message).toMatch(/timed out/);
    // The timed-out hook's allow is not taken: it never finished.
    expect(outcome.decision.behavior).toBe('ask');
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(child)).toBe(false);
  });

  test('aborting kills the running hooks', async () => {
    const f = hookFixture();
    const pidFile = join(f.root, 'hook.pid');
    const hook = script(f.scripts, 'hang.sh', `echo $$ > '${pidFile}'\nexec sleep 300`);
    const runner = runnerFor(f.ws, hooksConfig({ PreToolUse: [{ commands: [hook] }] }), { killGraceMs: 200 });
    const engine = engineFor(f.ws, f.cfg);
    const controller = new AbortController();
    const pending = runner.preToolUse({
      tool: readTool,
      input: { file_path: 'src/a.ts' },
      signal: controller.signal,
      decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }),
    });
    for (let i = 0; i < 500 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const outcome = await pending;
    expect(outcome.runs[0]).toMatchObject({ aborted: true });
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });
});
