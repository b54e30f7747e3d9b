import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { attackerKey, signDetached, signedPointer } from './support/release-fixture.ts';
import { run, snapshot, userEnv, type RunResult } from './support/run.ts';
import { makeWorld, NEW, OLD, type World } from './support/world.ts';

/*
 * The binary's own updater (NATIVE_AUTO_UPDATE), run as a user would run it:
 * the installed test binary, a temporary HOME, a release on 127.0.0.1. It
 * must refuse the same tampering as the installer, changing nothing.
 */

let world: World;
beforeAll(async () => {
  world = await makeWorld();
}, 300_000);
afterAll(async () => world?.close());
beforeEach(() => world.reset());

const bin = (home: string) => join(home, '.local', 'bin', 'wren');
const versions = (home: string) => join(home, '.local', 'share', 'wren', 'versions');
const data = (home: string) => join(home, '.local', 'share', 'wren');

async function installed(channel: 'stable' | 'latest'): Promise<string> {
  const { home } = world.user();
  world.seed(home, channel === 'stable' ? OLD : NEW, channel);
  return home;
}

function wren(home: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(bin(home), args, userEnv(home, env));
}

async function expectRefusal(home: string, args: readonly string[], message: RegExp, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const before = snapshot(home);
  const r = await wren(home, args, env);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(1);
  expect(snapshot(home)).toEqual(before);
}

