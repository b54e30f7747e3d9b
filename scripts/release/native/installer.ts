import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkBaseUrl, parsePublicKey } from '../../../src/services/auto-update/index.ts';

export const INSTALLER_TEMPLATE = fileURLToPath(new URL('../../install.sh', import.meta.url));
const KEY_SLOT = "RELEASE_PUBLIC_KEY='@WREN_RELEASE_PUBLIC_KEY@'";
const BASE_SLOT = "DEFAULT_BASE_URL='@WREN_BASE_URL@'";

/**
 * scripts/install.sh with the release key and the default release location
 * filled in: the file served as `<base>/install.sh`. Only these two lines
 * differ from the committed script.
 */
export function stampInstaller(options: { publicKeyPem: string; baseUrl: string; template?: string }): string {
  parsePublicKey(options.publicKeyPem);
  const base = checkBaseUrl(options.baseUrl).href.replace(/\/$/, '');
  if (/['\\\s]/.test(base)) throw new Error(`the base URL may not contain quotes, backslashes or spaces: ${base}`);
  const keyB64 = options.publicKeyPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  if (!/^[A-Za-z0-9+/]+=*$/.test(keyB64)) throw new Error('the public key PEM has an unexpected body');
  const text = readFileSync(options.template ?? INSTALLER_TEMPLATE, 'utf8');
  if (!text.includes(KEY_SLOT) || !text.includes(BASE_SLOT)) throw new Error('install.sh has lost its key or base URL slot');
  return text.replace(KEY_SLOT, `RELEASE_PUBLIC_KEY='${keyB64}'`).replace(BASE_SLOT, `DEFAULT_BASE_URL='${base}'`);
}
