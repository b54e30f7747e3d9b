/** The build targets. Every flag states a value for each, with no default. */
export const TARGET_NAMES = ['external', 'internal', 'native'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** Targets the public can get; an ant-stage flag may never be on in one. */
export const PUBLIC_TARGETS: readonly TargetName[] = ['external', 'native'];

/**
 * - ga: shipped everywhere.
 * - native: only in the native binary (and internal).
 * - unshipped: built and tested, internal only.
 * - ant: internal-only by policy; the build refuses it on in a public target.
 */
export const STAGES = ['ga', 'native', 'unshipped', 'ant'] as const;
export type Stage = (typeof STAGES)[number];

/** One compile-time flag, as data. */
export interface FlagDefinition {
  /** One line: what the flag gates. */
  readonly description: string;
  readonly stage: Stage;
  /** Whether the flag is compiled in, per target. `-?` in the mapped type: no target may be left out. */
  readonly targets: { readonly [T in TargetName]-?: boolean };
  /** Flags that must be on in every target where this one is on. */
  readonly requires: readonly string[];
  /** Paths under `src/` (files or folders) that hold the gated code and nothing else. */
  readonly ownedPaths: readonly string[];
  /** Distinctive strings from the gated code; a build with the flag off contains none of them. */
  readonly markers: readonly string[];
}
