import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTree, copyTree, packTree, readManifest } from './clean-tree.ts';
import { ReleaseError } from './errors.ts';
import { sha512Integrity } from './integrity.ts';
import { npm, run } from './npm.ts';
import { loadPolicy, POLICY_DIR, readLockfile, type PreviousRelease } from './policy.ts';
import { confirmPublished, effectiveRegistry, PUBLIC_REGISTRY, versionExists, type ConfirmOptions } from './registry.ts';
import { formatReport } from './report.ts';
import { runtimeDependencies } from './rules/manifest.ts';
import type { Manifest } from './rules/types.ts';
import { readTarball } from './tarball.ts';
import { verifyTarball, type VerifyReport } from './verify.ts';

/** Options of `npm run release`. */
export interface ReleaseOptions {
  /** The repository to release. */
  readonly root: string;
  /** Everything but the upload (and the records a real publish writes). @default false */
  readonly dryRun?: boolean;
  /** Registry to check and publish to; npm's configured registry when absent. */
  readonly registry?: string;
  /** @default 'latest' */
  readonly tag?: string;
  /** Where the tarball, report, SBOM and record go. @default <root>/.cache/release/<name>-<version> */
  readonly staging?: string;
  /** Release from a tree with uncommitted changes (a dry run only warns). @default false */
  readonly allowDirty?: boolean;
  /** Environment for npm (a test's userconfig, for instance). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Registry confirmation retries. */
  readonly confirm?: Pick<ConfirmOptions, 'attempts' | 'delayMs'>;
  readonly log?: (line: string) => void;
}

/** What a release did. */
export interface ReleaseResult {
  readonly name: string;
  readonly version: string;
  readonly tarball: string;
  readonly integrity: string;
  readonly registry: string;
  readonly published: boolean;
  readonly sbom: string;
  readonly report: VerifyReport;
}

/** Changeset files not yet consumed by `changeset version`. */
export function pendingChangesets(root: string): string[] {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md').sort();
}

/** The package.json inside the published bytes (the record describes what shipped, not the tree). */
async function publishedManifest(bytes: Buffer): Promise<Manifest> {
  const entry = (await readTarball(bytes)).entries.find((e) => e.path === 'package/package.json');
  return JSON.parse(entry!.data.toString('utf8')) as Manifest;
}

/** The staging folder: ours by default (emptied), or the caller's, which must be new or empty (never deleted). */
function prepareStaging(given: string | undefined, fallback: string): string {
  if (given) {
    if (existsSync(given) && readdirSync(given).length) throw new ReleaseError('USAGE', `--staging ${given} is not empty`);
    mkdirSync(given, { recursive: true });
    return given;
  }
  rmSync(fallback, { recursive: true, force: true });
  mkdirSync(fallback, { recursive: true });
  return fallback;
}

/**
 * build -> pack -> verify -> publish that exact tarball -> confirm the registry
 * serves the same bytes. Each step logs one line; any failure throws a
 * ReleaseError with a stable code and nothing after it runs.
 */
