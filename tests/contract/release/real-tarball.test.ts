import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifyReportSchema } from '../../../scripts/release/report-schema.ts';
import { ROOT, runNpm, runScript } from '../../support/release-run.ts';

/*
 * The real external build (the suite runs after `npm run build`), packed by
 * npm exactly as a release packs it, must pass every rule of the external policy.
 * When this fails on shape/allowlist after a deliberate change to the build,
 * record the new file list: node scripts/release/update-expected.ts <file.tgz>.
 */

let dir: string;
let tarball: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/external/cli.js'))) throw new Error('dist/external is missing: run `npm run build` before the tests');
  dir = mkdtempSync(join(tmpdir(), 'wren-real-tarball-'));
  const packed = await runNpm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir]);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the real external tarball', () => {
  it('passes every rule (external policy, project lockfile)', async () => {
    const r = await runScript('scripts/release/verify-cli.ts', [tarball, '--json']);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(r.code).toBe(0);
    expect(report.tarball.name).toBe('wren-code');
    // Every rule ran: a clean verdict with skipped rules would prove less.
    expect(report.rules.filter((x) => x.status !== 'pass')).toEqual([]);
    expect(report.rules.length).toBeGreaterThanOrEqual(35);
  });

  it('prints the short human table ending in OK', async () => {
    const r = await runScript('scripts/release/verify-cli.ts', [tarball]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wren-code@\d+\.\d+\.\d+ /);
    expect(r.stdout).toMatch(/^OK: \d+ passed, 0 failed, 0 skipped, 0 violation\(s\)/m);
  });
});
