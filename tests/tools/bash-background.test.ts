import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createBashTool, loadBashTools } from '../../src/tools/bash/index.ts';
import {
  backgroundBashTools,
  createBackgroundShells,
  featureModule,
  getBackgroundShells,
  shutdownBackgroundShells,
  type BackgroundShells,
  type BashOutputResult,
} from '../../src/tools/bash-background/index.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { failed, isProcessRunning, makeSession, ok, runTool } from './shell-web-support.ts';

const created: BackgroundShells[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((s) => s.shutdown()));
});

function setup(options: { maxUnreadChars?: number } = {}) {
  const shells = createBackgroundShells({ killGraceMs: 300, ...options });
  created.push(shells);
  const [bash, bashOutput, killShell] = backgroundBashTools(createBashTool({ killGraceMs: 300 }), shells) as [Tool<any, any>, Tool<any, any>, Tool<any, any>];
  const dir = realpathSync(testdir());
  const session = makeSession(dir);
  return { shells, bash, bashOutput, killShell, dir, session };
}

/** Resolves once `check` holds, re-checking at every change. */
function until(shells: BackgroundShells, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = shells.subscribe(() => {
      if (check()) {
        off();
        resolve();
      }
    });
  });
}

const ended = (shells: BackgroundShells, id: string) => () => shells.list().find((s) => s.id === id)?.status !== 'running';
/** True once shell `id` has printed at least `bytes` bytes. */
const printed = (shells: BackgroundShells, id: string, bytes: number) => () => (shells.list().find((s) => s.id === id)?.outputBytes ?? 0) >= bytes;

