import { resolve } from 'node:path';
import { Command } from 'commander';
import { ReleaseError } from './errors.ts';
import { release } from './flow.ts';
import { REPO_ROOT } from './policy.ts';

/*
 * `npm run release -- [--dry-run] [--registry <url>] [--tag <tag>] [--staging <dir>] [--allow-dirty]`
 * The only way wren-code is published: build from a clean copy of the tree,
 * npm pack, verify the tarball, publish exactly those bytes, then confirm the
 * registry serves them. Exit 0: released (or dry run clean). 1: refused or failed. 2: usage.
 */

interface CliOptions {
  dryRun?: boolean;
  registry?: string;
  tag?: string;
  staging?: string;
  allowDirty?: boolean;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('release')
    .description('Build, pack, verify and publish the verified tarball of wren-code.')
    .option('--dry-run', 'do everything but the upload')
    .option('--registry <url>', 'registry to check and publish to (default: npm\'s configured registry)')
    .option('--tag <tag>', 'dist-tag to publish under', 'latest')
    .option('--staging <dir>', 'where the tarball, report, SBOM and record are written (default: .cache/release/<name>-<version>)')
    .option('--allow-dirty', 'publish from a tree with uncommitted changes')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const o = program.opts<CliOptions>();
  if (o.registry && !/^https?:\/\//.test(o.registry)) throw new ReleaseError('USAGE', `--registry must be an http(s) URL, got '${o.registry}'`);
  await release({
    root: REPO_ROOT,
    dryRun: o.dryRun ?? false,
    allowDirty: o.allowDirty ?? false,
    ...(o.registry ? { registry: o.registry } : {}),
    ...(o.tag ? { tag: o.tag } : {}),
    // `npm run` starts us in the package root; a relative --staging is meant from where the user typed it.
    ...(o.staging ? { staging: resolve(process.env.INIT_CWD ?? process.cwd(), o.staging) } : {}),
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof ReleaseError) {
      process.stderr.write(`release refused [${error.code}]: ${error.message}\n`);
      process.exitCode = error.code === 'USAGE' ? 2 : 1;
    } else {
      process.stderr.write(`release: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