export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = options.env ?? process.env;
  const dryRun = options.dryRun ?? false;
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    log(`  ok  ${name} (${Math.round(performance.now() - started)} ms)`);
    return value;
  };
  const { name, version } = readManifest(options.root);
  log(`release ${name}@${version}${dryRun ? ' (dry run: no upload)' : ''}`);

  await step('preflight: no pending changesets, tree state', async () => {
    const pending = pendingChangesets(options.root);
    if (pending.length) {
      throw new ReleaseError('PENDING_CHANGESETS', `${pending.length} changeset(s) not yet applied (${pending.join(', ')}): run \`npm run changeset -- version\`, review and commit, then release`);
    }
    const status = await run('git', ['-C', options.root, 'status', '--porcelain'], { cwd: options.root });
    if (status.stdout.trim()) {
      const note = `the working tree has uncommitted changes:\n${status.stdout.trimEnd().split('\n').slice(0, 10).join('\n')}`;
      if (!dryRun && !options.allowDirty) throw new ReleaseError('DIRTY_TREE', `${note}\ncommit first (or pass --allow-dirty)`);
      log(`  warn ${note.split('\n')[0]}`);
    }
  });

  const registry = await effectiveRegistry({ cwd: options.root, env, ...(options.registry ? { registry: options.registry } : {}) });
  await step(`registry: ${name}@${version} not yet on ${registry}`, async () => {
    const exists = await versionExists(`${name}@${version}`, { cwd: options.root, registry, env });
    if (exists === true) throw new ReleaseError('VERSION_EXISTS', `${name}@${version} is already on ${registry}: bump the version (npm run changeset -- version)`);
    if (typeof exists === 'object') {
      if (!dryRun) throw new ReleaseError('COMMAND_FAILED', `cannot ask ${registry} about ${name}@${version}: ${exists.error}`);
      log(`  warn cannot reach ${registry} (${exists.error.split('\n')[0]}); a real release would stop here`);
    }
  });

  const staging = prepareStaging(options.staging, join(options.root, '.cache', 'release', `${name}-${version}`));
  const work = mkdtempSync(join(tmpdir(), 'wren-release-'));
  // Named after the package: npm sbom names the component after its folder.
  const tree = join(work, name.replace(/^@/, '').replace(/\//g, '-'));
  try {
    await step('build (clean copy of the git tree)', async () => {
      await copyTree(options.root, tree);
      await buildTree(tree);
    });
    const packed = await step('pack (npm pack --json)', () => packTree(tree, staging));
    if (packed.name !== name || packed.version !== version) {
      throw new ReleaseError('VERIFY_FAILED', `npm packed ${packed.name}@${packed.version}, expected ${name}@${version}`);
    }

    // From here on, the bytes in memory are the release: verified, hashed, written out and published.
    const bytes = readFileSync(packed.file);
    const integrity = sha512Integrity(bytes);
    const report = await step('verify the tarball', async () => {
      if (integrity !== packed.integrity) {
        throw new ReleaseError('INTEGRITY_MISMATCH', `npm pack reported ${packed.integrity} but the file hashes to ${integrity}`);
      }
      const base = loadPolicy('external', { root: options.root });
      const policy = {
        ...base,
        lockfile: readLockfile(join(tree, 'package-lock.json'), 'package-lock.json'),
        // The folder the build really ran in is a build-machine path too.
        machinePaths: [...base.machinePaths, tree],
      };
      const verified = await verifyTarball(bytes, { policy, file: packed.file });
      writeFileSync(join(staging, 'verify-report.json'), `${JSON.stringify(verified, null, 2)}\n`);
      if (!verified.ok) {
        log(formatReport(verified));
        throw new ReleaseError('VERIFY_FAILED', `the tarball failed verification (${verified.summary.violations} violation(s)); nothing was published`);
      }
      return verified;
    });
    log(`      ${integrity}`);

    const sbom = join(staging, `${name}-${version}.cdx.json`);
    await step('SBOM (npm sbom, CycloneDX)', async () => {
      const result = await npm(['sbom', '--sbom-format', 'cyclonedx', '--package-lock-only'], { cwd: tree, env });
      writeFileSync(sbom, result.stdout);
    });

    const result: ReleaseResult = { name, version, tarball: packed.file, integrity, registry, published: !dryRun, sbom, report };
    if (dryRun) {
      log(`  --  publish skipped (dry run): would run npm publish ${packed.file} --registry ${registry} --tag ${options.tag ?? 'latest'}`);
      log(`dry run complete: ${packed.file} verified (${report.summary.passed} rules passed)`);
      return result;
    }

    await step('publish the verified bytes', async () => {
      // Publish a private copy written from the verified bytes, hashed again right before upload.
      const upload = join(mkdtempSync(join(work, 'upload-')), `${name}-${version}.tgz`);
      writeFileSync(upload, bytes, { flag: 'wx', mode: 0o600 });
      const again = sha512Integrity(readFileSync(upload));
      if (again !== integrity) throw new ReleaseError('INTEGRITY_MISMATCH', `upload copy hashes to ${again}, verified ${integrity}`);
      await npm(['publish', upload, '--ignore-scripts', '--tag', options.tag ?? 'latest', '--registry', registry], { cwd: work, env });
    });
    const confirmed = await step('registry serves the verified bytes (dist.integrity and download)', () =>
      confirmPublished(`${name}@${version}`, integrity, { cwd: work, registry, env, ...options.confirm }));

    const record: PreviousRelease = {
      version,
      integrity,
      packedSize: report.tarball.packedSize,
      unpackedSize: report.tarball.unpackedSize,
      dependencies: Object.fromEntries(runtimeDependencies(await publishedManifest(bytes))),
    };
    writeFileSync(join(staging, 'release-record.json'), `${JSON.stringify({ name, registry, publishedAt: new Date().toISOString(), ...confirmed, ...record }, null, 2)}\n`);
    if (registry === PUBLIC_REGISTRY) {
      writeFileSync(join(options.root, POLICY_DIR, 'previous-release.json'), `${JSON.stringify(record, null, 2)}\n`);
      log(`  ok  recorded in ${POLICY_DIR}/previous-release.json: commit it`);
    }
    log(`published ${name}@${version} to ${registry}: ${integrity}`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
