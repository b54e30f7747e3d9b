import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { acquireLock, currentVersion, installedVersions, installLayout, isUpdateError } from '../../../src/services/auto-update/index.ts';
import { pruneVersions, switchLink } from '../../../src/services/auto-update/layout.ts';
import { testdir } from '../../support/testdir.ts';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isUpdateError(error) ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
}

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the install lock', () => {
  test('is exclusive, names its holder, and is gone after release', () => {
    const dir = testdir({ 'data/': '' });
    const lockDir = join(dir, 'data', '.lock');
    const lock = acquireLock(lockDir);
    expect(errorOf(() => acquireLock(lockDir))).toMatch(new RegExp(`^locked: .*\\(pid ${process.pid}${hostname() ? ` on ${hostname()}` : ''}\\)`));
    lock.release();
    expect(existsSync(lockDir)).toBe(false);
    acquireLock(lockDir).release();
  });

  test('a lock left by a dead process on this host is broken; one from another host never is', () => {
    const dir = testdir({ 'data/.lock/owner': `${deadPid()} ${hostname()}\n` });
    const lockDir = join(dir, 'data', '.lock');
    acquireLock(lockDir).release();
    writeFileSync(join(dir, 'x'), '');
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'owner'), `${deadPid()} some-other-host\n`);
    expect(errorOf(() => acquireLock(lockDir))).toMatch(/^locked:/);
    expect(readdirSync(join(dir, 'data'))).toEqual(['.lock']); // nothing renamed aside
  });

  test('without an install there is nothing to lock', () => {
    expect(errorOf(() => acquireLock(join(testdir(), 'missing', '.lock')))).toMatch(/^not-installed:/);
  });
});

describe('the install layout', () => {
  test('reads the current version from the link, and refuses links it did not make', () => {
    const home = testdir({ '.local/share/wren/versions/1.0.0': 'bin', '.local/bin/': '' });
    const layout = installLayout(home);
    expect(currentVersion(layout)).toBeUndefined();
    switchLink(layout, '1.0.0');
    expect(currentVersion(layout)).toBe('1.0.0');
    expect(readlinkSync(layout.binLink)).toBe(join(layout.versionsDir, '1.0.0'));
    expect(readdirSync(join(home, '.local', 'bin'))).toEqual(['wren']); // the temp link was renamed, not left
    const other = testdir({ '.local/bin/wren': '#!/bin/sh\n' });
    expect(errorOf(() => currentVersion(installLayout(other)))).toMatch(/^not-installed: .* is not a link made by the installer/);
    const elsewhere = testdir({ '.local/bin/': '' });
    symlinkSync('/usr/bin/env', join(elsewhere, '.local', 'bin', 'wren'));
    expect(errorOf(() => currentVersion(installLayout(elsewhere)))).toMatch(/points at \/usr\/bin\/env/);
  });

  test('lists versions newest first, ignoring partial downloads; pruning keeps N and the current one', () => {
    const home = testdir({
      '.local/share/wren/versions/0.9.0': '', '.local/share/wren/versions/1.0.0': '', '.local/share/wren/versions/1.1.0-rc.1': '',
      '.local/share/wren/versions/1.1.0': '', '.local/share/wren/versions/.1.2.0.123.abcd.partial': '',
      '.local/share/wren/manifests/0.9.0.json': '', '.local/share/wren/manifests/0.9.0.json.sig': '',
    });
    const layout = installLayout(home);
    expect(installedVersions(layout)).toEqual(['1.1.0', '1.1.0-rc.1', '1.0.0', '0.9.0']);
    expect(pruneVersions(layout, '0.9.0', 2)).toEqual(['1.1.0-rc.1', '1.0.0']);
    expect(installedVersions(layout)).toEqual(['1.1.0', '0.9.0']);
    expect(pruneVersions(layout, '1.1.0', 1)).toEqual(['0.9.0']);
    expect(readdirSync(layout.manifestsDir)).toEqual([]);
  });
});
