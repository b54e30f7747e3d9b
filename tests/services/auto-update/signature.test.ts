import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { isUpdateError, parsePublicKey, verifyDetached } from '../../../src/services/auto-update/index.ts';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (isUpdateError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('detached Ed25519 signatures', () => {
  const key = pair();
  const data = Buffer.from('{"version":"1.0.0"}\n');
  const sig = `${sign(null, data, key.privateKey).toString('base64')}\n`;

  test('the signer\'s signature over the exact bytes verifies', () => {
    expect(refusal(() => verifyDetached(data, sig, parsePublicKey(key.pem), 'x'))).toBe('accepted');
  });

  test('one changed byte, another key, or a malformed signature file is refused', () => {
    const k = parsePublicKey(key.pem);
    expect(refusal(() => verifyDetached(Buffer.from('{"version":"1.0.1"}\n'), sig, k, 'doc'))).toMatch(/^bad-signature: doc: the signature does not match/);
    expect(refusal(() => verifyDetached(data, sig, parsePublicKey(pair().pem), 'doc'))).toMatch(/^bad-signature/);
    expect(refusal(() => verifyDetached(data, 'AAAA', k, 'doc'))).toMatch(/not one base64 Ed25519 signature/);
    expect(refusal(() => verifyDetached(data, `${sig.trim()}AA==`, k, 'doc'))).toMatch(/not one base64/);
  });

  test('only Ed25519 public keys are accepted as release keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(refusal(() => parsePublicKey(rsa))).toMatch(/must be Ed25519, not rsa/);
    expect(refusal(() => parsePublicKey('garbage'))).toMatch(/not a valid PEM/);
  });
});
