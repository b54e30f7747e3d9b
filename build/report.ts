import type { BuildReport } from './build-targets.ts';

/** The per-target table the build prints, then the gated bytes per flag, then every violation. */
export function formatReport(report: BuildReport, allFlags: readonly string[]): string {
  const lines: string[] = [];
  const header = ['target', 'format', 'size', 'files', 'flags on', 'scaffolds', 'proof'];
  const rows = report.targets.map((t) => [
    t.name,
    t.format,
    formatBytes(t.bytes),
    String(t.files),
    `${t.flagsOn.length}/${allFlags.length}`,
    String(t.scaffolds.length),
    t.proof.passed ? `pass (${t.proof.checks} checks)` : `FAIL (${t.proof.violations.length} violations)`,
  ]);
  lines.push(...table([header, ...rows]), '');

  lines.push('gated bytes per flag (- = absent, proven):');
  const flagRows = allFlags.map((flag) => [
    flag,
    ...report.targets.map((t) => (t.flagsOn.includes(flag) ? `${t.gatedBytes[flag] ?? 0} B${t.scaffolds.includes(flag) ? ' (scaffold)' : ''}` : '-')),
  ]);
  lines.push(...table([['flag', ...report.targets.map((t) => t.name)], ...flagRows]).map((l) => `  ${l}`));

  const violations = report.targets.flatMap((t) => t.proof.violations);
  if (violations.length) {
    lines.push('', `${violations.length} proof violation(s):`);
    for (const v of violations) lines.push(`  [${v.target}] ${v.rule}${v.flag ? ` ${v.flag}` : ''}: ${v.message}`);
  }
  return lines.join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
