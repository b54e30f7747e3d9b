import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FORMAT_SCHEMA, POINTER_KIND, serializeDocument, sha256, type Channel, type ChannelPointer,
} from '../../../../src/services/auto-update/index.ts';
import { createRelease, publishChannel } from '../../../../scripts/release/native/assets.ts';
import { stampInstaller } from '../../../../scripts/release/native/installer.ts';
import { generateSigningKey, type SigningKey } from '../../../../scripts/release/native/keys.ts';
import { isoSeconds, signDetached } from '../../../../scripts/release/native/sign.ts';
import type { TestKey } from './binaries.ts';

export function signingKey(key: TestKey): SigningKey {
  return { privateKey: createPrivateKey(key.privateKeyPem), publicKeyPem: key.publicKeyPem };
}

export interface ReleaseDir {
  readonly root: string;
  readonly key: SigningKey;
  /** Re-signs a channel pointer in place (valid for 30 days from now). */
  pointTo(channel: Channel, version: string): void;
  /** The exact bytes of a file in the release. */
  read(path: string): Buffer;
}

/**
 * A release folder made by the real release tooling: every version's binary
 * and signed manifest, the channel pointers, and install.sh stamped with the
 * key and the server's base URL.
 */
export function makeReleaseDir(options: {
  key: SigningKey;
  versions: readonly { version: string; binary: string }[];
  channels: Readonly<Record<Channel, string>>;
  baseUrl: string;
}): ReleaseDir {
  const root = mkdtempSync(join(tmpdir(), 'wren-release-'));
  for (const { version, binary } of options.versions) {
    createRelease({ outDir: root, version, binaries: [{ platform: 'linux-x64', path: binary }], key: options.key, minimumUpdaterVersion: '0.0.1' });
  }
  const dir: ReleaseDir = {
    root,
    key: options.key,
    pointTo: (channel, version) => void publishChannel({ outDir: root, channel, version, key: options.key }),
    read: (path) => readFileSync(join(root, path)),
  };
  for (const [channel, version] of Object.entries(options.channels)) dir.pointTo(channel as Channel, version);
  writeFileSync(join(root, 'install.sh'), stampInstaller({ publicKeyPem: options.key.publicKeyPem, baseUrl: options.baseUrl }));
  return dir;
}

/** A channel pointer signed with `key`, with any fields overridden (expired, wrong channel...). */
export function signedPointer(key: SigningKey, release: ReleaseDir, fields: Partial<ChannelPointer> & { channel: Channel; version: string }): { json: Buffer; sig: string } {
  const now = new Date();
  const pointer: ChannelPointer = {
    kind: POINTER_KIND,
    schema: FORMAT_SCHEMA,
    manifestSha256: sha256(release.read(`${fields.version}/manifest.json`)),
    issued: isoSeconds(now),
    expires: isoSeconds(new Date(now.getTime() + 86_400_000)),
    ...fields,
  };
  const json = Buffer.from(serializeDocument(pointer));
  return { json, sig: signDetached(json, key.privateKey) };
}

/** Another key: what an attacker who controls the server but not the release key would sign with. */
export function attackerKey(): SigningKey {
  const { privateKey, publicKeyPem } = generateSigningKey();
  return { privateKey, publicKeyPem };
}

export { signDetached };
