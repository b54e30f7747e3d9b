import { existsSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMITTED_PUBLIC_KEY, generateSigningKey, KEY_FILE_ENV, REPO_ROOT } from './keys.ts';

/*
 * `node scripts/release/native/keygen.ts --private-out <path outside the repo>`:
 * makes a new release key pair. The private key goes to the given path (0600),
 * the public key replaces release-key.pub (commit it; every binary and
 * installer built afterwards trusts only the new key).
 */
const { values } = parseArgs({ options: { 'private-out': { type: 'string' }, force: { type: 'boolean' } } });
const out = values['private-out'];
if (!out) {
  process.stderr.write('usage: keygen.ts --private-out <file outside the repository> [--force]\n');
  process.exit(2);
}
const abs = resolve(out);
if (!relative(REPO_ROOT, abs).startsWith('..')) {
  process.stderr.write(`refusing to write a private key inside the repository (${abs})\n`);
  process.exit(1);
}
if (existsSync(abs) && !values.force) {
  process.stderr.write(`${abs} exists; pass --force to replace it\n`);
  process.exit(1);
}
const key = generateSigningKey();
writeFileSync(abs, key.privateKeyPem, { mode: 0o600 });
writeFileSync(COMMITTED_PUBLIC_KEY, key.publicKeyPem);
process.stdout.write(`private key: ${abs} (use it with ${KEY_FILE_ENV}=${abs})\npublic key:  ${COMMITTED_PUBLIC_KEY} (commit it)\n`);
