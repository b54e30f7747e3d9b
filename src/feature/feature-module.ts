import type { FlagName } from '../../flags/registry.ts';

/**
 * - scaffold: the gate point and its module exist; the feature itself does not yet.
 * - ready: the feature is built and tested.
 */
export type FeatureStatus = 'scaffold' | 'ready';

/** What every flag's gated module exports as `featureModule`, so a build can say what it holds. */
export interface FeatureModule {
  readonly flag: FlagName;
  readonly status: FeatureStatus;
  /** Names the feature introduces (tools, settings keys, commands): the flag's markers. */
  readonly provides: readonly string[];
}
