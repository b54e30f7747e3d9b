import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustNotAppear } from '../../flags/profiles.ts';
import type { TargetName } from '../../flags/types.ts';
import { ReleaseError } from './errors.ts';

/** What a tarball is checked against. `generic` audits any npm tarball with the rules that do not depend on this project. */
export const POLICY_NAMES = ['external', 'internal', 'generic'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/** The last published release, as recorded by the release flow (scripts/release/policy/previous-release.json). */
export interface PreviousRelease {
  /** `null` until the first release is published. */
  readonly version: string | null;
  readonly integrity: string | null;
  readonly packedSize: number | null;
  readonly unpackedSize: number | null;
  /** Runtime dependencies (dependencies, optional, peer) of that release. */
  readonly dependencies: Readonly<Record<string, string>>;
}

/** Size limits for a project tarball. */
export interface Budgets {
  /** @default 4 MiB: the external package is one bundle split in chunks, "a few MB at most". */
  readonly maxFileBytes: number;
  readonly maxUnpackedBytes: number;
  readonly maxPackedBytes: number;
  readonly maxEntries: number;
  /** Largest allowed growth of the unpacked size over the previous release, as a ratio (0.25 = +25 %). */
  readonly maxGrowth: number;
}

/** A runtime dependency someone decided to ship, in a committed file, with the reason. */
export interface ApprovedDependency {
  readonly name: string;
  readonly spec: string;
  readonly reason: string;
}

/** A package (all versions, or some) known to be malicious. */
export interface CompromisedPackage {
  readonly name: string;
  /** Exact versions, or `"*"` for every version. */
  readonly versions: readonly string[] | '*';
  readonly advisory: string;
}

/** One `packages` entry of an npm v2/v3 lockfile, as far as the rules care. */
export interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly inBundle?: boolean;
}

export interface Lockfile {
  /** How the report names it (repository-relative when it is the project's). */
  readonly file: string;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

export interface Policy {
  readonly name: PolicyName;
  /** Project policies add the rules that need this repository's committed records. */
  readonly project: boolean;
  /** The package name a project tarball must carry. */
  readonly packageName?: string;
  readonly target?: TargetName;
  /** Strings that must not appear for the target (flags/profiles.ts `mustNotAppear`). */
  readonly forbidden: readonly { readonly text: string; readonly reason: string }[];
  /** Expected tar paths (`[hash]` stands for an esbuild chunk hash); `null` when none is committed. */
  readonly expectedFiles: readonly string[] | null;
  readonly expectedFilesSource: string;
  readonly budgets: Budgets;
  readonly previous: PreviousRelease | null;
  readonly approvedDependencies: readonly ApprovedDependency[];
  readonly compromised: readonly CompromisedPackage[];
  /** The lockfile the supply-chain rules read; absent means those rules are skipped. */
  readonly lockfile?: Lockfile;
  /** Hosts a lockfile `resolved` URL may point at. */
  readonly allowedRegistries: readonly string[];
  /** Absolute paths of this machine that must not appear in an artifact (repository root, home). */
  readonly machinePaths: readonly string[];
  /** Build paths of third-party code that may appear (exact prefixes, each with the reason, in a committed file). */
  readonly allowedBuildPaths: readonly AllowedBuildPath[];
}

/** A reviewed exception to source/build-paths: a prefix that a bundled dependency carries, and why it is harmless. */
export interface AllowedBuildPath {
  readonly text: string;
  readonly reason: string;
}

/** Repository root, from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the committed policy records live, repository-relative. */
export const POLICY_DIR = 'scripts/release/policy';

export const DEFAULT_BUDGETS: Budgets = {
  maxFileBytes: 4 * 1024 * 1024,
  maxUnpackedBytes: 8 * 1024 * 1024,
  maxPackedBytes: 3 * 1024 * 1024,
  maxEntries: 200,
  maxGrowth: 0.25,
};

export interface LoadPolicyOptions {
  /** Repository whose committed records are read. @default the repository holding this file */
  readonly root?: string;
  /** Lockfile for the supply-chain rules: a path, or `false` for none. @default the project's package-lock.json (project policies), none (generic) */
  readonly lockfile?: string | false;
}

/** Builds a policy from the repository's committed records. */
export function loadPolicy(name: PolicyName, options: LoadPolicyOptions = {}): Policy {
  if (!POLICY_NAMES.includes(name)) throw new ReleaseError('USAGE', `unknown policy '${name}' (one of ${POLICY_NAMES.join(', ')})`);
  const root = options.root ?? REPO_ROOT;
  const project = name !== 'generic';
  const target: TargetName | undefined = project ? name : undefined;
  const expectedFilesSource = `${POLICY_DIR}/expected-files.${name}.txt`;
  const lockfilePath = options.lockfile === false ? undefined : options.lockfile ?? (project ? join(root, 'package-lock.json') : undefined);
  const manifest = project ? readJson<{ name: string }>(join(root, 'package.json'), 'package.json') : undefined;
  return {
    name,
    project,
    ...(manifest ? { packageName: manifest.name, target } : {}),
    forbidden: target ? mustNotAppear(target).map(({ text, reason }) => ({ text, reason })) : [],
    expectedFiles: project ? readExpectedFiles(join(root, expectedFilesSource)) : null,
    expectedFilesSource,
    budgets: DEFAULT_BUDGETS,
    previous: name === 'external' ? readJson<PreviousRelease>(join(root, POLICY_DIR, 'previous-release.json'), 'previous-release.json') : null,
    approvedDependencies: project ? readJson<ApprovedDependency[]>(join(root, POLICY_DIR, 'approved-dependencies.json'), 'approved-dependencies.json') : [],
    compromised: readJson<CompromisedPackage[]>(join(root, POLICY_DIR, 'compromised-packages.json'), 'compromised-packages.json'),
    ...(lockfilePath ? { lockfile: readLockfile(lockfilePath, lockfilePath.startsWith(root) ? lockfilePath.slice(root.length).replace(/^\//, '') : lockfilePath) } : {}),
    allowedRegistries: ['https://registry.npmjs.org/'],
    machinePaths: [root.replace(/\/$/, ''), homedir()].filter((p) => p.length >= 5 && p !== '/tmp'),
    allowedBuildPaths: project ? readJson<AllowedBuildPath[]>(join(root, POLICY_DIR, 'allowed-build-paths.json'), 'allowed-build-paths.json') : [],
  };
}

/** Reads an expected-files list: one tar path per line, `#` comments; `null` when the file does not exist. */
export function readExpectedFiles(file: string): string[] | null {
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

export function readLockfile(file: string, shownAs: string = file): Lockfile {
  const data = readJson<{ lockfileVersion?: number; packages?: Record<string, LockEntry> }>(file, shownAs);
  if (!data.packages || (data.lockfileVersion ?? 0) < 2) {
    throw new ReleaseError('POLICY_INVALID', `${shownAs}: not an npm v2/v3 lockfile (no "packages" map)`);
  }
  return { file: shownAs, packages: data.packages };
}

function readJson<T>(file: string, shownAs: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new ReleaseError('POLICY_INVALID', `${shownAs}: cannot read (${(error as Error).message})`, { cause: error });
  }
}
