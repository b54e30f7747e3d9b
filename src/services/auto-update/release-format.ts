import { UpdateError } from './errors.ts';
import { compareVersions, isVersion } from './version.ts';

/*
 * The two signed documents of a native release, and their checks. The release
 * tooling (scripts/release/native/) writes them with these types, the updater
 * reads them with these parsers, and the installer reads the same fields, so
 * the format lives in one place.
 *
 * Layout under the base URL:
 *   channels/<channel>.json(.sig)       which version a channel points at, until when
 *   <version>/manifest.json(.sig)        what that release contains
 *   <version>/<platform>/wren            the binaries
 */

export const MANIFEST_KIND = 'wren-release-manifest';
export const POINTER_KIND = 'wren-channel-pointer';
export const FORMAT_SCHEMA = 1;
export const CHANNELS = ['stable', 'latest'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Platforms a release may carry a binary for (build/native/platforms.ts builds them). */
export const PLATFORM_IDS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win-x64'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** One platform's binary in a release. */
export interface PlatformAsset {
  /** Path relative to the release folder (`<platform>/wren`). */
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
}

/** `<version>/manifest.json`. */
export interface ReleaseManifest {
  readonly kind: typeof MANIFEST_KIND;
  readonly schema: typeof FORMAT_SCHEMA;
  readonly version: string;
  /** ISO 8601. */
  readonly buildDate: string;
  /** The oldest Wren whose updater can apply this release; older ones must reinstall with the installer. */
  readonly minimumUpdaterVersion: string;
  readonly platforms: Readonly<Partial<Record<PlatformId, PlatformAsset>>>;
}

/** `channels/<channel>.json`: a signed, expiring pointer, so an old pointer cannot be replayed forever. */
export interface ChannelPointer {
  readonly kind: typeof POINTER_KIND;
  readonly schema: typeof FORMAT_SCHEMA;
  readonly channel: Channel;
  readonly version: string;
  /** sha256 (hex) of the exact bytes of that version's manifest.json. */
  readonly manifestSha256: string;
  readonly issued: string;
  readonly expires: string;
}

/** The exact bytes the release tool signs and serves; the installer parses this layout line by line. */
export function serializeDocument(doc: ReleaseManifest | ChannelPointer): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** Parses a manifest whose signature was already verified; still refuses any field out of shape. */
export function parseManifest(bytes: Uint8Array): ReleaseManifest {
  const doc = parseJson(bytes, 'manifest.json');
  const bad = (why: string): never => {
    throw new UpdateError('bad-document', `manifest.json: ${why}`);
  };
  if (doc['kind'] !== MANIFEST_KIND) bad(`kind is not '${MANIFEST_KIND}' (a channel pointer served as a manifest?)`);
  if (doc['schema'] !== FORMAT_SCHEMA) bad(`schema ${String(doc['schema'])} is not supported (this updater reads schema ${FORMAT_SCHEMA})`);
  const version = str(doc['version']);
  if (!isVersion(version)) bad(`version '${version}' is not a release version`);
  if (!ISO.test(str(doc['buildDate']))) bad('buildDate is not an ISO 8601 UTC time');
  if (!isVersion(str(doc['minimumUpdaterVersion']))) bad('minimumUpdaterVersion is not a release version');
  const platforms = doc['platforms'];
  if (!isRecord(platforms)) return bad('platforms is not an object');
  for (const [id, asset] of Object.entries(platforms)) {
    if (!(PLATFORM_IDS as readonly string[]).includes(id)) bad(`unknown platform '${id}'`);
    if (!isRecord(asset)) return bad(`platforms.${id} is not an object`);
    if (asset['file'] !== `${id}/${id.startsWith('win') ? 'wren.exe' : 'wren'}`) bad(`platforms.${id}.file is not ${id}/wren`);
    if (!HEX64.test(str(asset['sha256']))) bad(`platforms.${id}.sha256 is not 64 lowercase hex digits`);
    if (!Number.isSafeInteger(asset['size']) || (asset['size'] as number) <= 0) bad(`platforms.${id}.size is not a positive integer`);
  }
  return doc as unknown as ReleaseManifest;
}

/** Parses a channel pointer whose signature was already verified. */
export function parsePointer(bytes: Uint8Array, expected: Channel): ChannelPointer {
  const doc = parseJson(bytes, `channels/${expected}.json`);
  const bad = (why: string): never => {
    throw new UpdateError('bad-document', `channels/${expected}.json: ${why}`);
  };
  if (doc['kind'] !== POINTER_KIND) bad(`kind is not '${POINTER_KIND}' (a manifest served as a pointer?)`);
  if (doc['schema'] !== FORMAT_SCHEMA) bad(`schema ${String(doc['schema'])} is not supported`);
  // A pointer signed for another channel must not be accepted for this one.
  if (doc['channel'] !== expected) bad(`it is the pointer of channel '${String(doc['channel'])}', not '${expected}'`);
  if (!isVersion(str(doc['version']))) bad('version is not a release version');
  if (!HEX64.test(str(doc['manifestSha256']))) bad('manifestSha256 is not 64 lowercase hex digits');
  if (!ISO.test(str(doc['issued'])) || !ISO.test(str(doc['expires']))) bad('issued/expires are not ISO 8601 UTC times');
  return doc as unknown as ChannelPointer;
}

/** Refuses an expired pointer (replay of an old one) and one issued in the future beyond clock skew. */
export function checkPointerFresh(pointer: ChannelPointer, now: Date): void {
  if (Date.parse(pointer.expires) <= now.getTime()) {
    throw new UpdateError('expired', `the ${pointer.channel} channel pointer expired at ${pointer.expires}: the release server is stale or replaying an old pointer`);
  }
  const skewMs = 24 * 60 * 60 * 1000;
  if (Date.parse(pointer.issued) > now.getTime() + skewMs) {
    throw new UpdateError('bad-document', `the ${pointer.channel} channel pointer claims to be issued in the future (${pointer.issued}); check the system clock`);
  }
}

/** The manifest must be the one the pointer (or the user) asked for. */
export function checkManifestVersion(manifest: ReleaseManifest, expected: string): void {
  if (manifest.version !== expected) {
    throw new UpdateError('version-mismatch', `manifest.json is for ${manifest.version}, not ${expected}: refusing a substituted manifest`);
  }
}

/** This platform's asset, or a `no-platform` refusal naming what exists. */
export function assetFor(manifest: ReleaseManifest, platform: PlatformId): PlatformAsset {
  const asset = manifest.platforms[platform];
  if (!asset) {
    const have = Object.keys(manifest.platforms).join(', ') || 'none';
    throw new UpdateError('no-platform', `release ${manifest.version} has no ${platform} binary (it has: ${have})`);
  }
  return asset;
}

/** Refuses a release whose format this updater is too old to apply safely. */
export function checkUpdaterVersion(manifest: ReleaseManifest, updaterVersion: string): void {
  if (compareVersions(updaterVersion, manifest.minimumUpdaterVersion) < 0) {
    throw new UpdateError('updater-too-old',
      `release ${manifest.version} needs updater ${manifest.minimumUpdaterVersion} or newer (this is ${updaterVersion}): reinstall with the installer script`);
  }
}

function parseJson(bytes: Uint8Array, what: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new UpdateError('bad-document', `${what} is not JSON`, { cause: error });
  }
  if (!isRecord(doc)) throw new UpdateError('bad-document', `${what} is not a JSON object`);
  return doc;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
