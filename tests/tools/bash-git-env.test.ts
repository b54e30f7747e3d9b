import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBashTool } from '../../src/tools/bash/index.ts';
import { GIT_SAFETY_CONFIG, withGitSafetyConfig } from '../../src/tools/bash/git-env.ts';
import { backgroundBashTools, createBackgroundShells, type BackgroundShells } from '../../src/tools/bash-background/index.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { makeSession, ok, runTool } from './shell-web-support.ts';

/*
 * Finding 1: a repository's own config names programs that "read-only" git
 * commands run (core.fsmonitor for `git status`; a committed bare repository
 * found by walking into it). Every shell command runs with git config
 * overrides in its environment, which beat the repository's config.
 */

const bash = createBashTool({ killGraceMs: 300 });

/** An environment like a user's, without anything of ours: git must see only the repository's config. */
function plainEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env['PATH'], HOME: testdir(), GIT_CONFIG_NOSYSTEM: '1', ...extra };
}

function git(cwd: string, args: string[], env = plainEnv()): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A work tree with one commit and one modified file (so `git status` has something to refresh). */
function repoWithChange(): string {
  const dir = realpathSync(testdir({ 'f.txt': 'one\n' }));
  git(dir, ['init', '-q', '.']);
  git(dir, ['add', 'f.txt']);
  git(dir, ['commit', '-qm', 'one']);
  writeFileSync(join(dir, 'f.txt'), 'two\n');
  return dir;
}

const created: BackgroundShells[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((s) => s.shutdown()));
});

describe('git safety settings in every shell command', () => {
  it('git status through the Bash tool does not run the core.fsmonitor the repository config names', async () => {
    const dir = repoWithChange();
    const canary = join(testdir(), 'fsmonitor-ran');
    git(dir, ['config', 'core.fsmonitor', `touch '${canary}'; false`]);
    // The trap is real: plain git (no overrides) runs it.
    git(dir, ['status', '--short']);
    expect(existsSync(canary)).toBe(true);
    execFileSync('rm', [canary]);

    const out = ok((await runTool(bash, { command: 'git status --short' }, makeSession(dir, { env: plainEnv() }).ctx)).output);
    expect(out.stdout).toBe(' M f.txt\n');
    expect(existsSync(canary)).toBe(false);
  });

  it('git finds no bare repository by walking into it (the committed evil.git case)', async () => {
    const project = realpathSync(testdir());
    const source = repoWithChange();
    git(source, ['commit', '-qam', 'two']);
    git(project, ['clone', '-q', '--bare', source, 'evil.git']);
    const canary = join(testdir(), 'external-diff-ran');
    git(join(project, 'evil.git'), ['config', 'diff.external', `touch '${canary}'; false`]);
    expect(() => git(project, ['-C', 'evil.git', 'diff', 'HEAD~1', 'HEAD'])).toThrow();
    expect(existsSync(canary)).toBe(true);
    execFileSync('rm', [canary]);

    const out = ok((await runTool(bash, { command: 'git -C evil.git diff HEAD~1 HEAD' }, makeSession(project, { env: plainEnv() }).ctx)).output);
    expect(out.exitCode).not.toBe(0);
    expect(existsSync(canary)).toBe(false);
    // Named explicitly, it is still a repository (`--git-dir` is the gate's business, not git's).
    const probe = ok((await runTool(bash, { command: 'git -C evil.git rev-parse --is-bare-repository; git --git-dir=evil.git rev-parse --is-bare-repository' }, makeSession(project, { env: plainEnv() }).ctx)).output);
    expect(probe.stderr).toMatch(/cannot use bare repository .*safe.bareRepository/);
    expect(probe.stdout).toBe('true\n');
  });

  it("keeps the user's own GIT_CONFIG_* entries and appends after them", async () => {
    const dir = repoWithChange();
    const env = plainEnv({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'wren.test', GIT_CONFIG_VALUE_0: 'kept' });
    const command = 'git config --get wren.test; git config --get core.fsmonitor; git config --get safe.bareRepository; git config --get core.hooksPath || echo "hooks untouched"; echo "$GIT_CONFIG_COUNT"';
    const out = ok((await runTool(bash, { command }, makeSession(dir, { env }).ctx)).output);
    expect(out.stdout).toBe(`kept\nfalse\nexplicit\nhooks untouched\n${1 + GIT_SAFETY_CONFIG.length}\n`);
  });

  it('numbers its entries after the given count, and starts over when the count is not a number', () => {
    const after = withGitSafetyConfig({ GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: '1', GIT_CONFIG_KEY_1: 'c.d', GIT_CONFIG_VALUE_1: '2' });
    expect(after).toMatchObject({ GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_KEY_1: 'c.d', GIT_CONFIG_KEY_2: 'core.fsmonitor', GIT_CONFIG_VALUE_2: 'false', GIT_CONFIG_COUNT: String(2 + GIT_SAFETY_CONFIG.length) });
    expect(withGitSafetyConfig({ GIT_CONFIG_COUNT: 'lots' })).toMatchObject({ GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_COUNT: String(GIT_SAFETY_CONFIG.length) });
    expect(GIT_SAFETY_CONFIG.map(([key]) => key)).not.toContain('core.hooksPath');
  });

  it('background shells run with the same settings', async () => {
    const dir = repoWithChange();
    const canary = join(testdir(), 'fsmonitor-ran');
    git(dir, ['config', 'core.fsmonitor', `touch '${canary}'; false`]);
    const shells = createBackgroundShells({ killGraceMs: 300 });
    created.push(shells);
    const [background] = backgroundBashTools(createBashTool({ killGraceMs: 300 }), shells) as [Tool<any, any>];
    const started = ok((await runTool(background, { command: 'git status --short', run_in_background: true }, makeSession(dir, { env: plainEnv() }).ctx)).output) as { backgroundShellId: string };
    await new Promise<void>((resolve) => {
      const done = () => shells.list().find((s) => s.id === started.backgroundShellId)?.status !== 'running';
      if (done()) return resolve();
      const off = shells.subscribe(() => {
        if (done()) {
          off();
          resolve();
        }
      });
    });
    expect(shells.list().find((s) => s.id === started.backgroundShellId)?.status).toBe('completed');
    expect(existsSync(canary)).toBe(false);
  });
});
