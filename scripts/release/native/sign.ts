import { sign, type KeyObject } from 'node:crypto';

/** The detached signature file's text: base64 of the Ed25519 signature over `data`'s exact bytes, one line. */
export function signDetached(data: Uint8Array, privateKey: KeyObject): string {
  return `${sign(null, data, privateKey).toString('base64')}\n`;
}

/** ISO 8601 UTC to the second: the installer compares these as strings. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
