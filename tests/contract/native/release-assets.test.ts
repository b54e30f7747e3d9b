import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseManifest, parsePointer, sha256, verifyDetached } from '../../../src/services/auto-update/index.ts';
import { createRelease, MINIMUM_UPDATER_VERSION, publishChannel } from '../../../scripts/release/native/assets.ts';
import { INSTALLER_TEMPLATE, stampInstaller } from '../../../scripts/release/native/installer.ts';
import { generateSigningKey, KeyError, loadSigningKey } from '../../../scripts/release/native/keys.ts';
import { testdir } from '../../support/testdir.ts';
import { ROOT } from './support/binaries.ts';

/* The release tooling on small stand-in binaries (a script that embeds the public key). */

const key = generateSigningKey();
const fake = (dir: string, pem = key.publicKeyPem, extra = '') => {
  const path = join(dir, 'wren');
  writeFileSync(path, `#!/bin/sh\n: '${pem}'\n${extra}echo "9.9.9 (Wren)"\n`, { mode: 0o755 });
  return path;
};

describe('createRelease / publishChannel', () => {
  test('write the binary, a manifest signed over its exact bytes, and expiring pointers naming it by hash', () => {
    const dir = testdir();
    const { manifest } = createRelease({ outDir: join(dir, 'rel'), version: '1.0.0', binaries: [{ platform: 'linux-x64', path: fake(dir) }], key, minimumUpdaterVersion: '1.0.0' });
    const bytes = readFileSync(join(dir, 'rel', '1.0.0', 'manifest.json'));
    verifyDetached(bytes, readFileSync(join(dir, 'rel', '1.0.0', 'manifest.json.sig'), 'utf8'), createPublicKey(key.publicKeyPem), 'manifest');
    expect(parseManifest(bytes)).toEqual(manifest);
    expect(manifest.platforms['linux-x64']).toEqual({ file: 'linux-x64/wren', sha256: sha256(readFileSync(join(dir, 'wren'))), size: readFileSync(join(dir, 'wren')).length });
    expect(readFileSync(join(dir, 'rel', '1.0.0', 'linux-x64', 'wren'))).toEqual(readFileSync(join(dir, 'wren')));
    const now = new Date('2026-11-01T00:00:00Z');
    const pointer = publishChannel({ outDir: join(dir, 'rel'), channel: 'stable', version: '1.0.0', key, now, expiresInMs: 7 * 86_400_000 });
    expect(pointer).toMatchObject({ version: '1.0.0', manifestSha256: sha256(bytes), issued: '2026-11-01T00:00:00Z', expires: '2026-11-08T00:00:00Z' });
    const pointerBytes = readFileSync(join(dir, 'rel', 'channels', 'stable.json'));
    verifyDetached(pointerBytes, readFileSync(join(dir, 'rel', 'channels', 'stable.json.sig'), 'utf8'), createPublicKey(key.publicKeyPem), 'pointer');
    expect(parsePointer(pointerBytes, 'stable')).toEqual(pointer);
  });

  test('refuse a binary built with another key, one holding the private key, re-releasing a version, and unreleased pointers', () => {
    const dir = testdir();
    const out = join(dir, 'rel');
    const other = generateSigningKey();
    mkdirSync(join(dir, 'a'));
    expect(() => createRelease({ outDir: out, version: '1.0.0', binaries: [{ platform: 'linux-x64', path: fake(join(dir, 'a'), other.publicKeyPem) }], key, minimumUpdaterVersion: '1.0.0' }))
      .toThrow(/does not embed this release's public key/);
    const body = key.privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    mkdirSync(join(dir, 'b'));
    expect(() => createRelease({ outDir: out, version: '1.0.0', binaries: [{ platform: 'linux-x64', path: fake(join(dir, 'b'), key.publicKeyPem, `: '${body}'\n`) }], key, minimumUpdaterVersion: '1.0.0' }))
      .toThrow(/contains the release PRIVATE key/);
    expect(existsSync(join(out, '1.0.0', 'manifest.json'))).toBe(false);
    mkdirSync(join(dir, 'c'));
    createRelease({ outDir: out, version: '1.0.0', binaries: [{ platform: 'linux-x64', path: fake(join(dir, 'c')) }], key, minimumUpdaterVersion: '1.0.0' });
    expect(() => createRelease({ outDir: out, version: '1.0.0', binaries: [{ platform: 'linux-x64', path: fake(join(dir, 'c')) }], key, minimumUpdaterVersion: '1.0.0' }))
      .toThrow(/already released: versions are immutable/);
    expect(() => publishChannel({ outDir: out, channel: 'latest', version: '2.0.0', key })).toThrow(/not released/);
    expect(() => publishChannel({ outDir: out, channel: 'latest', version: '1.0.0', key: { ...other } })).toThrow(/signature does not match/);
  });
});

describe('signing keys', () => {
  test('come from the environment, never from inside the repository, and must pair with the embedded public key', () => {
    expect(() => loadSigningKey({}, key.publicKeyPem)).toThrow(KeyError);
    expect(loadSigningKey({ WREN_RELEASE_SIGNING_KEY: key.privateKeyPem }, key.publicKeyPem).publicKeyPem).toBe(key.publicKeyPem);
    const outside = join(testdir(), 'k.pem');
    writeFileSync(outside, key.privateKeyPem);
    expect(loadSigningKey({ WREN_RELEASE_SIGNING_KEY_FILE: outside }, key.publicKeyPem).publicKeyPem).toBe(key.publicKeyPem);
    const refusal = (env: Record<string, string>, pub = key.publicKeyPem) => {
      try {
        loadSigningKey(env, pub);
      } catch (error) {
        return (error as KeyError).code;
      }
      return 'accepted';
    };
    expect(refusal({ WREN_RELEASE_SIGNING_KEY_FILE: join(ROOT, 'package.json') })).toBe('key-in-repo');
    expect(refusal({ WREN_RELEASE_SIGNING_KEY: key.privateKeyPem }, generateSigningKey().publicKeyPem)).toBe('key-mismatch');
    expect(refusal({ WREN_RELEASE_SIGNING_KEY: 'nope' })).toBe('bad-key');
  });

  test('keygen refuses to write a private key inside the repository', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/release/native/keygen.ts'), '--private-out', join(ROOT, 'dist', 'k.pem')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/refusing to write a private key inside the repository/);
    expect(existsSync(join(ROOT, 'dist', 'k.pem'))).toBe(false);
  });
});

