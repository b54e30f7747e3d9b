import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ReleaseError } from './errors.ts';
import { sha512Integrity } from './integrity.ts';
import { loadPolicy, POLICY_NAMES, REPO_ROOT, type PolicyName } from './policy.ts';
import { rebuild } from './rebuild.ts';
import { formatReport, type RebuildResult } from './report.ts';
import { verifyTarball, type VerifyReport } from './verify.ts';

/*
 * `npm run release:verify -- <file.tgz> [--json] [--policy external|internal|generic]
 *   [--only <ids,families>] [--lockfile <path> | --no-lockfile] [--rebuild]`
 * Exit 0: every rule passed. 1: violations (or not reproducible). 2: usage or unreadable input.
 */

interface CliOptions {
  json?: boolean;
  policy: PolicyName;
  only?: string;
  lockfile?: string | false;
  rebuild?: boolean;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('release:verify')
    .description('Verify an npm tarball from its bytes; exit 0 only when every rule passes.')
    .argument('[file.tgz]', 'the tarball to verify (optional with --rebuild)')
    .option('--json', 'print the report as JSON (schema: scripts/release/report.schema.json)')
    .addOption(new Option('--policy <name>', 'external: this package; internal: the internal target; generic: any npm tarball').choices(POLICY_NAMES).default('external'))
    .option('--only <rules>', 'comma-separated rule ids or families (shape, maps, source, secrets, internal, manifest, supply-chain)')
    .option('--lockfile <path>', 'lockfile for the supply-chain rules (default: this project\'s, for project policies)')
    .option('--no-lockfile', 'skip the lockfile rules')
    .option('--rebuild', 'build twice from a clean tree and require identical integrity (and equal to file.tgz when given)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const options = program.opts<CliOptions>();
  // `npm run` starts us in the package root; paths are meant relative to where the user typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const file = program.args[0] === undefined ? undefined : resolve(cwd, program.args[0]);
  if (!file && !options.rebuild) throw new ReleaseError('USAGE', 'give the tarball to verify (or --rebuild to build one)');

  const policy = loadPolicy(options.policy, options.lockfile === undefined ? {} : { lockfile: options.lockfile === false ? false : resolve(cwd, options.lockfile) });
  let bytes: Buffer | undefined;
  if (file) {
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new ReleaseError('TARBALL_UNREADABLE', `cannot read ${file}: ${(error as Error).message}`);
    }
  }
  let rebuilt: RebuildResult | undefined;
  let shownFile = file;
  if (options.rebuild) {
    const log = options.json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    const { packs, ...result } = await rebuild({ root: REPO_ROOT, ...(bytes ? { against: sha512Integrity(bytes) } : {}), ...(log ? { log } : {}) });
    rebuilt = result;
    if (!bytes) { bytes = readFileSync(packs[0]!.file); shownFile = packs[0]!.file; }
  }
  const only = options.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const report = await verifyTarball(bytes!, { policy, file: shownFile ?? '(rebuild)', ...(only ? { only } : {}) });
  const ok = report.ok && (!rebuilt || (rebuilt.identical && rebuilt.matchesInput !== false));
  const full: VerifyReport & { rebuild?: RebuildResult } = { ...report, ok, ...(rebuilt ? { rebuild: rebuilt } : {}) };
  process.stdout.write(options.json ? `${JSON.stringify(full, null, 2)}\n` : `${formatReport(report, rebuilt)}\n`);
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof ReleaseError) {
      process.stderr.write(`release:verify: ${error.message}\n`);
      process.exitCode = error.code === 'USAGE' || error.code === 'TARBALL_UNREADABLE' || error.code === 'POLICY_INVALID' ? 2 : 1;
    } else {
      process.stderr.write(`release:verify: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  },
);
