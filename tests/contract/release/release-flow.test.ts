import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha512Integrity } from '../../../scripts/release/integrity.ts';
import { ROOT, runNpm, runProgram, runScript } from '../../support/release-run.ts';
import { startVerdaccio, type LocalRegistry } from '../../support/verdaccio.ts';

/*
 * The whole release against a real registry: Verdaccio on 127.0.0.1, started
 * by the test with no uplinks. A dry run must leave the registry empty; a real
 * run must publish bytes whose integrity the registry reports back, and the
 * package installed from it must run `wren --version`.
 */

const RELEASE = 'scripts/release/release-cli.ts';
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const BASELINE = join(ROOT, 'scripts/release/policy/previous-release.json');
/** A release builds every target from a clean copy of the tree: slow on a loaded 2-core machine. */
const BUILD_TIMEOUT = 240_000;
let registry: LocalRegistry;
let dir: string;

beforeAll(async () => {
  registry = await startVerdaccio();
  dir = mkdtempSync(join(tmpdir(), 'wren-release-flow-'));
});
afterAll(async () => {
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tgzIn = (folder: string): string => join(folder, readdirSync(folder).find((f) => f.endsWith('.tgz'))!);

describe('npm run release', () => {
  it('--dry-run: build, pack, verify, SBOM; the upload is skipped and the registry stays empty', async () => {
    const staging = join(dir, 'dry');
    const r = await runScript(RELEASE, ['--dry-run', '--registry', registry.url, '--staging', staging], { env: registry.env });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    for (const step of ['build (clean copy of the git tree)', 'pack (npm pack --json)', 'verify the tarball', 'SBOM']) expect(r.stdout).toContain(`ok  ${step}`);
    expect(r.stdout).toContain('publish skipped (dry run)');
    const report = JSON.parse(readFileSync(join(staging, 'verify-report.json'), 'utf8')) as { ok: boolean; tarball: { integrity: string } };
    expect(report.ok).toBe(true);
    expect(report.tarball.integrity).toBe(sha512Integrity(readFileSync(tgzIn(staging))));
    const sbom = JSON.parse(readFileSync(join(staging, `wren-code-${version}.cdx.json`), 'utf8')) as { bomFormat: string };
    expect(sbom.bomFormat).toBe('CycloneDX');
    const view = await runNpm(['view', 'wren-code', 'version', '--registry', registry.url], { env: registry.env });
    expect(view.code).not.toBe(0);
    expect(view.stderr).toMatch(/E404|not found/i);
  }, BUILD_TIMEOUT);

  it('publishes the verified tarball, the registry reports the same integrity, and the installed package runs', async () => {
    const baselineBefore = readFileSync(BASELINE, 'utf8');
    const staging = join(dir, 'real');
    const r = await runScript(RELEASE, ['--registry', registry.url, '--staging', staging, '--allow-dirty'], { env: registry.env });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('ok  registry serves the verified bytes');
    const verified = sha512Integrity(readFileSync(tgzIn(staging)));
    expect(r.stdout).toContain(`published wren-code@${version} to ${registry.url}: ${verified}`);

    const view = await runNpm(['view', `wren-code@${version}`, 'dist.integrity', '--registry', registry.url], { env: registry.env });
    expect(view.stdout.trim()).toBe(verified);
    const record = JSON.parse(readFileSync(join(staging, 'release-record.json'), 'utf8')) as { integrity: string; registryIntegrity: string; downloadedIntegrity: string };
    expect(record).toMatchObject({ integrity: verified, registryIntegrity: verified, downloadedIntegrity: verified });
    // A local registry's release is not "the previous release" of the public package.
    expect(readFileSync(BASELINE, 'utf8')).toBe(baselineBefore);

    const prefix = join(dir, 'prefix');
    const install = await runNpm(['install', '-g', '--prefix', prefix, `wren-code@${version}`, '--registry', registry.url, '--no-audit', '--no-fund'], { env: registry.env });
    expect(install.code, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'wren');
    expect(existsSync(bin)).toBe(true);
    const ran = await runProgram(bin, ['--version'], { cwd: dir, env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` } });
    expect(ran.stderr).toBe('');
    expect(ran.stdout.trim()).toBe(`${version} (Wren)`);

    // The same version again is refused before anything is built.
    const again = await runScript(RELEASE, ['--registry', registry.url, '--staging', join(dir, 'again'), '--allow-dirty'], { env: registry.env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[VERSION_EXISTS]');
    expect(again.stdout).not.toContain('ok  build');
  }, BUILD_TIMEOUT);
});
