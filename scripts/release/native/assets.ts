import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPublicKey, randomBytes } from 'node:crypto';
import {
  FORMAT_SCHEMA, MANIFEST_KIND, POINTER_KIND, isVersion, parseManifest, serializeDocument, sha256, verifyDetached,
  type Channel, type ChannelPointer, type PlatformAsset, type PlatformId, type ReleaseManifest,
} from '../../../src/services/auto-update/index.ts';
import { privateMaterial, type SigningKey } from './keys.ts';
import { isoSeconds, signDetached } from './sign.ts';

/**
 * The first Wren whose updater reads manifest schema 1. Raise it only when a
 * release changes the format or the update procedure in a way older updaters
 * would get wrong: they then refuse with 'reinstall with the installer'.
 */
export const MINIMUM_UPDATER_VERSION = '0.1.0';

/** One binary to publish. */
export interface ReleaseBinary {
  readonly platform: PlatformId;
  readonly path: string;
}

export interface CreateReleaseOptions {
  /** The release root served at the base URL (dist/release). */
  readonly outDir: string;
  readonly version: string;
  readonly binaries: readonly ReleaseBinary[];
  readonly key: SigningKey;
  /** The oldest Wren whose updater can apply this release (see MINIMUM_UPDATER_VERSION). */
  readonly minimumUpdaterVersion: string;
  /** @default now */
  readonly buildDate?: Date;
}

/**
 * Writes `<outDir>/<version>/<platform>/wren` and the signed manifest. A
 * published version is immutable: an existing one is refused, not replaced.
 * Each binary must embed exactly the public half of the signing key (so a
 * test binary can never be signed into a real release) and must not contain
 * the private key.
 */
export function createRelease(options: CreateReleaseOptions): { manifest: ReleaseManifest; dir: string } {
  const { version, key } = options;
  if (!isVersion(version)) throw new Error(`'${version}' is not a release version`);
  if (!isVersion(options.minimumUpdaterVersion)) throw new Error(`minimumUpdaterVersion '${options.minimumUpdaterVersion}' is not a version`);
  if (!options.binaries.length) throw new Error('no binaries to release: run node build/native/build-sea.ts first');
  const dir = join(options.outDir, version);
  if (existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is already released: versions are immutable, bump the version`);
  const secrets = privateMaterial(key.privateKey);
  const platforms: Partial<Record<PlatformId, PlatformAsset>> = {};
  for (const binary of options.binaries) {
    const bytes = readFileSync(binary.path);
    const latin1 = bytes.toString('latin1');
    if (!latin1.includes(key.publicKeyPem.trim())) {
      throw new Error(`${binary.path} does not embed this release's public key: it was built with another key (a test binary?) and no installed Wren could verify updates to it`);
    }
    if (secrets.some((s) => latin1.includes(s))) throw new Error(`${binary.path} contains the release PRIVATE key: do not publish it; rotate the key`);
    const file = `${binary.platform}/${binary.platform.startsWith('win') ? 'wren.exe' : 'wren'}`;
    atomicCopy(binary.path, join(dir, file));
    platforms[binary.platform] = { file, sha256: sha256(bytes), size: bytes.length };
  }
  const manifest: ReleaseManifest = {
    kind: MANIFEST_KIND,
    schema: FORMAT_SCHEMA,
    version,
    buildDate: isoSeconds(options.buildDate ?? new Date()),
    minimumUpdaterVersion: options.minimumUpdaterVersion,
    platforms,
  };
  const bytes = Buffer.from(serializeDocument(manifest));
  parseManifest(bytes); // what we sign must be what every reader accepts
  // Signature first: a reader that sees the new manifest then always finds its signature.
  atomicWrite(join(dir, 'manifest.json.sig'), signDetached(bytes, key.privateKey));
  atomicWrite(join(dir, 'manifest.json'), bytes);
  return { manifest, dir };
}

export interface PublishChannelOptions {
  readonly outDir: string;
  readonly channel: Channel;
  readonly version: string;
  readonly key: SigningKey;
  /** How long clients accept this pointer; re-sign before then. @default 30 days */
  readonly expiresInMs?: number;
  /** @default now */
  readonly now?: Date;
}

/** Signs `channels/<channel>.json` pointing at an already released version. */
export function publishChannel(options: PublishChannelOptions): ChannelPointer {
  const manifestPath = join(options.outDir, options.version, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${options.version} is not released in ${options.outDir}`);
  const manifestBytes = readFileSync(manifestPath);
  // Point only at a manifest this key really signed.
  verifyDetached(manifestBytes, readFileSync(`${manifestPath}.sig`, 'utf8'), createPublicKey(options.key.publicKeyPem), manifestPath);
  const now = options.now ?? new Date();
  const pointer: ChannelPointer = {
    kind: POINTER_KIND,
    schema: FORMAT_SCHEMA,
    channel: options.channel,
    version: options.version,
    manifestSha256: sha256(manifestBytes),
    issued: isoSeconds(now),
    expires: isoSeconds(new Date(now.getTime() + (options.expiresInMs ?? 30 * 24 * 60 * 60 * 1000))),
  };
  const bytes = Buffer.from(serializeDocument(pointer));
  const path = join(options.outDir, 'channels', `${options.channel}.json`);
  atomicWrite(`${path}.sig`, signDetached(bytes, options.key.privateKey));
  atomicWrite(path, bytes);
  return pointer;
}

function atomicWrite(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, data);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function atomicCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const temp = `${to}.${randomBytes(4).toString('hex')}.tmp`;
  copyFileSync(from, temp);
  renameSync(temp, to);
}
