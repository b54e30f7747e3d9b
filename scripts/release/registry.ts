import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReleaseError } from './errors.ts';
import { sha512Integrity } from './integrity.ts';
import { npm, npmJson, tail } from './npm.ts';

/** npm's public registry: the only one whose releases become "the previous release". */
export const PUBLIC_REGISTRY = 'https://registry.npmjs.org/';

export interface RegistryOptions {
  readonly cwd: string;
  /** Registry URL; npm's configured one when absent. */
  readonly registry?: string;
  readonly env?: NodeJS.ProcessEnv;
}

function registryArgs(options: RegistryOptions): string[] {
  return options.registry ? ['--registry', options.registry] : [];
}

/** The registry npm will talk to (the `--registry` given, else npm's configuration). */
export async function effectiveRegistry(options: RegistryOptions): Promise<string> {
  if (options.registry) return options.registry.endsWith('/') ? options.registry : `${options.registry}/`;
  const result = await npm(['config', 'get', 'registry'], { cwd: options.cwd, ...(options.env ? { env: options.env } : {}) });
  const url = result.stdout.trim();
  return url.endsWith('/') ? url : `${url}/`;
}

/** Whether `name@version` is already on the registry; `{ error }` when the registry could not be asked. */
export async function versionExists(spec: string, options: RegistryOptions): Promise<boolean | { error: string }> {
  const result = await npm(['view', spec, 'version', '--json', ...registryArgs(options)], { cwd: options.cwd, check: false, ...(options.env ? { env: options.env } : {}) });
  if (result.code === 0) return result.stdout.trim() !== '';
  if (/E404|404 Not Found|is not in this registry/i.test(result.stderr + result.stdout)) return false;
  return { error: tail(result.stderr || result.stdout, 5) };
}

/** What the registry says about a published version, checked against what was verified. */
export interface PublishedCheck {
  /** `dist.integrity` from the registry's metadata. */
  readonly registryIntegrity: string;
  /** sha512 of the tarball bytes downloaded back from the registry. */
  readonly downloadedIntegrity: string;
}

export interface ConfirmOptions extends RegistryOptions {
  /** Attempts while the registry's metadata catches up. @default 10 */
  readonly attempts?: number;
  /** @default 3000 */
  readonly delayMs?: number;
}

/**
 * Proves the registry serves what was verified: its `dist.integrity` for the
 * version, and the sha512 of the tarball downloaded back, must both equal the
 * verified integrity. Throws REGISTRY_MISMATCH otherwise.
 */
export async function confirmPublished(spec: string, verified: string, options: ConfirmOptions): Promise<PublishedCheck> {
  const attempts = options.attempts ?? 10;
  let registryIntegrity = '';
  for (let i = 1; ; i++) {
    const view = await npm(['view', spec, 'dist', '--json', ...registryArgs(options)], { cwd: options.cwd, check: false, ...(options.env ? { env: options.env } : {}) });
    if (view.code === 0 && view.stdout.trim()) {
      registryIntegrity = npmJson<{ integrity?: string }>(view, 'npm view dist').integrity ?? '';
      if (registryIntegrity) break;
    }
    if (i >= attempts) throw new ReleaseError('REGISTRY_MISMATCH', `the registry does not list ${spec} after publishing (${tail(view.stderr, 3)})`);
    await sleep(options.delayMs ?? 3000);
  }
  const dir = mkdtempSync(join(tmpdir(), 'wren-confirm-'));
  let downloadedIntegrity: string;
  try {
    const pack = await npm(['pack', spec, '--json', '--ignore-scripts', '--pack-destination', dir, ...registryArgs(options)], { cwd: dir, ...(options.env ? { env: options.env } : {}) });
    const [entry] = npmJson<{ filename: string }[]>(pack, 'npm pack (download)');
    downloadedIntegrity = sha512Integrity(readFileSync(join(dir, entry!.filename)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (registryIntegrity !== verified || downloadedIntegrity !== verified) {
    throw new ReleaseError('REGISTRY_MISMATCH', [
      `the registry serves different bytes than were verified for ${spec}:`,
      `  verified:           ${verified}`,
      `  registry metadata:  ${registryIntegrity}`,
      `  downloaded tarball: ${downloadedIntegrity}`,
      'Deprecate the version now (npm deprecate) and investigate the publishing path and token.',
    ].join('\n'));
  }
  return { registryIntegrity, downloadedIntegrity };
}
