import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testdir } from '../../support/testdir.ts';
import { failed, ok } from '../shell-web-support.ts';
import { describeWithBwrap, outsideDir, sandboxFixture } from './support.ts';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });

describeWithBwrap('the Bash sandbox: what commands may write', () => {
  it('writes inside the working directory persist; writes elsewhere fail and leave nothing', async () => {
    const f = sandboxFixture();
    const outside = outsideDir();
    const out = ok(await f.run(`echo kept > inside.txt && mkdir -p a/b && echo deep > a/b/c.txt; touch ${outside}/x; echo $? ; HOME=${outside} bash -c 'touch "$HOME/y"'; touch /etc/wren-sandbox-probe`));
    expect(readFileSync(join(f.root, 'inside.txt'), 'utf8')).toBe('kept\n');
    expect(readFileSync(join(f.root, 'a/b/c.txt'), 'utf8')).toBe('deep\n');
    expect(existsSync(join(outside, 'x'))).toBe(false);
    expect(existsSync(join(outside, 'y'))).toBe(false);
    expect(existsSync('/etc/wren-sandbox-probe')).toBe(false);
    // Read-only, not merely forbidden: the sandbox, not file permissions, said no (root could write /etc otherwise).
    expect(out.stderr).toMatch(/\/etc\/wren-sandbox-probe': Read-only file system/);
    expect(out.stdout).toBe('1\n');
    expect(out.exitCode).not.toBe(0);
  });

  it('additional directories and allowWrite paths are writable; nothing else is', async () => {
    const extra = realpathSync(testdir());
    const allowed = outsideDir();
    const notAllowed = outsideDir();
    const f = sandboxFixture({}, { extraDirs: [extra], allowWrite: [allowed] });
    ok(await f.run(`echo 1 > ${extra}/e.txt; echo 2 > ${allowed}/a.txt; echo 3 > ${notAllowed}/n.txt`));
    expect(readFileSync(join(extra, 'e.txt'), 'utf8')).toBe('1\n');
    expect(readFileSync(join(allowed, 'a.txt'), 'utf8')).toBe('2\n');
    expect(existsSync(join(notAllowed, 'n.txt'))).toBe(false);
  });

  it('a missing .wren/settings.json cannot be created, and no placeholder is left behind', async () => {
    const f = sandboxFixture({ 'src/app.ts': 'x' });
    const out = ok(await f.run('mkdir -p .wren; echo \'{"hooks":{}}\' > .wren/settings.json; echo "{}" > .wren/settings.local.json; mv src .wren/ ; ls -A .wren | wc -l'));
    expect(out.stderr).toMatch(/Read-only file system/);
    expect(out.stdout.trim()).toBe('0');
    expect(existsSync(join(f.root, '.wren'))).toBe(false); // the placeholder went with the command
    expect(existsSync(join(f.root, 'src/app.ts'))).toBe(true);
  });

  it('an existing .wren/settings.json cannot be modified, replaced or removed', async () => {
    const f = sandboxFixture({ '.wren/settings.json': '{"permissions":{}}' });
    await f.run('echo evil > .wren/settings.json; rm -rf .wren; mv .wren gone; ln -sf /tmp/x .wren/settings.json');
    expect(readFileSync(join(f.root, '.wren/settings.json'), 'utf8')).toBe('{"permissions":{}}');
    expect(existsSync(join(f.root, 'gone'))).toBe(false);
  });

  it('.mcp.json can be neither created nor changed', async () => {
    const fresh = sandboxFixture();
    const created = ok(await fresh.run('echo \'{"mcpServers":{"x":{"command":"evil"}}}\' > .mcp.json; cat .mcp.json'));
    expect(created.exitCode).not.toBe(0);
    expect(existsSync(join(fresh.root, '.mcp.json'))).toBe(false);

    const existing = sandboxFixture({ '.mcp.json': '{"mcpServers":{}}' });
    await existing.run('echo evil > .mcp.json; rm -f .mcp.json; mv .mcp.json x.json');
    expect(readFileSync(join(existing.root, '.mcp.json'), 'utf8')).toBe('{"mcpServers":{}}');
  });

  it('git works, but a hook, the git config and a commondir redirect cannot be planted', async () => {
    const f = sandboxFixture({ 'README.md': 'hi\n' });
    git(f.root, 'init', '-q');
    const hooksBefore = execFileSync('ls', [join(f.root, '.git/hooks')], { encoding: 'utf8' });
    const configBefore = readFileSync(join(f.root, '.git/config'), 'utf8');
    const out = ok(await f.run([
      'git -c user.email=t@example.com -c user.name=t add -A && git -c user.email=t@example.com -c user.name=t commit -qm first && echo committed',
      'printf "#!/bin/sh\\necho pwned\\n" > .git/hooks/pre-commit',
      'git config core.hooksPath evil-hooks',
      'echo "[core]\\n fsmonitor = evil" >> .git/config',
      'mkdir -p evil && echo evil > .git/commondir',
    ].join('; ')));
    expect(out.stdout).toContain('committed');
    expect(git(f.root, 'log', '--format=%s')).toBe('first\n');
    expect(existsSync(join(f.root, '.git/hooks/pre-commit'))).toBe(false);
    expect(execFileSync('ls', [join(f.root, '.git/hooks')], { encoding: 'utf8' })).toBe(hooksBefore);
    expect(readFileSync(join(f.root, '.git/config'), 'utf8')).toBe(configBefore);
    expect(existsSync(join(f.root, '.git/commondir'))).toBe(false); // its placeholder is gone too
    expect(git(f.root, 'rev-parse', '--git-common-dir').trim()).toBe('.git');
  });

  it('a missing .git/hooks cannot be created either', async () => {
    const f = sandboxFixture();
    git(f.root, 'init', '-q');
    execFileSync('rm', ['-rf', join(f.root, '.git/hooks')]);
    await f.run('mkdir -p .git/hooks && echo evil > .git/hooks/post-checkout');
    expect(existsSync(join(f.root, '.git/hooks'))).toBe(false);
  });

  it('the user config dir stays read-only when it sits inside a writable folder, even when missing', async () => {
    const home = realpathSync(testdir());
    const f = sandboxFixture({}, { extraDirs: [home], configDir: join(home, '.wren') });
    await f.run(`mkdir -p ${home}/.wren && echo '{"hooks":{"SessionStart":[]}}' > ${home}/.wren/settings.json; echo '{}' > ${home}/.wren/trusted-folders.json`);
    expect(existsSync(join(home, '.wren/settings.json'))).toBe(false);
    expect(existsSync(join(home, '.wren/trusted-folders.json'))).toBe(false);
    writeFileSync(join(home, '.wren/settings.json'), '{}');
    await f.run(`echo evil > ${home}/.wren/settings.json`);
    expect(readFileSync(join(home, '.wren/settings.json'), 'utf8')).toBe('{}');
  });

  it('refuses to run when a protected path is a symbolic link it could not keep in place', async () => {
    const elsewhere = realpathSync(testdir({ 'settings.json': '{}' }));
    const f = sandboxFixture({ '.wren': { symlink: elsewhere } });
    const error = failed(await f.run('echo never > ran.txt'));
    expect(error.kind).toBe('spawn_failed');
    expect(error.message).toMatch(/\.wren .*symbolic link.*"sandbox": \{ "enabled": false \}/s);
    expect(existsSync(join(f.root, 'ran.txt'))).toBe(false);
  });

  it('a symlinked .git/hooks makes the whole git directory read-only instead', async () => {
    const f = sandboxFixture({ 'hooks-src/': '' });
    git(f.root, 'init', '-q');
    execFileSync('rm', ['-rf', join(f.root, '.git/hooks')]);
    symlinkSync(join(f.root, 'hooks-src'), join(f.root, '.git/hooks'));
    const out = ok(await f.run('rm .git/hooks; mkdir .git/hooks; echo evil > .git/hooks/pre-commit; echo ok > hooks-src/readme'));
    expect(lstatSync(join(f.root, '.git/hooks')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(f.root, 'hooks-src/pre-commit'))).toBe(false);
    expect(out.stderr).toMatch(/Read-only file system/);
  });

  it('tells the model why a write failed', async () => {
    const f = sandboxFixture();
    const out = ok(await f.run('touch /usr/wren-x'));
    expect(out.notes.join('\n')).toMatch(/ran in a sandbox.*sandbox\.allowWrite/s);
    const fine = ok(await f.run('echo fine'));
    expect(fine.notes).toEqual([]);
  });

  it('keeps a private /tmp for the session, and points TMPDIR at it when TMPDIR is not writable', async () => {
    const readOnlyTmp = outsideDir();
    const f = sandboxFixture({}, { env: { ...process.env, TMPDIR: readOnlyTmp } });
    const marker = `wren-private-${Date.now()}`;
    ok(await f.run(`echo one > /tmp/${marker}`));
    expect(existsSync(join('/tmp', marker))).toBe(false);
    expect(ok(await f.run(`cat /tmp/${marker}`)).stdout).toBe('one\n');
    const out = ok(await f.run('echo "$TMPDIR"; mktemp'));
    expect(out.stdout).toMatch(/^\/tmp\n\/tmp\/tmp\.\w+\n$/);
    expect(out.exitCode).toBe(0);
  });
});
