import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  currentVersion, installedVersions, installLayout, isUpdateError, rollback, update, type UpdaterDeps, type UpdateErrorCode,
} from '../../../src/services/auto-update/index.ts';
import { switchLink } from '../../../src/services/auto-update/layout.ts';
import { createRelease, publishChannel } from '../../../scripts/release/native/assets.ts';
import { generateSigningKey } from '../../../scripts/release/native/keys.ts';
import { ReleaseServer } from '../../contract/native/support/release-server.ts';
import { snapshot } from '../../contract/native/support/run.ts';
import { testdir } from '../../support/testdir.ts';

/*
 * The updater's logic against a real release (real tooling, real HTTP on
 * 127.0.0.1) of small stand-in binaries: shell scripts that answer --version.
 * The native binaries themselves are exercised in tests/contract/native/.
 */

const key = generateSigningKey();
let server: ReleaseServer;
let root: string;

function fakeBinary(dir: string, says: string): string {
  const path = join(dir, `bin-${says.replace(/\W/g, '_')}`);
  // The release tool insists the binary embeds the release key; a comment carries it.
  writeFileSync(path, `#!/bin/sh\n: '${key.publicKeyPem}'\necho "${says}"\n`, { mode: 0o755 });
  return path;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'wren-updater-test-'));
  const bins = join(root, 'bins');
  mkdirSync(bins);
  const rel = join(root, 'release');
  for (const v of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) {
    createRelease({ outDir: rel, version: v, binaries: [{ platform: 'linux-x64', path: fakeBinary(bins, `${v} (Wren)`) }], key, minimumUpdaterVersion: '1.0.0' });
  }
  // A release whose binary lies about its version, one needing a newer updater, one without linux-x64.
  createRelease({ outDir: rel, version: '2.0.0', binaries: [{ platform: 'linux-x64', path: fakeBinary(bins, '1.9.9 (Wren)') }], key, minimumUpdaterVersion: '1.0.0' });
  createRelease({ outDir: rel, version: '3.0.0', binaries: [{ platform: 'linux-x64', path: fakeBinary(bins, '3.0.0 (Wren)') }], key, minimumUpdaterVersion: '3.0.0' });
  createRelease({ outDir: rel, version: '4.0.0', binaries: [{ platform: 'darwin-arm64', path: fakeBinary(bins, '4.0.0 (Wren)') }], key, minimumUpdaterVersion: '1.0.0' });
  server = await ReleaseServer.start(rel);
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});


/** A home with `version` installed from our server, and the updater's dependencies for it. */
function home(version: string, overrides: Partial<UpdaterDeps> = {}): { home: string; deps: UpdaterDeps } {
  const dir = testdir({
    [`.local/share/wren/versions/${version}`]: readFileSync(join(root, 'release', version, 'linux-x64', 'wren')),
    [`.local/share/wren/manifests/${version}.json`]: readFileSync(join(root, 'release', version, 'manifest.json')),
    [`.local/share/wren/manifests/${version}.json.sig`]: readFileSync(join(root, 'release', version, 'manifest.json.sig')),
    '.local/share/wren/install.json': JSON.stringify({ baseUrl: server.baseUrl, channel: 'stable' }),
    '.local/bin/': '',
  });
  execFileSync('chmod', ['755', join(dir, '.local/share/wren/versions', version)]);
  const layout = installLayout(dir);
  switchLink(layout, version);
  return {
    home: dir,
    deps: {
      layout, publicKey: createPublicKey(key.publicKeyPem), runningVersion: version, platform: 'linux-x64',
      fetch: (url, init) => fetch(url, init), now: () => new Date(), keep: 2,
      smokeTest: (binary) => execFileSync(binary, ['--version'], { encoding: 'utf8' }),
      ...overrides,
    },
  };
}

const point = (version: string) => publishChannel({ outDir: join(root, 'release'), channel: 'stable', version, key });

