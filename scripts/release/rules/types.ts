import type { View } from '../content.ts';
import type { Policy } from '../policy.ts';
import type { ParsedTarball, TarEntry } from '../tarball.ts';

/** Rule families; `--only` accepts a family name for all of its rules. */
export const RULE_FAMILIES = ['shape', 'maps', 'source', 'secrets', 'internal', 'manifest', 'supply-chain'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** One thing a rule found wrong. Excerpts are redacted before they leave the verifier. */
export interface Finding {
  /** The tar path (or the lockfile, or `(archive)`) the problem is in. */
  readonly file: string;
  /** The offending text, shortened; where in the file it sits when that helps. */
  readonly excerpt?: string;
  readonly message: string;
  /** Overrides the rule's generic fix when this finding needs a more precise one. */
  readonly fix?: string;
}

/** The root package.json of the tarball, as far as the rules read it. */
export interface Manifest {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly bin?: unknown;
  readonly files?: unknown;
  readonly scripts?: unknown;
  readonly dependencies?: unknown;
  readonly optionalDependencies?: unknown;
  readonly peerDependencies?: unknown;
  readonly devDependencies?: unknown;
  readonly bundleDependencies?: unknown;
  readonly bundledDependencies?: unknown;
  readonly [key: string]: unknown;
}

/** What every rule may read: the tarball's bytes, parsed once, and the policy. Never the source tree. */
export interface RuleContext {
  readonly tarball: ParsedTarball;
  readonly policy: Policy;
  /** Regular files, in archive order. */
  readonly files: readonly TarEntry[];
  /** The first path segment shared by the entries (`package`), if there is one. */
  readonly root: string | undefined;
  /** The root package.json's tar path and parsed content (undefined if missing or not JSON). */
  readonly manifestPath: string;
  readonly manifest: Manifest | undefined;
  /** Raw and decoded views of a file (computed once, shared by all content rules). */
  views(entry: TarEntry): readonly View[];
  /** A file's path below the root folder (`dist/external/cli.js`). */
  relative(entry: TarEntry): string;
}

/**
 * One verifier rule: one function with an id, a title, the reason it exists
 * and the fix to apply. Rules return findings; they never throw for a bad package.
 */
export interface Rule {
  /** `family/name`, stable: CI configurations and `--only` refer to it. */
  readonly id: string;
  readonly family: RuleFamily;
  readonly title: string;
  /** Why the rule exists (the incident or risk behind it). */
  readonly reason: string;
  /** What to do when it fails. */
  readonly fix: string;
  /** `project`: needs this repository's committed records, so `--policy generic` skips it. */
  readonly scope: 'any' | 'project';
  /** Reads the lockfile: skipped when the policy has none. */
  readonly needsLockfile?: boolean;
  readonly run: (ctx: RuleContext) => Finding[] | Promise<Finding[]>;
}
