import { FLAGS, type FlagName } from '../../flags/registry.ts';
import { TARGET_NAMES, type TargetName } from '../../flags/types.ts';

export type { FeatureModule, FeatureStatus } from './feature-module.ts';

/**
 * Whether a compile-time flag is on: `if (feature('KAIROS')) { await import(...) }`.
 *
 * In a build, every call is replaced by the literal `true` or `false` of the
 * target being built (build/flag-usage.ts) and this module is never bundled,
 * so the gated branch, and the module it imports, drop out of the artifact.
 * Unbundled (tests, `npm run dev`) it reads the profile named by `WREN_TARGET`
 * (external, internal or native; default internal).
 *
 * The build accepts a call only as the whole condition of an `if`, a ternary,
 * or an `&&`: a flag is never stored, negated, exported or passed around.
 */
export function feature(name: FlagName): boolean {
  return FLAGS[name].targets[devTarget()];
}

/** The target profile an unbundled run reads (tests, dev runs). */
export function devTarget(): TargetName {
  const target = process.env['WREN_TARGET'] ?? 'internal';
  if (!(TARGET_NAMES as readonly string[]).includes(target)) {
    throw new Error(`WREN_TARGET must be one of ${TARGET_NAMES.join(', ')}, not '${target}'`);
  }
  return target as TargetName;
}
