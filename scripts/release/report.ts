import type { VerifyReport } from './verify.ts';

const size = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);

/** Reproducibility outcome, printed with the report when `--rebuild` ran. */
export interface RebuildResult {
  readonly builds: readonly { readonly file: string; readonly integrity: string }[];
  readonly identical: boolean;
  /** Whether the tarball given on the command line matches the rebuilds (absent when none was given). */
  readonly matchesInput?: boolean;
}

/**
 * The human report: what was checked, a table of rules and their result, then
 * every violation with its file, excerpt and fix. Strings in the report are
 * already redacted by the verifier.
 */
export function formatReport(report: VerifyReport, rebuild?: RebuildResult): string {
  const t = report.tarball;
  const lines: string[] = [];
  const id = t.name ? `${t.name}@${t.version ?? '?'}` : '(no package.json)';
  lines.push(`${id}  ${t.file}`);
  lines.push(`  ${t.integrity.slice(0, 30)}…  ${size(t.packedSize)} packed, ${size(t.unpackedSize)} unpacked, ${t.entries} entries, policy ${report.policy}`);
  lines.push('');
  const width = Math.max(...report.rules.map((r) => r.id.length), 4);
  lines.push(`  ${'rule'.padEnd(width)}  result`);
  for (const r of report.rules) {
    const result = r.status === 'fail' ? `FAIL (${r.violations})` : r.status === 'skip' ? `skip: ${r.skipped}` : 'pass';
    lines.push(`  ${r.id.padEnd(width)}  ${result}`);
  }
  if (report.violations.length) {
    lines.push('', `${report.violations.length} violation(s):`);
    for (const v of report.violations) {
      lines.push('', `  [${v.rule}] ${v.file}`);
      lines.push(`    ${v.message}`);
      if (v.excerpt) lines.push(`    ${v.excerpt}`);
      lines.push(`    fix: ${v.fix}`);
    }
  }
  if (rebuild) {
    lines.push('', `reproducibility: ${rebuild.builds.length} clean builds -> ${rebuild.identical ? 'identical' : 'DIFFERENT'} integrity`);
    for (const b of rebuild.builds) lines.push(`  ${b.integrity}  ${b.file}`);
    if (rebuild.matchesInput !== undefined) lines.push(`  the given tarball ${rebuild.matchesInput ? 'matches' : 'does NOT match'} the rebuilds`);
  }
  const s = report.summary;
  const verdict = report.ok && (!rebuild || (rebuild.identical && rebuild.matchesInput !== false)) ? 'OK' : 'REFUSED';
  lines.push('', `${verdict}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.violations} violation(s) in ${report.durationMs} ms`);
  return lines.join('\n');
}
