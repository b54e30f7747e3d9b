import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { VerifyReportSchema } from '../../../scripts/release/report-schema.ts';
import { basePackage } from '../../support/release-corpus.ts';
import { runScript } from '../../support/release-run.ts';
import { makeTgz } from '../../support/release-tarball.ts';

/*
 * `release:verify --rebuild`: two builds from clean copies of the tree (in
 * different folders) must pack to the same sha512, and a tarball given on the
 * command line must equal them. Here the given tarball is a foreign one, so the
 * builds agree with each other and not with it, and the verdict is a refusal.
 */
it('--rebuild: clean builds are identical, and a tarball that is not theirs is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wren-rebuild-test-'));
  try {
    const foreign = join(dir, 'foreign.tgz');
    writeFileSync(foreign, makeTgz(basePackage()));
    const r = await runScript('scripts/release/verify-cli.ts', [foreign, '--rebuild', '--json', '--policy', 'generic', '--only', 'shape']);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    expect(report.summary.failed).toBe(0);
    expect(report.rebuild!.builds).toHaveLength(2);
    expect(report.rebuild!.builds[0]!.integrity).toMatch(/^sha512-/);
    expect(report.rebuild!.builds[1]!.integrity).toBe(report.rebuild!.builds[0]!.integrity);
    expect(report.rebuild!.identical).toBe(true);
    expect(report.rebuild!.matchesInput).toBe(false);
    expect(report.ok).toBe(false);
    expect(r.code).toBe(1);
    for (const b of report.rebuild!.builds) rmSync(join(b.file, '..', '..'), { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
