import { createHash } from 'node:crypto';

/** The Subresource Integrity string npm uses for a tarball (`sha512-<base64>`). */
export function sha512Integrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}
