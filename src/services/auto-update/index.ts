import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * NATIVE_AUTO_UPDATE: self-update of the native binary from a signed release,
 * and rollback. Reached only through `if (feature('NATIVE_AUTO_UPDATE'))`.
 *
 * The release tooling (scripts/release/native/) imports the format, signature
 * and version code from here, so the binary and the tool that signs its
 * releases share one definition (scripts may import src/, never the reverse).
 */
export const featureModule: FeatureModule = {
  flag: 'NATIVE_AUTO_UPDATE',
  status: 'ready',
  provides: ['DISABLE_AUTOUPDATER', 'update', 'rollback', 'autoUpdates'],
};

export { registerUpdateCommands, startBackgroundUpdateCheck, defaultUpdaterDeps, type CommandIo } from './commands.ts';
export { maybeStartBackgroundCheck, CHECK_INTERVAL_MS, type BackgroundDecision, type BackgroundDeps } from './background.ts';
export { update, type UpdaterDeps, type UpdateRequest, type UpdateResult } from './updater.ts';
export { rollback, type RollbackResult } from './rollback.ts';
export { UpdateError, isUpdateError, type UpdateErrorCode } from './errors.ts';
export { installLayout, currentVersion, installedVersions, type InstallLayout } from './layout.ts';
export { acquireLock } from './lock.ts';
export { DISABLE_ENV, updatesDisabledByEnv, autoUpdatesSetting } from './settings.ts';
export { RELEASE_KEY_ASSET } from './release-key.ts';
export { parsePublicKey, verifyDetached, decodeSignature } from './signature.ts';
export { checkBaseUrl } from './fetch-release.ts';
export { sha256 } from './verify-release.ts';
export { compareVersions, isVersion, VERSION_PATTERN } from './version.ts';
export {
  CHANNELS, FORMAT_SCHEMA, MANIFEST_KIND, PLATFORM_IDS, POINTER_KIND, serializeDocument, parseManifest, parsePointer,
  type Channel, type ChannelPointer, type PlatformAsset, type PlatformId, type ReleaseManifest,
} from './release-format.ts';
