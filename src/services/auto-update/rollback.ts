import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateError } from './errors.ts';
import { currentVersion, installedVersions, switchLink, versionPath } from './layout.ts';
import { acquireLock } from './lock.ts';
import { assetFor } from './release-format.ts';
import { readState, writeState } from './state.ts';
import { smoke, type UpdaterDeps } from './updater.ts';
import { checkAsset, hashFile, verifyManifest } from './verify-release.ts';
import { compareVersions, isVersion } from './version.ts';

export interface RollbackResult {
  readonly from: string;
  readonly to: string;
}

/**
 * `wren rollback [version]`: the one way to move backwards, and only to a
 * version still on disk. Its stored signed manifest is re-verified and the
 * binary re-hashed before the link moves, so a version altered on disk since
 * it was installed is refused like a tampered download.
 */
export async function rollback(deps: Omit<UpdaterDeps, 'fetch' | 'keep'>, requested?: string): Promise<RollbackResult> {
  const { layout } = deps;
  if (requested !== undefined && !isVersion(requested)) throw new UpdateError('no-rollback-target', `'${requested}' is not a version`);
  const lock = acquireLock(layout.lockDir);
  try {
    const current = currentVersion(layout);
    if (!current) throw new UpdateError('not-installed', `${layout.binLink} is not installed: nothing to roll back`);
    const installed = installedVersions(layout);
    const target = requested ?? installed.find((v) => compareVersions(v, current) < 0);
    if (!target || !installed.includes(target)) {
      const older = installed.filter((v) => compareVersions(v, current) < 0);
      throw new UpdateError('no-rollback-target', requested
        ? `${requested} is not installed (installed: ${installed.join(', ') || 'none'})`
        : `no version older than ${current} is installed${older.length ? '' : ' (the installer keeps the last few after each update)'}`);
    }
    if (target === current) throw new UpdateError('no-rollback-target', `${current} is already the current version`);
    const stored = join(layout.manifestsDir, `${target}.json`);
    let bytes: Buffer;
    let signature: string;
    try {
      bytes = readFileSync(stored);
      signature = readFileSync(`${stored}.sig`, 'utf8');
    } catch (error) {
      throw new UpdateError('bad-document', `the signed manifest of ${target} is missing from ${layout.manifestsDir}: cannot verify it, refusing to roll back`, { cause: error });
    }
    const manifest = verifyManifest(bytes, signature, deps.publicKey, stored, target);
    const binary = versionPath(layout, target);
    checkAsset(await hashFile(binary), assetFor(manifest, deps.platform), binary);
    smoke(deps, binary, target);
    switchLink(layout, target);
    // Remember what was left, so the background check does not bring it straight back.
    writeState(layout.stateFile, { ...readState(layout.stateFile), rolledBackFrom: current });
    return { from: current, to: target };
  } finally {
    lock.release();
  }
}