describe('the served install.sh', () => {
  test('differs from the committed script only in the key and base URL lines', () => {
    const stamped = stampInstaller({ publicKeyPem: key.publicKeyPem, baseUrl: 'https://downloads.example/wren/' }).split('\n');
    const template = readFileSync(INSTALLER_TEMPLATE, 'utf8').split('\n');
    const changed = template.map((line, i) => (line === stamped[i] ? null : stamped[i])).filter((l) => l !== null);
    expect(changed).toEqual([
      `RELEASE_PUBLIC_KEY='${key.publicKeyPem.split('\n')[1]}'`,
      "DEFAULT_BASE_URL='https://downloads.example/wren'",
    ]);
    expect(() => stampInstaller({ publicKeyPem: key.publicKeyPem, baseUrl: 'http://downloads.example' })).toThrow(/refusing/);
  });

  test('is valid POSIX sh for dash', () => {
    expect(spawnSync('dash', ['-n', INSTALLER_TEMPLATE]).status).toBe(0);
  });
});

describe('release.ts (the command)', () => {
  test('refuses without a signing key; with one, writes the release, channels and installer', () => {
    const dir = testdir();
    const pub = join(dir, 'test.pub');
    writeFileSync(pub, key.publicKeyPem);
    mkdirSync(join(dir, 'bin', 'linux-x64'), { recursive: true });
    fake(join(dir, 'bin', 'linux-x64'));
    writeFileSync(join(dir, 'bin', 'linux-x64', 'build.json'), JSON.stringify({ version: '9.9.9' }));
    const args = [join(ROOT, 'scripts/release/native/release.ts'), 'assets', '--bin-dir', join(dir, 'bin'), '--out', join(dir, 'rel'),
      '--base-url', 'https://downloads.example/wren', '--channels', 'stable,latest', '--public-key', pub];
    const env = { PATH: process.env['PATH'] ?? '' };
    const refused = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/set WREN_RELEASE_SIGNING_KEY/);
    const ok = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...env, WREN_RELEASE_SIGNING_KEY: key.privateKeyPem } });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    for (const f of ['9.9.9/manifest.json', '9.9.9/manifest.json.sig', '9.9.9/linux-x64/wren', 'channels/stable.json', 'channels/latest.json.sig', 'install.sh']) {
      expect(existsSync(join(dir, 'rel', f)), f).toBe(true);
    }
    // Older installed binaries must be able to update to it: the floor is the format's, not this version.
    expect(parseManifest(readFileSync(join(dir, 'rel', '9.9.9', 'manifest.json'))).minimumUpdaterVersion).toBe(MINIMUM_UPDATER_VERSION);
  });
});

describe('install.sh lint', () => {
  const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  test.skipIf(!shellcheck)('shellcheck -s sh finds nothing (CI: apt-get install shellcheck)', () => {
    const r = spawnSync('shellcheck', ['-s', 'sh', INSTALLER_TEMPLATE], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});
