import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bashTool, createBashTool, createCappedOutput, type BashResult } from '../../src/tools/bash/index.ts';
import { testdir } from '../support/testdir.ts';
import { failed, isProcessRunning, makeSession, ok, runTool } from './shell-web-support.ts';

const fast = createBashTool({ killGraceMs: 300, progressIntervalMs: 50 });

async function bash(command: string, session = makeSession(realpathSync(testdir())), extra: { timeout?: number } = {}) {
  const { progress, output } = await runTool(fast, { command, ...extra }, session.ctx);
  return { progress, output, session };
}

describe('Bash tool', () => {
  it('runs a command and returns its output and exit code', async () => {
    const { output } = await bash('echo hello; echo oops >&2');
    const out = ok(output);
    expect(out.stdout).toBe('hello\n');
    expect(out.stderr).toBe('oops\n');
    expect(out.exitCode).toBe(0);
    expect(fast.toModelContent(out)).toBe('hello\noops');
  });

  it('reports a non-zero exit code to the model', async () => {
    const out = ok((await bash('echo partial; exit 3')).output);
    expect(out.exitCode).toBe(3);
    expect(fast.toModelContent(out)).toBe('partial\nExit code 3');
  });

  it('says when a command printed nothing', async () => {
    const out = ok((await bash('true')).output);
    expect(fast.toModelContent(out)).toBe('(Command completed with no output)');
  });

  it('keeps the working directory across calls, and only when the cd succeeded', async () => {
    const root = realpathSync(testdir({ 'sub/deeper/file.txt': 'x' }));
    const session = makeSession(root);
    await bash('cd sub/deeper', session);
    expect(session.ctx.cwd).toBe(join(root, 'sub/deeper'));
    expect(ok((await bash('pwd; ls', session)).output).stdout).toBe(`${join(root, 'sub/deeper')}\nfile.txt\n`);
    const failedCd = ok((await bash('cd /definitely/not/here', session)).output);
    expect(failedCd.exitCode).toBe(1);
    expect(session.ctx.cwd).toBe(join(root, 'sub/deeper'));
    // A cd before an `exit` still counts: the shell did move.
    await bash('cd .. && exit 4', session);
    expect(session.ctx.cwd).toBe(join(root, 'sub'));
    expect(session.cwdChanges).toEqual([join(root, 'sub/deeper'), join(root, 'sub')]);
  });

  it('does not call setCwd when the command did not move', async () => {
    const session = makeSession(realpathSync(testdir()));
    await bash('echo stay', session);
    expect(session.cwdChanges).toEqual([]);
  });

  it('keeps the working directory when the command has a syntax error', async () => {
    const root = realpathSync(testdir({ 'sub/': '' }));
    const session = makeSession(root);
    const out = ok((await bash('cd sub; echo "unclosed', session)).output);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/unexpected EOF/);
    expect(session.ctx.cwd).toBe(root);
  });

  it('runs in the nearest existing folder when the session folder was deleted', async () => {
    const root = realpathSync(testdir({ 'gone/': '' }));
    const session = makeSession(join(root, 'gone'));
    rmSync(join(root, 'gone'), { recursive: true });
    const out = ok((await bash('pwd', session)).output);
    expect(out.stdout).toBe(`${root}\n`);
    expect(session.ctx.cwd).toBe(root);
    expect(fast.toModelContent(out)).toMatch(/no longer exists; the command ran in/);
  });

  it('passes the context environment, and only it', async () => {
    const session = makeSession(realpathSync(testdir()), { env: { PATH: process.env['PATH'], WREN_TEST_VAR: 'from ctx', UNSET: undefined } });
    const out = ok((await bash('echo "$WREN_TEST_VAR|${HOME-nohome}|${UNSET-unset}"', session)).output);
    expect(out.stdout).toBe('from ctx|nohome|unset\n');
  });

  it('does not persist shell variables between calls', async () => {
    const session = makeSession(realpathSync(testdir()));
    await bash('export WREN_X=1', session);
    expect(ok((await bash('echo "${WREN_X-none}"', session)).output).stdout).toBe('none\n');
  });

  it('gives the command no standard input', async () => {
    const out = ok((await bash('read line; echo "read=$?"; cat; echo done')).output);
    expect(out.stdout).toBe('read=1\ndone\n');
  });

  it('keeps multi-byte characters intact', async () => {
    expect(ok((await bash("printf 'héllo ✓ 日本'")).output).stdout).toBe('héllo ✓ 日本');
  });

  it('caps long output, keeping its head and tail with a note', async () => {
    const tool = createBashTool({ maxOutputChars: 1000 });
    const session = makeSession(realpathSync(testdir()));
    const out = ok((await runTool(tool, { command: 'seq 1 100000' }, session.ctx)).output);
    expect(out.stdout.startsWith('1\n2\n3\n')).toBe(true);
    expect(out.stdout.endsWith('99999\n100000\n')).toBe(true);
    expect(out.stdout).toMatch(/\.\.\. \[[\d,]+ bytes \(about [\d,]+ lines\) of output truncated\] \.\.\./);
    expect(out.stdout.length).toBeLessThan(1200);
  });

  it('kills the whole process group, grandchildren included, on timeout', async () => {
    const dir = realpathSync(testdir());
    // bash -c is the child, its sleep the grandchild; the grandchild writes nothing but its pid is recorded.
    const { output } = await bash(`bash -c 'sleep 300 & echo $! > grand.pid; echo $$ > child.pid; wait'`, makeSession(dir), { timeout: 2000 });
    const out = ok(output);
    expect(out.timedOut).toBe(true);
    expect(fast.toModelContent(out)).toMatch(/timed out after .* and was killed/);
    const grandchild = Number(readFileSync(join(dir, 'grand.pid'), 'utf8'));
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    expect(isProcessRunning(grandchild)).toBe(false);
    expect(isProcessRunning(child)).toBe(false);
  });

  it('escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const dir = realpathSync(testdir());
    const out = ok((await bash(`trap '' TERM; bash -c 'trap "" TERM; echo $$ > stubborn.pid; while :; do sleep 0.05; done'`, makeSession(dir), { timeout: 1500 })).output);
    expect(out.timedOut).toBe(true);
    expect(isProcessRunning(Number(readFileSync(join(dir, 'stubborn.pid'), 'utf8')))).toBe(false);
  });

  it('kills the process group when the call is aborted, and reports the interruption', async () => {
    const dir = realpathSync(testdir());
    const controller = new AbortController();
    const session = makeSession(dir, { signal: controller.signal });
    const events: string[] = [];
    let output: unknown;
    for await (const event of fast.call({ command: 'sleep 300 & echo $! > bg.pid; echo started; wait' }, session.ctx)) {
      if (event.type === 'progress') {
        events.push(event.message);
        if (event.message.includes('started')) controller.abort();
      } else output = event.output;
    }
    const out = ok(output as BashResult);
    expect(out.interrupted).toBe(true);
    expect(fast.toModelContent(out)).toMatch(/interrupted/);
    expect(isProcessRunning(Number(readFileSync(join(dir, 'bg.pid'), 'utf8')))).toBe(false);
  });

  it('refuses to start when the call is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const dir = realpathSync(testdir());
    const session = makeSession(dir, { signal: controller.signal });
    const { output } = await runTool(fast, { command: 'touch ran' }, session.ctx);
    expect(failed(output).kind).toBe('aborted');
  });

  it('kills the command when the caller stops listening', async () => {
    const dir = realpathSync(testdir());
    const session = makeSession(dir);
    const generator = fast.call({ command: 'echo $$ > shell.pid; sleep 300 & echo $! > bg.pid; echo ready; wait' }, session.ctx);
    for (;;) {
      const next = await generator.next();
      if (next.done || (next.value.type === 'progress' && next.value.message.includes('ready'))) break;
    }
    await generator.return(undefined);
    expect(isProcessRunning(Number(readFileSync(join(dir, 'shell.pid'), 'utf8')))).toBe(false);
    expect(isProcessRunning(Number(readFileSync(join(dir, 'bg.pid'), 'utf8')))).toBe(false);
  });

  it('sends progress with the tail of the output while running', async () => {
    const { progress, output } = await bash('echo first line; sleep 0.4; echo second line');
    expect(ok(output).stdout).toBe('first line\nsecond line\n');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((p) => /^Running for .*\nfirst line$/.test(p))).toBe(true);
  });

  it('reports a command killed by a signal', async () => {
    const out = ok((await bash('kill -KILL $$')).output);
    expect(out.exitCode).toBeNull();
    expect(out.signal).toBe('SIGKILL');
    expect(fast.toModelContent(out)).toBe('Command was killed by signal SIGKILL');
  });

  it('does not wait for a process the command left running in the background', async () => {
    const started = Date.now();
    const out = ok((await bash('sleep 300 & echo $!')).output);
    const pid = Number(out.stdout.trim());
    try {
      expect(Date.now() - started).toBeLessThan(5000);
      expect(out.exitCode).toBe(0);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('returns an error value when the shell cannot start', async () => {
    const tool = createBashTool({ shell: join(realpathSync(testdir()), 'no-such-shell') });
    const { output } = await runTool(tool, { command: 'echo hi' }, makeSession(realpathSync(testdir())).ctx);
    expect(failed(output).kind).toBe('spawn_failed');
  });

  it('validates its input as the model sees it', () => {
    const schema = bashTool.inputSchema;
    expect(schema.safeParse({ command: 'ls', timeout: 600_000, description: 'List files' }).success).toBe(true);
    expect(schema.safeParse({ command: 'ls', timeout: 600_001 }).success).toBe(false);
    expect(schema.safeParse({ command: 'ls', timeout: 0 }).success).toBe(false);
    expect(schema.safeParse({ command: '' }).success).toBe(false);
    expect(schema.safeParse({ command: 'ls', extra: true }).success).toBe(false);
    expect(bashTool.description).not.toMatch(/run_in_background/);
  });

  it('asks for permission and claims nothing about safety by itself', async () => {
    const session = makeSession(realpathSync(testdir()));
    expect((await bashTool.checkPermissions({ command: 'ls' }, session.ctx)).behavior).toBe('ask');
    expect(bashTool.isReadOnly({ command: 'ls' })).toBe(false);
    expect(bashTool.isConcurrencySafe({ command: 'ls' })).toBe(false);
  });

  it('takes read-only verdicts from an injected command analyser', () => {
    const tool = createBashTool({ isReadOnlyCommand: (command) => command === 'ls' });
    expect(tool.isReadOnly({ command: 'ls' })).toBe(true);
    expect(tool.isConcurrencySafe({ command: 'ls' })).toBe(true);
    expect(tool.isReadOnly({ command: 'rm x' })).toBe(false);
    expect(tool.isConcurrencySafe({ command: 'rm x' })).toBe(false);
  });

  it('uses the default two-minute timeout when none is given', async () => {
    // A short command under the default finishes normally (a regression here would be a 0 ms timeout).
    const out = ok((await runTool(bashTool, { command: 'sleep 0.1; echo done' }, makeSession(realpathSync(testdir())).ctx)).output);
    expect(out.timedOut).toBe(false);
    expect(out.stdout).toBe('done\n');
  });
});

describe('capped output', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('keeps everything under the cap, even a character split across chunks', () => {
    const out = createCappedOutput({ headBytes: 10, tailBytes: 10 });
    const all = bytes('ab✓cd');
    out.push(all.subarray(0, 3)); // cuts ✓ (3 bytes) after its first byte
    out.push(all.subarray(3));
    expect(out.text()).toBe('ab✓cd');
    expect(out.droppedBytes).toBe(0);
  });

  it('keeps the head and the tail, counting what was dropped', () => {
    const out = createCappedOutput({ headBytes: 4, tailBytes: 4 });
    out.push(bytes('1\n2\n3\n4\n5\n6\n7\n8\n'));
    expect(out.totalBytes).toBe(16);
    expect(out.droppedBytes).toBe(8);
    expect(out.text()).toBe('1\n2\n\n\n... [8 bytes (about 4 lines) of output truncated] ...\n\n7\n8\n');
  });

  it('never shows half a character at a cut', () => {
    const out = createCappedOutput({ headBytes: 4, tailBytes: 4 });
    out.push(bytes('ab✓✓✓✓c✓✓')); // both cuts fall inside a ✓
    const text = out.text();
    expect(text).not.toContain('\uFFFD');
    expect(text.startsWith('ab\n\n...')).toBe(true);
    expect(text.endsWith('...\n\n✓')).toBe(true);
  });
});
