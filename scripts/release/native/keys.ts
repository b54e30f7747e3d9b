import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePublicKey } from '../../../src/services/auto-update/index.ts';

/*
 * Release keys. The public half is committed (release-key.pub, beside this
 * file) and compiled into every binary and installer. The private half never
 * touches the repository: it comes from WREN_RELEASE_SIGNING_KEY (the PEM
 * itself, e.g. a CI secret) or WREN_RELEASE_SIGNING_KEY_FILE (a path outside
 * the repository) at release time.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const COMMITTED_PUBLIC_KEY = fileURLToPath(new URL('./release-key.pub', import.meta.url));
export const KEY_ENV = 'WREN_RELEASE_SIGNING_KEY';
export const KEY_FILE_ENV = 'WREN_RELEASE_SIGNING_KEY_FILE';

export class KeyError extends Error {
  readonly code: 'no-key' | 'key-in-repo' | 'bad-key' | 'key-mismatch';
  constructor(code: KeyError['code'], message: string) {
    super(message);
    this.name = 'KeyError';
    this.code = code;
  }
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** SPKI PEM of the public half. */
  readonly publicKeyPem: string;
}

/** A fresh Ed25519 pair (keygen, and tests' throwaway keys). */
export function generateSigningKey(): SigningKey & { privateKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The committed public key (or another file's), checked to be Ed25519. */
export function readPublicKey(file: string = COMMITTED_PUBLIC_KEY): string {
  const pem = readFileSync(file, 'utf8');
  parsePublicKey(pem);
  return pem;
}

/**
 * The signing key from the environment, refused when it lives inside the
 * repository or does not match the public key the binaries embed.
 */
export function loadSigningKey(env: Readonly<Record<string, string | undefined>>, expectedPublicPem: string): SigningKey {
  let pem = env[KEY_ENV];
  if (!pem) {
    const file = env[KEY_FILE_ENV];
    if (!file) throw new KeyError('no-key', `set ${KEY_ENV} (the PEM) or ${KEY_FILE_ENV} (a path outside the repository) to sign a release`);
    const abs = resolve(file);
    const rel = relative(REPO_ROOT, abs);
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      throw new KeyError('key-in-repo', `${KEY_FILE_ENV} points inside the repository (${rel}): keep the private key outside it`);
    }
    pem = readFileSync(abs, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new KeyError('bad-key', 'the release signing key is not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyError('bad-key', `the release signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  if (publicKeyPem.trim() !== expectedPublicPem.trim()) {
    throw new KeyError('key-mismatch', 'the signing key is not the pair of the public key the binaries embed (release-key.pub): refusing to sign releases no binary could verify');
  }
  return { privateKey, publicKeyPem };
}

/** Strings that identify the private key in any artifact: its PEM body and its raw 32-byte seed in base64. */
export function privateMaterial(key: KeyObject): string[] {
  const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  const seed = key.export({ format: 'jwk' }).d ?? '';
  return [body, Buffer.from(seed, 'base64url').toString('base64'), seed].filter(Boolean);
}
