import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { UpdateError } from './errors.ts';
import { fetchDocument, type FetchLike } from './fetch-release.ts';
import { checkManifestVersion, checkPointerFresh, parseManifest, parsePointer, type Channel, type ChannelPointer, type ReleaseManifest } from './release-format.ts';
import { verifyDetached } from './signature.ts';

/*
 * The verification chain, in the order the installer runs it too:
 * pointer signature -> pointer fields and expiry -> manifest bytes match the
 * pointer -> manifest signature -> manifest fields -> (later) binary size and
 * sha256 from the signed manifest. Nothing is parsed before its signature holds.
 */

/** A channel pointer, verified and unexpired. */
export async function fetchPointer(fetchImpl: FetchLike, base: URL, channel: Channel, key: KeyObject, now: Date): Promise<ChannelPointer> {
  const path = `channels/${channel}.json`;
  const [bytes, sig] = await Promise.all([fetchDocument(fetchImpl, base, path), fetchDocument(fetchImpl, base, `${path}.sig`)]);
  verifyDetached(bytes, sig.toString('utf8'), key, path);
  const pointer = parsePointer(bytes, channel);
  checkPointerFresh(pointer, now);
  return pointer;
}

/** A release's manifest, verified; its exact bytes and signature are returned to be stored for rollback. */
export async function fetchManifest(
  fetchImpl: FetchLike, base: URL, version: string, key: KeyObject, pointer?: ChannelPointer,
): Promise<{ manifest: ReleaseManifest; bytes: Buffer; signature: string }> {
  const path = `${version}/manifest.json`;
  const [bytes, sig] = await Promise.all([fetchDocument(fetchImpl, base, path), fetchDocument(fetchImpl, base, `${path}.sig`)]);
  if (pointer && sha256(bytes) !== pointer.manifestSha256) {
    throw new UpdateError('bad-document', `${path} is not the manifest the ${pointer.channel} pointer names (its sha256 differs)`);
  }
  const signature = sig.toString('utf8');
  const manifest = verifyManifest(bytes, signature, key, path, version);
  return { manifest, bytes, signature };
}

/** Verifies stored or fetched manifest bytes against the key and the expected version. */
export function verifyManifest(bytes: Uint8Array, signature: string, key: KeyObject, what: string, version: string): ReleaseManifest {
  verifyDetached(bytes, signature, key, what);
  const manifest = parseManifest(bytes);
  checkManifestVersion(manifest, version);
  return manifest;
}

/** Refuses a file whose size or sha256 differs from the signed manifest's. */
export function checkAsset(actual: { size: number; sha256: string }, expected: { size: number; sha256: string }, what: string): void {
  if (actual.size !== expected.size) {
    throw new UpdateError('size-mismatch', `${what} is ${actual.size} bytes, the signed manifest says ${expected.size} (truncated or replaced download)`);
  }
  if (actual.sha256 !== expected.sha256) {
    throw new UpdateError('sha256-mismatch', `${what} has sha256 ${actual.sha256}, the signed manifest says ${expected.sha256}: it was tampered with`);
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Size and sha256 of a file on disk, streamed (binaries are ~100 MB). */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}