describe('BACKGROUND_BASH', () => {
  it('is a ready feature that extends Bash with BashOutput and KillShell', async () => {
    expect(featureModule).toMatchObject({ flag: 'BACKGROUND_BASH', status: 'ready' });
    const tools = await loadBashTools();
    expect(tools.map((t) => t.name)).toEqual(['Bash', 'BashOutput', 'KillShell']);
    const bash = tools[0]!;
    expect(bash.inputSchema.safeParse({ command: 'ls', run_in_background: true }).success).toBe(true);
    expect(bash.inputSchema.safeParse({ command: 'ls', run_in_background: 'yes' }).success).toBe(false);
    expect(bash.description).toMatch(/run_in_background/);
  });

  it('keeps the ungated Bash folder free of the feature', () => {
    const dir = fileURLToPath(new URL('../../src/tools/bash/', import.meta.url));
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/run_in_background|BashOutput|KillShell/);
      expect(text, file).not.toMatch(/^import [^;]*bash-background/m);
    }
  });

  it('starts a command in the background and returns its id at once', async () => {
    const { shells, bash, session, dir } = setup();
    const started = Date.now();
    const out = ok((await runTool(bash, { command: 'echo $$ > bg.pid; sleep 300', run_in_background: true }, session.ctx)).output);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out.backgroundShellId).toBe('bash_1');
    expect(bash.toModelContent(out)).toMatch(/running in background with ID: bash_1.*BashOutput.*KillShell/);
    const [info] = shells.list();
    expect(info).toMatchObject({ id: 'bash_1', status: 'running', cwd: dir, command: 'echo $$ > bg.pid; sleep 300' });
  });

  it('still runs foreground commands through the plain Bash tool', async () => {
    const { bash, session, dir } = setup();
    const out = ok((await runTool(bash, { command: 'mkdir -p sub && cd sub && echo fg' }, session.ctx)).output);
    expect(out.stdout).toBe('fg\n');
    expect(session.ctx.cwd).toBe(join(dir, 'sub'));
    expect(bash.toModelContent(out)).toBe('fg');
  });

  it('returns only the output that is new since the last read', async () => {
    const { shells, bash, bashOutput, session, dir } = setup();
    const { backgroundShellId: id } = ok((await runTool(bash, { command: 'echo one; while [ ! -f go ]; do sleep 0.02; done; echo two >&2; echo three', run_in_background: true }, session.ctx)).output);
    await until(shells, printed(shells, id, 4)); // "one\n" arrived
    const first = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(first).toMatchObject({ status: 'running', stdout: 'one\n', stderr: '' });
    expect(bashOutput.toModelContent(first)).toMatch(/^<status>running<\/status>\n\n<stdout>\none\n<\/stdout>\n\n<timestamp>/);
    writeFileSync(join(dir, 'go'), '');
    await until(shells, ended(shells, id));
    const second = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(second).toMatchObject({ status: 'completed', exitCode: 0, stdout: 'three\n', stderr: 'two\n' });
    expect(bashOutput.toModelContent(second)).toMatch(/<exit_code>0<\/exit_code>/);
    const third = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(bashOutput.toModelContent(third)).toMatch(/\(no new output\)/);
  });

  it('reports a failed command with its exit code', async () => {
    const { shells, bash, bashOutput, session } = setup();
    const { backgroundShellId: id } = ok((await runTool(bash, { command: 'echo bad >&2; exit 7', run_in_background: true }, session.ctx)).output);
    await until(shells, ended(shells, id));
    const read = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(read).toMatchObject({ status: 'failed', exitCode: 7, stderr: 'bad\n' });
  });

  it('filters lines by a regular expression, consuming the others', async () => {
    const { shells, bash, bashOutput, session } = setup();
    const { backgroundShellId: id } = ok((await runTool(bash, { command: "printf 'apple 1\\nbanana 2\\napricot 3\\n'", run_in_background: true }, session.ctx)).output);
    await until(shells, ended(shells, id));
    const read = ok((await runTool(bashOutput, { bash_id: id, filter: '^ap' }, session.ctx)).output) as BashOutputResult;
    expect(read.stdout).toBe('apple 1\napricot 3\n');
    const again = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(again.stdout).toBe('');
  });

  it('refuses an invalid filter and an unknown shell id', async () => {
    const { bash, bashOutput, killShell, session } = setup();
    ok((await runTool(bash, { command: 'true', run_in_background: true }, session.ctx)).output);
    expect(failed((await runTool(bashOutput, { bash_id: 'bash_1', filter: '(' }, session.ctx)).output).kind).toBe('invalid_filter');
    const unknown = failed((await runTool(bashOutput, { bash_id: 'bash_99' }, session.ctx)).output);
    expect(unknown.kind).toBe('not_found');
    expect(unknown.message).toMatch(/Known shells: bash_1/);
    expect(failed((await runTool(killShell, { shell_id: 'bash_99' }, session.ctx)).output).kind).toBe('not_found');
  });

  it('kills a shell with every process it started, once', async () => {
    const { shells, bash, killShell, bashOutput, session, dir } = setup();
    const { backgroundShellId: id } = ok((await runTool(bash, { command: "bash -c 'sleep 300 & echo $! > grand.pid; echo ready; wait' & wait", run_in_background: true }, session.ctx)).output);
    await until(shells, printed(shells, id, 6)); // the grandchild's pid is written
    const killed = ok((await runTool(killShell, { shell_id: id }, session.ctx)).output);
    expect(killShell.toModelContent(killed)).toMatch(/^Killed shell bash_1/);
    expect(isProcessRunning(Number(readFileSync(join(dir, 'grand.pid'), 'utf8')))).toBe(false);
    expect(shells.list()[0]!.status).toBe('killed');
    const read = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(read.status).toBe('killed');
    const again = failed((await runTool(killShell, { shell_id: id }, session.ctx)).output);
    expect(again.kind).toBe('not_running');
    expect(again.message).toMatch(/status: killed/);
  });

  it('kills every shell, and what finished shells left running, at shutdown', async () => {
    const { shells, bash, session, dir } = setup();
    const { backgroundShellId: runner } = ok((await runTool(bash, { command: 'echo $$ > a.pid; echo up; sleep 300', run_in_background: true }, session.ctx)).output);
    await until(shells, printed(shells, runner, 3));
    const { backgroundShellId: leaver } = ok((await runTool(bash, { command: 'sleep 300 & echo $! > left.pid', run_in_background: true }, session.ctx)).output);
    await until(shells, ended(shells, leaver));
    const a = Number(readFileSync(join(dir, 'a.pid'), 'utf8'));
    const left = Number(readFileSync(join(dir, 'left.pid'), 'utf8'));
    expect(isProcessRunning(a) && isProcessRunning(left)).toBe(true);
    await shells.shutdown();
    expect(isProcessRunning(a)).toBe(false);
    expect(isProcessRunning(left)).toBe(false);
    expect(shells.list().map((s) => s.status)).toEqual(['killed', 'completed']);
  });

  it('caps unread output and says how much was dropped', async () => {
    const { shells, bash, bashOutput, session } = setup({ maxUnreadChars: 100 });
    const { backgroundShellId: id } = ok((await runTool(bash, { command: 'seq 1 1000', run_in_background: true }, session.ctx)).output);
    await until(shells, ended(shells, id));
    const read = ok((await runTool(bashOutput, { bash_id: id }, session.ctx)).output) as BashOutputResult;
    expect(read.stdout.length).toBeLessThanOrEqual(100);
    expect(read.stdout.endsWith('999\n1000\n')).toBe(true);
    expect(read.droppedChars).toBe(3893 - 100);
    expect(bashOutput.toModelContent(read)).toMatch(/3793 characters of older unread output were dropped/);
  });

  it('does not move the session working directory from a background cd', async () => {
    const { shells, bash, session, dir } = setup();
    const { backgroundShellId: id } = ok((await runTool(bash, { command: 'cd /', run_in_background: true }, session.ctx)).output);
    await until(shells, ended(shells, id));
    expect(session.ctx.cwd).toBe(dir);
  });

  it('lists shells for the UI and tells subscribers about changes', async () => {
    const { shells, bash, session } = setup();
    const seen: string[] = [];
    const off = shells.subscribe(() => seen.push(shells.list().map((s) => `${s.id}:${s.status}`).join(',')));
    const { backgroundShellId: id } = ok((await runTool(bash, { command: 'echo hi', description: 'Say hi', run_in_background: true }, session.ctx)).output);
    await until(shells, ended(shells, id));
    off();
    expect(seen[0]).toBe('bash_1:running');
    expect(seen.at(-1)).toBe('bash_1:completed');
    expect(shells.list()[0]).toMatchObject({ description: 'Say hi', exitCode: 0 });
  });

  it('shares one session registry and shuts it down', async () => {
    const shells = getBackgroundShells();
    expect(getBackgroundShells()).toBe(shells);
    const dir = realpathSync(testdir());
    const info = shells.start({ command: 'echo up; sleep 300', cwd: dir, env: process.env });
    await until(shells, printed(shells, info.id, 3));
    await shutdownBackgroundShells();
    expect(isProcessRunning(info.pid!)).toBe(false);
  });

  it('allows reading and killing its own shells without a prompt', async () => {
    const { bashOutput, killShell, session } = setup();
    expect((await bashOutput.checkPermissions({ bash_id: 'bash_1' }, session.ctx)).behavior).toBe('allow');
    expect((await killShell.checkPermissions({ shell_id: 'bash_1' }, session.ctx)).behavior).toBe('allow');
  });

  it('needs the same permission to run a command in the background as in the foreground', async () => {
    const { bash, session } = setup();
    expect((await bash.checkPermissions({ command: 'rm -rf x', run_in_background: true }, session.ctx)).behavior).toBe('ask');
  });
});
