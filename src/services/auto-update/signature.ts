import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { UpdateError } from './errors.ts';

/*
 * Detached Ed25519 signatures over the exact bytes of a release document.
 * The signature file holds the 64-byte signature in base64 (one line), so the
 * installer can decode it with `openssl base64 -d -A` and check it with
 * `openssl pkeyutl -verify -rawin`; verifying bytes, not parsed JSON, means
 * there is no canonical form to get wrong.
 */

/** Parses a public key (SPKI PEM) and insists it is Ed25519. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new UpdateError('bad-signature', 'the release public key is not a valid PEM public key', { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UpdateError('bad-signature', `the release public key must be Ed25519, not ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

/** Decodes a signature file's text; refuses anything that is not exactly one Ed25519 signature. */
export function decodeSignature(text: string, what: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/]{86}==$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
  if (!bytes || bytes.length !== 64) throw new UpdateError('bad-signature', `${what}: the signature file is not one base64 Ed25519 signature`);
  return bytes;
}

/** Throws `bad-signature` unless `signatureText` is `key`'s signature of exactly `data`. */
export function verifyDetached(data: Uint8Array, signatureText: string, key: KeyObject, what: string): void {
  const signature = decodeSignature(signatureText, what);
  if (!verify(null, data, key, signature)) {
    throw new UpdateError('bad-signature', `${what}: the signature does not match the release key (tampered, or signed with another key)`);
  }
}