async function refusal(run: () => Promise<unknown>): Promise<UpdateErrorCode | string> {
  try {
    await run();
  } catch (error) {
    return isUpdateError(error) ? error.code : String(error);
  }
  return 'no refusal';
}

describe('update()', () => {
  test('moves forward, keeps N versions with their manifests, and says up to date after', async () => {
    const { home: h, deps } = home('1.0.0');
    point('1.1.0');
    expect(await update(deps)).toMatchObject({ status: 'updated', from: '1.0.0', to: '1.1.0', pruned: [] });
    point('1.2.0');
    expect(await update(deps)).toMatchObject({ status: 'updated', from: '1.1.0', to: '1.2.0', pruned: ['1.0.0'] });
    expect(installedVersions(deps.layout)).toEqual(['1.2.0', '1.1.0']);
    expect(existsSync(join(h, '.local/share/wren/manifests/1.0.0.json'))).toBe(false);
    expect(await update(deps)).toMatchObject({ status: 'up-to-date', version: '1.2.0' });
    expect(readlinkSync(deps.layout.binLink)).toBe(join(deps.layout.versionsDir, '1.2.0'));
  });

  test.each([
    ['a binary whose --version disagrees with the manifest', '2.0.0', {}, 'smoke-test-failed'],
    ['a release that needs a newer updater', '3.0.0', {}, 'updater-too-old'],
    ['a release without this platform', '4.0.0', {}, 'no-platform'],
    ['a binary that does not run', '1.1.0', { smokeTest: () => { throw new Error('Exec format error'); } }, 'smoke-test-failed'],
  ] as const)('refuses %s, changing nothing', async (_, version, overrides, expected) => {
    const { home: h, deps } = home('1.0.0', overrides as Partial<UpdaterDeps>);
    point(version);
    const before = snapshot(h);
    expect(await refusal(() => update(deps))).toBe(expected);
    expect(snapshot(h)).toEqual(before);
  });

  test('refuses an update source that is not https (or loopback http), and a missing one', async () => {
    const { home: h, deps } = home('1.0.0');
    writeFileSync(join(h, '.local/share/wren/install.json'), JSON.stringify({ baseUrl: 'http://mirror.example', channel: 'stable' }));
    expect(await refusal(() => update(deps))).toBe('insecure-url');
    writeFileSync(join(h, '.local/share/wren/install.json'), '{}');
    expect(await refusal(() => update(deps))).toBe('no-source');
  });

  test('a background run skips the version rolled back from; an explicit one takes it', async () => {
    const { deps } = home('1.0.0');
    point('1.1.0');
    await update(deps);
    expect(await rollback(deps)).toEqual({ from: '1.1.0', to: '1.0.0' });
    expect(await update(deps, { background: true })).toMatchObject({ status: 'skipped', version: '1.1.0' });
    expect(currentVersion(deps.layout)).toBe('1.0.0');
    point('1.2.0');
    expect(await update(deps, { background: true })).toMatchObject({ status: 'updated', to: '1.2.0' });
  });
});

describe('rollback()', () => {
  test('goes to the newest older version, or a named one, and only to installed, verifiable ones', async () => {
    const { home: h, deps } = home('1.0.0');
    point('1.1.0');
    await update(deps);
    point('1.2.0');
    await update({ ...deps, keep: 3 });
    expect(await rollback(deps, '1.0.0')).toEqual({ from: '1.2.0', to: '1.0.0' });
    expect(await refusal(() => rollback(deps))).toBe('no-rollback-target');
    expect(await refusal(() => rollback(deps, '0.9.0'))).toBe('no-rollback-target');
    expect(await refusal(() => rollback(deps, '../1.1.0'))).toBe('no-rollback-target');
    writeFileSync(join(h, '.local/share/wren/manifests/1.1.0.json.sig'), 'garbage');
    const before = snapshot(h);
    expect(await refusal(() => rollback(deps, '1.1.0'))).toBe('bad-signature');
    expect(snapshot(h)).toEqual(before);
  });
});
