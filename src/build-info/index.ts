import { readFileSync } from 'node:fs';
import { FLAGS, FLAG_NAMES } from '../../flags/registry.ts';
import type { TargetName } from '../../flags/types.ts';
import { devTarget } from '../feature/index.ts';

/** Facts about the artifact this code runs in. */
export interface BuildInfo {
  readonly version: string;
  readonly target: TargetName | 'dev';
  /** The flags compiled into this artifact, name -> one-line description: on flags only. */
  readonly flags: Readonly<Record<string, string>>;
}

let cached: BuildInfo | undefined;

/**
 * Unbundled implementation. A build replaces this whole module with a generated
 * one holding literals (build/build-info-module.ts), so none of the registry
 * reaches an artifact: only the on flags' descriptions do.
 */
export function buildInfo(): BuildInfo {
  cached ??= {
    version: (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
    target: 'dev',
    flags: Object.fromEntries(FLAG_NAMES.filter((name) => FLAGS[name].targets[devTarget()]).map((name) => [name, FLAGS[name].description])),
  };
  return cached;
}
