import { buildInfo } from '../build-info/index.ts';
import { loadFeatureModules } from './feature-modules.ts';

export interface FlagsCommandOptions {
  readonly json: boolean;
  readonly stdout: { write(text: string): unknown };
}

/** One compiled-in flag as `wren flags --json` prints it. */
export interface FlagListing {
  readonly name: string;
  readonly status: string;
  readonly description: string;
  readonly provides: readonly string[];
}

/**
 * Lists the flags compiled into this artifact. The list comes from the gated
 * modules that are actually present, so it cannot claim a flag the build left
 * out; off flags are absent from the artifact and so cannot be named.
 */
export async function runFlagsCommand(options: FlagsCommandOptions): Promise<number> {
  const info = buildInfo();
  const listings: FlagListing[] = (await loadFeatureModules()).map((mod) => ({
    name: mod.flag,
    status: mod.status,
    description: info.flags[mod.flag] ?? '',
    provides: mod.provides,
  }));
  if (options.json) {
    options.stdout.write(`${JSON.stringify({ target: info.target, version: info.version, flags: listings }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...listings.map((l) => l.name.length));
  const scaffolds = listings.filter((l) => l.status === 'scaffold').length;
  options.stdout.write(`${listings.length} flags compiled into this build (${info.target}); ${scaffolds} are scaffolds\n`);
  for (const l of listings) options.stdout.write(`  ${l.name.padEnd(width)}  ${l.status.padEnd(8)}  ${l.description}\n`);
  return 0;
}
