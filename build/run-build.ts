import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlagDefinition } from '../flags/types.ts';
import { validateRegistry } from '../flags/validate.ts';
import { BUILD_INFO_MODULE } from './build-info-module.ts';
import { buildTargets, type BuildReport } from './build-targets.ts';
import { checkSourceTree, formatUsageProblem } from './check-source.ts';
import { formatReport } from './report.ts';
import type { BuildTarget } from './targets.ts';

export interface RunBuildOptions {
  readonly root: string;
  readonly flags: Readonly<Record<string, FlagDefinition>>;
  readonly forbidden: readonly string[];
  readonly targets: readonly BuildTarget[];
  readonly version: string;
  /** Run each built CLI's `flags --json` (the real CLI has it; fixture projects do not). */
  readonly smoke: boolean;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * The whole build, as `npm run build` runs it: refuse a bad registry, refuse
 * flag usage the build cannot prove anywhere in src/, build every target,
 * prove every target, write `dist/build-report.json`, print the table.
 * Returns the exit code: 0 only when every refusal check and proof passed.
 */
export async function runBuild(options: RunBuildOptions): Promise<{ code: number; report?: BuildReport }> {
  const { root, flags, stdout, stderr } = options;
  const refuse = (title: string, lines: readonly string[]): { code: number } => {
    stderr.write(`build refused: ${title}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
    return { code: 1 };
  };

  const registryProblems = validateRegistry(flags, root);
  if (registryProblems.length) {
    return refuse('the flag registry (flags/registry.ts) is invalid', registryProblems.map((p) => `[${p.code}] ${p.message}; fix: ${p.fix}`));
  }
  const usageProblems = checkSourceTree({ root, flags }, new Set([BUILD_INFO_MODULE]));
  if (usageProblems.length) return refuse('flags are used in ways the build cannot prove', usageProblems.map(formatUsageProblem));

  const started = performance.now();
  let report: BuildReport;
  try {
    report = await buildTargets({ root, flags, forbidden: options.forbidden, targets: options.targets, version: options.version, smoke: options.smoke });
  } catch (error) {
    // esbuild's failures (the flags plugin's refusals among them) carry their own locations.
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    if (!errors) throw error;
    return refuse('esbuild failed', errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)));
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'build-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  stdout.write(`wren ${options.version}: built ${report.targets.length} targets in ${Math.round(performance.now() - started)} ms\n\n`);
  stdout.write(`${formatReport(report, Object.keys(flags))}\n`);
  if (!report.ok) {
    stderr.write('\nbuild failed: a dead-code proof did not hold (see the violations above)\n');
    return { code: 1, report };
  }
  return { code: 0, report };
}
