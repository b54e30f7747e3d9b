import { randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateError } from './errors.ts';
import { checkBaseUrl, downloadTo, type FetchLike } from './fetch-release.ts';
import { currentVersion, pruneVersions, switchLink, versionPath, type InstallLayout } from './layout.ts';
import { acquireLock } from './lock.ts';
import { assetFor, checkUpdaterVersion, type Channel, type PlatformId, type ReleaseManifest } from './release-format.ts';
import { readSource, readState, writeAtomic, writeSource, writeState } from './state.ts';
import { checkAsset, fetchManifest, fetchPointer, hashFile } from './verify-release.ts';
import { compareVersions } from './version.ts';

/** Everything the updater touches, injectable; `defaultUpdaterDeps` (commands.ts) gives the real ones. */
export interface UpdaterDeps {
  readonly layout: InstallLayout;
  /** The release key embedded in the running binary. */
  readonly publicKey: KeyObject;
  /** The running binary's own version: decides `minimumUpdaterVersion`. */
  readonly runningVersion: string;
  readonly platform: PlatformId;
  readonly fetch: FetchLike;
  readonly now: () => Date;
  /** How many versions to keep on disk, the current one included. @default 3 */
  readonly keep: number;
  /** Runs `<binary> --version` and returns its stdout; throws if it does not run. */
  readonly smokeTest: (binary: string) => string;
}

export interface UpdateRequest {
  /** Switch to this channel (and remember it); default the recorded one. */
  readonly channel?: Channel;
  /** A background run skips a version the user rolled back from. */
  readonly background?: boolean;
}

export type UpdateResult =
  | { readonly status: 'updated'; readonly from: string; readonly to: string; readonly channel: Channel; readonly pruned: string[] }
  | { readonly status: 'up-to-date'; readonly version: string; readonly channel: Channel }
  | { readonly status: 'skipped'; readonly version: string; readonly reason: string };

/**
 * `wren update`: moves the install forward to what its channel points at,
 * under the lock, verifying every byte against the embedded key. The current
 * version is read under the lock, so an updater that waited behind another
 * sees the other's result and never moves the install backwards.
 */
export async function update(deps: UpdaterDeps, request: UpdateRequest = {}): Promise<UpdateResult> {
  const { layout } = deps;
  const source = readSource(layout.sourceFile);
  if (!source) throw new UpdateError('no-source', `no update source recorded (${layout.sourceFile}): install Wren with install.sh to enable updates`);
  const base = checkBaseUrl(source.baseUrl);
  const channel = request.channel ?? source.channel;
  const lock = acquireLock(layout.lockDir);
  try {
    const current = currentVersion(layout);
    if (!current) throw new UpdateError('not-installed', `${layout.binLink} is not installed: install Wren with install.sh first`);
    const pointer = await fetchPointer(deps.fetch, base, channel, deps.publicKey, deps.now());
    const order = compareVersions(pointer.version, current);
    if (order < 0) {
      throw new UpdateError('downgrade',
        `the ${channel} channel points at ${pointer.version}, older than the installed ${current}: refusing to move backwards (use 'wren rollback' to go back on purpose)`);
    }
    // The channel switch is remembered only when this run succeeds: a refused update changes nothing.
    const remember = (): void => {
      if (channel !== source.channel) writeSource(layout.sourceFile, { ...source, channel });
    };
    if (order === 0) {
      remember();
      return { status: 'up-to-date', version: current, channel };
    }
    const state = readState(layout.stateFile);
    if (request.background && state.rolledBackFrom === pointer.version) {
      return { status: 'skipped', version: pointer.version, reason: `you rolled back from ${pointer.version}; run 'wren update' to take it anyway` };
    }
    const { manifest, bytes, signature } = await fetchManifest(deps.fetch, base, pointer.version, deps.publicKey, pointer);
    checkUpdaterVersion(manifest, deps.runningVersion);
    await installVersion(deps, base, manifest, bytes, signature);
    switchLink(layout, manifest.version);
    remember();
    const { rolledBackFrom: _, ...rest } = state;
    writeState(layout.stateFile, rest);
    const pruned = pruneVersions(layout, manifest.version, deps.keep);
    return { status: 'updated', from: current, to: manifest.version, channel, pruned };
  } finally {
    lock.release();
  }
}

/**
 * Puts a verified binary at `versions/<v>` (download into a temp file beside
 * it, check size and sha256 against the signed manifest, smoke-run it, rename)
 * and stores the signed manifest for later rollbacks. A version already on
 * disk is re-hashed and reused only if it still matches.
 */
async function installVersion(deps: UpdaterDeps, base: URL, manifest: ReleaseManifest, manifestBytes: Buffer, signature: string): Promise<void> {
  const { layout } = deps;
  const asset = assetFor(manifest, deps.platform);
  const target = versionPath(layout, manifest.version);
  const what = `${manifest.version}/${asset.file}`;
  mkdirSync(layout.versionsDir, { recursive: true });
  mkdirSync(layout.manifestsDir, { recursive: true });
  if (!(existsSync(target) && (await matches(target, asset)))) {
    const temp = join(layout.versionsDir, `.${manifest.version}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
    try {
      const got = await downloadTo(deps.fetch, new URL(`${manifest.version}/${asset.file}`, base).href, temp, asset.size);
      checkAsset(got, asset, what);
      chmodSync(temp, 0o755);
      smoke(deps, temp, manifest.version);
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
  } else {
    smoke(deps, target, manifest.version);
  }
  writeAtomic(join(layout.manifestsDir, `${manifest.version}.json`), manifestBytes);
  writeAtomic(join(layout.manifestsDir, `${manifest.version}.json.sig`), signature);
}

async function matches(path: string, asset: { size: number; sha256: string }): Promise<boolean> {
  const got = await hashFile(path);
  return got.size === asset.size && got.sha256 === asset.sha256;
}

/** The new binary must run and say it is the version the manifest promised. */
export function smoke(deps: Pick<UpdaterDeps, 'smokeTest'>, binary: string, version: string): void {
  let out: string;
  try {
    out = deps.smokeTest(binary);
  } catch (error) {
    throw new UpdateError('smoke-test-failed', `the downloaded ${version} binary does not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
  }
  if (out.trim() !== `${version} (Wren)`) {
    throw new UpdateError('smoke-test-failed', `the downloaded binary says '${out.trim()}' for --version, not '${version} (Wren)'`);
  }
}
