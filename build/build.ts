import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAGS, FLAG_NAMES } from '../flags/registry.ts';
import { FORBIDDEN_STRINGS } from '../flags/forbidden.ts';
import { validateRegistry } from '../flags/validate.ts';
import { BUILD_INFO_MODULE } from './build-info-module.ts';
import { buildTargets } from './build-targets.ts';
import { checkSourceTree, formatUsageProblem } from './check-source.ts';
import { formatReport } from './report.ts';
import { TARGETS } from './targets.ts';

/*
 * `npm run build`: refuse a bad registry, refuse bad flag usage anywhere in
 * src/, build every target, prove every target, write dist/build-report.json,
 * print the table. Any refusal or failed proof exits non-zero.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

function fail(title: string, lines: readonly string[]): never {
  process.stderr.write(`build refused: ${title}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  process.exit(1);
}

const registryProblems = validateRegistry(FLAGS, root);
if (registryProblems.length) {
  fail('the flag registry (flags/registry.ts) is invalid', registryProblems.map((p) => `[${p.code}] ${p.message}; fix: ${p.fix}`));
}

const usageProblems = checkSourceTree({ root, flags: FLAGS }, new Set([BUILD_INFO_MODULE]));
if (usageProblems.length) fail('flags are used in ways the build cannot prove', usageProblems.map(formatUsageProblem));

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const started = performance.now();
let report;
try {
  report = await buildTargets({ root, flags: FLAGS, forbidden: FORBIDDEN_STRINGS, targets: TARGETS, version, smoke: true });
} catch (error) {
  // esbuild's errors (including the flags plugin's refusals) carry their own locations.
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
  if (!errors) throw error;
  fail('esbuild failed', errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)));
}
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'build-report.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`wren ${version}: built ${report.targets.length} targets in ${Math.round(performance.now() - started)} ms\n\n`);
process.stdout.write(`${formatReport(report, FLAG_NAMES)}\n`);
if (!report.ok) {
  process.stderr.write('\nbuild failed: a dead-code proof did not hold (see the violations above)\n');
  process.exit(1);
}
