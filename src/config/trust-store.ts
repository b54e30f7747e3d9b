import { lstatSync, mkdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { z } from 'zod';
import { isInside } from '../permissions/index.ts';
import { resolveConfigDir, userPaths } from './paths.ts';
import { ConfigError } from './problems.ts';
import { parseJson, readSource } from './read-source.ts';

/**
 * Workspace trust, stored per canonical folder (its real path) in the user
 * config dir. Decisions, all failing closed:
 * - Trust names a real path. Nothing inside a repository (`.git` files with
 *   `gitdir:`, `.git/commondir`, worktree links) is ever consulted, so a repo
 *   cannot borrow the trust of the folder its git metadata points at.
 * - A folder does not inherit its parent's trust. Only a record made with
 *   `subfolders: true` covers folders below it, and even then not a nested
 *   repository: a folder between the trusted one and the cwd (or the cwd
 *   itself) that holds its own `.git` is another project and needs its own trust.
 * - Subfolder trust is refused for `/` and the home directory (too broad).
 * - A missing, unreadable or corrupt store trusts nothing.
 */
export interface TrustRecord {
  /** Canonical folder. */
  readonly path: string;
  /** Also covers folders below it (not nested repositories). */
  readonly subfolders: boolean;
  /** ISO time the user trusted it. */
  readonly trustedAt: string;
}

/** Options shared by the trust functions; defaults are the real ones. */
export interface TrustOptions {
  /** @default resolveConfigDir() */
  readonly configDir?: string;
  /** @default os.homedir() */
  readonly home?: string;
}

const StoreSchema = z.strictObject({
  version: z.literal(1),
  folders: z.array(z.strictObject({ path: z.string(), subfolders: z.boolean(), trustedAt: z.string() })),
});

type Store = z.infer<typeof StoreSchema>;

function readStore(configDir: string): Store {
  const file = userPaths(configDir).trustStore;
  const source = readSource(file);
  if (source.status !== 'ok') return { version: 1, folders: [] };
  const json = parseJson(source.text, file);
  if (!json.ok) return { version: 1, folders: [] };
  const parsed = StoreSchema.safeParse(json.value);
  return parsed.success ? parsed.data : { version: 1, folders: [] };
}

/** The folder's real path, or undefined when it is not an existing directory. */
function canonicalFolder(path: string): string | undefined {
  try {
    const real = realpathSync.native(path);
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** How `cwd` stands: trusted (and by which record) or not. */
export function trustStatus(cwd: string, options: TrustOptions = {}): { readonly trusted: boolean; readonly folder?: string; readonly via?: TrustRecord } {
  const folder = canonicalFolder(cwd);
  if (!folder) return { trusted: false };
  const store = readStore(options.configDir ?? resolveConfigDir());
  const exact = store.folders.find((r) => r.path === folder);
  if (exact) return { trusted: true, folder, via: exact };
  for (const record of store.folders) {
    if (record.subfolders && isInside(folder, record.path) && !nestedRepositoryBetween(folder, record.path)) {
      return { trusted: true, folder, via: record };
    }
  }
  return { trusted: false, folder };
}

/** Whether the user trusted this folder (see the rules above). */
export function isTrusted(cwd: string, options: TrustOptions = {}): boolean {
  return trustStatus(cwd, options).trusted;
}

/**
 * Records that the user trusts `cwd` (its real path). `subfolders` extends it to
 * folders below, except nested repositories. Throws ConfigError (NOT_A_DIRECTORY,
 * TRUST_TOO_BROAD, TRUST_STORE_UNWRITABLE).
 */
export function trust(cwd: string, options: TrustOptions & { readonly subfolders?: boolean; readonly now?: () => Date } = {}): TrustRecord {
  const folder = canonicalFolder(cwd);
  if (!folder) throw new ConfigError('NOT_A_DIRECTORY', `cannot trust ${cwd}: not an existing folder`);
  const subfolders = options.subfolders ?? false;
  const home = canonicalFolder(options.home ?? homedir());
  if (subfolders && (folder === parse(folder).root || folder === home)) {
    throw new ConfigError('TRUST_TOO_BROAD', `refusing to trust every folder below ${folder}: trust the project folder itself`);
  }
  const configDir = options.configDir ?? resolveConfigDir();
  const store = readStore(configDir);
  const record: TrustRecord = { path: folder, subfolders, trustedAt: (options.now?.() ?? new Date()).toISOString() };
  writeStore(configDir, { version: 1, folders: [...store.folders.filter((r) => r.path !== folder), record] });
  return record;
}

/** Forgets the trust record of exactly this folder (not of a parent covering it). */
export function untrust(cwd: string, options: TrustOptions = {}): boolean {
  const folder = canonicalFolder(cwd) ?? cwd;
  const configDir = options.configDir ?? resolveConfigDir();
  const store = readStore(configDir);
  const kept = store.folders.filter((r) => r.path !== folder);
  if (kept.length === store.folders.length) return false;
  writeStore(configDir, { version: 1, folders: kept });
  return true;
}

function writeStore(configDir: string, store: Store): void {
  const file = userPaths(configDir).trustStore;
  try {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    // Write then rename, so a crash or a concurrent reader never sees half a file.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    throw new ConfigError('TRUST_STORE_UNWRITABLE', `cannot write the trust store ${file}: ${(error as Error).message}`);
  }
}

/** A folder from `folder` up to (not including) `trustedRoot` that holds its own `.git`. */
function nestedRepositoryBetween(folder: string, trustedRoot: string): string | undefined {
  for (let dir = folder; dir !== trustedRoot && isInside(dir, trustedRoot); dir = dirname(dir)) {
    try {
      lstatSync(join(dir, '.git'));
      return dir;
    } catch {
      // no .git here
    }
    if (dirname(dir) === dir) break;
  }
  return undefined;
}
