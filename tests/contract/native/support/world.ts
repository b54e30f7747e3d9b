import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Channel } from '../../../../src/services/auto-update/index.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBinary, testKey, type CachedBinary } from './binaries.ts';
import { makeReleaseDir, signingKey, type ReleaseDir } from './release-fixture.ts';
import { ReleaseServer } from './release-server.ts';
import { runInstaller, type RunResult } from './run.ts';

/** Two releases (0.1.0 on stable, 0.1.1 on latest) of test binaries, served on 127.0.0.1. */
export interface World {
  readonly server: ReleaseServer;
  readonly release: ReleaseDir;
  readonly binaries: Readonly<Record<'0.1.0' | '0.1.1', CachedBinary>>;
  /** A fresh user: `home` and a TMPDIR beside it, both removed by `close()`. */
  user(): { home: string; tmp: string };
  install(home: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<RunResult>;
  /**
   * The state install.sh leaves after installing `version` from `channel`, made
   * directly (a copy, not a download): fast set-up for the updater's tests.
   * install.sh itself is tested end to end in installer.test.ts.
   */
  seed(home: string, version: string, channel: Channel): void;
  /** Back to stable -> 0.1.0, latest -> 0.1.1, no faults. */
  reset(): void;
  close(): Promise<void>;
}

export const OLD = '0.1.0';
export const NEW = '0.1.1';

export async function makeWorld(): Promise<World> {
  // Built once per content hash and cached across workers and runs (see binaries.ts).
  const [old, fresh] = [await testBinary(OLD), await testBinary(NEW)];
  const key = signingKey(await testKey());
  const server = await ReleaseServer.start(tmpdir());
  const release = makeReleaseDir({
    key, baseUrl: server.baseUrl,
    versions: [{ version: OLD, binary: old.path }, { version: NEW, binary: fresh.path }],
    channels: { stable: OLD, latest: NEW },
  });
  server.setRoot(release.root);
  const users: string[] = [];
  return {
    server, release, binaries: { [OLD]: old, [NEW]: fresh } as World['binaries'],
    user() {
      const base = mkdtempSync(join(tmpdir(), 'wren-user-'));
      users.push(base);
      const home = join(base, 'home');
      const tmp = join(base, 'tmp');
      mkdirSync(home);
      mkdirSync(tmp);
      return { home, tmp };
    },
    install: (home, args, env) => runInstaller(server.baseUrl, home, args, env),
    seed(home, version, channel) {
      const data = join(home, '.local', 'share', 'wren');
      for (const dir of ['versions', 'manifests']) mkdirSync(join(data, dir), { recursive: true });
      mkdirSync(join(home, '.local', 'bin'), { recursive: true });
      copyFileSync(join(release.root, version, 'linux-x64', 'wren'), join(data, 'versions', version));
      chmodSync(join(data, 'versions', version), 0o755);
      copyFileSync(join(release.root, version, 'manifest.json'), join(data, 'manifests', `${version}.json`));
      copyFileSync(join(release.root, version, 'manifest.json.sig'), join(data, 'manifests', `${version}.json.sig`));
      writeFileSync(join(data, 'install.json'), `{\n  "baseUrl": "${server.baseUrl}",\n  "channel": "${channel}"\n}\n`);
      rmSync(join(home, '.local', 'bin', 'wren'), { force: true });
      symlinkSync(join(data, 'versions', version), join(home, '.local', 'bin', 'wren'));
    },
    reset() {
      server.clearFaults();
      release.pointTo('stable', OLD);
      release.pointTo('latest', NEW);
    },
    async close() {
      await server.close();
      for (const dir of [...users, release.root]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Names left in a TMPDIR: the installer must leave none. */
export function leftovers(tmp: string): string[] {
  return readdirSync(tmp);
}
