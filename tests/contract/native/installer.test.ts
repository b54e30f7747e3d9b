import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { attackerKey, signDetached, signedPointer } from './support/release-fixture.ts';
import { run, snapshot, userEnv } from './support/run.ts';
import { leftovers, makeWorld, NEW, OLD, type World } from './support/world.ts';

/*
 * The real scripts/install.sh (stamped by the release tooling with the test
 * key), run as `curl | sh -s --` with dash, against a release served on
 * 127.0.0.1, in a temporary HOME. Every refusal must leave the disk exactly
 * as it was: same paths, inodes, sizes, mtimes and link targets.
 */

let world: World;
beforeAll(async () => {
  world = await makeWorld();
}, 300_000);
afterAll(async () => world?.close());
beforeEach(() => world.reset());

const BIN = (home: string) => join(home, '.local', 'bin', 'wren');
const VERSIONS = (home: string) => join(home, '.local', 'share', 'wren', 'versions');

async function installed(version: string): Promise<{ home: string; tmp: string }> {
  const user = world.user();
  const r = await world.install(user.home, [version]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return user;
}

/** Runs the installer expecting a refusal, and checks that nothing on disk moved. */
async function expectRefusal(user: { home: string; tmp: string }, args: readonly string[], message: RegExp, env?: NodeJS.ProcessEnv): Promise<void> {
  const before = snapshot(user.home);
  const r = await world.install(user.home, args, env);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain('nothing was changed');
  expect(r.code).toBe(1);
  expect(snapshot(user.home)).toEqual(before);
  expect(leftovers(user.tmp)).toEqual([]);
}

describe('install.sh', () => {
  test('a clean install from the stable channel: verified, installed, linked, and it runs', async () => {
    const { home, tmp } = world.user();
    const r = await world.install(home, ['stable']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wren ${OLD} installed`);
    expect(readlinkSync(BIN(home))).toBe(join(VERSIONS(home), OLD));
    const version = await run(BIN(home), ['--version'], userEnv(home));
    expect(version.stdout).toBe(`${OLD} (Wren)\n`);
    // The signed manifest is kept for rollbacks; where updates come from is recorded.
    const data = join(home, '.local', 'share', 'wren');
    expect(readFileSync(join(data, 'manifests', `${OLD}.json`))).toEqual(world.release.read(`${OLD}/manifest.json`));
    expect(JSON.parse(readFileSync(join(data, 'install.json'), 'utf8'))).toEqual({ baseUrl: world.server.baseUrl, channel: 'stable' });
    expect(readdirSync(VERSIONS(home))).toEqual([OLD]); // no temp file left beside it
    expect(existsSync(join(data, '.lock'))).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
  });

  test('an upgrade (latest), then `wren rollback` back, then `wren update` forward again', async () => {
    const { home } = await installed('stable');
    const up = await world.install(home, ['latest']);
    expect(up.stderr).toBe('');
    expect(up.stdout).toContain(`Wren ${OLD} -> ${NEW} installed`);
    expect(readlinkSync(BIN(home))).toBe(join(VERSIONS(home), NEW));
    expect((await run(BIN(home), ['--version'], userEnv(home))).stdout).toBe(`${NEW} (Wren)\n`);

    const back = await run(BIN(home), ['rollback'], userEnv(home));
    expect(back.stderr).toBe('');
    expect(back.stdout).toContain(`rolled Wren back ${NEW} -> ${OLD}`);
    expect(readlinkSync(BIN(home))).toBe(join(VERSIONS(home), OLD));

    const forward = await run(BIN(home), ['update'], userEnv(home));
    expect(forward.stderr).toBe('');
    expect(forward.stdout).toContain(`updated Wren ${OLD} -> ${NEW} (latest)`);
    expect((await run(BIN(home), ['--version'], userEnv(home))).stdout).toBe(`${NEW} (Wren)\n`);
  });

  test('installing the version already installed changes nothing', async () => {
    const user = await installed('stable');
    const before = snapshot(user.home);
    const r = await world.install(user.home, [OLD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('already installed');
    expect(snapshot(user.home)).toEqual(before);
  });

  describe('refuses, changing nothing on disk', () => {
    test('a tampered binary (one byte flipped; the signed manifest is intact)', async () => {
      world.server.fault(`${OLD}/linux-x64/wren`, { kind: 'flip', offset: 4096 });
      await expectRefusal(world.user(), ['stable'], /does not match the sha256 in the signed manifest/);
    });

    test('a tampered binary over an existing install', async () => {
      const user = await installed('stable');
      world.server.fault(`${NEW}/linux-x64/wren`, { kind: 'flip', offset: 1_000_000 });
      await expectRefusal(user, ['latest'], /tampered with/);
    });

    test('a tampered manifest: named by the pointer by hash, and unsigned when fetched directly', async () => {
      const manifest = world.release.read(`${OLD}/manifest.json`).toString().replace(/"size": \d+/, '"size": 1234');
      world.server.fault(`${OLD}/manifest.json`, { kind: 'replace', bytes: manifest });
      await expectRefusal(world.user(), ['stable'], /is not the manifest the stable pointer names/);
      await expectRefusal(world.user(), [OLD], /manifest.json: bad signature/);
    });

    test('a release signed with the wrong key (server compromised, release key not)', async () => {
      const evil = attackerKey();
      const manifest = world.release.read(`${OLD}/manifest.json`);
      const pointer = signedPointer(evil, world.release, { channel: 'stable', version: OLD });
      world.server.fault('channels/stable.json', { kind: 'replace', bytes: pointer.json });
      world.server.fault('channels/stable.json.sig', { kind: 'replace', bytes: pointer.sig });
      world.server.fault(`${OLD}/manifest.json.sig`, { kind: 'replace', bytes: signDetached(manifest, evil.privateKey) });
      await expectRefusal(world.user(), ['stable'], /channels\/stable.json: bad signature/);
      await expectRefusal(world.user(), [OLD], /manifest.json: bad signature/);
    });

    test('an expired channel pointer (a replayed old one)', async () => {
      const pointer = signedPointer(world.release.key, world.release, {
        channel: 'stable', version: OLD, issued: '2026-01-01T00:00:00Z', expires: '2026-01-31T00:00:00Z',
      });
      world.server.fault('channels/stable.json', { kind: 'replace', bytes: pointer.json });
      world.server.fault('channels/stable.json.sig', { kind: 'replace', bytes: pointer.sig });
      await expectRefusal(world.user(), ['stable'], /pointer expired at 2026-01-31T00:00:00Z/);
    });

    test('a pointer of another channel served as this one', async () => {
      world.server.fault('channels/stable.json', { kind: 'replace', bytes: world.release.read('channels/latest.json') });
      world.server.fault('channels/stable.json.sig', { kind: 'replace', bytes: world.release.read('channels/latest.json.sig') });
      await expectRefusal(world.user(), ['stable'], /pointer of another channel/);
    });

    test('a downgrade through a channel (an explicit version is the way to go back on purpose)', async () => {
      const user = await installed('latest');
      await expectRefusal(user, ['stable'], new RegExp(`points at ${OLD}, older than the installed ${NEW}: refusing to downgrade`));
    });

    test('a truncated download', async () => {
      world.server.fault(`${OLD}/linux-x64/wren`, { kind: 'truncate', bytes: 5_000_000 });
      await expectRefusal(world.user(), ['stable'], /is 5000000 bytes, the signed manifest says \d+/);
    });

    test('a server error in the middle of the download', async () => {
      world.server.fault(`${OLD}/linux-x64/wren`, { kind: 'cut', bytes: 3_000_000 });
      await expectRefusal(world.user(), ['stable'], new RegExp(`download of .*${OLD}/linux-x64/wren failed`));
    });

    test('a server error on the manifest', async () => {
      world.server.fault(`${OLD}/manifest.json`, { kind: 'status', status: 500 });
      await expectRefusal(world.user(), ['stable'], /manifest.json failed: .*500/);
    });

    test('two concurrent installers: the second stops at the lock, and never downgrades the first', async () => {
      const user = await installed('stable');
      const held = world.server.hold(`${NEW}/linux-x64/wren`);
      const first = world.install(user.home, ['latest']);
      await held.started; // the first holds the lock and is mid-download
      // The first one's partial download is still growing: compare everything else.
      const stable = () => Object.fromEntries(Object.entries(snapshot(user.home)).filter(([path]) => !path.endsWith('.partial')));
      const mid = stable();
      const second = await world.install(user.home, ['latest']);
      expect(second.stderr).toMatch(/another Wren install or update is running \(pid \d+\)/);
      expect(second.code).toBe(1);
      expect(stable()).toEqual(mid);
      expect(readdirSync(VERSIONS(user.home)).filter((n) => n.endsWith('.partial'))).toHaveLength(1);
      held.release();
      const done = await first;
      expect(done.code).toBe(0);
      expect(readlinkSync(BIN(user.home))).toBe(join(VERSIONS(user.home), NEW));
      // The second, retried on the older channel, sees the first's result and refuses to go back.
      await expectRefusal(user, ['stable'], /refusing to downgrade/);
    });

    test('plain http to anything but loopback, before any download', async () => {
      const user = world.user();
      const fetched = world.server.requests.length;
      const script = join(user.tmp, '..', 'install.sh');
      writeFileSync(script, world.release.read('install.sh'));
      for (const url of ['http://example.com', 'http://127.0.0.1.evil.example', 'http://user@127.0.0.1:1', 'ftp://127.0.0.1']) {
        const before = snapshot(user.home);
        const r = await run('sh', [script, 'stable'], userEnv(user.home, { WREN_INSTALL_BASE_URL: url }));
        expect(r.code, url).toBe(1);
        expect(r.stderr, url).toMatch(/refusing/);
        expect(snapshot(user.home)).toEqual(before);
      }
      expect(world.server.requests.length).toBe(fetched);
    });

    test('an unstamped install.sh (no release key) refuses to run', async () => {
      const user = world.user();
      const r = await run('sh', [join(import.meta.dirname, '../../../scripts/install.sh'), 'stable'], userEnv(user.home, { WREN_INSTALL_BASE_URL: world.server.baseUrl }));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/has no release key/);
      expect(readdirSync(user.home)).toEqual([]);
    });
  });

  describe('platform detection (uname, sysctl and ldd faked on PATH)', () => {
    function fakeTools(dir: string, tools: Record<string, string>): string {
      mkdirSync(dir, { recursive: true });
      for (const [name, script] of Object.entries(tools)) {
        writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
        chmodSync(join(dir, name), 0o755);
      }
      return `${dir}:${process.env['PATH']}`;
    }
    const uname = (s: string, m: string) => `case "$1" in -s) echo ${s};; -m) echo ${m};; *) /bin/uname "$@";; esac`;

    test('macOS on Apple silicon asks for darwin-arm64 (not in this release: refused, nothing changed)', async () => {
      const user = world.user();
      const PATH = fakeTools(join(user.tmp, '..', 'fake'), { uname: uname('Darwin', 'arm64') });
      await expectRefusal(user, ['stable'], /release 0.1.0 has no darwin-arm64 binary/, { PATH });
    });

    test('an x86_64 shell under Rosetta 2 gets the arm64 binary', async () => {
      const user = world.user();
      const PATH = fakeTools(join(user.tmp, '..', 'fake'), { uname: uname('Darwin', 'x86_64'), sysctl: 'echo 1' });
      const before = snapshot(user.home);
      const r = await world.install(user.home, ['stable'], { PATH });
      expect(r.stdout).toContain('Rosetta 2 detected');
      expect(r.stderr).toMatch(/no darwin-arm64 binary/);
      expect(snapshot(user.home)).toEqual(before);
    });

    test('musl libc is refused with the npm alternative', async () => {
      const user = world.user();
      const PATH = fakeTools(join(user.tmp, '..', 'fake'), { ldd: 'echo "musl libc (x86_64)"; exit 1' });
      await expectRefusal(user, ['stable'], /musl libc detected .* npm i -g wren-code/, { PATH });
    });

    test('an unsupported architecture is named', async () => {
      const user = world.user();
      const PATH = fakeTools(join(user.tmp, '..', 'fake'), { uname: uname('Linux', 'riscv64') });
      await expectRefusal(user, ['stable'], /unsupported CPU architecture: riscv64/, { PATH });
    });
  });

  describe('without OpenSSL 3, signatures are checked with node', () => {
    test('installs, and still refuses the wrong key', async () => {
      const user = world.user();
      // A PATH whose openssl is LibreSSL-like (too old for Ed25519 -rawin): the installer must not use it.
      const fake = join(user.tmp, '..', 'fake');
      mkdirSync(fake);
      writeFileSync(join(fake, 'openssl'), '#!/bin/sh\n[ "$1" = version ] && { echo "LibreSSL 3.3.6"; exit 0; }\necho "fake openssl must not be used" >&2; exit 1\n');
      chmodSync(join(fake, 'openssl'), 0o755);
      const PATH = `${fake}:${process.env['PATH']}`;
      const evil = attackerKey();
      world.server.fault(`${OLD}/manifest.json.sig`, { kind: 'replace', bytes: signDetached(world.release.read(`${OLD}/manifest.json`), evil.privateKey) });
      await expectRefusal(user, [OLD], /manifest.json: bad signature/, { PATH });
      world.server.clearFaults();
      const r = await world.install(user.home, [OLD], { PATH });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readlinkSync(BIN(user.home))).toBe(join(VERSIONS(user.home), OLD));
    });
  });

  test('refuses to replace a ~/.local/bin/wren it did not make', async () => {
    const user = world.user();
    mkdirSync(join(user.home, '.local', 'bin'), { recursive: true });
    writeFileSync(BIN(user.home), '#!/bin/sh\necho mine\n');
    await expectRefusal(user, ['stable'], /exists and is not a link made by this installer/);
  });
});
