import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSettings } from '../../src/config/index.ts';
import { createHookRunner, type HookRunner } from '../../src/hooks/index.ts';
import { writeTree } from '../support/testdir.ts';
import { engineFor, hookFixture, hooksConfig, readTool, runnerFor, script } from './hook-support.ts';

/** A repository whose settings declare hooks that write canaries, and a user config dir. */
function maliciousRepo() {
  const f = hookFixture();
  const canaries = { start: join(f.root, 'start-canary'), tool: join(f.root, 'tool-canary'), user: join(f.root, 'user-canary') };
  const hook = (canary: string) => ({ hooks: [{ type: 'command', command: `touch '${canary}'` }] });
  writeTree(f.ws, {
    '.wren/settings.json': JSON.stringify({ hooks: { SessionStart: [hook(canaries.start)], PreToolUse: [{ matcher: '*', ...hook(canaries.tool) }] } }),
    '.wren/settings.local.json': JSON.stringify({ hooks: { PreToolUse: [hook(canaries.tool)] } }),
  });
  writeTree(f.cfg, { 'settings.json': JSON.stringify({ hooks: { SessionStart: [hook(canaries.user)] } }) });
  return { f, canaries };
}

function runnerFromConfig(f: ReturnType<typeof hookFixture>, trusted: boolean): HookRunner {
  const loaded = loadSettings({ cwd: f.ws, configDir: f.cfg, managedPath: join(f.root, 'managed.json'), trusted });
  return createHookRunner({ settings: loaded, sessionId: 's', transcriptPath: '', cwd: () => f.ws, env: { PATH: process.env['PATH'] } });
}

async function fireAll(runner: HookRunner, f: ReturnType<typeof hookFixture>): Promise<void> {
  await runner.sessionStart({ source: 'startup' });
  const engine = engineFor(f.ws, f.cfg);
  await runner.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
}

describe('hooks and workspace trust', () => {
  test('project hooks of an untrusted folder never run; the user\'s own do', async () => {
    const { f, canaries } = maliciousRepo();
    await fireAll(runnerFromConfig(f, false), f);
    expect(existsSync(canaries.start)).toBe(false);
    expect(existsSync(canaries.tool)).toBe(false);
    expect(existsSync(canaries.user)).toBe(true);
  });

  test('once trusted, project hooks run', async () => {
    const { f, canaries } = maliciousRepo();
    await fireAll(runnerFromConfig(f, true), f);
    expect(existsSync(canaries.start)).toBe(true);
    expect(existsSync(canaries.tool)).toBe(true);
  });

  test('project-layer hooks handed over for an untrusted folder are refused anyway', async () => {
    const f = hookFixture();
    const canary = join(f.root, 'canary');
    const hooks = { ...hooksConfig({ SessionStart: [{ commands: [`touch '${canary}'`] }] }, 'project'), ...hooksConfig({ PreCompact: [{ commands: [`touch '${canary}'`] }] }, 'local') };
    const runner = createHookRunner({ settings: { trusted: false, projectRoot: f.ws, settings: { hooks } }, sessionId: 's', transcriptPath: '', cwd: () => f.ws });
    await runner.sessionStart({ source: 'startup' });
    await runner.preCompact({ trigger: 'manual' });
    expect(existsSync(canary)).toBe(false);
    expect(runner.problems).toEqual([
      expect.stringMatching(/hooks\.SessionStart from project-settings\.json ignored: the folder is not trusted/),
      expect.stringMatching(/hooks\.PreCompact from local-settings\.json ignored: the folder is not trusted/),
    ]);
  });
});

describe('hooks declared in agent files', () => {
  const agentHooks = (canary: string) => ({ SessionStart: [{ hooks: [{ type: 'command' as const, command: `touch '${canary}'` }] }] });

  test('a project agent file of an untrusted folder adds no hook, even one claiming user scope', async () => {
    const f = hookFixture();
    const canary = join(f.root, 'agent-canary');
    const base = createHookRunner({ settings: { trusted: false, projectRoot: f.ws, settings: { hooks: {} } }, sessionId: 's', transcriptPath: '', cwd: () => f.ws });
    const asProject = base.forAgent({ file: join(f.ws, '.wren/agents/x.md'), scope: 'project', hooks: agentHooks(canary) });
    const lying = base.forAgent({ file: join(f.ws, '.wren/agents/y.md'), scope: 'user', hooks: agentHooks(canary) });
    await asProject.sessionStart({ source: 'startup' });
    await lying.sessionStart({ source: 'startup' });
    expect(existsSync(canary)).toBe(false);
    expect(asProject.problems).toEqual([expect.stringMatching(/agent file .*x\.md ignored: the folder is not trusted/)]);
    expect(lying.problems).toEqual([expect.stringMatching(/agent file .*y\.md ignored/)]);
  });

  test("the user's own agent file runs its hooks, and a trusted project's too", async () => {
    const f = hookFixture();
    const userCanary = join(f.root, 'user-agent');
    const projectCanary = join(f.root, 'project-agent');
    const untrusted = createHookRunner({ settings: { trusted: false, projectRoot: f.ws, settings: { hooks: {} } }, sessionId: 's', transcriptPath: '', cwd: () => f.ws });
    await untrusted.forAgent({ file: join(f.cfg, 'agents/mine.md'), scope: 'user', hooks: agentHooks(userCanary) }).sessionStart({ source: 'startup' });
    expect(existsSync(userCanary)).toBe(true);
    const trusted = runnerFor(f.ws, {});
    const child = trusted.forAgent({ file: join(f.ws, '.wren/agents/x.md'), scope: 'project', hooks: agentHooks(projectCanary) });
    await child.sessionStart({ source: 'startup' });
    expect(existsSync(projectCanary)).toBe(true);
    // The parent runner is unchanged.
    expect(trusted.has('SessionStart')).toBe(false);
  });

  test('a real agent hook script from a trusted project denies through the engine', async () => {
    const f = hookFixture();
    const deny = script(f.scripts, 'deny.sh', `cat >/dev/null\necho "agents may not read" >&2\nexit 2`);
    const child = runnerFor(f.ws, {}).forAgent({ file: join(f.ws, '.wren/agents/x.md'), scope: 'project', hooks: { PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: deny }] }] } });
    const engine = engineFor(f.ws, f.cfg, [['allow', 'Read']]);
    const outcome = await child.preToolUse({ tool: readTool, input: { file_path: 'src/a.ts' }, decide: (i, extra) => engine.decide('Read', i, undefined, undefined, { extra }) });
    expect(outcome.decision).toMatchObject({ behavior: 'deny', reason: 'agents may not read' });
  });
});
