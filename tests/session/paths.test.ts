import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSession, projectDir, resolveConfigDir, resumeSession } from '../../src/session/index.ts';
import { testdir } from '../support/testdir.ts';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('resolveConfigDir', () => {
  it('takes WREN_CONFIG_DIR from the given env, else ~/.wren under the given home', () => {
    expect(resolveConfigDir({ env: {}, home: '/home/ada' })).toBe('/home/ada/.wren');
    expect(resolveConfigDir({ env: { WREN_CONFIG_DIR: '' }, home: '/home/ada' })).toBe('/home/ada/.wren');
    expect(resolveConfigDir({ env: { WREN_CONFIG_DIR: '/srv/wren' }, home: '/home/ada' })).toBe('/srv/wren');
    expect(resolveConfigDir({ env: { WREN_CONFIG_DIR: '~/cfg/wren' }, home: '/home/ada' })).toBe('/home/ada/cfg/wren');
    expect(resolveConfigDir({ env: { WREN_CONFIG_DIR: 'rel/dir' }, home: '/home/ada' })).toBe('/home/ada/rel/dir');
    expect(resolveConfigDir({ configDir: '/explicit', env: { WREN_CONFIG_DIR: '/srv/wren' }, home: '/home/ada' })).toBe('/explicit');
  });

  it('reads the environment when called, not when the module loaded', () => {
    const saved = process.env['WREN_CONFIG_DIR'];
    try {
      process.env['WREN_CONFIG_DIR'] = '/late/binding';
      expect(resolveConfigDir({ home: '/home/ada' })).toBe('/late/binding');
      // An injected env wins over the process's.
      expect(resolveConfigDir({ env: {}, home: '/home/ada' })).toBe('/home/ada/.wren');
    } finally {
      if (saved === undefined) delete process.env['WREN_CONFIG_DIR'];
      else process.env['WREN_CONFIG_DIR'] = saved;
    }
  });
});

describe('projectDir', () => {
  it('keeps folders apart that sanitise to the same name, and stays short for deep paths', () => {
    const a = projectDir('/c', '/a/b-c');
    const b = projectDir('/c', '/a-b/c');
    expect(a).not.toBe(b);
    expect(a.startsWith('/c/projects/-a-b-c-')).toBe(true);
    const deep = projectDir('/c', `/${'very-long-folder-name/'.repeat(40)}`);
    expect(deep.length - '/c/projects/'.length).toBeLessThan(100);
  });
});

describe('permissions', () => {
  it('creates the config dir and session folders 0700 and transcripts 0600', async () => {
    const root = testdir({ 'work/': '' });
    const configDir = join(root, 'fresh', 'config');
    const cwd = join(root, 'work');
    const session = await openSession({ configDir, cwd, model: 'm' });
    expect(mode(configDir)).toBe(0o700);
    expect(mode(join(configDir, 'projects'))).toBe(0o700);
    expect(mode(projectDir(configDir, cwd))).toBe(0o700);
    expect(mode(session.path)).toBe(0o600);
    await session.close('completed');
  });

  it('leaves an existing config dir alone but forces the session folders, and tightens an old transcript on resume', async () => {
    const root = testdir({ 'work/': '' });
    const configDir = join(root, 'config');
    const cwd = join(root, 'work');
    mkdirSync(configDir, { mode: 0o755 });
    chmodSync(configDir, 0o755);
    mkdirSync(join(configDir, 'projects'), { mode: 0o755 });
    chmodSync(join(configDir, 'projects'), 0o755);
    const session = await openSession({ configDir, cwd, model: 'm' });
    session.append({ type: 'message', message: { role: 'user', content: 'secret: hunter2' } });
    await session.close('completed');
    expect(mode(configDir)).toBe(0o755);
    expect(mode(join(configDir, 'projects'))).toBe(0o700);

    chmodSync(session.path, 0o644);
    const resumed = await resumeSession({ configDir, cwd, id: session.id });
    expect(mode(session.path)).toBe(0o600);
    await resumed.close('completed');
  });
});