describe('wren update', () => {
  test('says up to date, then moves forward when the channel does, keeping the old version for rollback', async () => {
    const home = await installed('stable');
    const same = await wren(home, ['update']);
    expect(same.stdout).toBe(`Wren ${OLD} is up to date (stable)\n`);
    world.release.pointTo('stable', NEW);
    const r = await wren(home, ['update']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`updated Wren ${OLD} -> ${NEW} (stable)\n`);
    expect(readlinkSync(bin(home))).toBe(join(versions(home), NEW));
    expect((await wren(home, ['--version'])).stdout).toBe(`${NEW} (Wren)\n`);
    expect(existsSync(join(versions(home), OLD))).toBe(true);
    expect(existsSync(join(data(home), 'manifests', `${NEW}.json.sig`))).toBe(true);
  });

  test('--channel switches channel and remembers it', async () => {
    const home = await installed('stable');
    const r = await wren(home, ['update', '--channel', 'latest']);
    expect(r.stdout).toContain(`-> ${NEW} (latest)`);
    expect(JSON.parse(readFileSync(join(data(home), 'install.json'), 'utf8')).channel).toBe('latest');
    const bad = await wren(home, ['update', '--channel', 'nightly']);
    expect(bad.code).toBe(2);
  });

  test('rollback re-verifies, switches back, and the background check then skips the version left', async () => {
    const home = await installed('latest');
    const r = await world.install(home, [OLD]); // an explicit older version: allowed, and keeps the channel
    expect(r.code, r.stderr).toBe(0);
    expect(readlinkSync(bin(home))).toBe(join(versions(home), OLD));
    await wren(home, ['update']); // back on latest = NEW
    const back = await wren(home, ['rollback']);
    expect(back.stdout).toContain(`rolled Wren back ${NEW} -> ${OLD}`);
    expect(readlinkSync(bin(home))).toBe(join(versions(home), OLD));
    const skipped = await wren(home, ['update', '--background']);
    expect(skipped.stdout).toContain(`skipped ${NEW}: you rolled back from ${NEW}`);
    expect(readlinkSync(bin(home))).toBe(join(versions(home), OLD));
    const explicit = await wren(home, ['update']);
    expect(explicit.stdout).toContain(`updated Wren ${OLD} -> ${NEW}`);
  });

  describe('refuses, changing nothing on disk', () => {
    test('a tampered binary', async () => {
      const home = await installed('stable');
      world.server.fault(`${NEW}/linux-x64/wren`, { kind: 'flip', offset: 77_777 });
      await expectRefusal(home, ['update', '--channel', 'latest'], /signed manifest says [0-9a-f]{64}: it was tampered with \[sha256-mismatch\]/);
    });

    test('a tampered manifest', async () => {
      const home = await installed('stable');
      const manifest = world.release.read(`${NEW}/manifest.json`).toString().replace(/"sha256": "[0-9a-f]+"/, `"sha256": "${'0'.repeat(64)}"`);
      world.server.fault(`${NEW}/manifest.json`, { kind: 'replace', bytes: manifest });
      await expectRefusal(home, ['update', '--channel', 'latest'], /is not the manifest the latest pointer names \(its sha256 differs\) \[bad-document\]/);
      // And with a pointer re-signed for it by someone without the release key:
      const evil = attackerKey();
      const pointer = signedPointer(evil, world.release, { channel: 'latest', version: NEW });
      world.server.fault('channels/latest.json', { kind: 'replace', bytes: pointer.json });
      world.server.fault('channels/latest.json.sig', { kind: 'replace', bytes: pointer.sig });
      await expectRefusal(home, ['update', '--channel', 'latest'], /channels\/latest.json: the signature does not match the release key/);
    });

    test('a release signed with the wrong key', async () => {
      const home = await installed('stable');
      const evil = attackerKey();
      world.server.fault('channels/latest.json.sig', { kind: 'replace', bytes: signDetached(world.release.read('channels/latest.json'), evil.privateKey) });
      await expectRefusal(home, ['update', '--channel', 'latest'], /\[bad-signature\]/);
    });

    test('an expired pointer', async () => {
      const home = await installed('stable');
      const pointer = signedPointer(world.release.key, world.release, { channel: 'latest', version: NEW, issued: '2026-01-01T00:00:00Z', expires: '2026-02-01T00:00:00Z' });
      world.server.fault('channels/latest.json', { kind: 'replace', bytes: pointer.json });
      world.server.fault('channels/latest.json.sig', { kind: 'replace', bytes: pointer.sig });
      await expectRefusal(home, ['update', '--channel', 'latest'], /pointer expired at 2026-02-01T00:00:00Z: .* \[expired\]/);
    });

    test('a downgrade', async () => {
      const home = await installed('latest');
      await expectRefusal(home, ['update', '--channel', 'stable'], new RegExp(`points at ${OLD}, older than the installed ${NEW}: refusing to move backwards .*\\[downgrade\\]`));
    });

    test('a truncated download', async () => {
      const home = await installed('stable');
      world.server.fault(`${NEW}/linux-x64/wren`, { kind: 'truncate', bytes: 2_000_000 });
      await expectRefusal(home, ['update', '--channel', 'latest'], /is 2000000 bytes, the signed manifest says \d+ .*\[size-mismatch\]/);
    });

    test('a server error mid-download', async () => {
      const home = await installed('stable');
      world.server.fault(`${NEW}/linux-x64/wren`, { kind: 'cut', bytes: 4_000_000 });
      await expectRefusal(home, ['update', '--channel', 'latest'], /the download broke off after \d+ bytes .*\[download-failed\]/);
    });

    test('two concurrent updaters: the second stops at the lock; retried on an older channel it does not downgrade', async () => {
      const home = await installed('stable');
      const held = world.server.hold(`${NEW}/linux-x64/wren`);
      const first = wren(home, ['update', '--channel', 'latest']);
      await held.started;
      const stable = () => Object.fromEntries(Object.entries(snapshot(home)).filter(([p]) => !p.endsWith('.partial')));
      const mid = stable();
      const second = await wren(home, ['update', '--channel', 'latest']);
      expect(second.stderr).toMatch(/another Wren install or update is running \(pid \d+( on [^)]+)?\); try again when it has finished \[locked\]/);
      expect(second.code).toBe(1);
      expect(stable()).toEqual(mid);
      // The installer takes the same lock.
      const installer = await world.install(home, ['latest']);
      expect(installer.stderr).toMatch(/another Wren install or update is running/);
      held.release();
      expect((await first).code).toBe(0);
      await expectRefusal(home, ['update', '--channel', 'stable'], /refusing to move backwards/);
    });

    test('rollback to a stored version altered on disk', async () => {
      const home = await installed('stable');
      await wren(home, ['update', '--channel', 'latest']);
      const old = join(versions(home), OLD);
      const bytes = readFileSync(old);
      bytes[123_456] = bytes[123_456]! ^ 1;
      writeFileSync(old, bytes);
      await expectRefusal(home, ['rollback'], /it was tampered with \[sha256-mismatch\]/);
    });

    test('DISABLE_AUTOUPDATER=1 turns updates off', async () => {
      const home = await installed('stable');
      await expectRefusal(home, ['update', '--channel', 'latest'], /updates are turned off by DISABLE_AUTOUPDATER=1 \[disabled\]/, { DISABLE_AUTOUPDATER: '1' });
    });
  });

  describe('the daily background check', () => {
    async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
      const until = Date.now() + timeoutMs;
      // The detached child is another process with no channel back to the test: poll the link it moves.
      while (!check()) {
        if (Date.now() > until) throw new Error('timed out');
        await delay(100);
      }
    }

    test('runs detached without blocking, updates, and is not due again for a day', async () => {
      const home = await installed('stable');
      world.release.pointTo('stable', NEW);
      const started = performance.now();
      const r = await wren(home, ['--help']); // any command but update/rollback starts the check
      expect(r.code).toBe(0);
      expect(performance.now() - started).toBeLessThan(5_000);
      await waitFor(() => readlinkSync(bin(home)).endsWith(`/${NEW}`));
      await waitFor(() => !existsSync(join(data(home), '.lock')));
      expect(readFileSync(join(data(home), 'update.log'), 'utf8')).toContain(`updated Wren ${OLD} -> ${NEW} (stable)`);
      const state = JSON.parse(readFileSync(join(data(home), 'update-state.json'), 'utf8')) as { lastCheck: string };
      expect(Date.now() - Date.parse(state.lastCheck)).toBeLessThan(60_000);
      const before = snapshot(home);
      await wren(home, ['--help']);
      expect(snapshot(home)).toEqual(before); // not due: no state write, no child
    });

    test('is off with DISABLE_AUTOUPDATER=1 or the autoUpdates: false setting', async () => {
      const home = await installed('stable');
      world.release.pointTo('stable', NEW);
      const before = snapshot(home);
      await wren(home, ['--help'], { DISABLE_AUTOUPDATER: '1' });
      expect(snapshot(home)).toEqual(before);
      mkdirSync(join(home, '.wren'));
      writeFileSync(join(home, '.wren', 'settings.json'), '{ "autoUpdates": false }\n');
      const withSetting = snapshot(home);
      await wren(home, ['--help']);
      expect(snapshot(home)).toEqual(withSetting);
      expect(existsSync(join(data(home), 'update-state.json'))).toBe(false);
    });
  });
});
